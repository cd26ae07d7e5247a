"""Figures that the prose states about requests and cases, for comparison with tables 三 and 四.

Format reference §8. The prose is normalised (NFKC, no whitespace, no quotation marks, thousands
separators dropped, 《…》 titles masked) into a :class:`Prose`, which keeps, for every character, the
source line and offset it came from, so that findings point at the original text. Sentences are
split at 。；！？ and clauses at ，; every pattern stays inside one clause (§8.3), except the
negative forms, which read the clause they stand in.

The words live in ``rules/narrative.toml``; this module assembles them into patterns whose windows are
all bounded, so matching stays linear in the length of the text.
"""

from __future__ import annotations

import bisect
import collections
import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from giplint import lazyregex
from giplint.diagnostics import Span
from giplint.model import Line, Paragraph, Report
from giplint.numerals import CHINESE_NUMERAL_CHARS, parse_number
from giplint.resources import load_toml

FactKind = Literal[
    "new",  # 新收 … N件: table 三 R1
    "received",  # 收到/受理/接到 … N件: R1, or R1 + R2
    "handled",  # 办理 … 申请 N件: R1, R1 + R2 or R24
    "closed",  # 办结/答复 N件: R24
    "carried_out",  # 结转下年度 N件: R25
    "carried_in",  # 上年结转 N件: R2
    "outcome",  # 予以公开 N件 …: one outcome category of R3–R23
    "review",  # 行政复议 N件: table 四 review total
    "litigation",  # 行政诉讼 N件: table 四 both litigation totals
    "stock",  # 现行有效规范性文件 N件: table 二
    "none_received",  # 未收到…政府信息公开申请
    "none_case",  # 未发生…行政复议、行政诉讼
    "all_closed",  # (复议/诉讼) … 已全部办结
]

# Table-四 rows a case statement can name.
REVIEW_ROWS = ("review",)
LITIGATION_ROWS = ("lit_direct", "lit_after_review")

_TERMINAL = "。；！？"
_SENTENCE = lazyregex.compile(f"[^{_TERMINAL}]+")
_LINE_END_TERMINAL = "。；：！？!?;:"
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_ENUMERATOR = lazyregex.compile(
    r"\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．])"
)
_CN = CHINESE_NUMERAL_CHARS
_CASE_WORDS = ("行政复议", "行政诉讼", "复议", "诉讼")  # in this order: the longer words first


# --------------------------------------------------------------------------------------------------
# Normalised prose with a map back to the source
# --------------------------------------------------------------------------------------------------
# Characters that normalisation leaves as they are (NFKC maps each to itself; ，；：！？ go to ASCII
# and back). Runs of them are copied as whole slices: per-character NFKC calls were most of the cost
# of GIP3xx (issue 5). Anything outside the class takes the exact per-character path, so the class
# only has to be a subset of the stable characters; tests/test_narrative.py checks that it is.
STABLE = (
    r"\x23-\x26\x28-\x2b\x2d-\x39\x3c-\x3e\x40-\x7e\u00b7\u2010\u2012-\u2016\u2030\u203b"
    r"\u2190-\u222b\u2500-\u27bf\u3001-\u3009\u300b\u3010-\u3035\u3400-\u4dbf\u4e00-\u9fff"
    r"\uff01\uff0c\uff1a\uff1b\uff1f"
)  # a regex character class (without the brackets)
_DROP_CLASS = r"\s\"'“”‘’「」『』\u200b\u200c\u200d\ufeff"
# A line is scanned for the next character outside STABLE (one character class is scanned ten
# times faster than an alternation), then _SPECIAL tells what starts there.
_UNSTABLE = lazyregex.compile(rf"[^{STABLE}]")
_SPECIAL = lazyregex.compile(
    rf"(?P<drop>[{_DROP_CLASS}]+)|(?P<title>《)|(?P<comma>,)|(?P<other>[^{STABLE}{_DROP_CLASS}《,]+)"
)
_MANY = "\uffff"  # stands for "not exactly one character" in _ONE


class _CharMap(dict[int, str]):
    """Code point → normalised text of that one character (NFKC, no whitespace, ，；：！？ full width),
    filled on first use; for ``str.translate``."""

    def __missing__(self, code: int) -> str:
        out = "".join(
            _FULL_WIDTH.get(c, c) for c in unicodedata.normalize("NFKC", chr(code)) if not c.isspace()
        )
        self[code] = out
        return out


class _OneCharMap(dict[int, str]):
    """Like :class:`_CharMap`, but a character that does not become exactly one maps to ``_MANY``."""

    def __missing__(self, code: int) -> str:
        out = _CHAR[code]
        self[code] = one = out if len(out) == 1 else _MANY
        return one


_CHAR = _CharMap()
_ONE = _OneCharMap()


@dataclass(slots=True)
class Prose:
    """The normalised text of one or more source lines that form one run of prose.

    The text is made of pieces: ``starts[k]`` is where piece ``k`` begins in :attr:`text`, and
    ``pieces[k]`` = (line, offset in ``line.text``, step). Step 1: the piece copies the source
    character for character; step 0: every character of the piece comes from the one source
    character at the offset (``㈠`` → ``(一)``, the brackets of a masked title).
    """

    text: str
    starts: list[int]
    pieces: list[tuple[Line, int, int]]
    part: int = 0
    subsection: str | None = None

    def origin_of(self, i: int) -> tuple[Line, int]:
        """The (line, offset in ``line.text``) of normalised character ``i``."""
        k = bisect.bisect_right(self.starts, i) - 1
        line, offset, step = self.pieces[k]
        return line, offset + (i - self.starts[k]) * step

    @property
    def origin(self) -> list[tuple[Line, int]]:
        """``origin[i]`` is :meth:`origin_of` ``(i)``, for every character."""
        return [self.origin_of(i) for i in range(len(self.text))]

    def span(self, start: int, end: int) -> Span:
        """The source span of normalised characters ``start:end``."""
        first_line, first = self.origin_of(start)
        last_line, last = self.origin_of(max(end - 1, start))
        if first_line is last_line:
            return first_line.span(first, last + 1)
        return Span(first_line.number, first + 1, last_line.number, last + 2)

    def original(self, start: int, end: int) -> str:
        """The source text behind normalised characters ``start:end`` (same line only)."""
        first_line, first = self.origin_of(start)
        last_line, last = self.origin_of(max(end - 1, start))
        if first_line is not last_line:
            return self.text[start:end]
        return first_line.text[first : last + 1]


class _Builder:
    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.pieces: list[tuple[Line, int, int]] = []
        self.length = 0

    def add(self, out: str, line: Line, offset: int, step: int) -> None:
        if out:
            self.chars.append(out)
            self.starts.append(self.length)
            self.pieces.append((line, offset, step))
            self.length += len(out)

    def line(self, line: Line) -> None:
        text = line.text
        pos = 0
        while (unstable := _UNSTABLE.search(text, pos)) is not None:
            i = unstable.start()
            self.add(text[pos:i], line, pos, 1)
            m = _SPECIAL.match(text, i)
            assert m is not None  # its alternatives cover every character outside STABLE
            pos = m.end()
            kind = m.lastgroup
            if kind == "other":
                self.run(m.group(), line, i)
                if text.startswith("，", pos) and _is_thousands_comma(text, pos):
                    pos += 1  # １，２３４: ，is STABLE, so only after a full-width digit is it looked at
            elif kind == "title":
                close = _title_end(text, i)
                if close is not None:
                    # Titles carry dates and figures of their own: keep only the brackets.
                    self.add("《", line, i, 0)
                    self.add("》", line, close, 0)
                    pos = close + 1
                else:
                    self.add("《", line, i, 0)
            elif kind == "comma" and not _is_thousands_comma(text, i):
                self.add("，", line, i, 0)
        self.add(text[pos:], line, pos, 1)

    def run(self, run: str, line: Line, offset: int) -> None:
        one = run.translate(_ONE)
        if _MANY not in one:
            self.add(one, line, offset, 1)
            return
        for j, ch in enumerate(run):
            out = _CHAR[ord(ch)]
            self.add(out, line, offset + j, 1 if len(out) == 1 else 0)


def normalise(lines: Sequence[Line], part: int = 0, subsection: str | None = None) -> Prose:
    """Join ``lines`` into one normalised :class:`Prose` (§8.1 step 3 and 4)."""
    b = _Builder()
    for line in lines:
        b.line(line)
    return Prose("".join(b.chars), b.starts, b.pieces, part, subsection)


def _title_end(text: str, start: int) -> int | None:
    depth = 0
    for j in range(start, min(len(text), start + 200)):
        if text[j] == "《":
            depth += 1
        elif text[j] == "》":
            depth -= 1
            if depth == 0:
                return j
        elif text[j] in "。；\n":
            return None
    return None


def _is_thousands_comma(text: str, i: int) -> bool:
    """A comma between a digit and exactly three digits (``1,234``). A full-width comma counts only
    between full-width digits (``１，２３４``): elsewhere it ends a clause."""
    full = text[i] == "，"
    if i == 0 or not _digit(text[i - 1], full):
        return False
    tail = text[i + 1 : i + 5]
    return (
        len(tail) >= 3
        and all(_digit(ch, full) for ch in tail[:3])
        and (len(tail) == 3 or not tail[3].isdigit())
    )


def _digit(ch: str, full_width: bool) -> bool:
    return "０" <= ch <= "９" if full_width else "0" <= ch <= "9"


def prose_runs(report: Report) -> list[Prose]:
    """The report's prose, with sentences broken across lines joined again (§8.1 step 2)."""
    runs: list[list[Paragraph]] = []
    for para in report.paragraphs():
        if runs and _continues(report, runs[-1][-1], para):
            runs[-1].append(para)
        else:
            runs.append([para])
    return [normalise([p.line for p in run], run[0].part, run[0].subsection) for run in runs]


def _continues(report: Report, prev: Paragraph, nxt: Paragraph) -> bool:
    text = prev.text.rstrip()
    if not text or text[-1] in _LINE_END_TERMINAL or prev.part != nxt.part:
        return False
    if _ENUMERATOR.match(nxt.text):
        return False
    if _ENUMERATOR.match(text) and "。" not in text:
        return False  # a sub-heading such as （二）依申请公开方面
    between = range(prev.line.number + 1, nxt.line.number)
    return all(not report.line(n).text.strip() for n in between)


# --------------------------------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Fact:
    """One narrative statement. ``start:end`` (in :attr:`Prose.text`) covers the figure with its
    measure word, or the phrase for the negative forms."""

    kind: FactKind
    start: int
    end: int
    value: int | None = None
    approximate: bool = False
    category: str | None = None  # outcome key (granted, partial, denied, …)
    cases: tuple[str, ...] = ()  # table-四 rows named (review, lit_direct, lit_after_review)
    scope: tuple[str, ...] = ()  # scope words (§8.4) that do not name the issuer
    text: str = ""  # the normalised figure or phrase

    @property
    def comparable(self) -> bool:
        return self.value is not None and not self.approximate


@dataclass(slots=True)
class Found:
    """A fact with the prose it was read from."""

    fact: Fact
    prose: Prose

    @property
    def span(self) -> Span:
        return self.prose.span(self.fact.start, self.fact.end)

    @property
    def quote(self) -> str:
        return self.prose.original(self.fact.start, self.fact.end)


@dataclass(frozen=True, slots=True)
class Issuer:
    """What scope words are compared with: the issuer's name and kind."""

    name: str | None = None
    kind: str = "unknown"

    @classmethod
    def of(cls, report: Report) -> Issuer:
        return cls(report.issuer, report.issuer_kind)

    @property
    def key(self) -> str | None:
        if not self.name:
            return None
        return unicodedata.normalize("NFKC", self.name).replace("人民政府", "政府").replace(" ", "")


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _any_word(words: Sequence[str]) -> re.Pattern[str]:
    """Finds any of ``words`` in a text: one search instead of a loop of ``in`` tests."""
    return lazyregex.compile(_alt(words) or "(?!)")  # no words: never found


@dataclass(slots=True)
class _Patterns:
    data: dict[str, Any]
    request_context: re.Pattern[str] = field(init=False)
    count_hint: re.Pattern[str] = field(init=False)
    negation: re.Pattern[str] = field(init=False)
    objects: re.Pattern[str] = field(init=False)
    object_kind: dict[str, str] = field(init=False)
    scope_words: list[str] = field(init=False)
    # Word lists as one search each (see _any_word)
    breakdown: re.Pattern[str] = field(init=False)
    comparison: re.Pattern[str] = field(init=False)
    friends: re.Pattern[str] = field(init=False)
    case_outcome: re.Pattern[str] = field(init=False)
    not_review: re.Pattern[str] = field(init=False)
    received_a: re.Pattern[str] = field(init=False)
    received_b: re.Pattern[str] = field(init=False)
    closed: re.Pattern[str] = field(init=False)
    handled: re.Pattern[str] = field(init=False)
    carried_out: re.Pattern[str] = field(init=False)
    carried_in: re.Pattern[str] = field(init=False)
    outcome: re.Pattern[str] = field(init=False)
    review: re.Pattern[str] = field(init=False)
    litigation: re.Pattern[str] = field(init=False)
    stock: re.Pattern[str] = field(init=False)
    none_received: re.Pattern[str] = field(init=False)
    none_case: re.Pattern[str] = field(init=False)
    all_closed: re.Pattern[str] = field(init=False)
    outcome_words: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        d = self.data
        verbs, measure, approx = d["verbs"], d["measure"], d["approximate"]
        req = _alt(d["request_context"])
        stop = _alt(measure["not_followed_by"])
        # The number: never the tail of a longer number, never an ordinal (第3件).
        num = rf"(?<![\d{_CN}第])(?P<num>\d+|[{_CN}]+)(?P<approx_n>{_alt(approx['after_number'])})?"
        tail = rf"(?!{stop})(?P<approx_m>{_alt(approx['after_measure'])})?"

        def count(units: Sequence[str]) -> str:
            return rf"{num}(?P<unit>{_alt(units)}){tail}"

        req_units = measure["requests"]
        # Every count pattern below needs a number and a measure word; every negative form a
        # negation. Most sentences have neither, and these two searches let them skip the rest.
        all_units = {*req_units, *measure["cases"], *measure["documents"], "件"}
        if all(len(w) == 1 for w in [*all_units, *approx["after_number"]]):
            # The measure word first and the number behind it: scanning for 件 is twice as fast
            # as stopping at every digit.
            units, approx_n = (
                re.escape("".join(sorted(words))) for words in (all_units, approx["after_number"])
            )
            self.count_hint = lazyregex.compile(rf"[{units}](?:(?<=[\d{_CN}].)|(?<=[\d{_CN}][{approx_n}].))")
        else:
            self.count_hint = lazyregex.compile(
                rf"[\d{_CN}](?:{_alt(approx['after_number'])})?(?:{_alt(all_units)})"
            )
        self.negation = lazyregex.compile(_alt(verbs["negation"]))
        near_units = [u for u in req_units if u in ("件", "项", "个")]
        self.request_context = lazyregex.compile(req)
        # One flat alternation (three times faster than one with a named group per object kind),
        # in the same order as the groups would be; the word found tells the kind.
        objects = {"req": d["request_context"], "friend": d["false_friends"], "case": _CASE_WORDS}
        self.object_kind = {}
        for kind, words in objects.items():
            for word in words:
                self.object_kind.setdefault(word, kind)
        self.objects = lazyregex.compile("|".join(_alt(words) for words in objects.values()))
        self.scope_words = sorted(d["scope"]["words"], key=len, reverse=True)
        self.breakdown = _any_word(d["breakdown_words"])
        self.comparison = _any_word(d["comparison_words"])
        self.friends = _any_word(d["false_friends"])
        self.case_outcome = _any_word(verbs["case_outcome_words"])
        self.not_review = _any_word(["诉讼", *verbs["case_outcome_words"]])  # in a 行政复议 gap
        received = _alt([*verbs["new"], *verbs["received"]])
        self.received_a = lazyregex.compile(
            rf"(?P<verb>{received})(?P<gap>[^。；，]{{0,12}}?(?:{req})[^。；，]{{0,8}}?){count(req_units)}"
        )
        self.received_b = lazyregex.compile(
            rf"(?P<verb>{received})(?P<gap>[^。；，0-9]{{0,6}}?){count(near_units)}(?P<ctx>{req})?申请"
        )
        self.closed = lazyregex.compile(
            rf"(?P<verb>{_alt(verbs['closed'])})(?P<gap>[^。；，0-9]{{0,10}}?){count(near_units)}"
        )
        self.handled = lazyregex.compile(
            rf"(?:全年)?(?P<verb>{_alt(verbs['handled'])})(?P<gap>[^。；，]{{0,10}}?(?:{req})[^。；，]{{0,6}}?){count(['件'])}"
        )
        self.carried_out = lazyregex.compile(
            r"(?P<verb>结转(?:至|到)?(?:下一?年度?|\d{4}年度?)|转入?下一?年度?|顺延(?:至\d{4}年度?)?)"
            rf"(?P<gap>(?:继续)?(?:办理|处理)?的?){count(near_units)}"
        )
        self.carried_in = lazyregex.compile(
            rf"(?P<verb>{_alt(verbs['carried_in'])})(?P<gap>[^。；，0-9]{{0,10}}?){count(near_units)}"
        )
        self.outcome_words = {w: o["key"] for o in d["outcomes"] for w in o["words"]}
        self.outcome = lazyregex.compile(
            rf"(?<!不)(?P<verb>{_alt(list(self.outcome_words))})(?P<gap>[^。；，0-9]{{0,4}}?){count(['件'])}"
        )
        case_units = measure["cases"]
        self.review = lazyregex.compile(
            rf"(?P<verb>行政复议)(?:案件|申请)?(?P<gap>[^。；，、0-9]{{0,6}}?){count(case_units)}"
        )
        self.litigation = lazyregex.compile(
            rf"(?P<verb>行政诉讼)(?:案件)?(?P<gap>[^。；，、0-9]{{0,6}}?){count(case_units)}"
        )
        self.stock = lazyregex.compile(
            rf"(?P<verb>现行有效)(?P<gap>[^。；，]{{0,10}}?(?:行政)?规范性文件[^。；，]{{0,4}}?){count(measure['documents'])}"
        )
        neg = _alt(verbs["negation"])
        self.none_received = lazyregex.compile(
            rf"(?:{neg})(?:{_alt(verbs['none_received'])})(?P<gap>[^。；，]{{0,10}}?)"
            r"(?:政府信息公开|依申请公开|信息公开)申请"
        )
        self.none_case = lazyregex.compile(
            rf"(?:{neg})(?:{_alt(verbs['none_case'])})(?P<gap>[^。；，]{{0,20}}?)(?:行政复议|行政诉讼)"
        )
        self.all_closed = lazyregex.compile(
            rf"(?:{_alt(verbs['all_closed_prefix'])})(?:{_alt(verbs['all_closed'])})"
        )


@functools.cache
def _patterns() -> _Patterns:
    return _Patterns(load_toml("narrative.toml"))


def data() -> dict[str, Any]:
    """The phrase data of ``rules/narrative.toml``."""
    return _patterns().data


def extract(prose: Prose, issuer: Issuer | None = None, inherited: str | None = None) -> list[Fact]:
    """Every fact stated in ``prose``, in text order; one figure gives at most one fact per kind.

    ``inherited`` is the last object the previous paragraph of the same part named (``req``,
    ``friend`` or ``case``, see :func:`last_object`): an outcome list such as "从办理结果看，予以公开3件"
    often stands alone after the sentence about requests.
    """
    text = prose.text
    if not may_state_facts(text):
        return []
    if inherited is None and prose.part == 3:
        inherited = "req"  # part 三 is about requests throughout
    reader = _Reader(text, prose, issuer or Issuer(), inherited)
    facts = [fact for start, end in _sentences(text) for fact in reader.sentence(start, end)]
    return _dedupe(facts)


def may_state_facts(text: str) -> bool:
    """False when no sentence of ``text`` can state a fact (see ``_Reader.sentence``): it has no
    count, no negation and no 已全部办结. Most paragraphs."""
    p = _patterns()
    return (
        p.count_hint.search(text) is not None
        or p.negation.search(text) is not None
        or p.all_closed.search(text) is not None
    )


def _sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SENTENCE.finditer(text)]


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """Keep one fact per (figure, kind); 办理 yields to a more specific verb on the same figure."""
    by_start: dict[int, set[str]] = {}
    for f in facts:
        by_start.setdefault(f.start, set()).add(f.kind)
    out: list[Fact] = []
    seen: set[tuple[int, str]] = set()
    for f in facts:
        kinds = by_start[f.start]
        if f.kind == "handled" and kinds & {"new", "received", "closed"}:
            continue
        if f.kind == "received" and "new" in kinds:
            continue
        if (f.start, f.kind) in seen:
            continue
        seen.add((f.start, f.kind))
        out.append(f)
    out.sort(key=lambda f: (f.start, f.kind))
    return out


class _Reader:
    """Reads the facts of one prose run, sentence by sentence."""

    def __init__(self, text: str, prose: Prose, issuer: Issuer, inherited: str | None = None) -> None:
        self.text = text
        self.inherited = inherited
        self._objects: tuple[list[int], list[int], list[str]] | None = None  # see _last_object
        self._ends_of: str | None = None  # see _word_ends
        self._ends: dict[str, int] = {}
        self.prose = prose
        self.issuer = issuer
        self.issuer_key = issuer.key
        self.p = _patterns()
        d = self.p.data
        self.breakdown = self.p.breakdown
        self.comparison = self.p.comparison
        self.case_outcome = self.p.case_outcome
        self.not_review = self.p.not_review
        self.approx_before = tuple(d["approximate"]["before"])
        self.approx_before_cn = tuple(d["approximate"]["before_chinese"])
        self.approx_reach = max(map(len, self.approx_before + self.approx_before_cn), default=0)
        self.friends = self.p.friends
        # Table-四 statements are read in prose about disclosure, or in part 四 itself.
        self.case_context = (
            prose.part == 4
            or self.p.request_context.search(text) is not None
            or bool(prose.subsection and self.p.request_context.search(prose.subsection))
        )

    # --- one sentence ------------------------------------------------------------------------------
    def sentence(self, s: int, e: int) -> Iterator[Fact]:
        sent = self.text[s:e]
        if self.p.count_hint.search(sent) is not None:
            yield from self._counts(sent, s)
        negated = self.p.negation.search(sent) is not None
        if self.case_context:
            if negated:
                yield from self._none_case(sent, s)
            yield from self._all_closed(sent, s)
        if negated:
            yield from self._none_received(sent, s)

    def _counts(self, sent: str, s: int) -> Iterator[Fact]:
        p = self.p
        for m in p.received_a.finditer(sent):
            yield from self._count(m, s, "new" if m["verb"] == "新收" else "received", need_context=False)
        for m in p.received_b.finditer(sent):
            # "收到5件申请" is about disclosure only where the sentence says so.
            kind: FactKind = "new" if m["verb"] == "新收" else "received"
            yield from self._count(m, s, kind, need_context=m["ctx"] is None)
        for m in p.handled.finditer(sent):
            yield from self._count(m, s, "handled", need_context=False)
        for m in p.closed.finditer(sent):
            yield from self._count(m, s, "closed", need_context=True)
        for m in p.carried_out.finditer(sent):
            yield from self._count(m, s, "carried_out", need_context=True)
        for m in p.carried_in.finditer(sent):
            yield from self._count(m, s, "carried_in", need_context=False)
        for m in p.outcome.finditer(sent):
            # "从办理结果看，予以公开3件": the outcome sentence often leans on the one before it.
            category = p.outcome_words[m["verb"]]
            yield from self._count(m, s, "outcome", need_context=True, whole_run=True, category=category)
        for m in p.stock.finditer(sent):
            yield from self._count(m, s, "stock", need_context=False, objects=False)
        if self.case_context:
            for m in p.review.finditer(sent):
                if not self._mentions(m["gap"], self.not_review):
                    yield from self._count(m, s, "review", need_context=False, objects=False)
            for m in p.litigation.finditer(sent):
                before = sent[max(0, m.start() - 6) : m.start()]
                if "复议后" not in before and not self._mentions(m["gap"], self.case_outcome):
                    yield from self._count(m, s, "litigation", need_context=False, objects=False)

    def _count(
        self,
        m: re.Match[str],
        s: int,
        kind: FactKind,
        *,
        need_context: bool,
        objects: bool = True,
        whole_run: bool = False,
        category: str | None = None,
    ) -> Iterator[Fact]:
        sent = m.string
        gap = m["gap"] or ""
        if self._mentions(gap, self.comparison):
            return
        clause_start = sent.rfind("，", 0, m.start("num")) + 1
        clause_head = sent[clause_start : m.start("num")]
        if kind not in ("review", "litigation", "stock") and self._mentions(clause_head, self.breakdown):
            return  # "其中自然人3件": a column of table 三, not its total
        if kind in ("new", "received", "handled") and self._mentions(gap, self.friends):
            return
        if objects:
            last = self._last_object(0 if whole_run else s, s + m.start("num"))
            if not self._object_is_request(last, need_context, self.inherited if whole_run else None):
                return
        raw = m["num"]
        value = parse_number(raw)
        before = sent[max(0, m.start("num") - self.approx_reach) : m.start("num")]  # for endswith only
        approximate = bool(
            m["approx_n"]
            or m["approx_m"]
            or before.endswith(self.approx_before)
            or (not raw.isdigit() and before.endswith(self.approx_before_cn))
        )
        start, end = s + m.start("num"), s + m.end("unit")
        yield Fact(
            kind,
            start,
            end,
            value=value,
            approximate=approximate,
            category=category,
            scope=self._scope(sent, m.end()),
            text=self.text[start:end],
        )

    def _object_is_request(self, last: str | None, need_context: bool, inherited: str | None = None) -> bool:
        """The last object named before a figure (``last``) is the disclosure request, not a look-alike."""
        last = last or inherited
        if last is None:
            return not need_context
        return last == "req"

    def _none_received(self, sent: str, s: int) -> Iterator[Fact]:
        for m in self.p.none_received.finditer(sent):
            if self._mentions(m["gap"], self.friends):
                continue
            rest = sent[m.end() : _clause_end(sent, m.end())]
            if "复议" in rest or "诉讼" in rest:
                continue  # 未收到针对政府信息公开申请的行政复议: a statement about cases
            scope = self._scope(sent, m.end())
            yield Fact("none_received", s + m.start(), s + m.end(), scope=scope, text=m.group())

    def _none_case(self, sent: str, s: int) -> Iterator[Fact]:
        for m in self.p.none_case.finditer(sent):
            end = _clause_end(sent, m.start())
            clause = sent[m.start() : end]
            if self._mentions(clause, self.case_outcome):
                continue
            cases = _cases_named(clause)
            if cases:
                scope = self._scope(sent, end)
                yield Fact("none_case", s + m.start(), s + end, cases=cases, scope=scope, text=clause)

    def _all_closed(self, sent: str, s: int) -> Iterator[Fact]:
        for m in self.p.all_closed.finditer(sent):
            before = sent[: m.start()]
            if self._last_object(s, s + m.start()) != "case":
                continue  # 004:7: 已全部办结 about online messages
            cases = _cases_named(before)
            if cases:
                scope = self._scope(sent, m.end())
                yield Fact("all_closed", s + m.start(), s + m.end(), cases=cases, scope=scope, text=m.group())

    # --- helpers -----------------------------------------------------------------------------------
    def _last_object(self, start: int, end: int) -> str | None:
        """``last_object(self.text[start:end])`` from one scan of the run, kept: scanning the text
        before every figure again is quadratic on a long paragraph full of figures (a minute for
        a 1 MB line). Object words hold no digit or sentence end, so no match crosses the places
        asked about and the scan of the whole run finds the same words."""
        if self._objects is None:
            found = list(self.p.objects.finditer(self.text))
            kinds = [self.p.object_kind[m.group()] for m in found]
            self._objects = ([m.start() for m in found], [m.end() for m in found], kinds)
        starts, ends, kinds = self._objects
        i = bisect.bisect_right(ends, end) - 1
        return kinds[i] if i >= 0 and starts[i] >= start else None

    @staticmethod
    def _mentions(text: str, words: re.Pattern[str]) -> bool:
        return words.search(text) is not None

    def _scope(self, sent: str, upto: int) -> tuple[str, ...]:
        """Scope words (§8.4) in the sentence up to the figure (``sent[:upto]``) that do not name
        the issuer."""
        ends = self._word_ends(sent)
        key = self.issuer_key
        found: list[str] = []
        for word in self.p.scope_words:
            end = ends.get(word)
            if (
                end is not None
                and end <= upto
                and not any(word in f for f in found)
                and not (key and word in key)
            ):
                found.append(word)
        for word in self.p.data["scope"]["whole_area"]:
            end = ends.get(word)
            if end is not None and end <= upto and self._whole_area_is_other(word):
                found.append(word)
        return tuple(found)

    def _word_ends(self, sent: str) -> dict[str, int]:
        """Where the first occurrence of each scope word in ``sent`` ends, found once a sentence:
        searching the sentence again for every figure is quadratic on a long sentence."""
        if self._ends_of is not sent:
            words = (*self.p.scope_words, *self.p.data["scope"]["whole_area"])
            self._ends = {w: i + len(w) for w in words if (i := sent.find(w)) >= 0}
            self._ends_of = sent
        return self._ends

    def _whole_area_is_other(self, word: str) -> bool:
        if self.issuer.kind == "department":
            return True
        key = self.issuer_key
        return bool(key) and word[1] not in (key or "")


def last_object(text: str) -> str | None:
    """What the last object named in ``text`` is: ``req`` (a disclosure request), ``friend`` (a
    look-alike such as a hotline call) or ``case`` (复议, 诉讼); None when there is none."""
    p = _patterns()
    last = collections.deque(p.objects.finditer(text), maxlen=1)  # only the last one counts
    return p.object_kind[last[0].group()] if last else None


def _clause_end(sent: str, pos: int) -> int:
    end = sent.find("，", pos)
    return len(sent) if end < 0 else end


def _cases_named(text: str) -> tuple[str, ...]:
    """Table-四 rows a clause names: 复议 → review; 诉讼 → both litigation groups."""
    rows: list[str] = []
    if "复议" in text.replace("复议后", ""):
        rows.extend(REVIEW_ROWS)
    if "诉讼" in text or "起诉" in text:
        if "复议后" in text and "直接" not in text and "未经复议" not in text:
            rows.append("lit_after_review")
        elif ("直接" in text or "未经复议" in text) and "复议后" not in text:
            rows.append("lit_direct")
        else:
            rows.extend(LITIGATION_ROWS)
    return tuple(rows)


# --------------------------------------------------------------------------------------------------
# Per report
# --------------------------------------------------------------------------------------------------
def report_facts(report: Report) -> list[Found]:
    """All facts of a report in document order, computed once per report: every GIP3xx rule reads
    them."""
    return report.derived("narrative.facts", _report_facts)


def _report_facts(report: Report) -> list[Found]:
    issuer = Issuer.of(report)
    found: list[Found] = []
    before: list[str] = []  # the texts of the earlier runs of the same part
    part = -1
    for prose in prose_runs(report):
        if prose.part != part:
            before, part = [], prose.part
        if may_state_facts(prose.text):
            # What an earlier run of the part named last; looked up only here, since most runs
            # state nothing.
            inherited = next(filter(None, map(last_object, reversed(before))), None)
            found.extend(Found(fact, prose) for fact in extract(prose, issuer, inherited))
        before.append(prose.text)
    return found


def facts_of(text: str, issuer: Issuer | None = None, part: int = 0) -> list[Fact]:
    """The facts of one string of prose (for tests and ``giplint explain``-style tools)."""
    line = Line(1, text, text)
    return extract(normalise([line], part), issuer)
