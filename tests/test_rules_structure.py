"""GIP0xx/GIP1xx: structure and template, each rule on both sides."""

from __future__ import annotations

from giplint.diagnostics import Severity
from giplint.linter import lint_text
from giplint.reportgen import generate
from textedit import codes_at, find, lint, row_values, valid


def test_valid_reports_have_no_structure_findings() -> None:
    for seed in range(8):
        for layout in "AB":
            diags = lint_text(generate(seed, layout=layout).text)
            assert [d for d in diags if d.code[:4] in ("GIP0", "GIP1")] == [], (seed, layout)


def test_missing_part_points_at_the_next_heading() -> None:
    report = generate(4, layout="A", defect="part-missing")
    assert codes_at(lint_text(report.text), "GIP101") == [report.defect_line]


def test_missing_heading_with_its_table_elsewhere_points_at_the_table() -> None:
    lines = valid("B")
    i = find(lines, "三、收到和处理政府信息公开申请情况")
    del lines[i]
    diags = lint(lines)
    table_line = find(lines, "(本列数据的勾稽关系为") + 1
    assert codes_at(diags, "GIP101") == [table_line]
    assert codes_at(diags, "GIP107") == []  # the table is found, only its heading is missing


def test_unnumbered_heading_is_recognised_and_warned() -> None:
    lines = valid("A")
    i = find(lines, "五、存在的主要问题")
    lines[i] = lines[i].replace("五、", "")
    diags = lint(lines)
    assert codes_at(diags, "GIP102") == [i + 1]
    assert codes_at(diags, "GIP101") == []


def test_title_variant_is_info_and_fuzzy_titles_are_accepted() -> None:
    lines = valid("A")
    i = find(lines, "五、存在的主要问题")
    lines[i] = "五、存在的主要问题和改进措施"
    j = find(lines, "四、")
    lines[j] = "四、政府信息公开行政法复议、行政诉讼情况"  # a typo seen in a real report
    diags = lint(lines)
    assert sorted(codes_at(diags, "GIP103")) == [j + 1, i + 1]
    assert all(d.severity is Severity.INFO for d in diags if d.code == "GIP103")
    assert codes_at(diags, "GIP101") == []


def test_part_order_repeats_and_misnumbering() -> None:
    lines = valid("A")
    i = next(k for k, line in enumerate(lines) if line.startswith("一、"))
    lines[i] = "三、总体情况"
    assert codes_at(lint(lines), "GIP104") == [i + 1]
    lines = valid("A")
    six = find(lines, "六、其他需要报告的事项")
    five = find(lines, "五、存在的主要问题")
    lines[five], lines[six] = lines[six], lines[five]
    assert codes_at(lint(lines), "GIP104") == [six + 1]


def test_a_second_report_joined_after_the_first_is_cut_off_at_its_title() -> None:
    first = valid("A", seed=3)
    second = valid("B", seed=4, year=2022)
    title = len(first) + 1 + next(i for i, line in enumerate(second) if "年度报告" in line)
    diags = lint([*first, "", *second])
    assert codes_at(diags, "GIP117") == [title + 1]
    # Nothing of the second report is compared with the first one's tables or deadline.
    assert {d.code for d in diags} == {"GIP117"}


def test_a_repeated_part_one_early_in_a_report_is_not_a_second_report() -> None:
    lines = valid("A")
    two = find(lines, "二、主动公开政府信息情况")
    lines.insert(two, "一、总体情况")
    diags = lint(lines)
    assert codes_at(diags, "GIP117") == []
    assert codes_at(diags, "GIP104") == [two + 1]


def test_extra_rows_past_twenty_are_counted_in_one_finding() -> None:
    import badinputs

    for rows, shown in ((20, 20), (21, 21), (60, 21)):
        diags = [d for d in lint_text(badinputs.long_table(rows)) if d.code == "GIP113"]
        assert len(diags) == shown, rows
        counted = [d for d in diags if "more row(s)" in d.text("en")]
        assert len(counted) == (rows > 20)
        if counted:
            assert f"{rows - 20} more row(s)" in counted[0].text("en")


def test_extra_part_and_part_count_statement() -> None:
    lines = valid("A")
    end = find(lines, "六、其他需要报告的事项")
    lines.insert(end + 2, "七、附件")
    diags = lint(lines)
    assert codes_at(diags, "GIP105") == [end + 3]
    lines = valid("A")
    i = find(lines, "统计期限")
    lines.insert(i, "本报告由总体情况、主动公开政府信息情况等五部分组成。")
    assert codes_at(lint(lines), "GIP106") == [i + 1]
    lines[i] = "本报告由总体情况、主动公开政府信息情况等六部分组成。"
    assert codes_at(lint(lines), "GIP106") == []


def test_table_missing_is_an_error_at_its_part() -> None:
    lines = valid("B")
    start = find(lines, "第二十条第（一）项")
    end = find(lines, "行政事业性收费")
    heading = find(lines, "二、主动公开政府信息情况")
    del lines[start : end + 1]
    diags = lint(lines)
    assert codes_at(diags, "GIP107") == [heading + 1]


def test_trial_format_table_two_is_reported_once() -> None:
    lines = valid("B")
    i = find(lines, "本年制发件数")
    lines[i] = lines[i].replace("本年制发件数", "本年新制作数量").replace("本年废止件数", "本年新公开数量")
    diags = lint(lines)
    assert codes_at(diags, "GIP110") == [i + 1]


def test_collapsed_other_handling_row() -> None:
    lines = valid("B")
    first = find(lines, "(六) 其他处理")
    sums = [0] * 7
    for k in range(first, first + 3):
        for n, v in enumerate(row_values(lines[k])[1]):
            sums[n] += int(v)
    lines[first : first + 3] = ["\t".join(["", "(六) 其他处理", *map(str, sums)])]
    diags = lint(lines)
    assert codes_at(diags, "GIP111") == [first + 1]
    assert [d for d in diags if d.code in ("GIP211", "GIP116", "GIP101")] == []


def test_row_label_typo_and_extra_and_missing_rows() -> None:
    lines = valid("B")
    i = find(lines, "2. 其他法律行政法规禁止公开")
    lines[i] = lines[i].replace("其他法律行政法规禁止公开", "其他法律行政止公开")
    diags = lint(lines)
    assert codes_at(diags, "GIP112") == [i + 1]
    assert codes_at(diags, "GIP211") == []  # the row still counts

    lines = valid("B")
    i = find(lines, "2. 重复申请")
    del lines[i]
    assert codes_at(lint(lines), "GIP116") == [i + 1]  # reported at the row that follows the gap

    lines = valid("B")
    i = find(lines, "(七) 总计")
    lines.insert(i, "\t(三) 不予公开小计\t0\t0\t0\t0\t0\t0\t0")
    assert codes_at(lint(lines), "GIP113") == [i + 1]


def test_truncated_table_three() -> None:
    lines = valid("B")
    i = find(lines, "(五) 不予处理")
    j = find(lines, "四、结转下年度继续办理")
    del lines[i : j + 1]
    diags = lint(lines)
    assert codes_at(diags, "GIP008") == [i]
    assert codes_at(diags, "GIP116") == []


def test_short_rows_are_a_width_finding_not_arithmetic() -> None:
    lines = valid("B")
    i = find(lines, "一、本年新收政府信息公开申请数量")
    labels, values = row_values(lines[i])
    lines[i] = "\t".join(labels + values[1:])  # a column lost in conversion
    diags = lint(lines)
    assert codes_at(diags, "GIP005") == [i + 1]
    assert [d for d in diags if d.code in ("GIP210", "GIP212")] == []


def test_not_a_report_and_unknown_year() -> None:
    diags = lint_text("关于召开会议的通知\n各单位：\n定于下周召开会议。\n")
    assert [(d.code, d.line if hasattr(d, "line") else d.span.line) for d in diags] == [("GIP003", 1)]
    lines = valid("A")
    t = find(lines, "年政府信息公开工作年度报告")
    lines[t] = "政府信息公开工作年度报告"
    p = find(lines, "统计期限")
    del lines[p]
    assert codes_at(lint(lines), "GIP004") == [t + 1]


def test_legacy_report_skips_template_rules() -> None:
    text = "青禾县2017年政府信息公开工作年度报告\n一、概述\n本年度工作情况。\n"
    diags = lint_text(text)
    assert [d.code for d in diags if d.code.startswith(("GIP0", "GIP1", "GIP2"))] == ["GIP007"]


def test_outdated_legal_basis() -> None:
    lines = valid("A")
    i = find(lines, "统计期限")
    lines.insert(i, "根据《中华人民共和国政府信息公开条例》第三十一条的规定，编制本报告。")
    assert codes_at(lint(lines), "GIP115") == [i + 1]


def test_page_furniture_is_dropped_and_noted() -> None:
    lines = valid("A")
    i = find(lines, "五、存在的主要问题")
    lines.insert(i, "- 4 -")
    diags = lint(lines)
    assert codes_at(diags, "GIP009") == [i + 1]
    assert codes_at(diags, "GIP101") == []  # the heading after it is still read


def test_a_table_no_label_identifies_is_reported_and_not_checked() -> None:
    lines = valid("B")
    i = next(k for k, line in enumerate(lines) if line.startswith("一、"))  # part 一's heading
    lines[i + 1 : i + 1] = ["项目名称\t金额", "门户网站改版\t12", "政务新媒体运维\t8"]
    assert codes_at(lint(lines), "GIP010") == [i + 2]


def test_pre_2019_layout_in_a_recent_report() -> None:
    text = "\n".join(
        [
            "青禾县2022年政府信息公开工作年度报告",
            "一、概述",
            "本年度工作情况。",
            "二、政府信息依申请公开工作情况",
            "三、政府信息公开的收费及减免情况",
            "四、政府信息公开情况统计表",
            "指标名称\t计量单位\t数量",
            "受理依申请公开信息总数\t件\t3",
        ]
    )
    diags = lint_text(text)
    assert codes_at(diags, "GIP114") == [1]
    assert [d for d in diags if d.code in ("GIP101", "GIP107")] == []  # not dozens of template findings


def test_table_three_without_a_header_is_noted() -> None:
    lines = valid("B")
    i = find(lines, "(本列数据的勾稽关系为")
    del lines[i : i + 3]  # the three header rows
    diags = lint(lines)
    assert codes_at(diags, "GIP006")
    assert [d for d in diags if d.code in ("GIP210", "GIP211", "GIP212")] == []
