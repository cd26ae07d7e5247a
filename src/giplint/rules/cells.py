"""GIP2xx: table cells and arithmetic."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import ClassVar

from giplint import lazyregex
from giplint.arithmetic import evaluate
from giplint.diagnostics import ERROR, WARNING, Bi, Diagnostic, Message
from giplint.model import Cell, Report, Table
from giplint.rule import Rule
from giplint.rules.input import TABLE_NAMES
from giplint.template import template

FEE_CELL = ("art20_8.admin_fees", "amount")
_YUAN = lazyregex.compile(r"^\s*-?\d+(?:\.\d+)?\s*万?元\s*$")
# Issuers without rule-making (规章) power under the 立法法: counties, districts, banners,
# townships and streets, and their departments. Names ending in 市 are skipped: 设区的市 (which
# may make 规章) and 县级市 (which may not) cannot be told apart by name.
_NO_RULEMAKING = lazyregex.compile(
    r"(?:县|区|旗|乡|镇|街道)(?:人民政府)?(?:.{0,12}(?:局|委|办|办公室|中心|所))?$"
)


def _cells(table: Table) -> Iterator[Cell]:
    for row in table.rows.values():
        yield from row.cells.values()


def _position(cell: Cell, lang_sep: str = "/") -> str:
    return f"{cell.span.line}:{cell.span.column}"


class CellBlank(Rule):
    """Value cells are blank or hold a placeholder; they count as 0.

    One finding per table, giving the number of such cells and the first five positions. A
    placeholder is ``/``, ``—``, ``-``, ``无`` or ``空``.

    Why: the format asks for a number in every cell; a blank cannot be told from a lost value,
    and it defeats the table's arithmetic checks.

    Source: 国办公开办函〔2021〕30号 (the table format); format reference §6.4.

    Fails: a table-三 row ``一、本年新收政府信息公开申请数量→→→→→→→0`` (six blank cells).

    Passes: ``一、本年新收政府信息公开申请数量→0→0→0→0→0→0→0``.
    """

    code = "GIP201"
    name = "cell-blank"
    severity = WARNING
    message = Message(
        zh="{table}有{count}个数值单元格为空或填写“/”“—”等，按0计算（位置：{positions}）",
        en="{table}: {count} value cell(s) are blank or hold a placeholder and count as 0 (at {positions})",
    )
    since = 2019

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for number, table in sorted(report.tables.items()):
            soft = [c for c in _cells(table) if c.is_soft]
            if soft:
                yield self.at(
                    soft[0].span,
                    table=TABLE_NAMES[number],
                    count=len(soft),
                    positions=[_position(c) for c in soft[:5]] + (["…"] if len(soft) > 5 else []),
                )


class CellNotNumeric(Rule):
    """A value cell holds text instead of a number.

    Units, approximations (约, 余, 若干), percentages, Chinese numerals or amounts with 元 in a
    count cell. The cell is left out of the arithmetic.

    Why: the statistical tables take plain numbers; text cannot be added up or compared.

    Source: 国办公开办函〔2021〕30号 (the table format).

    Fails: a 行政处罚 cell ``约200``; a table-三 cell ``三``.

    Passes: ``200``.
    """

    code = "GIP202"
    name = "cell-not-numeric"
    severity = ERROR
    message = Message(
        zh="{table}“{row}”行“{col}”列应填数字，实为“{raw}”",
        en="{table}, row “{row}”, column “{col}” must be a number, found “{raw}”",
    )
    since = 2019

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for number, table in sorted(report.tables.items()):
            for row in table.rows.values():
                for cell in row.cells.values():
                    if cell.status != "text":
                        continue
                    if (cell.row, cell.col) == FEE_CELL and _YUAN.match(cell.raw):
                        continue  # an amount with its unit: GIP204's finding
                    yield self.at(
                        cell.span,
                        table=TABLE_NAMES[number],
                        row=row.label,
                        col=_col_name(number, cell.col),
                        raw=cell.raw,
                    )


def _col_name(table: int, key: str) -> Bi:
    tpl = template()
    cols = {2: [c for _, cols in tpl.t2_rows.values() for c in cols], 3: tpl.t3_columns, 4: tpl.t4_columns}[
        table
    ]
    for c in cols:
        if c.key == key:
            return Bi(c.zh, c.en)
    return Bi(key, key)


class CountNotInteger(Rule):
    """A count is negative or has a fractional part.

    Every cell except the 行政事业性收费 amount (which is in 万元) counts documents, decisions,
    requests or cases, so it is a whole number of at least 0.

    Why: a fraction or a negative count is a typing or conversion error.

    Source: 国办公开办函〔2021〕30号 (the table format).

    Fails: a 本年新收 cell ``2.5`` or ``-1``.

    Passes: ``2``; the fee amount ``1439.4967``.
    """

    code = "GIP203"
    name = "count-not-integer"
    severity = ERROR
    message = Message(
        zh="{table}“{row}”行的计数应为非负整数，实为“{raw}”",
        en="{table}, row “{row}”: a count must be a whole number of at least 0, found “{raw}”",
    )
    since = 2019

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for number, table in sorted(report.tables.items()):
            for row in table.rows.values():
                for cell in row.cells.values():
                    if cell.value is None or (cell.row, cell.col) == FEE_CELL:
                        continue
                    if isinstance(cell.value, Decimal) or cell.value < 0:
                        yield self.at(cell.span, table=TABLE_NAMES[number], row=row.label, raw=cell.raw)


class FeeCellUnit(Rule):
    """The 行政事业性收费 amount carries a unit, or its header lacks （单位：万元）.

    The unit of the fee amount is stated once, in the header, as 万元; the cell holds the bare
    number, which may have decimals.

    Why: ``25元`` in a 万元 column reads as 250,000 元; the unit belongs to the header.

    Source: 国办公开办函〔2021〕30号 (table 二, 第二十条第（八）项).

    Fails: a fee cell ``251000元``.

    Passes: a fee cell ``25.1`` under ``本年收费金额（单位：万元）``.
    """

    code = "GIP204"
    name = "fee-cell-unit"
    severity = WARNING
    message = Message(
        zh="行政事业性收费金额单元格不应带单位（表头已注明单位为万元），实为“{raw}”",
        en="the administrative fee cell should hold a bare number in 万元 (the header states the unit), found “{raw}”",
    )
    header_message: ClassVar[Message] = Message(
        zh="第二十条第（八）项表头应注明“（单位：万元）”",
        en="the 第二十条第（八）项 header should state the unit （单位：万元）",
    )
    since = 2021

    def check(self, report: Report) -> Iterator[Diagnostic]:
        t2 = report.t2
        if t2 is None:
            return
        cell = t2.cell(*FEE_CELL)
        if cell is not None and cell.status == "text" and "元" in cell.raw:
            yield self.at(cell.span, raw=cell.raw)
        fee_headers = [(text, span) for text, span in t2.header_texts if "收费金额" in text]
        for text, span in fee_headers:
            if "万元" not in text:
                yield self.at(span, message=self.header_message)


class ImpliedNegativeStock(Rule):
    """Documents issued this year exceed those in force plus those repealed.

    For 规章 and 行政规范性文件: 本年制发 > 现行有效 + 本年废止 implies that fewer than zero were in
    force at the end of the previous year.

    Why: the three columns describe one stock; a negative earlier stock means one of them is wrong.

    Source: derived from 第二十条第（一）项 of table 二.

    Fails: 行政规范性文件 制发 10, 废止 0, 现行有效 6.

    Passes: 制发 10, 废止 2, 现行有效 30.
    """

    code = "GIP205"
    name = "t2-implied-negative-stock"
    severity = WARNING
    message = Message(
        zh="{row}：本年制发{issued}件，大于现行有效{in_force}件与本年废止{repealed}件之和，推算上年末存量为负",
        en="{row}: {issued} issued this year exceeds {in_force} in force plus {repealed} repealed, "
        "which implies a negative stock at the end of last year",
    )
    since = 2021

    def check(self, report: Report) -> Iterator[Diagnostic]:
        t2 = report.t2
        if t2 is None or report.layout == "F2019":
            return
        for key in ("art20_1.rules", "art20_1.normative"):
            row = t2.rows.get(key)
            if row is None or row.width_error:
                continue
            issued, repealed, in_force = (row.cells[c] for c in ("issued", "repealed", "in_force"))
            if any(c.status == "text" for c in (issued, repealed, in_force)):
                continue
            if issued.as_count > in_force.as_count + repealed.as_count:
                yield self.at(
                    issued.span,
                    row=row.label,
                    issued=issued.as_count,
                    in_force=in_force.as_count,
                    repealed=repealed.as_count,
                )


class RulesWithoutAuthority(Rule):
    """A county, district, township or street reports 规章, which it has no power to make.

    Under the 立法法, 规章 are made by State Council departments and by the governments of
    provinces, autonomous regions, municipalities, 设区的市 and 自治州. A non-zero 规章 cell in a report
    of a 县, 区, 旗, 乡, 镇 or 街道 (or a department of one) is suspicious: usually normative
    documents were counted as 规章. Names ending in 市 are not checked.

    Why: the figure misstates the issuer's legal instruments.

    Source: 《中华人民共和国立法法》 (rule-making power); format reference §3.

    Fails: 静安县 reporting ``规章 0 0 19``.

    Passes: the same county reporting ``规章 0 0 0``.
    """

    code = "GIP206"
    name = "t2-rules-without-authority"
    severity = WARNING
    message = Message(
        zh="{issuer}无权制定规章，但表二“规章”{col}填写{value}",
        en="{issuer} has no power to make 规章, yet table 二 reports {value} under 规章 ({col})",
    )
    since = 2021

    def check(self, report: Report) -> Iterator[Diagnostic]:
        t2, issuer = report.t2, report.issuer
        if t2 is None or not issuer or not _NO_RULEMAKING.search(issuer):
            return
        row = t2.rows.get("art20_1.rules")
        if row is None:
            return
        for cell in row.cells.values():
            if cell.value:
                yield self.at(cell.span, issuer=issuer, col=_col_name(2, cell.col), value=cell.value)
                return


class _IdentityRule(Rule):
    """Shared check for the identities of the template; subclasses name the identity."""

    identity_id: ClassVar[str]
    table_number: ClassVar[int]
    message = Message(
        zh="{table}“{where}”{axis}：{identity}不成立，{found_name}为{found}，{expected_name}为{expected}{blanks}",
        en="{table}, {axis} “{where}”: {identity} does not hold: {found_name} is {found} but {expected_name} is {expected}{blanks}",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        table = report.tables.get(self.table_number)
        if table is None:
            return
        tpl = template()
        identities = tpl.t3_identities if self.table_number == 3 else tpl.t4_identities
        identity = next(i for i in identities if i.id == self.identity_id)
        total_left = identity.states_total in identity.left
        found_name = identity.left_name if total_left else identity.right_name
        expected_name = identity.right_name if total_left else identity.left_name
        for failure in evaluate(tpl, table, identity):
            blanks = ""
            severity = None
            if failure.soft_cells:
                severity = WARNING  # blank = 0 is a guess; the finding is softer
                where = "、".join(f"{c.span.line}:{c.span.column}" for c in failure.soft_cells[:5])
                blanks = Bi(f"（其中空白单元格按0计：{where}）", f" (blank cells counted as 0: {where})")
            yield self.at(
                failure.at.span,
                severity=severity,
                table=TABLE_NAMES[self.table_number],
                where=failure.where,
                axis=Bi("列", "column") if identity.per == "column" else Bi("行", "row"),
                identity=Bi(identity.zh, identity.en),
                found_name=Bi(*found_name),
                found=failure.found,
                expected_name=Bi(*expected_name),
                expected=failure.expected,
                blanks=blanks,
            )


class T3Balance(_IdentityRule):
    """Table 三 does not balance: new + carried over ≠ concluded + carried forward.

    For each column: 一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理. The finding
    points at the （七）总计 cell of the column. Rows that could not be aligned leave their column
    unchecked.

    Why: every request received or carried in is either concluded or carried forward; the printed
    note in the table header states this balance.

    Source: 国办公开办函〔2021〕30号, table 三 note “第一项加第二项之和，等于第三项加第四项之和”.

    Fails: 总计 column new 5, carried in 0, concluded 4, carried forward 0.

    Passes: new 5, carried in 0, concluded 4, carried forward 1.
    """

    code = "GIP210"
    name = "t3-balance"
    severity = ERROR
    identity_id = "I1"
    table_number = 3
    since = 2019


class T3OutcomeSum(_IdentityRule):
    """Table 三's （七）总计 is not the sum of the outcome rows.

    For each column: （七）总计 = （一）予以公开 + （二）部分公开 + the rows of （三）不予公开, （四）无法提供,
    （五）不予处理 and （六）其他处理 (the single （六） row when a report uses it).

    Why: the total of concluded requests is, by construction, the sum of the ways they were
    concluded.

    Source: derived from the row structure of table 三 (国办公开办函〔2021〕30号).

    Fails: 总计 4 with 予以公开 3 and all other outcomes 0.

    Passes: 总计 4 with 予以公开 3 and 本机关不掌握相关政府信息 1.
    """

    code = "GIP211"
    name = "t3-outcome-sum"
    severity = ERROR
    identity_id = "I2"
    table_number = 3
    since = 2019


class T3RowTotal(_IdentityRule):
    """A table-三 row's 总计 is not the sum of its six applicant columns.

    For each row: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他.

    Why: 总计 counts every applicant once; the columns split the same requests by applicant type.

    Source: derived from the column structure of table 三 (国办公开办函〔2021〕30号).

    Fails: ``一、本年新收…  6 0 0 0 2 0 7``.

    Passes: ``一、本年新收…  6 0 0 0 2 0 8``.
    """

    code = "GIP212"
    name = "t3-row-total"
    severity = ERROR
    identity_id = "I3"
    table_number = 3
    since = 2019


class T4GroupTotal(_IdentityRule):
    """A table-四 group's 总计 is not the sum of its four outcomes.

    For 行政复议, 未经复议直接起诉 and 复议后起诉: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计.

    Why: every case is upheld, corrected, otherwise concluded or pending; a total of 0 over parts
    that add up to 11 (seen in a published report) hides the cases.

    Source: 国办公开办函〔2021〕30号 (table 四).

    Fails: 行政复议 ``7 3 1 0 0``.

    Passes: 行政复议 ``7 3 1 0 11``.
    """

    code = "GIP220"
    name = "t4-group-total"
    severity = ERROR
    identity_id = "I4"
    table_number = 4
    since = 2019


RULES: list[type[Rule]] = [
    CellBlank,
    CellNotNumeric,
    CountNotInteger,
    FeeCellUnit,
    ImpliedNegativeStock,
    RulesWithoutAuthority,
    T3Balance,
    T3OutcomeSum,
    T3RowTotal,
    T4GroupTotal,
]
