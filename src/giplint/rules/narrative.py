"""GIP3xx: figures stated in the prose against tables 二, 三 and 四 (format reference §8, §11.4).

The facts come from :mod:`giplint.narrative`. Approximate figures (约5件, 10余件) are never compared;
a figure in a sentence with a scope word (§8.4) stays a warning, and the two contradiction rules
(GIP302, GIP309) drop from error to warning there. Absence of a statement is never a finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from giplint.diagnostics import ERROR, WARNING, Bi, Diagnostic, Message
from giplint.model import Report, Table
from giplint.narrative import Found, data, report_facts
from giplint.rule import Rule

Number = int | Decimal


@dataclass(frozen=True, slots=True)
class Figure:
    """A table figure as a message names it: ``表三“本年新收”总计`` / ``table 三 new requests total``."""

    zh: str
    en: str
    value: Number


def _show(value: Number) -> str:
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(int(value))
    return str(value)


def _distinct(figures: Iterable[Figure | None]) -> list[Figure]:
    """Alternative readings of one statement, each value named once (上年结转 0 makes two equal)."""
    out: list[Figure] = []
    for f in figures:
        if f is not None and all(f.value != u.value for u in out):
            out.append(f)
    return out


def _expected(figures: Sequence[Figure]) -> Bi:
    return Bi(
        "，".join(f"{f.zh}为{_show(f.value)}件" for f in figures),
        "; ".join(f"{f.en} is {_show(f.value)}" for f in figures),
    )


def _stated(found: Found) -> Bi:
    return Bi(found.quote, _show(found.fact.value or 0))


def _note(found: Found) -> Bi:
    words = found.fact.scope
    if not words:
        return Bi("", "")
    zh = "、".join(f"“{w}”" for w in words)
    en = ", ".join(words)
    return Bi(
        f"（该句含范围词{zh}，所述可能是另一统计范围）",
        f" (the sentence has the scope word(s) {en}, so it may describe another population)",
    )


def _sum(values: Iterable[Number | None]) -> Number | None:
    """The sum of cell values, or None when any cell is absent (not aligned)."""
    total: Number = 0
    for v in values:
        if v is None:
            return None
        total += v
    return total


# --- table 三 ---------------------------------------------------------------------------------------
def _t3(t3: Table, row: str) -> Figure | None:
    labels = {
        "new": ("表三“本年新收”总计", "table 三 new requests total"),
        "carried_in": ("表三“上年结转”总计", "table 三 carried over from last year total"),
        "total": ("表三“（七）总计”", "table 三 concluded requests (（七）总计)"),
        "carried_out": ("表三“结转下年度继续办理”总计", "table 三 carried forward to next year total"),
    }
    value = t3.value(row)
    if value is None:
        return None
    zh, en = labels[row]
    return Figure(zh, en, value)


def _t3_new_and_carried(t3: Table) -> Figure | None:
    value = _sum([t3.value("new"), t3.value("carried_in")])
    if value is None:
        return None
    return Figure("表三“本年新收”与“上年结转”总计之和", "table 三 new plus carried-over requests", value)


def _facts(report: Report, *kinds: str) -> Iterator[Found]:
    for found in report_facts(report):
        if found.fact.kind in kinds:
            yield found


def _comparable(report: Report, *kinds: str) -> Iterator[Found]:
    for found in _facts(report, *kinds):
        if found.fact.comparable:
            yield found


class _Mismatch(Rule):
    """Shared check for the rules that compare one stated figure with one or more table figures."""

    kinds: tuple[str, ...] = ()
    table_number = 3

    def figures(self, report: Report, found: Found) -> list[Figure]:
        raise NotImplementedError

    def skip(self, report: Report, found: Found) -> bool:
        return False

    def extra(self, found: Found) -> dict[str, object]:
        """Message parameters beyond ``stated``, ``expected`` and ``note``."""
        return {}

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if report.tables.get(self.table_number) is None:
            return
        for found in _comparable(report, *self.kinds):
            figures = self.figures(report, found)
            if not figures or any(found.fact.value == f.value for f in figures) or self.skip(report, found):
                continue
            yield self.at(
                found.span,
                stated=_stated(found),
                expected=_expected(figures),
                note=_note(found),
                **self.extra(found),
            )


class NarrativeReceivedMismatch(_Mismatch):
    """A number of requests received stated in the prose differs from table 三.

    Why: the prose and the table describe the same year. 收到/受理/接到 is ambiguous: some reports
    count new requests only, others new plus carried-over ones, so either total is accepted. 新收
    means new requests only; 办理…申请 may also mean the requests concluded. Approximate figures
    (约, 余, 以上) and breakdowns (其中自然人…) are not compared.

    Source: 国办公开办函〔2021〕30号 (figures must be accurate); format reference §8.3.

    Fails: 本年度共收到政府信息公开申请7件。 (table 三 本年新收 total 5, 上年结转 0)

    Passes: 本年度共收到政府信息公开申请6件。 (本年新收 5, 上年结转 1: 5 + 1 = 6)
    """

    code = "GIP301"
    name = "narrative-received-mismatch"
    severity = WARNING
    message = Message(
        zh="正文称收到政府信息公开申请{stated}，而{expected}{note}",
        en="the text says {stated} request(s) were received, but {expected}{note}",
    )
    since = 2019
    kinds = ("new", "received", "handled")

    def figures(self, report: Report, found: Found) -> list[Figure]:
        t3 = report.t3
        assert t3 is not None
        candidates: list[Figure | None] = [_t3(t3, "new")]
        if found.fact.kind in ("received", "handled"):
            candidates.append(_t3_new_and_carried(t3))
        if found.fact.kind == "handled":
            candidates.append(_t3(t3, "total"))
        return _distinct(candidates)

    def skip(self, report: Report, found: Found) -> bool:
        # A positive count against an empty table is GIP302's contradiction.
        both = report.t3 and _t3_new_and_carried(report.t3)
        positive = found.fact.kind != "handled" and bool(found.fact.value)
        return positive and both is not None and both.value == 0


class NarrativeNoneReceivedContradiction(Rule):
    """The prose says no requests were received, but table 三 has new requests (or the reverse).

    Why: "未收到政府信息公开申请" with a non-zero 本年新收 (or a stated count against a table with no
    requests at all) cannot both be true; one of them is wrong. When the sentence names another
    population (政府办, 本级, 各部门 …) it may be describing part of the issuer only, so the finding
    is a warning.

    Source: format reference §8.3 (NONE_REQ); [derived].

    Fails: 2024年未收到政府信息公开申请。 (table 三 本年新收 total 2)

    Passes: 2024年未收到政府信息公开申请。 (本年新收 total 0)
    """

    code = "GIP302"
    name = "narrative-none-received-contradiction"
    severity = ERROR
    message = Message(
        zh="正文称未收到政府信息公开申请，而{expected}{note}",
        en="the text says no requests were received, but {expected}{note}",
    )
    stated_message = Message(
        zh="正文称收到政府信息公开申请{stated}，而{expected}，即没有任何申请{note}",
        en="the text says {stated} request(s) were received, but {expected}, i.e. there were none{note}",
    )
    since = 2019

    def check(self, report: Report) -> Iterator[Diagnostic]:
        t3 = report.t3
        if t3 is None:
            return
        new = _t3(t3, "new")
        both = _t3_new_and_carried(t3)
        for found in _facts(report, "none_received", "new", "received"):
            severity = WARNING if found.fact.scope else ERROR
            if found.fact.kind == "none_received":
                if new is not None and new.value > 0:
                    yield self.at(found.span, severity=severity, expected=_expected([new]), note=_note(found))
            elif found.fact.comparable and found.fact.value and both is not None and both.value == 0:
                yield self.at(
                    found.span,
                    severity=severity,
                    message=self.stated_message,
                    stated=_stated(found),
                    expected=_expected([both]),
                    note=_note(found),
                )


class NarrativeClosedMismatch(_Mismatch):
    """A number of requests concluded (办结, 答复) stated in the prose differs from table 三 （七）总计.

    Why: 办结/答复 N件 restates the 总计 row of 本年度办理结果. Only sentences about disclosure requests
    count: hotline and mailbox figures (12345热线办结…) are ignored.

    Source: format reference §8.3 (CLOSED).

    Fails: 共收到政府信息公开申请5件，已办结3件。 (table 三 （七）总计 total 4)

    Passes: 共收到政府信息公开申请5件，已办结4件，结转下年度1件。 (（七）总计 total 4)
    """

    code = "GIP303"
    name = "narrative-closed-mismatch"
    severity = WARNING
    message = Message(
        zh="正文称办结（答复）政府信息公开申请{stated}，而{expected}{note}",
        en="the text says {stated} request(s) were concluded, but {expected}{note}",
    )
    since = 2019
    kinds = ("closed",)

    def figures(self, report: Report, found: Found) -> list[Figure]:
        assert report.t3 is not None
        fig = _t3(report.t3, "total")
        return [fig] if fig else []


class NarrativeCarriedForwardMismatch(_Mismatch):
    """A number of requests carried forward (结转下年度) stated in the prose differs from table 三.

    Why: "结转下一年度N件" restates row 四、结转下年度继续办理.

    Source: format reference §8.3 (CARRIED_OUT).

    Fails: 依法办结4件，结转下一年度办理2件。 (table 三 结转下年度继续办理 total 1)

    Passes: 依法办结4件，结转下一年度办理1件。 (total 1)
    """

    code = "GIP304"
    name = "narrative-carried-forward-mismatch"
    severity = WARNING
    message = Message(
        zh="正文称结转下年度办理{stated}，而{expected}{note}",
        en="the text says {stated} request(s) were carried forward, but {expected}{note}",
    )
    since = 2019
    kinds = ("carried_out",)

    def figures(self, report: Report, found: Found) -> list[Figure]:
        assert report.t3 is not None
        fig = _t3(report.t3, "carried_out")
        return [fig] if fig else []


class NarrativeCarriedInMismatch(_Mismatch):
    """A number of requests carried over from last year (上年结转) stated in the prose differs from table 三.

    Why: "上年结转N件" restates row 二、上年结转政府信息公开申请数量.

    Source: format reference §8.3 (CARRIED_IN).

    Fails: 新收政府信息公开申请5件，上年结转3件。 (table 三 上年结转 total 1)

    Passes: 新收政府信息公开申请5件，上年结转1件。 (total 1)
    """

    code = "GIP305"
    name = "narrative-carried-in-mismatch"
    severity = WARNING
    message = Message(
        zh="正文称上年结转政府信息公开申请{stated}，而{expected}{note}",
        en="the text says {stated} request(s) were carried over from last year, but {expected}{note}",
    )
    since = 2019
    kinds = ("carried_in",)

    def figures(self, report: Report, found: Found) -> list[Figure]:
        assert report.t3 is not None
        fig = _t3(report.t3, "carried_in")
        return [fig] if fig else []


class NarrativeOutcomeMismatch(_Mismatch):
    """A number of requests with one outcome (予以公开, 不予公开 …) differs from table 三.

    Why: "予以公开N件" restates row （一）予以公开; "不予公开N件" the sum of the eight （三） rows, and so on
    for 部分公开, 无法提供, 不予处理 and 其他处理 (the single trial-format （六） row when collapsed).

    Source: format reference §8.3 (OUTCOME).

    Fails: 收到政府信息公开申请5件，其中予以公开4件。 (table 三 （一）予以公开 total 3)

    Passes: 收到政府信息公开申请5件，其中予以公开3件。 (total 3)
    """

    code = "GIP306"
    name = "narrative-outcome-mismatch"
    severity = WARNING
    message = Message(
        zh="正文称“{category}”{stated}，而{expected}{note}",
        en="the text says {stated} request(s) were “{category}”, but {expected}{note}",
    )
    since = 2019
    kinds = ("outcome",)

    def figures(self, report: Report, found: Found) -> list[Figure]:
        t3 = report.t3
        assert t3 is not None
        outcome = _outcome(found)
        if t3.collapsed_other and "collapsed" in outcome:
            value = t3.value(outcome["collapsed"])
        else:
            value = _sum(t3.value(row) for row in outcome["rows"])
        if value is None:
            return []
        rows = "" if len(outcome["rows"]) == 1 else "各行"
        return [Figure(f"表三“{outcome['zh']}”{rows}总计", f"table 三 {outcome['en']} total", value)]

    def extra(self, found: Found) -> dict[str, object]:
        outcome = _outcome(found)
        return {"category": Bi(outcome["zh"], outcome["en"])}


def _outcome(found: Found) -> dict[str, Any]:
    return next(o for o in data()["outcomes"] if o["key"] == found.fact.category)


class _CaseMismatch(_Mismatch):
    table_number = 4
    rows: tuple[tuple[str, str, str], ...] = ()  # (row key, zh label, en label)

    def figures(self, report: Report, found: Found) -> list[Figure]:
        t4 = report.t4
        assert t4 is not None
        value = _sum(t4.value(row, "total") for row, _, _ in self.rows)
        if value is None:
            return []
        zh = "与".join(f"“{label}”" for _, label, _ in self.rows)
        en = " plus ".join(label for _, _, label in self.rows)
        suffix = "的“总计”之和" if len(self.rows) > 1 else "“总计”"
        return [Figure(f"表四{zh}{suffix}", f"table 四 {en} total", value)]


class NarrativeReviewMismatch(_CaseMismatch):
    """A number of administrative reconsideration cases stated in the prose differs from table 四.

    Why: "行政复议N件/起" restates the 行政复议 总计 cell of table 四.

    Source: format reference §8.3 (REVIEW).

    Fails: 发生政府信息公开行政复议2件。 (table 四 行政复议 总计 1)

    Passes: 发生政府信息公开行政复议1件。 (总计 1)
    """

    code = "GIP307"
    name = "narrative-review-mismatch"
    severity = WARNING
    message = Message(
        zh="正文称政府信息公开行政复议{stated}，而{expected}{note}",
        en="the text states {stated} administrative reconsideration case(s), but {expected}{note}",
    )
    since = 2019
    kinds = ("review",)
    rows = (("review", "行政复议", "administrative reconsideration"),)


class NarrativeLitigationMismatch(_CaseMismatch):
    """A number of lawsuits stated in the prose differs from table 四.

    Why: "行政诉讼N件/起" counts both lawsuit groups: 未经复议直接起诉 总计 plus 复议后起诉 总计.

    Source: format reference §8.3 (LITIGATION).

    Fails: 被提起政府信息公开行政诉讼1件。 (table 四 litigation totals 1 and 1)

    Passes: 被提起政府信息公开行政诉讼2件。 (1 + 1)
    """

    code = "GIP308"
    name = "narrative-litigation-mismatch"
    severity = WARNING
    message = Message(
        zh="正文称政府信息公开行政诉讼{stated}，而{expected}{note}",
        en="the text states {stated} lawsuit(s), but {expected}{note}",
    )
    since = 2019
    kinds = ("litigation",)
    rows = (
        ("lit_direct", "未经复议直接起诉", "direct lawsuits"),
        ("lit_after_review", "复议后起诉", "lawsuits after reconsideration"),
    )


_CASE_LABELS = {
    "review": ("行政复议", "administrative reconsideration"),
    "lit_direct": ("行政诉讼（未经复议直接起诉）", "direct lawsuits"),
    "lit_after_review": ("行政诉讼（复议后起诉）", "lawsuits after reconsideration"),
}


def _case_figures(t4: Table, rows: Sequence[str], col: str, zh_col: str, en_col: str) -> list[Figure]:
    out = []
    for row in rows:
        value = t4.value(row, col)
        if value is not None and value > 0:
            zh, en = _CASE_LABELS[row]
            out.append(Figure(f"表四“{zh}”“{zh_col}”", f"table 四 {en} {en_col}", value))
    return out


class NarrativeNoCaseContradiction(Rule):
    """The prose says there was no reconsideration or lawsuit, but table 四 counts some.

    Why: "未发生政府信息公开行政复议、行政诉讼" contradicts a non-zero 总计 for a case type the clause
    names (行政复议: the review total; 行政诉讼: both lawsuit totals). With a scope word the sentence
    may describe part of the issuer only, so the finding is a warning.

    Source: format reference §8.3 (NONE_CASE); [derived].

    Fails: 未发生政府信息公开行政复议、行政诉讼案件。 (table 四 复议后起诉 总计 1)

    Passes: 未发生政府信息公开行政复议案件。 (行政复议 总计 0; lawsuits are not named)
    """

    code = "GIP309"
    name = "narrative-no-case-contradiction"
    severity = ERROR
    message = Message(
        zh="正文称“{phrase}”，而{expected}{note}",
        en="the text says there were no such cases (“{phrase}”), but {expected}{note}",
    )
    since = 2019

    def check(self, report: Report) -> Iterator[Diagnostic]:
        t4 = report.t4
        if t4 is None:
            return
        for found in _facts(report, "none_case"):
            figures = _case_figures(t4, found.fact.cases, "total", "总计", "total")
            if figures:
                severity = WARNING if found.fact.scope else ERROR
                yield self.at(
                    found.span,
                    severity=severity,
                    phrase=found.quote,
                    expected=_expected(figures),
                    note=_note(found),
                )


class NarrativePendingContradiction(Rule):
    """The prose says the reconsiderations or lawsuits were all concluded, but table 四 has some pending.

    Why: "行政复议1起，已全部办结" contradicts a non-zero 尚未审结 cell for the case type the sentence
    names. Only sentences whose last object before the phrase is 复议 or 诉讼 count: "留言…已全部办结"
    is about something else.

    Source: format reference §8.3 (ALL_CLOSED); [derived].

    Fails: 发生政府信息公开行政复议1起，已全部办结。 (table 四 行政复议 尚未审结 1)

    Passes: 发生政府信息公开行政复议1起，已全部办结。 (尚未审结 0)
    """

    code = "GIP310"
    name = "narrative-pending-contradiction"
    severity = WARNING
    message = Message(
        zh="正文称“{phrase}”，而{expected}{note}",
        en="the text says the cases were all concluded (“{phrase}”), but {expected}{note}",
    )
    since = 2019

    def check(self, report: Report) -> Iterator[Diagnostic]:
        t4 = report.t4
        if t4 is None:
            return
        for found in _facts(report, "all_closed"):
            figures = _case_figures(t4, found.fact.cases, "pending", "尚未审结", "pending")
            if figures:
                yield self.at(found.span, phrase=found.quote, expected=_expected(figures), note=_note(found))


class NarrativeStockMismatch(_Mismatch):
    """A number of normative documents in force stated in the prose differs from table 二.

    Why: "现行有效行政规范性文件N件" restates table 二's 现行有效件数 for 行政规范性文件.

    Source: format reference §8.3 (STOCK).

    Fails: 全县现行有效行政规范性文件393件。 (table 二 行政规范性文件 现行有效件数 470)

    Passes: 现行有效行政规范性文件470件。 (470)
    """

    code = "GIP311"
    name = "narrative-stock-mismatch"
    severity = WARNING
    message = Message(
        zh="正文称现行有效行政规范性文件{stated}，而{expected}{note}",
        en="the text says {stated} normative document(s) are in force, but {expected}{note}",
    )
    since = 2021
    kinds = ("stock",)
    table_number = 2

    def figures(self, report: Report, found: Found) -> list[Figure]:
        assert report.t2 is not None
        value = report.t2.value("art20_1.normative", "in_force")
        if value is None:
            return []
        return [Figure("表二“行政规范性文件”“现行有效件数”", "table 二 normative documents in force", value)]


RULES: list[type[Rule]] = [
    NarrativeReceivedMismatch,
    NarrativeNoneReceivedContradiction,
    NarrativeClosedMismatch,
    NarrativeCarriedForwardMismatch,
    NarrativeCarriedInMismatch,
    NarrativeOutcomeMismatch,
    NarrativeReviewMismatch,
    NarrativeLitigationMismatch,
    NarrativeNoCaseContradiction,
    NarrativePendingContradiction,
    NarrativeStockMismatch,
]
