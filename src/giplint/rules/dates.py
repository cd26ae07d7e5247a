"""GIP5xx: the reporting year, the 统计期限, years in the narrative, and the publication deadline.

Format reference §1.2, §1.4 and §9. The reporting year N comes from the title (or, failing that,
from the 统计期限); the deadline from :func:`giplint.deadlines.deadline_for`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import ClassVar

from giplint import lazyregex
from giplint.datemasks import Masks, alternation, sentences
from giplint.dates import DateMention, lines_with_dates, may_have_invalid_date, may_name_year
from giplint.deadlines import deadline_basis, deadline_for
from giplint.diagnostics import ERROR, INFO, WARNING, Bi, Diagnostic, Message, Span
from giplint.model import Line, Report
from giplint.rule import Rule

# Which entry of [deadlines] applied; the date itself is in the message, as configuration may move it.
DEADLINE_BASIS = {
    "department": Bi("政府部门", "a department"),
    "government": Bi("本级人民政府", "a government's own report"),
    "township": Bi("乡镇、街道", "a township or street"),
    "unknown": Bi(
        "机关层级未能确定，按较晚的法定期限", "issuer level undetermined: the later statutory date"
    ),
    "legacy": Bi(
        "原条例（2007年）对所有机关规定的同一期限", "the one date for all organs under the 2007 regulations"
    ),
}
CONFIGURED = Bi("，按配置", ", as configured")


def _basis(key: str, configured: bool) -> Bi:
    name = DEADLINE_BASIS[key]
    return Bi(name.zh + CONFIGURED.zh, name.en + CONFIGURED.en) if configured else name


NARRATIVE_PARTS = (0, 1, 2, 3, 4)  # the preamble and parts 一–四; part 五 may speak of N+1


def _iso(date: dt.date) -> str:
    return date.isoformat()


def _mention_span(line: Line, mention: DateMention, year_only: bool = False) -> Span:
    return line.span(mention.start, mention.year_end if year_only else mention.end)


def _masks(report: Report) -> Masks:
    """The report's masked lines and their dates, shared by the rules of this family."""
    return report.derived("dates.masks", lambda _: Masks())


def _lines_with_dates(report: Report) -> dict[int, Line]:
    """The lines that may name a date, by number and in order: the others are skipped."""
    return report.derived("dates.dated", lambda r: {ln.number: ln for ln in lines_with_dates(r.lines)})


def _skipped_lines(report: Report) -> set[int]:
    """Lines whose dates are not narrative: title, issuer line and signature."""
    skipped = {ln.number for ln in (report.title, report.issuer_line) if ln is not None}
    if report.signature is not None:
        skipped.add(report.signature.span.line)
    return skipped


class TitlePeriodYearMismatch(Rule):
    """The 统计期限 (or a heading or table header) names a year other than the title's.

    Why: the report covers exactly the previous calendar year, the year in its title. A period
    statement for another year is usually last year's sentence left unchanged, and then every
    figure of the report is in doubt.

    Source: 条例 第四十九条 ("上一年度"); format reference §1.4.

    Fails: title ``青禾市云溪区2024年政府信息公开工作年度报告`` with
    ``统计期限自2023年1月1日起至2023年12月31日止``.

    Passes: the same title with ``统计期限自2024年1月1日起至2024年12月31日止``.
    """

    code = "GIP501"
    name = "title-period-year-mismatch"
    severity = ERROR
    message = Message(
        zh="{where}中的年份{found}与标题年份{expected}不一致",
        en="The year {found} in {where} differs from the title year {expected}",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        year = report.year
        if year is None or report.year_from != "title":
            return
        period = report.period
        if period is not None:
            line = report.line(period.span.line)
            lo, hi = period.span.column - 1, (period.span.end_column or 1) - 1
            for m in _masks(report).dates(line.text):
                if lo <= m.start < hi and m.year is not None and m.year != year:
                    yield self.at(
                        _mention_span(line, m, year_only=True),
                        where=Bi("统计期限", "the 统计期限"),
                        found=m.year,
                        expected=year,
                    )
                    break
        headers = [h.line for h in report.headings]
        for table in report.tables.values():
            headers.extend(report.line(span.line) for _, span in table.header_texts)
        masks, with_dates = _masks(report), _lines_with_dates(report)
        seen: set[int] = set()
        for line in headers:
            if line.number in seen or line.number not in with_dates:
                continue
            seen.add(line.number)
            for m in masks.dates(masks.structure(line.text)):
                if m.year is not None and m.year != year:
                    yield self.at(
                        _mention_span(line, m, year_only=True),
                        where=Bi("标题或表头", "a heading or table header"),
                        found=m.year,
                        expected=year,
                    )
                    break


class TitleYearMissing(Rule):
    """The title names no year, so the reporting year was taken from the 统计期限.

    Why: the title is how readers and archives tell one year's report from the next; without the
    year the report can only be placed by reading its period statement.

    Source: format reference §1.4 (``<issuer>N年政府信息公开工作年度报告``).

    Fails: title ``白石县交通运输局政府信息公开工作年度报告`` with a 2024 统计期限.

    Passes: ``白石县交通运输局2024年政府信息公开工作年度报告``.
    """

    code = "GIP502"
    name = "title-year-missing"
    severity = WARNING
    message = Message(
        zh="标题未写明年份，报告年度{year}取自统计期限",
        en="The title names no year; the reporting year {year} was taken from the 统计期限",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if report.year_from != "period" or report.year is None:
            return
        if report.title is not None:
            span = report.title.stripped_span()
        elif report.period is not None:
            span = report.period.span
        else:
            return
        yield self.at(span, year=report.year)


class PeriodNotFullYear(Rule):
    """The 统计期限 does not run from 1 January to 31 December of one year.

    Why: the tables count a whole calendar year; a period that starts late, stops early or runs
    over two years makes the figures incomparable with the template and with other reports.

    Source: 条例 第四十九条 ("上一年度"); format reference §1.4, §9.4.

    Fails: ``统计期限自2024年1月1日起至2024年11月30日止``.

    Passes: ``统计期限为2024年1月1日至12月31日``.
    """

    code = "GIP503"
    name = "period-not-full-year"
    severity = ERROR
    message = Message(
        zh="统计期限为“{found}”，应为{expected}（{year}年全年）",
        en="The 统计期限 reads “{found}”; it should run {expected}, the whole of {year}",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        period = report.period
        if period is None:
            return
        year = period.start.year if period.start is not None else report.year
        if year is None:
            return
        if period.start == dt.date(year, 1, 1) and period.end == dt.date(year, 12, 31):
            return
        expected = f"{year}-01-01 – {year}-12-31"
        yield self.at(period.span, found=period.text, expected=expected, year=year)


class NarrativeYearDrift(Rule):
    """A year next to the reporting year is written where the reporting year is meant.

    In the preamble and parts 一–四, after masking document numbers (〔2021〕30号), titles (《…》),
    year ranges (2021-2025年), contact data, forward plans for N+1, carry-overs and comparisons
    (较2023年, 与上年相比), a year N−1 or N+1 followed by ``，``, ``度`` or a work verb (``受理``,
    ``发布``, ``共``…) is reported, once per wrong year. ``2023年，…`` opening a sentence of a 2024
    report is the classic sign of last year's text reused.

    Why: the 2021 format notice names 内容雷同 (copied content) among the defects that trigger
    accountability; a stray year is its most visible trace.

    Source: 国办公开办函〔2021〕30号; format reference §9.3, §9.4.

    Fails: in a 2024 report, ``2023年，我局共受理政府信息公开申请5件。``

    Passes: ``2024年，我局共受理政府信息公开申请5件，较2023年增加2件。``
    """

    code = "GIP504"
    name = "narrative-year-drift"
    severity = WARNING
    message = Message(
        zh="正文写有{found}年（共{count}处），而报告年度为{expected}年，疑为沿用其他年度的文字",
        en="The text names {found} ({count}×) although the report covers {expected}: "
        "possibly text reused from another year's report",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        year = report.year
        if year is None:
            return
        followers = alternation("work_verbs")
        skipped = _skipped_lines(report)
        period = report.period
        masks, with_dates = _masks(report), _lines_with_dates(report)
        found: dict[int, list[Span]] = {}
        for paragraph in report.paragraphs(*NARRATIVE_PARTS):
            line = paragraph.line
            if line.number in skipped or line.number not in with_dates:
                continue
            if not may_name_year(line.text, year - 1, year + 1):
                continue  # a finding needs N−1 or N+1: spare the masks
            masked = masks.years(line.text, year)
            for m in masks.dates(masked):
                if m.year not in (year - 1, year + 1):
                    continue
                if period is not None and period.span.line == line.number and _inside(period.span, m):
                    continue
                if m.kind == "year":
                    hit = _follows(masked, m.year_end, followers)
                else:  # 2023年12月，我局… : a month or date that opens a clause
                    hit = _opens_clause(masked, m.start) and masked[m.end : m.end + 1] in ("，", ",")
                if hit:
                    found.setdefault(m.year, []).append(_mention_span(line, m, year_only=True))
        for wrong, spans in sorted(found.items(), key=lambda item: (item[1][0].line, item[1][0].column)):
            yield self.at(spans[0], found=wrong, count=len(spans), expected=year)


def _inside(span: Span, mention: DateMention) -> bool:
    return span.column - 1 <= mention.start < (span.end_column or span.column) - 1


def _follows(text: str, at: int, pattern: re.Pattern[str]) -> bool:
    while at < len(text) and text[at].isspace():
        at += 1
    return pattern.match(text, at) is not None


def _opens_clause(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before[-1] in "。！？；;，,：:" or before.endswith(("在", "于"))


class ForwardPlanYear(Rule):
    """A plan in part 五 is dated the reporting year instead of the next one.

    Part 五 describes problems and the improvements planned for the year the report is published
    in (N+1). A sentence there with a plan word (``下一步``, ``今后``, future ``将``…) that is dated
    N (``2024年，我局将…`` in a 2024 report) and names no N+1 is reported.

    Why: such a sentence was almost always carried over from last year's report with the year
    moved by one too few.

    Source: format reference §9.4 [derived].

    Fails: in part 五 of a 2024 report, ``2024年，我局将进一步加强政策解读。``

    Passes: ``2025年，我局将进一步加强政策解读。``
    """

    code = "GIP505"
    name = "forward-plan-year"
    severity = WARNING
    message = Message(
        zh="第五部分的工作打算写作{found}年（报告年度），应为{expected}年",
        en="A plan in part 五 is dated {found}, the reporting year; plans concern {expected}",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        year = report.year
        if year is None:
            return
        strict = alternation("plan_cues_strict")
        future = alternation("future_after_jiang")
        dated = alternation("plan_dated_after")
        skipped = _skipped_lines(report)
        masks, with_dates = _masks(report), _lines_with_dates(report)
        for paragraph in report.paragraphs(5):
            line = paragraph.line
            if line.number in skipped or line.number not in with_dates:
                continue
            if not may_name_year(line.text, year):
                continue  # a finding needs N: spare the masks
            masked = masks.structure(line.text)
            mentions = masks.dates(masked)
            for start, end in sentences(masked):
                inside = [m for m in mentions if start <= m.start < end]
                if any(m.year == year + 1 for m in inside):
                    continue  # the plan is dated N+1; N names the problems it answers
                for m in inside:
                    if m.year != year:
                        continue
                    opens, scope = _plan_scope(masked, start, end, m)
                    if (opens or _follows(masked, _after_du(masked, m), dated)) and _is_plan(
                        scope, strict, future
                    ):
                        yield self.at(_mention_span(line, m, year_only=True), found=year, expected=year + 1)
                        break


_CLAUSE_MARKS = "，,；;：:"
_LEAD_CLAUSE_MAX = 5  # 下一步， / 今后， before the dated clause belong to it


def _plan_scope(text: str, start: int, end: int, mention: DateMention) -> tuple[bool, str]:
    """Whether the year opens its clause, and the text a plan word must stand in for the year to
    date it: the year's clause, a short clause before it (下一步，), and the next clause when the
    year stands alone (2024年，我局将…). A plan word further on concerns something else."""
    cs = max((text.rfind(c, start, mention.start) for c in _CLAUSE_MARKS), default=-1)
    cs = start if cs < start else cs + 1
    ce = min((i for i in (text.find(c, mention.end, end) for c in _CLAUSE_MARKS) if i >= 0), default=end)
    opens = _bare(text[cs : mention.start])
    scope_start, scope_end = cs, ce
    if cs > start:
        ps = max((text.rfind(c, start, cs - 1) for c in _CLAUSE_MARKS), default=-1)
        ps = start if ps < start else ps + 1
        if cs - 1 - ps <= _LEAD_CLAUSE_MAX:
            scope_start = ps
    if ce < end and _bare(text[mention.end : ce]):
        after = min((i for i in (text.find(c, ce + 1, end) for c in _CLAUSE_MARKS) if i >= 0), default=end)
        scope_end = after
    return opens, text[scope_start:scope_end]


def _bare(text: str) -> bool:
    """Nothing but spaces, masked text, 在/于/度 or non-Chinese residue."""
    rest = text.strip().strip("#").strip("在于度")
    return not any("\u4e00" <= c <= "\u9fff" for c in rest)


def _is_plan(sentence: str, strict: re.Pattern[str], future: re.Pattern[str]) -> bool:
    if strict.search(sentence):
        return True
    at = sentence.find("将")
    while at >= 0:
        if future.match(sentence, at + 1):
            return True
        at = sentence.find("将", at + 1)
    return False


def _after_du(text: str, mention: DateMention) -> int:
    return mention.year_end + 1 if text.startswith("度", mention.year_end) else mention.year_end


class LatePublication(Rule):
    """The report was signed after its publication deadline.

    Departments publish by 31 January of N+1, a 县级以上地方人民政府's own report is due by 31 March;
    townships and reports whose issuer level cannot be told get 31 March unless configuration
    says otherwise. A report cannot be published before it is signed, so a signature date after
    the deadline proves late publication. Severity is error when the issuer level was configured,
    warning when it was inferred from the issuer's name.

    Why: the 2021 format notice lists 不按时发布 among the defects that trigger accountability.

    Source: 条例 第四十九条; 国办公开办函〔2021〕30号; format reference §1.2, §9.5.

    Fails: ``白石县交通运输局2024年…年度报告`` signed ``2025年2月10日``.

    Passes: the same report signed ``2025年1月20日``; ``青禾市云溪区`` (本级政府) signed ``2025年2月10日``.
    """

    code = "GIP506"
    name = "late-publication"
    severity = ERROR
    message = Message(
        zh="落款日期{found}晚于发布期限{deadline}（{kind}）",
        en="Signed {found}, after the publication deadline {deadline} ({kind})",
    )

    def __init__(self, deadline_overrides: Mapping[str, str] | None = None) -> None:
        super().__init__()
        # From configuration: issuer kind (or "legacy") -> "MM-DD" in N+1; see deadlines.deadline_for.
        self.deadline_overrides = deadline_overrides

    published_message: ClassVar[Message] = Message(
        zh="网页标注的发布日期{found}晚于发布期限{deadline}（{kind}）",
        en="Published {found} (page metadata), after the publication deadline {deadline} ({kind})",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if report.year is None:
            return
        deadline, key, configured = deadline_basis(report.year, report.issuer_kind, self.deadline_overrides)
        severity = ERROR if report.issuer_kind_configured else WARNING
        signed = report.signature.date if report.signature else None
        if signed is not None and signed > deadline:
            yield self.at(
                report.signature.span,  # type: ignore[union-attr]
                severity=severity,
                found=_iso(signed),
                deadline=_iso(deadline),
                kind=_basis(key, configured),
            )
        elif report.publication_date is not None and report.publication_date > deadline:
            where = report.title.stripped_span() if report.title else Span(1)
            yield self.at(
                where,
                message=self.published_message,
                severity=severity,
                found=_iso(report.publication_date),
                deadline=_iso(deadline),
                kind=_basis(key, configured),
            )


class PrematureDate(Rule):
    """The report is signed on or before the last day of the year it reports on.

    Why: the report accounts for a whole calendar year and cannot be finished before that year
    ends; such a date is usually last year's signature left in place or a typing error.

    Source: format reference §9.5, §11.6 [derived].

    Fails: a 2024 report signed ``2024年12月20日``.

    Passes: a 2024 report signed ``2025年1月20日``.
    """

    code = "GIP507"
    name = "premature-date"
    severity = WARNING
    message = Message(
        zh="落款日期{found}不晚于报告年度末{expected}",
        en="Signed {found}, not after the end of the reporting year ({expected})",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if report.year is None or report.signature is None:
            return
        end = dt.date(report.year, 12, 31)
        if report.signature.date <= end:
            yield self.at(report.signature.span, found=_iso(report.signature.date), expected=_iso(end))


class SignatureDateMissing(Rule):
    """No signature date after the start of part 六, so timely publication cannot be assessed.

    Why: the signature date is the only date in the text that bounds the publication date; without
    it (and without a publication date from metadata) the deadline check cannot run.

    Source: format reference §9.2, §9.5.

    Fails: a report that ends with part 六's last sentence and no date.

    Passes: a report that ends with ``白石县交通运输局`` and ``2025年1月20日``.
    """

    code = "GIP508"
    name = "signature-date-missing"
    severity = INFO
    message = Message(
        zh="未找到落款日期，无法判断是否在期限{deadline}前发布",
        en="No signature date found: publication by the deadline {deadline} cannot be assessed",
    )

    def __init__(self, deadline_overrides: Mapping[str, str] | None = None) -> None:
        super().__init__()
        # From configuration: issuer kind (or "legacy") -> "MM-DD" in N+1; see deadlines.deadline_for.
        self.deadline_overrides = deadline_overrides

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if report.signature is not None or report.publication_date is not None:
            return
        last = next((ln for ln in reversed(report.lines) if ln.text.strip()), None)
        if last is None:
            return
        deadline: object = (
            _iso(deadline_for(report.year, report.issuer_kind, self.deadline_overrides))
            if report.year is not None
            else Bi("未知", "unknown")
        )
        yield self.at(last.stripped_span(), deadline=deadline)


_INVALID_GATE = lazyregex.compile(r"[年月\-/.]")


class InvalidDate(Rule):
    """A date that does not exist: month 13, ``2月30日``, day 32.

    Why: an impossible date is a typing error, and when it is the signature or the 统计期限 the
    report's timeliness or coverage cannot be read from it.

    Source: format reference §9.1.

    Fails: ``统计期限自2024年1月1日起至2024年12月32日止``.

    Passes: ``统计期限自2024年1月1日起至2024年12月31日止``.
    """

    code = "GIP509"
    name = "invalid-date"
    severity = ERROR
    message = Message(zh="日期“{found}”不存在", en="“{found}” is not a valid date")

    def check(self, report: Report) -> Iterator[Diagnostic]:
        masks = _masks(report)
        for line in _lines_with_dates(report).values():
            if _INVALID_GATE.search(line.text) is None:
                continue  # this rule's own test: a date with full-width separators only is not read
            if not may_have_invalid_date(line.text):
                continue  # spare the masks
            masked = masks.contact(line.text)
            for m in masks.dates(masked):
                if not m.valid:
                    yield self.at(line.span(m.start, m.end), found=line.text[m.start : m.end])


RULES: list[type[Rule]] = [
    TitlePeriodYearMismatch,
    TitleYearMissing,
    PeriodNotFullYear,
    NarrativeYearDrift,
    ForwardPlanYear,
    LatePublication,
    PrematureDate,
    SignatureDateMissing,
    InvalidDate,
]
