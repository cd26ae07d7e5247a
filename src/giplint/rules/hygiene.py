"""GIP7xx: text hygiene. Conversion leftovers, placeholders, typos and copied wording.

These rules scan prose, titles, headings, the closing block and the label text of table lines;
value cells are numbers and are left to GIP2xx. Patterns and word lists are data, in
``rules/hygiene.toml``. Every finding points at the exact characters in the original line.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from typing import Any

from giplint import lazyregex
from giplint.diagnostics import INFO, WARNING, Diagnostic, Message, Span
from giplint.model import Line, Paragraph, Report
from giplint.resources import load_toml
from giplint.rule import Rule
from giplint.rules.content import Joined, mask_titles, report_lines

TEXT_KINDS = frozenset("THSPK")  # title, heading, sub-heading, prose, closing block
TABLE_KINDS = frozenset("COR")  # layout-A cell, its continuation, layout-B row

_CJK_CHAR = "\u4e00-\u9fff"
_CJK = lazyregex.compile(f"[{_CJK_CHAR}]")
_ASCII_LETTER = lazyregex.compile(r"[A-Za-z_]")

# URLs, e-mail addresses and bare domains: ASCII text in which xx, a colon or a parenthesis is
# not a placeholder or a punctuation slip (``xxgknb`` in a URL).
_ADDRESS = lazyregex.compile(
    r"(?:https?|ftp)://[^\s<>\"'，。；、（）()" + _CJK_CHAR + r"]{1,400}"
    r"|www\.[^\s<>\"'，。；、（）()" + _CJK_CHAR + r"]{1,400}"
    r"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}"
    r"|(?<![A-Za-z0-9.-])[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,7}\.[A-Za-z]{2,24}"
)


def mask_addresses(text: str) -> str:
    """``text`` with URLs, e-mail addresses and domain names blanked, offsets unchanged."""
    return _ADDRESS.sub(lambda m: " " * len(m.group()), text)


def text_segments(report: Report) -> Iterator[tuple[Line, int, int]]:
    """``(line, start, end)`` for every stretch of text a hygiene rule reads: whole text lines,
    and the TAB-separated fields of table lines that hold Chinese text (labels, not values)."""
    for line in report.lines:
        yield from line_segments(line)


def line_segments(line: Line) -> list[tuple[Line, int, int]]:
    """The text segments of one line."""
    if line.kind in TEXT_KINDS:
        return [(line, 0, len(line.text))] if line.text.strip() else []
    if line.kind not in TABLE_KINDS:
        return []
    out, pos = [], 0
    for field in line.text.split("\t"):
        if field and not field.isascii() and _CJK.search(field):  # isascii(): a number, quickly
            out.append((line, pos, pos + len(field)))
        pos += len(field) + 1
    return out


def _segment_candidates(
    report: Report, pattern: re.Pattern[str], hints: tuple[str, ...] = ()
) -> Iterator[tuple[Line, int, int]]:
    """The segments ``pattern`` may match in. The search runs over whole lines: a match inside a
    segment is also one inside its line, as long as the pattern treats a TAB like the edge of
    the text, and splitting into segments costs more than the search on the rare lines it hits.
    """
    for i in report_lines(report).candidates(pattern, hints):
        yield from line_segments(report.lines[i])


def _paragraphs(report: Report) -> tuple[list[Paragraph], Joined]:
    """``report.paragraphs()`` and their lines joined, once per report."""
    return report.derived("hygiene.paragraphs", _compute_paragraphs)


def _compute_paragraphs(report: Report) -> tuple[list[Paragraph], Joined]:
    paragraphs = report.paragraphs()
    return paragraphs, Joined.of(p.line.text for p in paragraphs)


def prose_lines(report: Report) -> list[Line]:
    return [p.line for p in _paragraphs(report)[0] if p.line.text.strip()]


def _prose_candidates(report: Report, pattern: re.Pattern[str], hints: tuple[str, ...] = ()) -> list[Line]:
    """The non-blank prose lines ``pattern`` may match in (see :meth:`Joined.candidates`)."""
    paragraphs, joined = _paragraphs(report)
    return [paragraphs[i].line for i in joined.candidates(pattern, hints) if paragraphs[i].line.text.strip()]


# Gates: what lets the rules skip, at C speed, the lines a pattern of rules/hygiene.toml cannot
# match. Hints are substrings one of which every match contains, mostly single characters (a
# one-character `in` test costs a tenth of a microsecond on a whole report, a longer non-ASCII
# one thirty times more); a gate pattern matches wherever the real one does and starts with a
# literal or a character class, which the regex engine scans for quickly (an alternation of
# lookbehinds or repeats is tried at every character). Keep them in step with hygiene.toml; the
# rules themselves still run the real patterns on what passes.
_RESIDUE_HINTS = ("[", "_", "<", "&", "{", "MERGEFORMAT", "PAGEREF", "HYPERLINK", "TOC")
_MARKDOWN_HINTS = ("*", "_", "#", "]", "<")
# where a hint occurs, the lines holding one are found by the hints themselves, not by the
# residue or Markdown alternations (which try every branch at every character)
_RESIDUE_GATE = lazyregex.compile("|".join(map(re.escape, _RESIDUE_HINTS)))
_MARKDOWN_GATE = lazyregex.compile("|".join(map(re.escape, _MARKDOWN_HINTS)))
_TABLE_RULE = lazyregex.compile("---")  # every |---| rule line holds it
_PLACEHOLDER_GATES = (  # one per kind of [placeholders]
    (lazyregex.compile("[XxＸｘ][XxＸｘ]"), ("X", "x", "Ｘ", "ｘ")),
    (lazyregex.compile("××"), ("×",)),
    (lazyregex.compile("[○◯][○◯]"), ("○", "◯")),
    (lazyregex.compile("填写|[\\[【]"), ("填", "[", "【")),  # bracketed: 填写 inside, or [ / 【 first
)
_ENUMERATOR_GATE = lazyregex.compile("[一二三四五六七八九十][是要，、,：:]")  # the ordinal, then what ends it
_ASCII_PUNCT_GATE = lazyregex.compile(f"[,;:()](?:(?<=[{_CJK_CHAR}].)|(?=[{_CJK_CHAR}]))")  # = _ASCII_PUNCT


@functools.cache
def _hygiene() -> dict[str, Any]:
    return load_toml("hygiene.toml")


def _alternation(entries: list[dict[str, Any]]) -> re.Pattern[str]:
    """One regex over all ``entries``; ``m.lastgroup`` (``g3``) tells which entry matched."""
    return lazyregex.compile(
        "|".join(f"(?P<g{i}>{e['pattern']})" for i, e in enumerate(entries)), re.MULTILINE
    )


@functools.cache
def _residue() -> re.Pattern[str]:
    return _alternation(_hygiene()["residue"])


@functools.cache
def _markdown() -> re.Pattern[str]:
    return _alternation(_hygiene()["markdown"])


def _what(entries: list[dict[str, Any]], m: re.Match[str]) -> str:
    return str(entries[int((m.lastgroup or "g0")[1:])]["what"])


class ConversionResidue(Rule):
    """The text carries no leftovers of document conversion.

    Why: ``[bookmark: _GoBack]``, ``<!--[if !supportLists]-->``, ``&nbsp;`` or a Word field code in
    a published report show that it was pasted from another format without proofreading. One
    finding per occurrence.

    Source: published text must be clean [derived].

    Fails: ``[bookmark: _GoBack]2024年，我局政府信息公开工作…``

    Passes: the same sentence without the bookmark.
    """

    code = "GIP701"
    name = "conversion-residue"
    severity = WARNING
    message = Message(
        zh="转换残留（{what}）：“{text}”",
        en="Conversion residue ({what}): “{text}”",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        entries = _hygiene()["residue"]
        for i in report_lines(report).candidates(_RESIDUE_GATE, _RESIDUE_HINTS):
            line = report.lines[i]
            for m in _residue().finditer(line.text):
                yield self.at(line.span(m.start(), m.end()), what=_what(entries, m), text=m.group())


class MarkdownResidue(Rule):
    """The text carries no Markdown syntax.

    Why: ``**粗体**``, ``# 标题``, ``[文字](链接)`` and autolinks ``<http://…>`` come from a
    Markdown conversion and are printed literally on the published page. One finding per pair
    or occurrence; a table rule line ``|---|---|`` is one finding.

    Source: published text must be clean [derived].

    Fails: ``一是**继续提升政府信息公开质量**。``

    Passes: ``一是继续提升政府信息公开质量。``
    """

    code = "GIP702"
    name = "markdown-residue"
    severity = WARNING
    message = Message(
        zh="Markdown 标记残留（{what}）：“{text}”",
        en="Markdown residue ({what}): “{text}”",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        entries = _hygiene()["markdown"]
        joined = report_lines(report)
        candidates = {
            *joined.candidates(_MARKDOWN_GATE, _MARKDOWN_HINTS),
            *joined.candidates(_TABLE_RULE, ("---",)),
        }
        for i in sorted(candidates):
            line = report.lines[i]
            stripped = line.text.strip()
            if "|" in stripped and "---" in stripped and not stripped.strip("|:- \t"):
                yield self.at(line.stripped_span(), what="|---|", text=stripped)
                continue
            for m in _markdown().finditer(line.text):
                yield self.at(line.span(m.start(), m.end()), what=_what(entries, m), text=m.group())


@functools.cache
def _placeholder_patterns() -> dict[str, Any]:
    spec = _hygiene()["placeholders"]
    pats: dict[str, Any] = {
        "ascii": lazyregex.compile(spec["ascii"]),
        "times": lazyregex.compile(spec["times"]),
        "circle": lazyregex.compile(spec["circle"]),
        "numerals": frozenset(spec["numeral_neighbours"]),
        "cjk": lazyregex.compile("|".join(re.escape(w) for w in spec["cjk"])),
        "bracketed": lazyregex.compile(spec["bracketed"]),
    }
    # masking addresses only blanks text, so a gate that passes no line of the raw text passes
    # none of the masked text either
    pats["gates"] = (*_PLACEHOLDER_GATES, (pats["cjk"], tuple(word[0] for word in spec["cjk"])))
    return pats


def _neighbours(text: str, start: int, end: int) -> str:
    return (text[start - 1] if start > 0 else "") + (text[end] if end < len(text) else "")


def placeholders(text: str) -> list[tuple[int, int]]:
    """Offsets of the template placeholders in ``text``, left to right, without overlaps.

    XX-like runs count only outside ASCII words, URLs and e-mail addresses (a digit may touch
    them: ``20XX年``); ○○ not beside a numeral (二○○八年 is a year).
    """
    pats = _placeholder_patterns()
    masked = mask_addresses(text)
    found: list[tuple[int, int]] = []
    for m in pats["ascii"].finditer(masked):
        if not any(_ASCII_LETTER.match(ch) for ch in _neighbours(masked, m.start(), m.end())):
            found.append(m.span())
    found.extend(m.span() for m in pats["times"].finditer(masked))
    for m in pats["circle"].finditer(masked):
        if not any(ch in pats["numerals"] for ch in _neighbours(masked, m.start(), m.end())):
            found.append(m.span())
    found.extend(m.span() for m in pats["cjk"].finditer(masked))
    found.extend(m.span() for m in pats["bracketed"].finditer(masked))
    found.sort(key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int]] = []
    for start, end in found:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


class PlaceholderText(Rule):
    """No template placeholder is left unfilled.

    Why: ``XX局``, ``××年``, ``某某``, ``（填写单位名称）`` or ``[单位名称]`` in a published report
    mean a template was not completed. Letters x that belong to an ASCII word, a URL or an e-mail
    address (``…/zwgk/xxgknb``) are not placeholders.

    Source: [derived].

    Fails: ``XX县人民政府办公室``; ``截至20××年底``

    Passes: ``年报专栏（http://www.example.gov.cn/xxgk/xxgknb）``
    """

    code = "GIP703"
    name = "placeholder-text"
    severity = WARNING
    message = Message(
        zh="疑似未替换的模板占位符：“{text}”",
        en="Template placeholder left in the text: “{text}”",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        joined, gates = report_lines(report), _placeholder_patterns()["gates"]
        candidates = sorted({i for pattern, hints in gates for i in joined.candidates(pattern, hints)})
        for line, start, end in (s for i in candidates for s in line_segments(report.lines[i])):
            segment = line.text[start:end]
            for s, e in placeholders(segment):
                yield self.at(line.span(start + s, start + e), text=segment[s:e])


# --- GIP704 ------------------------------------------------------------------------------------

_ORDINALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def chinese_ordinal(text: str) -> int | None:
    """一…九十九 as written in enumerators; None for anything else (``一二``)."""
    if len(text) == 1:
        return _ORDINALS.get(text)
    first, second = _ORDINALS.get(text[0]), _ORDINALS.get(text[1])
    if first is None or second is None:
        return None
    if first == 10 and second < 10:
        return 10 + second
    if second == 10 and 1 < first < 10:
        return first * 10
    return None


@functools.cache
def _enumerator_families() -> list[tuple[str, re.Pattern[str], str, str]]:
    return [
        (e["family"], lazyregex.compile(e["pattern"]), e.get("not_after", ""), e.get("not_before", ""))
        for e in _hygiene()["enumerators"]
    ]


def enumerators(text: str) -> Iterator[tuple[str, int, int, int]]:
    """``(family, ordinal, start, end)`` for each inline enumerator of ``text``, in order."""
    masked = mask_titles(text)
    hits = []
    for family, pattern, not_after, not_before in _enumerator_families():
        for m in pattern.finditer(masked):
            value = chinese_ordinal(m.group(1))
            if value is None:
                continue
            before = masked[m.start() - 1] if m.start() > 0 else ""
            after = masked[m.end()] if m.end() < len(masked) else ""
            if (before and before in not_after) or (after and after in not_before):
                continue
            hits.append((m.start(), family, value, m.end()))
    reached = 0
    for start, family, value, end in sorted(hits):
        if start >= reached:  # 其一是 is one enumerator, not also 一是
            reached = end
            yield family, value, start, end


class EnumeratorSequence(Rule):
    """Inline enumerators (一是…二是…三是) count up without gaps or repeats.

    Why: ``一是…三是`` with no ``二是``, or ``一是…二是…二是``, shows an item was deleted or
    pasted twice. Runs are counted per part or sub-section; ``一是`` starts a new run; the
    families 一是, 一要, 第一， and 其一 are independent of each other.

    Source: [derived]; seen in real reports.

    Fails: ``一是加强培训；三是完善制度。``

    Passes: ``一是加强培训；二是完善制度。一要…二要…``
    """

    code = "GIP704"
    name = "enumerator-sequence"
    severity = WARNING
    message = Message(
        zh="序号不连续：“{found}”之前应为“{expected}”",
        en="Enumerator out of sequence: “{expected}” expected before “{found}”",
    )
    message_repeat = Message(
        zh="序号重复：“{found}”已在前文出现",
        en="Enumerator repeated: “{found}” was already used",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        last: dict[str, int] = {}
        group: tuple[int, str | None] | None = None
        paragraphs, joined = _paragraphs(report)
        # a paragraph without any enumerator leaves the count as it is
        candidates = set(joined.candidates(_ENUMERATOR_GATE))
        for i, paragraph in enumerate(paragraphs):
            key = (paragraph.part, paragraph.subsection)
            if key != group:
                group, last = key, {}
            if i in candidates:
                yield from self._paragraph(paragraph, last)

    def _paragraph(self, paragraph: Paragraph, last: dict[str, int]) -> Iterator[Diagnostic]:
        line = paragraph.line
        for family, value, start, end in enumerators(line.text):
            found = line.text[start:end]
            previous = last.get(family)
            last[family] = value
            if value == 1 or (previous is not None and value == previous + 1):
                continue
            span = line.span(start, end)
            if previous is not None and value <= previous:
                yield self.at(span, message=self.message_repeat, found=found)
            else:
                expected = _ordinal_label(family, (previous or 0) + 1)
                yield self.at(span, found=found, expected=expected)


def _ordinal_label(family: str, value: int) -> str:
    digits = "一二三四五六七八九十"
    if value <= 10:
        numeral = digits[value - 1]
    elif value < 20:
        numeral = "十" + digits[value - 11]
    else:
        numeral = digits[value // 10 - 1] + "十" + (digits[value % 10 - 1] if value % 10 else "")
    return family.replace("一", numeral, 1)


# --- GIP705 ------------------------------------------------------------------------------------

_REPEATED = lazyregex.compile(f"([{_CJK_CHAR}]{{2,4}})\\1")


@functools.cache
def _reduplication_whitelist() -> frozenset[str]:
    return frozenset(_hygiene()["reduplication"]["whitelist"])


def duplicated_words(text: str) -> Iterator[tuple[int, int]]:
    whitelist = _reduplication_whitelist()
    for m in _REPEATED.finditer(text):
        if m.group() not in whitelist:
            yield m.span()


class DuplicatedWord(Rule):
    """No word is typed twice in a row.

    Why: ``联系联系地址`` or ``公开公开`` is a typing or editing slip. Legitimate reduplications
    (``研究研究``, ``一件一件``) are whitelisted in ``rules/hygiene.toml``.

    Source: [derived].

    Fails: ``如有疑问请与区政务公开办公室联系联系地址：…``

    Passes: ``如有疑问请与区政务公开办公室联系，联系地址：…``
    """

    code = "GIP705"
    name = "duplicated-word"
    severity = INFO
    message = Message(
        zh="词语重复：“{text}”",
        en="Word typed twice: “{text}”",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for line, start, end in _segment_candidates(report, _REPEATED):
            for s, e in duplicated_words(line.text[start:end]):
                yield self.at(line.span(start + s, start + e), text=line.text[start + s : start + e])


# --- GIP706 ------------------------------------------------------------------------------------

_SENTENCE_OPEN = lazyregex.compile(r"[，、," + _CJK_CHAR + r"A-Za-z0-9]$")
_CONTINUES = lazyregex.compile(r"^[" + _CJK_CHAR + r"]")
_FRESH_START = lazyregex.compile(
    r"^(?:[一二三四五六七八九十]{1,2}(?:是|要|、)|第[一二三四五六七八九十]{1,2}[，、]|其[一二三四五六七八九十][，、])"
)


class BrokenParagraph(Rule):
    """A paragraph does not end in the middle of a sentence or word.

    Why: a line that stops without closing punctuation (``进一步压``) and is continued on the next
    paragraph (``实工作责任``) was broken by a page or format conversion. Usually harmless, hence
    off by default.

    Source: format reference §8.1 step 2.

    Fails: ``…常态化开展指导。进一步压`` / (blank line) / ``实工作责任，细化工作任务。``

    Passes: ``…进一步压实工作责任，细化工作任务。``
    """

    code = "GIP706"
    name = "broken-paragraph"
    severity = INFO
    enabled_by_default = False
    message = Message(
        zh="段落在句中断开：第{line}行“{tail}”与下一段“{head}”应为同一句",
        en="Paragraph broken mid-sentence: line {line} “{tail}” continues in “{head}”",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        paragraphs = [p for p in _paragraphs(report)[0] if p.line.text.strip()]
        for before, after in itertools.pairwise(paragraphs):
            first, second = before.line, after.line
            if before.part != after.part or not self._only_blank_between(report, first, second):
                continue
            if first.kind == "S" and "。" not in first.text:
                continue  # a bare sub-heading title ends without punctuation by nature
            tail, head = first.text.rstrip(), second.text.lstrip()
            if not _SENTENCE_OPEN.search(tail) or not _CONTINUES.match(head) or _FRESH_START.match(head):
                continue
            lead = len(second.text) - len(head)
            span = Span(first.number, len(tail), second.number, lead + 2)
            yield self.at(span, line=first.number, tail=tail[-6:], head=head[:6])

    @staticmethod
    def _only_blank_between(report: Report, first: Line, second: Line) -> bool:
        return all(not report.line(n).text.strip() for n in range(first.number + 1, second.number))


# --- GIP707 ------------------------------------------------------------------------------------

_ASCII_PUNCT = lazyregex.compile(f"(?<=[{_CJK_CHAR}])[,;:()]|[,;:()](?=[{_CJK_CHAR}])")
_LEADING_ORDINAL = lazyregex.compile(r"^\s*(?:\(\s*)?(?:[一二三四五六七八九十]{1,2}|\d{1,2})\s*\)")


class AsciiPunctuationInProse(Rule):
    """Chinese prose uses full-width punctuation.

    Why: an ASCII ``, ; : ( )`` next to a Chinese character (``积极改进,严格``) is a typographic
    slip of Chinese text, often from a conversion. URLs, e-mail addresses and a leading ``(一)``
    are left alone; table labels are not checked. One finding per line, at the first occurrence.

    Source: GB/T 15834 (标点符号用法), Chinese typographic convention.

    Fails: ``改进措施:一是明确重点,高度重视。``

    Passes: ``改进措施：一是明确重点，高度重视。``
    """

    code = "GIP707"
    name = "ascii-punctuation-in-prose"
    severity = INFO
    message = Message(
        zh="中文正文中使用了半角标点“{char}”（本行共{count}处）",
        en="ASCII punctuation “{char}” in Chinese prose ({count} on this line)",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for line in _prose_candidates(report, _ASCII_PUNCT_GATE, (",", ";", ":", "(", ")")):
            masked = mask_addresses(line.text)
            lead = _LEADING_ORDINAL.match(masked)
            if lead:
                masked = " " * lead.end() + masked[lead.end() :]
            hits = list(_ASCII_PUNCT.finditer(masked))
            if hits:
                first = hits[0]
                yield self.at(line.span(first.start(), first.end()), char=first.group(), count=len(hits))


# --- GIP708 ------------------------------------------------------------------------------------


@functools.cache
def _scope() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str], tuple[str, ...]]:
    spec = _hygiene()["scope"]
    suffixes = sorted(spec["area_suffixes"], key=len, reverse=True)
    area = lazyregex.compile(f"[{_CJK_CHAR}]{{1,8}}?(?:{'|'.join(suffixes)})")
    friends = tuple(spec["area_false_friends"])
    return lazyregex.compile(spec["pattern"]), area, frozenset(spec["county_level"]), friends


@functools.lru_cache(maxsize=1024)  # one issuer per report, and a batch repeats them
def area_level(name: str) -> str | None:
    """The suffix of the innermost administrative area in ``name``: 青禾市云溪区交通运输局 → 区."""
    _, area, _, false_friends = _scope()
    for word in false_friends:
        name = name.replace(word, "〓" * len(word))
    suffixes = sorted(_hygiene()["scope"]["area_suffixes"], key=len, reverse=True)
    level, pos = None, 0
    while True:
        m = area.match(name, pos)
        if m is None:
            return level
        level = next(s for s in suffixes if m.group().endswith(s))
        pos = m.end()


class ScopeWordMismatch(Rule):
    """A county-level report does not claim to steer the whole city or province.

    Why: ``统筹全市政务公开工作`` in the report of a 县, 区 or 旗 (or one of its departments) is
    almost always text copied from a city's report.

    Source: copied-text pattern [observed]; 30号 "内容雷同".

    Fails: in 云溪区's report, ``严格按照《条例》要求统筹全市政务公开工作。``

    Passes: ``严格按照《条例》要求统筹全区政务公开工作。``
    """

    code = "GIP708"
    name = "scope-word-mismatch"
    severity = INFO
    message = Message(
        zh="“{text}”与发布机关“{issuer}”的层级不符，疑似照搬上级年报",
        en="“{text}” does not fit the level of the issuer “{issuer}”; copied from a higher-level report?",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        pattern, _, county_level, _ = _scope()
        if not report.issuer or area_level(report.issuer) not in county_level:
            return
        for line in _prose_candidates(report, pattern, ("全",)):  # 全市, 全省
            for m in pattern.finditer(line.text):
                yield self.at(line.span(m.start(), m.end()), text=m.group(), issuer=report.issuer)


# --- GIP709 ------------------------------------------------------------------------------------


@functools.cache
def _documents() -> list[tuple[re.Pattern[str], dict[str, Any]]]:
    out = []
    for doc in _hygiene()["documents"]:
        pattern = lazyregex.compile(
            re.escape(doc["title"])
            + r"[^。；\n]{0,30}?([〔\[［【(（]\s*"
            + str(doc["year"])
            + r"\s*[〕\]］】)）]\s*(\d{1,4})\s*号)"
        )
        out.append((pattern, doc))
    return out


@functools.cache
def _any_misquote() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The gate of GIP709: each wrong name and each document pattern, which starts with its title."""
    names = (
        *(entry["wrong"] for entry in _hygiene()["misquoted"]),
        *(doc["title"] for _, doc in _documents()),
    )
    return lazyregex.compile("|".join(re.escape(name) for name in names)), tuple(
        dict.fromkeys(name[0] for name in names)
    )


def misquotes(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, right)`` for each known name cited wrongly in ``text``."""
    for entry in _hygiene()["misquoted"]:
        wrong = entry["wrong"]
        pos = text.find(wrong)
        while pos >= 0:
            yield pos, pos + len(wrong), entry["right"]
            pos = text.find(wrong, pos + len(wrong))
    for pattern, doc in _documents():
        for m in pattern.finditer(text):
            if int(m.group(2)) != int(doc["number"]):
                yield m.start(1), m.end(1), doc["right"]


class MisquotedReference(Rule):
    """Laws, offices and documents are cited by their correct names and numbers.

    Why: ``国务院办公厅政府信息公开与政务公开办公室`` (for 政府信息与政务公开办公室) or
    ``《中华人民共和国政府信息公开工作条例》`` (for 《中华人民共和国政府信息公开条例》) are
    misquotations that a reader of a legal report notices. The dictionary is ``rules/hygiene.toml``.

    Source: the 30号 notice and its signature block [official].

    Fails: ``根据国务院办公厅政府信息公开与政务公开办公室的要求编制``

    Passes: ``根据国务院办公厅政府信息与政务公开办公室的要求编制``
    """

    code = "GIP709"
    name = "misquoted-reference"
    severity = INFO
    message = Message(
        zh="引用有误：“{text}”，应为“{right}”",
        en="Misquoted reference: “{text}” should be “{right}”",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for line, start, end in _segment_candidates(report, *_any_misquote()):
            segment = line.text[start:end]
            for s, e, right in sorted(misquotes(segment)):
                yield self.at(line.span(start + s, start + e), text=segment[s:e], right=right)


RULES: list[type[Rule]] = [
    ConversionResidue,
    MarkdownResidue,
    PlaceholderText,
    EnumeratorSequence,
    DuplicatedWord,
    BrokenParagraph,
    AsciiPunctuationInProse,
    ScopeWordMismatch,
    MisquotedReference,
]
