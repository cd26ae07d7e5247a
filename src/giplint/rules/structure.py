"""GIP1xx: structure and template."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from giplint import lazyregex
from giplint.diagnostics import ERROR, INFO, WARNING, Bi, Diagnostic, Message, Span
from giplint.model import Report
from giplint.rule import Rule
from giplint.rules.input import TABLE_NAMES
from giplint.template import template

PART_NAMES = {
    n: Bi(z, e)
    for n, z, e in [
        (1, "一", "一"),
        (2, "二", "二"),
        (3, "三", "三"),
        (4, "四", "四"),
        (5, "五", "五"),
        (6, "六", "六"),
    ]
}
TABLE_OF_PART = {2: 2, 3: 3, 4: 4}
_CN_NUM = "零一二三四五六七八九十"
_PART_COUNT = lazyregex.compile(r"(?:由|共|分为?)[^。；]{0,40}?([一二三四五六七八九十\d]{1,2})\s*个?部分")
_OLD_BASIS = lazyregex.compile(r"第三十[一二]条")
_OLD_DECREE = lazyregex.compile(r"国务院令\s*(?:第\s*)?492\s*号")  # not \s*第?\s*: quadratic on spaces
_NEW_DECREE = lazyregex.compile(r"711\s*号")


def _skip_template(report: Report) -> bool:
    """Template rules stay silent on legacy (pre-2019) reports: GIP007/GIP114 report them instead."""
    return report.layout == "F2008" or (report.year is not None and report.year <= 2018)


def _end_span(report: Report) -> Span:
    last = next((ln for ln in reversed(report.lines) if ln.text.strip()), None)
    return last.stripped_span() if last else Span(1)


class PartMissing(Rule):
    """One of the six parts has no heading.

    The report must have six parts: 一、总体情况; 二、主动公开政府信息情况; 三、收到和处理政府信息公开申请情况;
    四、政府信息公开行政复议、行政诉讼情况; 五、存在的主要问题及改进情况; 六、其他需要报告的事项. When the part's
    table was found elsewhere, the finding points at the table and the table is not reported
    missing. Otherwise it points at the heading of the next part that is present.

    Why: the format fixes the six parts, and reviewers look for each by its heading.

    Source: 条例 第五十条; 国办公开办函〔2021〕30号: the contents “不能遗漏”.

    Fails: a report that goes from 二、主动公开政府信息情况 straight to 四、….

    Passes: a report with all six headings.
    """

    code = "GIP101"
    name = "part-missing"
    severity = ERROR
    message = Message(zh="缺少第{part}部分“{title}”", en="part {part} “{title}” is missing")
    table_message: ClassVar[Message] = Message(
        zh="缺少第{part}部分“{title}”的标题；该部分的{table}出现在此处",
        en="the heading of part {part} “{title}” is missing; its {table} stands here",
    )
    since = 2019

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if _skip_template(report):
            return
        titles = template().canonical_titles
        for number in range(1, 7):
            if number in report.parts:
                continue
            params = {"part": PART_NAMES[number], "title": titles[number]}
            table = report.tables.get(TABLE_OF_PART.get(number, 0))
            if table is not None:
                yield self.at(
                    Span(table.span.line),
                    message=self.table_message,
                    table=TABLE_NAMES[table.number],
                    **params,
                )
                continue
            later = [report.parts[n] for n in range(number + 1, 7) if n in report.parts]
            heading = later[0].heading if later else None
            span = heading.line.stripped_span() if heading else _end_span(report)
            yield self.at(span, **params)


class PartHeadingUnnumbered(Rule):
    """A part heading was recognised by its title but has no ordinal (一、 … 六、).

    Why: the format numbers the six parts; an unnumbered heading is easy to miss and often a sign
    of a heading lost in conversion.

    Source: 国办公开办函〔2021〕30号 (the numbered parts).

    Fails: ``存在的主要问题及改进情况`` on a line of its own.

    Passes: ``五、存在的主要问题及改进情况``.
    """

    code = "GIP102"
    name = "part-heading-unnumbered"
    severity = WARNING
    message = Message(
        zh="第{part}部分标题缺少序号，应为“{part}、{title}”",
        en="the heading of part {part} has no ordinal; write “{part}、{title}”",
    )
    since = 2019

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if _skip_template(report):
            return
        for h in report.headings:
            if h.part is not None and h.ordinal is None:
                yield self.at(h.line.stripped_span(), part=PART_NAMES[h.part], title=h.title)


class PartTitleVariant(Rule):
    """A part heading uses a variant of the official title.

    Accepted, but the official wording is preferred: e.g. ``五、存在的主要问题和改进措施`` for
    ``五、存在的主要问题及改进情况``, or a title within two characters of the official one.

    Why: the template's titles make reports comparable; variants are usually old habits.

    Source: 国办公开办函〔2021〕30号 (part titles).

    Fails: ``三、依申请公开情况``.

    Passes: ``三、收到和处理政府信息公开申请情况``.
    """

    code = "GIP103"
    name = "part-title-variant"
    severity = INFO
    message = Message(
        zh="第{part}部分标题“{found}”与格式规定的“{title}”不一致",
        en="part {part} is titled “{found}”; the format's title is “{title}”",
    )
    since = 2019

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if _skip_template(report):
            return
        titles = template().canonical_titles
        for h in report.headings:
            if h.part is not None and h.variant in ("info", "fuzzy"):
                yield self.at(
                    h.line.stripped_span(), part=PART_NAMES[h.part], found=h.title, title=titles[h.part]
                )


class PartOrder(Rule):
    """Parts are out of order, repeated, or numbered other than their place.

    The six parts come in the order 一 to 六, once each, and a heading's ordinal matches its
    title (``三、主动公开政府信息情况`` is part 二 numbered 三). Gaps from a missing part are GIP101's.

    Why: reviewers and comparison tools find parts by number and order.

    Source: 国办公开办函〔2021〕30号 (the order of parts).

    Fails: ``四、…行政复议…`` before ``三、收到和处理…``; the same part twice.

    Passes: 一 to 六 in order.
    """

    code = "GIP104"
    name = "part-order"
    severity = WARNING
    message = Message(
        zh="第{part}部分出现在第{previous}部分之后，顺序有误", en="part {part} comes after part {previous}"
    )
    repeated: ClassVar[Message] = Message(zh="第{part}部分重复出现", en="part {part} appears twice")
    misnumbered: ClassVar[Message] = Message(
        zh="标题“{title}”是第{part}部分，序号却写作“{ordinal}”",
        en="“{title}” is part {part} but is numbered “{ordinal}”",
    )
    since = 2019

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if _skip_template(report):
            return
        seen: set[int] = set()
        highest = 0
        for h in report.headings:
            if h.part is None:
                continue
            span = h.line.stripped_span()
            if h.part in seen:
                yield self.at(span, message=self.repeated, part=PART_NAMES[h.part])
            elif h.part < highest:
                yield self.at(span, part=PART_NAMES[h.part], previous=PART_NAMES[highest])
            elif h.ordinal is not None and h.ordinal != h.part:
                ordinal = _CN_NUM[h.ordinal] if h.ordinal <= 10 else str(h.ordinal)
                yield self.at(
                    span, message=self.misnumbered, title=h.title, part=PART_NAMES[h.part], ordinal=ordinal
                )
            seen.add(h.part)
            highest = max(highest, h.part)


class PartExtra(Rule):
    """A top-level heading beyond the six parts (七、 or later).

    Why: the format has exactly six parts; further material belongs in part 六 or an annex
    published separately (“也不宜泛化”).

    Source: 国办公开办函〔2021〕30号: the contents “不能遗漏，也不宜泛化”.

    Fails: ``七、附件``.

    Passes: the annex mentioned inside part 六.
    """

    code = "GIP105"
    name = "part-extra"
    severity = WARNING
    message = Message(
        zh="格式只有六个部分，多出“{heading}”", en="the format has six parts; “{heading}” is extra"
    )
    since = 2019

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if _skip_template(report):
            return
        for h in report.headings:
            if h.part is None:
                yield self.at(h.line.stripped_span(), heading=h.line.text.strip())


class PartCountStatement(Rule):
    """The preamble says the report has a number of parts other than six.

    Why: ``本报告由…等五部分组成`` in a six-part report is left over from an older format or another
    report.

    Source: derived; 国办公开办函〔2021〕30号 (six parts).

    Fails: ``本报告由总体情况……等七部分组成``.

    Passes: ``本报告由总体情况……等六部分组成``.
    """

    code = "GIP106"
    name = "part-count-statement"
    severity = WARNING
    message = Message(
        zh="前言称报告由{count}个部分组成，格式规定为六个部分",
        en="the preamble says the report has {count} parts; the format has six",
    )
    since = 2019

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if _skip_template(report):
            return
        for p in report.preamble.paragraphs:
            m = _PART_COUNT.search(p.line.text)
            if not m:
                continue
            raw = m.group(1)
            count = int(raw) if raw.isdigit() else (_CN_NUM.index(raw) if raw in _CN_NUM else 0)
            if count and count != 6:
                yield self.at(p.line.span(m.start(1), m.end(1)), count=raw)


class TableMissing(Rule):
    """Table 二, 三 or 四 was not found anywhere in the report.

    Narrative such as “未发生行政复议、行政诉讼” does not replace table 四: the format requires the
    table even when every figure is 0. A table found under the wrong heading is not missing.

    Why: the three tables are the report's statistics; without them nothing can be compared.

    Source: 国办公开办函〔2021〕30号 (tables of parts 二, 三 and 四).

    Fails: part 四 containing only ``本年度未发生行政复议、行政诉讼。``.

    Passes: part 四 with its 15-cell table of zeros.
    """

    code = "GIP107"
    name = "table-missing"
    severity = ERROR
    message = Message(
        zh="缺少{table}（第{part}部分的统计表）", en="{table} (the statistics of part {part}) is missing"
    )
    since = 2019

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if _skip_template(report):
            return
        for number in (2, 3, 4):
            if number in report.tables:
                continue
            part = report.parts.get(number)
            if part is not None and part.heading is not None:
                span = part.heading.line.stripped_span()
            else:
                later = [report.parts[n] for n in range(number + 1, 7) if n in report.parts]
                span = (
                    later[0].heading.line.stripped_span() if later and later[0].heading else _end_span(report)
                )
            yield self.at(span, table=TABLE_NAMES[number], part=PART_NAMES[number])


class Format2019Layout(Rule):
    """Table 二 uses the 2019 trial format in a report for 2021 or later.

    Markers: 本年新制作数量, 本年新公开数量, 对外公开总数量, 上一年项目数量, 本年增/减, 其他对外管理服务事项,
    第二十条第（九）项, 政府集中采购, 采购项目数量, 采购总金额.

    Why: the 2021 format replaced those columns (本年制发件数, 本年废止件数, 现行有效件数); a report on the
    old template cannot be compared, and the arithmetic of the old columns is not checked.

    Source: 国办公开办函〔2021〕30号 (replacing the trial format of 国办公开办函〔2019〕60号).

    Fails: a 2023 report whose table 二 has 本年新制作数量.

    Passes: the same table with 本年制发件数 | 本年废止件数 | 现行有效件数.
    """

    code = "GIP110"
    name = "format-2019-layout"
    severity = ERROR
    message = Message(
        zh="{year}年度报告的表二仍使用2019年试行格式（“{marker}”），应改用2021年格式",
        en="table 二 of this {year} report uses the 2019 trial format (“{marker}”); use the 2021 format",
    )
    since = 2021

    def check(self, report: Report) -> Iterator[Diagnostic]:
        t2 = report.t2
        if t2 is not None and t2.markers_2019:
            text, span = t2.markers_2019[0]
            yield self.at(span, year=report.year, marker=text)


class OtherHandlingCollapsed(Rule):
    """Table 三 has one （六）其他处理 row instead of its three sub-rows.

    Since the 2021 format, （六）其他处理 is split into 1. 申请人无正当理由逾期不补正…, 2. 申请人逾期未按收费通知
    要求缴纳费用…, and 3. 其他. The single row is used for the arithmetic.

    Why: the split records how many requests lapsed for an unpaid 信息处理费, which the fee measures
    of 2020 made possible.

    Source: 国办公开办函〔2021〕30号; 国办函〔2020〕109号.

    Fails: a single row ``（六）其他处理  0 0 0 0 0 0 0``.

    Passes: the three sub-rows.
    """

    code = "GIP111"
    name = "other-handling-collapsed"
    severity = WARNING
    message = Message(
        zh="表三“（六）其他处理”应按2021年格式分为三行，此处只有一行",
        en="table 三 （六）其他处理 should have the 2021 format's three sub-rows; it has one row",
    )
    since = 2021

    def check(self, report: Report) -> Iterator[Diagnostic]:
        t3 = report.t3
        if t3 is not None and t3.collapsed_other:
            row = t3.rows.get(template().collapsed_other.key)
            if row is not None:
                yield self.at(row.label_span or row.span)


class RowLabelMismatch(Rule):
    """A table row was identified, but its label differs from the template.

    The row was matched by a near match (a few characters apart) or as part of a longer label.

    Why: mistyped labels suggest a hand-made table; the row may have been misread.

    Source: 国办公开办函〔2021〕30号 (row labels).

    Fails: ``2.其他法律行政止公开`` for ``2.其他法律行政法规禁止公开``.

    Passes: the exact label.
    """

    code = "GIP112"
    name = "row-label-mismatch"
    severity = WARNING
    message = Message(
        zh="{table}行标签“{found}”与模板“{expected}”不一致",
        en="{table} row label “{found}” differs from the template's “{expected}”",
    )
    since = 2019

    def check(self, report: Report) -> Iterator[Diagnostic]:
        tpl = template()
        expected = {r.key: r.label for r in tpl.t3_rows} | {r.key: r.label for r in tpl.t2_row_defs}
        for number, table in sorted(report.tables.items()):
            for row in table.rows.values():
                if row.fuzzy_label:
                    yield self.at(
                        row.label_span or row.span,
                        table=TABLE_NAMES[number],
                        found=row.label,
                        expected=expected.get(row.key, row.key),
                    )


class UnexpectedRowOrColumn(Rule):
    """A table has a row or column the template does not have.

    Examples: a 法人或其他组织小计 column, a subtotal row for （三）–（六）, an extra table-二 row.
    Extra rows and columns are left out of the arithmetic.

    Why: the format fixes the rows and columns so that reports can be compared and added up.

    Source: 国办公开办函〔2021〕30号 (table layout).

    Fails: a row ``（三）不予公开小计  0 0 0 0 0 0 0``.

    Passes: only the template's rows.

    More than 20 such rows in one table are reported as the first 20 and one finding counting the
    rest.
    """

    code = "GIP113"
    name = "unexpected-row-or-column"
    severity = WARNING
    message = Message(
        zh="{table}有模板之外的行或列“{label}”，未参与核对",
        en="{table} has a row or column not in the template, “{label}”; it is not checked",
    )
    since = 2019

    # A table with thousands of extra rows (a data dump pasted in) is one problem: past this
    # many, the remaining rows are counted in one last finding.
    most = 20
    more = Message(
        zh="{table}另有 {count} 行不在模板之中，未逐一列出，也未参与核对",
        en="{table} has {count} more row(s) not in the template, not listed one by one; they are not checked",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for number, table in sorted(report.tables.items()):
            extra = [row for row in table.extra_rows if row.found_values or number != 3]
            for row in extra[: self.most]:
                yield self.at(row.label_span or row.span, table=TABLE_NAMES[number], label=row.label or "?")
            if len(extra) > self.most:
                rest = extra[self.most]
                yield self.at(
                    rest.label_span or rest.span,
                    message=self.more,
                    table=TABLE_NAMES[number],
                    count=len(extra) - self.most,
                )
            for col in table.extra_cols:
                yield self.at(Span(table.span.line), table=TABLE_NAMES[number], label=col)


class TableRowMissing(Rule):
    """A template row is missing from a table (the table otherwise continues).

    Rows at the end of a truncated table are reported once by GIP008 instead.

    Why: each row of tables 二 and 三 is required, even when all its values are 0.

    Source: 国办公开办函〔2021〕30号 (table rows).

    Fails: table 三 without the row ``2.重复申请``.

    Passes: every row present.
    """

    code = "GIP116"
    name = "table-row-missing"
    severity = WARNING
    message = Message(zh="{table}缺少“{label}”行", en="{table} is missing the row “{label}”")
    since = 2019

    def check(self, report: Report) -> Iterator[Diagnostic]:
        tpl = template()
        labels = {r.key: r.label for r in tpl.t3_rows} | {r.key: r.label for r in tpl.t2_row_defs}
        order = {3: [r.key for r in tpl.t3_rows], 2: [r.key for r in tpl.t2_row_defs]}
        for number in (2, 3):
            table = report.tables.get(number)
            if table is None or not table.rows:
                continue
            keys = order[number]
            found_idx = [i for i, k in enumerate(keys) if k in table.rows]
            if not found_idx:
                continue  # only rows outside the template (a collapsed 其他处理): nothing to place a gap by
            last = found_idx[-1]
            for i, key in enumerate(keys):
                if key in table.rows or i > last:
                    continue  # missing rows past the last one found are GIP008's (truncation)
                if number == 3 and table.collapsed_other and key.startswith("other."):
                    continue
                following = next(table.rows[k] for k in keys[i + 1 :] if k in table.rows)
                yield self.at(Span(following.span.line), table=TABLE_NAMES[number], label=labels[key])


class SecondReport(Rule):
    """A second report starts inside the file: only the first is checked.

    Part 一 begins again after at least three parts of the first report, as when two agencies'
    reports are joined into one upload or a file holds this year's and last year's report. The
    text from the second report's title on is left out of the checks, because comparing it with
    the first report's tables would give false findings.

    Why: a file should hold one report; the second one is not checked at all.

    Source: 国办公开办函〔2021〕30号 (one report per body and year).

    Fails: a file whose 六、其他需要报告的事项 is followed by another 某某局2024年政府信息公开工作年度报告
    and its own 一、总体情况.

    Passes: a file with one report.
    """

    code = "GIP117"
    name = "second-report"
    severity = ERROR
    message = Message(
        zh="从这里开始是另一份报告（第一部分再次出现），只检查了此前的第一份报告",
        en="a second report starts here (part 一 again); only the first report, above, was checked",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if report.second_report is not None:
            yield self.at(report.second_report.stripped_span())


class Pre2019Layout(Rule):
    """A report for 2019 or later uses the pre-2019 structure.

    Markers: 政府信息依申请公开工作情况, 政府信息公开的收费及减免情况, 政府信息公开情况统计表, 指标名称, 计量单位,
    受理依申请公开信息总数 and similar indicators of the old statistics table.

    Why: since the 条例 was revised (in force 2019-05-15) reports follow the unified format; an old
    structure means last decade's template was reused. Part and table checks are skipped.

    Source: 国务院令第711号 (条例 第五十条); 国办公开办函〔2019〕60号 and 〔2021〕30号.

    Fails: a 2022 report with ``三、政府信息公开的收费及减免情况`` and an indicator table.

    Passes: the six parts and three tables of the current format.
    """

    code = "GIP114"
    name = "pre-2019-layout"
    severity = ERROR
    message = Message(
        zh="{year}年度报告使用2019年以前的旧格式，应按现行格式重写",
        en="this {year} report uses the pre-2019 layout; rewrite it in the current format",
    )
    since = 2019

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if report.layout == "F2008":
            span = report.title.stripped_span() if report.title else Span(1)
            yield self.at(span, year=report.year)


class OutdatedLegalBasis(Rule):
    """The report cites the repealed 2007 条例 as its basis.

    条例 第三十一条 or 第三十二条 (the 2007 numbering) cited as the basis of the annual report, or
    国务院令第492号 without 第711号.

    Why: the revised 条例 (国务院令第711号, in force 2019-05-15) governs annual reports in 第四十九条 and
    第五十条.

    Source: 《中华人民共和国政府信息公开条例》 (国务院令第711号).

    Fails: ``根据《条例》第三十一条的规定，编制本报告``.

    Passes: ``根据《中华人民共和国政府信息公开条例》（国务院令第711号）的规定``.
    """

    code = "GIP115"
    name = "outdated-legal-basis"
    severity = WARNING
    message = Message(zh="引用了已废止的旧条例依据“{text}”", en="cites the repealed 2007 条例: “{text}”")
    since = 2019

    def check(self, report: Report) -> Iterator[Diagnostic]:
        paragraphs = report.preamble.paragraphs
        whole = "".join(p.line.text for p in paragraphs)
        for p in paragraphs:
            text = p.line.text
            m = _OLD_BASIS.search(text)
            if m and "条例" in text:
                yield self.at(p.line.span(m.start(), m.end()), text=m.group())
            m = _OLD_DECREE.search(text)
            if m and not _NEW_DECREE.search(whole):
                yield self.at(p.line.span(m.start(), m.end()), text=m.group())


RULES: list[type[Rule]] = [
    PartMissing,
    PartHeadingUnnumbered,
    PartTitleVariant,
    PartOrder,
    PartExtra,
    PartCountStatement,
    TableMissing,
    Format2019Layout,
    OtherHandlingCollapsed,
    RowLabelMismatch,
    UnexpectedRowOrColumn,
    Pre2019Layout,
    OutdatedLegalBasis,
    TableRowMissing,
    SecondReport,
]
