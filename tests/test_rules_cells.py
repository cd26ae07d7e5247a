"""GIP2xx: each rule on both sides, starting from a valid generated report (layout B: a row a line)."""

from __future__ import annotations

from giplint.diagnostics import Severity
from giplint.linter import lint_text
from giplint.reportgen import generate
from textedit import codes_at, find, lint, row_values, set_value, valid


def test_valid_reports_have_no_cell_findings() -> None:
    for seed in range(6):
        for layout in "AB":
            diags = lint_text(generate(seed, layout=layout).text)
            assert [d for d in diags if d.code.startswith("GIP2")] == []


def test_blank_cells_warn_once_per_table_and_count_as_zero() -> None:
    lines = valid()
    i = find(lines, "二、上年结转政府信息公开申请数量")
    # A blank in the middle: in a dense table a blank at the left edge is read as a spanned label
    # slot instead (format reference §6.4 step 7).
    lines[i] = "\t".join(row_values(lines[i])[0] + ["0", "0", "", "0", "0", "0", "0"])
    diags = lint(lines)
    assert codes_at(diags, "GIP201") == [i + 1]
    assert not [d for d in diags if d.severity is Severity.ERROR]


def test_text_in_a_count_cell_is_an_error() -> None:
    lines = valid()
    i = find(lines, "行政处罚")
    lines[i] = "行政处罚\t约200\t\t"
    assert codes_at(lint(lines), "GIP202") == [i + 1]


def test_negative_or_fractional_counts_are_errors() -> None:
    lines = valid()
    i = find(lines, "行政强制")
    lines[i] = "行政强制\t-1\t\t"
    j = find(lines, "行政许可")
    lines[j] = "行政许可\t2.5\t\t"
    assert codes_at(lint(lines), "GIP203") == [j + 1, i + 1]


def test_fee_amount_may_have_decimals_but_no_unit() -> None:
    lines = valid()
    i = find(lines, "行政事业性收费")
    lines[i] = "行政事业性收费\t1439.4967\t\t"
    assert not [d for d in lint(lines) if d.code in ("GIP203", "GIP204", "GIP202")]
    lines[i] = "行政事业性收费\t25元\t\t"
    diags = lint(lines)
    assert codes_at(diags, "GIP204") == [i + 1]
    assert codes_at(diags, "GIP202") == []


def test_implied_negative_stock_warns() -> None:
    lines = valid()
    i = find(lines, "行政规范性文件\t")
    lines[i] = "行政规范性文件\t10\t0\t6"
    assert codes_at(lint(lines), "GIP205") == [i + 1]
    lines[i] = "行政规范性文件\t10\t2\t30"
    assert codes_at(lint(lines), "GIP205") == []


def test_county_reporting_rules_warns_but_city_does_not() -> None:
    county = generate(0, layout="B")  # 青禾市蒲川县, a county government
    assert county.issuer.endswith("县")
    lines = county.text.split("\n")
    i = find(lines, "规章\t")
    lines[i] = "规章\t0\t0\t19"
    assert codes_at(lint(lines), "GIP206") == [i + 1]
    city = generate(5, layout="B")  # 青禾市
    assert city.issuer.endswith("市")
    lines = city.text.split("\n")
    i = find(lines, "规章\t")
    lines[i] = "规章\t0\t0\t19"
    assert codes_at(lint(lines), "GIP206") == []


def test_row_total_is_checked_per_row() -> None:
    lines = valid()
    i = find(lines, "一、本年新收政府信息公开申请数量")
    labels, values = row_values(lines[i])
    lines[i] = "\t".join(labels + values[:6] + [str(int(values[6]) + 1)])
    diags = lint(lines)
    assert i + 1 in codes_at(diags, "GIP212")
    d = next(d for d in diags if d.code == "GIP212")
    assert str(int(values[6]) + 1) in d.text("en") and str(int(values[6])) in d.text("en")
    assert d.severity is Severity.ERROR


def test_outcome_sum_and_balance_point_at_the_total_row() -> None:
    report = generate(5, layout="B", defect="t3-outcome-sum")
    diags = lint_text(report.text)
    assert report.defect_line in codes_at(diags, "GIP211")
    assert report.defect_line in codes_at(diags, "GIP210")
    msg = next(d for d in diags if d.code == "GIP211").text("zh")
    assert "总计" in msg and "各项办理结果之和" in msg


def test_balance_failure_with_blank_operand_is_a_warning() -> None:
    lines = valid()
    i = find(lines, "二、上年结转政府信息公开申请数量")
    labels, values = row_values(lines[i])
    lines[i] = "\t".join(labels + values[:6] + ["—"])
    j = find(lines, "四、结转下年度继续办理")
    labels, values = row_values(lines[j])
    lines[j] = set_value(lines[j], 6, str(int(values[6]) + 2))
    diags = [d for d in lint(lines) if d.code == "GIP210"]
    assert diags and all(d.severity is Severity.WARNING for d in diags)
    assert "0" in diags[0].text("en") and "blank" in diags[0].text("en")


def test_t4_group_total() -> None:
    report = generate(2, layout="A", defect="t4-group-total")
    assert codes_at(lint_text(report.text), "GIP220") == [report.defect_line]
    clean = generate(2, layout="A")
    assert codes_at(lint_text(clean.text), "GIP220") == []
