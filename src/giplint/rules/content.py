"""GIP4xx: required content. What 条例 第五十条 and the 2021 format ask each part to say.

The keyword lists and the 信息处理费 patterns are data, in ``rules/content.toml``. A rule about a
part that was not found yields nothing: GIP101 reports the missing part once.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from giplint import lazyregex
from giplint.diagnostics import ERROR, INFO, WARNING, Bi, Diagnostic, Message, Span
from giplint.model import Line, Part, Report
from giplint.numerals import MAX_DIGITS
from giplint.resources import load_toml
from giplint.rule import Rule

# --- text helpers shared with the hygiene family ---------------------------------------------

TITLE_MASK = "〓"  # stands in for every character of a 《…》 title; matches no pattern
_TITLE_PAIRS = {"》": "《", "〉": "〈"}
_TITLE_BRACKET = lazyregex.compile("[《〈》〉]")
_SENTENCE_END = lazyregex.compile(r"[。；;！!？?]")
_CJK = lazyregex.compile(r"[\u4e00-\u9fff]")
_NOT_CJK = lazyregex.compile(r"[^\u4e00-\u9fff]+")


@dataclass(frozen=True, slots=True)
class Joined:
    """Pieces of text (lines, or fields of lines) joined by ``\\n``, so that one regex pass in C
    can tell which pieces a pattern may match in, instead of one Python-level call per piece.

    Most reports are clean, so most scans find nothing; the rules then run their exact per-piece
    code on the few candidates only, and behave as if they had scanned every piece.
    """

    text: str
    starts: tuple[int, ...]  # offset of each piece in ``text``

    @classmethod
    def of(cls, pieces: Iterable[str]) -> Joined:
        parts = list(pieces)
        ends = itertools.accumulate([len(piece) + 1 for piece in parts], initial=0)
        return cls("\n".join(parts), tuple(ends)[:-1])

    def candidates(self, pattern: re.Pattern[str], hints: tuple[str, ...] = ()) -> Iterator[int]:
        """Indexes of the pieces ``pattern`` may match in, in order: every piece it matches in, and
        perhaps a few more. Holds for a pattern that matches inside a piece wherever it matches in
        that piece alone: no ``^``/``$`` without MULTILINE, and lookarounds that treat ``\\n``
        as they treat the edge of the text (as all the patterns of this family and GIP7xx do).

        ``hints``, when given, are substrings one of which every match contains: when none occurs,
        a substring search (far faster than any regex scan) proves there is nothing to find.
        """
        text, starts, pos = self.text, self.starts, 0
        if hints and not any(hint in text for hint in hints):
            return
        while (m := pattern.search(text, pos)) is not None:
            i = bisect.bisect_right(starts, m.start()) - 1
            yield i
            if i + 1 == len(starts):
                return
            pos = starts[i + 1]  # the rest of piece i is left to the rule's own scan


def report_lines(report: Report) -> Joined:
    """Every line of the report, joined once per report."""
    return report.derived("content.lines", lambda r: Joined.of(line.text for line in r.lines))


def mask_titles(text: str) -> str:
    """``text`` with every ``《…》`` title (nested ``〈…〉`` included) blanked, offsets unchanged.

    A title names a document, so a word inside it says nothing about what the organ did: the
    fee measures 《政府信息公开信息处理费管理办法》 mention the fee without stating one. An
    unclosed ``《`` masks nothing, so a stray bracket cannot hide the rest of a line.
    """
    if "《" not in text and "〈" not in text:
        return text
    chars = list(text)
    opened: list[int] = []  # offsets of the open brackets not yet closed
    for m in _TITLE_BRACKET.finditer(text):  # only brackets change anything
        i, ch = m.start(), m.group()
        if ch in _TITLE_PAIRS.values():
            opened.append(i)
        elif ch in _TITLE_PAIRS and any(text[j] == _TITLE_PAIRS[ch] for j in opened):
            while text[opened[-1]] != _TITLE_PAIRS[ch]:
                opened.pop()  # an inner bracket left open
            start = opened.pop()
            if not opened:
                chars[start : i + 1] = TITLE_MASK * (i + 1 - start)
    return "".join(chars)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences of one line, split at ``。；！？``."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > start:
            yield start, m.end()
        start = m.end()
    if start < len(text) and text[start:].strip():
        yield start, len(text)


def cjk_count(text: str) -> int:
    return len(_NOT_CJK.sub("", text))  # one string, not one per character as findall makes


# --- the part regions the rules read ---------------------------------------------------------

_DATE_LINE = lazyregex.compile(
    r"^\s*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}\s*年[^。，]{1,8}日)\s*$"
)
_ORG_LINE = lazyregex.compile(r"(?:政府|办公室|办公厅|局|委员会|委|厅|办|中心|街道|街道办事处|镇|乡)$")


def _is_signature_like(line: Line) -> bool:
    """The issuing body or the date under the text: not part of what a part says."""
    text = line.text.strip()
    if _DATE_LINE.match(text):
        return True
    return len(text) <= 30 and not re.search(r"[。，；：,;:]", text) and bool(_ORG_LINE.search(text))


def body_lines(report: Report, part: Part) -> list[Line]:
    """The non-empty lines a part says something with: paragraphs and sub-headings, in order,
    without the heading and the signature block."""
    return report.derived(f"content.body_lines.{part.number}", lambda r: _body_lines(r, part))


def _body_lines(report: Report, part: Part) -> list[Line]:
    closing = {line.number for line in report.closing_lines}
    if report.signature is not None:
        closing.add(report.signature.span.line)
    heading = part.heading.line.number if part.heading else None
    chosen: dict[int, Line] = {}
    for line in [*(p.line for p in part.paragraphs), *part.subheadings]:
        if line.number in closing or line.number == heading or not line.text.strip():
            continue
        if part.number == 6 and _is_signature_like(line):
            continue
        chosen[line.number] = line
    return [chosen[k] for k in sorted(chosen)]


def body_text(report: Report, part: Part) -> str:
    return "\n".join(line.text for line in body_lines(report, part))


def anchor(report: Report, part: Part) -> Span:
    """Where a finding about a whole part points: its heading, else its first line of text."""
    if part.heading is not None:
        return part.heading.line.stripped_span()
    lines = body_lines(report, part)
    if lines:
        return lines[0].stripped_span()
    return part.span or Span(1)


def body_span(report: Report, part: Part) -> Span:
    """The body of a part, first to last line of text; the heading when the body is empty."""
    lines = body_lines(report, part)
    if not lines:
        return anchor(report, part)
    first, last = lines[0], lines[-1]
    start = first.stripped_span()
    end = last.stripped_span()
    return Span(start.line, start.column, end.last_line, end.end_column)


# --- the 信息处理费 statement (format reference §10.3) ---------------------------------------


@functools.cache
def _content() -> dict[str, Any]:
    return load_toml("content.toml")


_FEE_HINTS = ("费",)  # in every match of the fee topic pattern (content.toml); see Joined


@functools.cache
def _fee_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    fee = _content()["fee"]
    return lazyregex.compile(fee["topic"]), lazyregex.compile(fee["none"]), lazyregex.compile(fee["amount"])


@dataclass(frozen=True, slots=True)
class FeeAmount:
    start: int  # offsets in the line's original text
    end: int
    yuan: Decimal


@dataclass(frozen=True, slots=True)
class FeeSentence:
    line: Line
    start: int
    end: int
    compliant: bool
    amounts: tuple[FeeAmount, ...]


def _to_decimal(digits: str) -> Decimal:
    ascii_digits = "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in digits)
    return Decimal(ascii_digits.replace(",", ""))


def fee_sentences(line: Line) -> Iterator[FeeSentence]:
    """The sentences of ``line`` that name the fee outside any title."""
    topic, none, amount = _fee_patterns()
    if "处理费" not in line.text or topic.search(line.text) is None:  # no topic, no fee sentence
        return
    masked = mask_titles(line.text)
    for start, end in sentences(masked):
        sentence = masked[start:end]
        if not topic.search(sentence):
            continue
        amounts = []
        for m in amount.finditer(sentence):
            value = _to_decimal(m.group(1) + (m.group(2) or ""))
            if m.group(3) == "万元":
                value *= 10000
            amounts.append(FeeAmount(start + m.start(), start + m.end(), value))
        compliant = bool(amounts) or none.search(sentence) is not None
        yield FeeSentence(line, start, end, compliant, tuple(amounts))


def _part_six_lines(report: Report, part: Part) -> list[Line]:
    """Everything from the part-六 heading to the end, closing block included: a fee sentence
    the classifier took for part of the signature block still counts."""
    return report.derived("content.part_six_lines", lambda r: _compute_part_six_lines(r, part))


def _compute_part_six_lines(report: Report, part: Part) -> list[Line]:
    numbers = {line.number for line in body_lines(report, part)}
    numbers |= {line.number for line in report.closing_lines}
    if part.span is not None:
        numbers |= set(range(part.span.line, part.span.last_line + 1))
    return [report.line(n) for n in sorted(numbers) if 1 <= n <= len(report.lines)]


def compliant_fee_sentence(lines: list[Line]) -> FeeSentence | None:
    for line in lines:
        for sentence in fee_sentences(line):
            if sentence.compliant:
                return sentence
    return None


def fee_statement_missing(report: Report) -> bool:
    """True when part 六 exists and holds no compliant fee sentence (the GIP401 condition)."""
    return report.derived("content.fee_missing", _fee_statement_missing)


def _fee_statement_missing(report: Report) -> bool:
    part = report.part(6)
    if part is None:
        return False
    return compliant_fee_sentence(_part_six_lines(report, part)) is None


def _compliant_fee_sentence_outside(report: Report, inside: set[int]) -> FeeSentence | None:
    """The first compliant fee sentence on a line not in ``inside``, found from the lines where
    the fee's name occurs at all."""
    candidates = report_lines(report).candidates(_fee_patterns()[0], _FEE_HINTS)
    lines = [report.lines[i] for i in candidates if report.lines[i].number not in inside]
    return compliant_fee_sentence(lines)


def _punctuation_free(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalnum() or _CJK.match(ch))


def _found(text: str, item: dict[str, Any]) -> bool:
    if any(word in text for word in item.get("any", [])):
        return True
    return any(all(word in text for word in group) for group in item.get("all_of", []))


def _missing(text: str, items: list[dict[str, Any]]) -> list[Bi]:
    return [Bi(item["zh"], item["en"]) for item in items if not _found(text, item)]


# --- the rules --------------------------------------------------------------------------------


class FeeStatementMissing(Rule):
    """Part 六 states the 信息处理费 charged, or that none was charged.

    Why: since the 2021 format, reports account in part 六 for the information-processing fee that
    国办函〔2020〕109号 allows organs to charge applicants whose requests exceed a reasonable
    volume. A sentence counts when it names the fee outside a 《…》 title and states an amount or
    says explicitly that no fee arose (未收取, 没有产生, 收取…0元). The 行政事业性收费 of table 二
    is a different fee and proves nothing either way. When the only such sentence stands
    elsewhere in the report the finding is a warning.

    Source: 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号); 条例 第四十二条; the 2021
    format (国办公开办函〔2021〕30号), part 六.

    Fails: ``六、其他需要报告的事项`` followed only by ``无。``; or only
    ``认真贯彻执行《政府信息公开信息处理费管理办法》。``

    Passes: ``本机关2024年度未收取政府信息公开信息处理费。``; ``全年收取信息处理费200元。``
    """

    code = "GIP401"
    name = "fee-statement-missing"
    severity = ERROR
    since = 2021
    message = Message(
        zh="第六部分未说明信息处理费收取情况（收取金额，或明确未收取）",
        en="Part 六 does not state the information-processing fee (an amount, or that none was charged)",
    )
    message_elsewhere = Message(
        zh="信息处理费收取情况写在第{line}行，应放在第六部分“其他需要报告的事项”中",
        en="The information-processing fee is stated at line {line}; it belongs in part 六 (other matters)",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        part = report.part(6)
        if part is None or not fee_statement_missing(report):
            return
        inside = {line.number for line in _part_six_lines(report, part)}
        elsewhere = _compliant_fee_sentence_outside(report, inside)
        if elsewhere is None:
            yield self.at(body_span(report, part))
        else:
            yield self.at(
                body_span(report, part),
                severity=WARNING,
                message=self.message_elsewhere,
                line=elsewhere.line.number,
            )


class PartSixPlaceholder(Rule):
    """Part 六 says nothing but ``无``.

    Why: ``无。`` as the whole of part 六 usually means the section was skipped rather than
    considered. From the 2021 format on, the part is expected at least to state the 信息处理费, so
    the finding is left to GIP401 whenever that rule fires.

    Source: 条例 第五十条(五) "其他需要报告的事项".

    Fails: a 2020 report whose part 六 is ``无。``

    Passes: a part 六 that reports the fee, or anything else of substance.
    """

    code = "GIP402"
    name = "part-six-placeholder"
    severity = INFO
    since = 2019
    message = Message(
        zh="第六部分仅写“{text}”，未报告任何事项",
        en="Part 六 only says “{text}” and reports nothing",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        part = report.part(6)
        if part is None:
            return
        if FeeStatementMissing().applies_to(report.year) and fee_statement_missing(report):
            return  # GIP401 fires on the same part
        lines = body_lines(report, part)
        placeholders = set(_content()["placeholder_bodies"])
        if lines and all(_punctuation_free(line.text) in placeholders for line in lines):
            yield self.at(body_span(report, part), text="".join(line.text.strip() for line in lines))


class OverviewTopicMissing(Rule):
    """Part 一 covers each topic the 2021 format lists for the overview.

    Why: the overview must report on 主动公开, 依申请公开, 政府信息管理, 政府信息公开平台建设 and
    监督保障. A topic with no keyword anywhere in part 一 was most likely left out. One finding per
    missing topic.

    Source: 国办公开办函〔2021〕30号, item （一）.

    Fails: a part 一 with sub-sections on 主动公开, 依申请公开, 信息管理 and 平台建设 but nothing
    on supervision.

    Passes: sub-sections （一）主动公开 … （五）监督保障, as in the official format.
    """

    code = "GIP403"
    name = "overview-topic-missing"
    severity = WARNING
    since = 2021
    message = Message(
        zh="第一部分“总体情况”未涉及“{topic}”",
        en="Part 一 (overview) does not cover {topic}",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        part = report.part(1)
        if part is None:
            return
        text = body_text(report, part)
        for topic in _missing(text, _content()["overview_topics"]):
            yield self.at(anchor(report, part), topic=topic)


class GovernmentAccountabilityMissing(Rule):
    """A government's report covers 工作考核, 社会评议 and 责任追究.

    Why: 条例 第五十条(四) requires the reports of 各级人民政府 to include the results of
    performance assessment, public appraisal and accountability (the systems 第四十六条 makes
    them keep). Departments and 街道办事处 are not bound by it. All three missing is a warning;
    one or two missing is for information.

    Source: 条例 第五十条(四), 第四十六条.

    Fails: a county government's report that never mentions 考核, 评议, 追究 or 问责.

    Passes: ``将政务公开纳入年度绩效考核，开展社会评议，对工作不力的单位严肃问责。``
    """

    code = "GIP404"
    name = "government-accountability-missing"
    severity = WARNING
    since = 2019
    message = Message(
        zh="政府年报未报告{missing}结果（条例第五十条第（四）项）",
        en="A government's report must give the results of {missing} (条例 art. 50(4))",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if report.issuer_kind not in ("government", "township"):
            return
        issuer = (report.issuer or "").strip()
        if any(issuer.endswith(s) for s in _content()["accountability_exempt_suffixes"]):
            return
        items = _content()["accountability"]
        missing = _missing(report_lines(report).text, items)
        if not missing:
            return
        part = report.part(1)
        if part is not None:
            span = anchor(report, part)
        elif report.title is not None:
            span = report.title.stripped_span()
        else:
            span = Span(1)
        yield self.at(span, severity=WARNING if len(missing) == len(items) else INFO, missing=missing)


class _PartFiveWords(Rule):
    """Shared check: part 五's body contains one of the words listed under ``words_key`` in
    rules/content.toml."""

    words_key: ClassVar[str]

    def check(self, report: Report) -> Iterator[Diagnostic]:
        part = report.part(5)
        if part is None:
            return
        text = body_text(report, part)
        if not any(word in text for word in _content()[self.words_key]):
            yield self.at(body_span(report, part))


class ProblemsNotStated(_PartFiveWords):
    """Part 五 names at least one problem of the organ's disclosure work.

    Why: 条例 第五十条(四) asks for the main problems as well as the improvements. A part 五 that
    lists only measures (``1.明确目标任务…2.抓好公开载体…``) leaves the first half out.

    Source: 条例 第五十条(四) "政府信息公开工作存在的主要问题及改进情况".

    Fails: ``2025年，我县将采取有效措施，不断提升公开质量。``

    Passes: ``政策解读形式较为单一，主动公开的及时性有待提高。``
    """

    code = "GIP405"
    name = "problems-not-stated"
    severity = WARNING
    since = 2019
    message = Message(
        zh="第五部分未写明存在的主要问题（只有改进措施）",
        en="Part 五 does not name any problem, only measures",
    )

    words_key = "problem_words"


class ImprovementsNotStated(_PartFiveWords):
    """Part 五 says what was or will be improved.

    Why: 条例 第五十条(四) asks for the improvements as well as the problems.

    Source: 条例 第五十条(四) "政府信息公开工作存在的主要问题及改进情况".

    Fails: ``政策解读形式较为单一，主动公开的及时性不够。`` and nothing more.

    Passes: ``下一步，我局将丰富解读形式，加强审核把关。``
    """

    code = "GIP406"
    name = "improvements-not-stated"
    severity = WARNING
    since = 2019
    message = Message(
        zh="第五部分未写明改进情况或改进措施",
        en="Part 五 does not state any improvement or measure",
    )

    words_key = "improvement_words"


class PartTooShort(Rule):
    """Part 一 and part 五 have some substance.

    Why: the overview and the problems-and-improvements part are the report's only free text; a
    part of under 30 Chinese characters cannot cover what 条例 第五十条 asks of it. Sub-section
    titles do not count, only text.

    Source: 条例 第五十条(一), (四) [derived threshold].

    Fails: ``五、存在的主要问题及改进情况`` followed by ``无。``

    Passes: a part 五 of two or three sentences on problems and measures.
    """

    code = "GIP407"
    name = "part-too-short"
    severity = WARNING
    since = 2019
    message = Message(
        zh="第{part}部分正文仅{count}个汉字，内容过于简略",
        en="Part {part} has only {count} Chinese characters of text",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        minimum = int(_content()["min_body_cjk"])
        for number, ordinal in ((1, "一"), (5, "五")):
            part = report.part(number)
            if part is None:
                continue
            subheadings = {line.number for line in part.subheadings}
            count = 0
            for line in body_lines(report, part):
                text = line.text
                if line.number in subheadings:
                    # a sub-heading line counts only for the text after its title (（一）…方面。正文)
                    cut = text.find("。")
                    text = text[cut + 1 :] if cut >= 0 else ""
                count += cjk_count(text)
                if count >= minimum:
                    break  # enough: the exact count is only reported below the minimum
            if count < minimum:
                yield self.at(anchor(report, part), part=ordinal, count=count)


class PeriodStatementMissing(Rule):
    """The preamble states the 统计期限 of the figures.

    Why: nearly every report says that its data run from 1 January to 31 December of the year;
    without the statement the reader has to assume it, and GIP501/GIP503 cannot check it.

    Source: common practice since 2011 [observed]; not verified as a requirement of the format.

    Fails: a preamble with no ``统计期限`` sentence.

    Passes: ``本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。``
    """

    code = "GIP408"
    name = "period-statement-missing"
    severity = INFO
    message = Message(
        zh="未说明报告所列数据的统计期限",
        en="The report does not state the period its figures cover (统计期限)",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if report.period is not None:
            return
        preamble = [p.line for p in report.preamble.paragraphs if p.line.text.strip()]
        if preamble:
            yield self.at(preamble[0].stripped_span())
        elif report.title is not None:
            yield self.at(report.title.stripped_span())
        else:
            first = next((line for line in report.lines if line.text.strip()), None)
            if first is not None:
                yield self.at(first.stripped_span())


class PartSixOptionalItems(Rule):
    """Part 六 covers the items reviewers commonly expect.

    Why: besides the 信息处理费, many provincial reviews expect part 六 to report on the year's
    政务公开工作要点, on the disclosure of replies to 人大代表建议 and 政协提案, and on innovations.
    None of this is confirmed as a requirement of the format, so the rule is off by default.

    Source: provincial review practice [unconfirmed].

    Fails: a part 六 that only states the fee.

    Passes: a part 六 that also reports the 工作要点, the 建议提案 replies and an innovation.
    """

    code = "GIP409"
    name = "part-six-optional-items"
    severity = INFO
    since = 2021
    enabled_by_default = False
    message = Message(
        zh="第六部分未涉及：{items}",
        en="Part 六 does not mention: {items}",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        part = report.part(6)
        if part is None:
            return
        missing = _missing(body_text(report, part), _content()["part_six_items"])
        if missing:
            yield self.at(anchor(report, part), items=missing)


class FeeAmountGranularity(Rule):
    """A 信息处理费 amount is a multiple of 10 元.

    Why: every band of the fee measures charges whole multiples of 10 元 (按量: 10, 20 or 40 元 a
    page) or of 100 元 (按件), so a total such as ``2235元`` is probably a typing error.

    Source: 国办函〔2020〕109号 (fee bands) [official]; the arithmetic [derived].

    Fails: ``全年收取信息处理费2235元。``

    Passes: ``全年收取信息处理费2230元。``; ``收取信息处理费0元。``
    """

    code = "GIP410"
    name = "fee-amount-granularity"
    severity = INFO
    since = 2021
    message = Message(
        zh="信息处理费金额“{amount}”不是10元的整数倍，请核对",
        en="Information-processing fee “{amount}” is not a multiple of 10 yuan; check it",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        part = report.part(6)
        if part is None:
            return
        step = Decimal(_content()["fee"]["granularity_yuan"])
        for line in _part_six_lines(report, part):
            for sentence in fee_sentences(line):
                for amount in sentence.amounts:
                    if amount.yuan.adjusted() >= MAX_DIGITS:
                        continue  # no real fee, and past Decimal's precision ``%`` raises
                    if amount.yuan % step != 0:
                        text = line.text[amount.start : amount.end]
                        yield self.at(line.span(amount.start, amount.end), amount=text)


RULES: list[type[Rule]] = [
    FeeStatementMissing,
    PartSixPlaceholder,
    OverviewTopicMissing,
    GovernmentAccountabilityMissing,
    ProblemsNotStated,
    ImprovementsNotStated,
    PartTooShort,
    PeriodStatementMissing,
    PartSixOptionalItems,
    FeeAmountGranularity,
]
