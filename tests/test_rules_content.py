"""GIP4xx: required content. Each rule on both sides, through the real pipeline, on fictional reports."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import seed_path
from content_fixtures import BUREAU, CITY, COUNTY, base, line_of, replace_body, replace_line, run
from giplint.diagnostics import ERROR, INFO, WARNING
from giplint.linter import lint_text, select_rules
from giplint.model import Line
from giplint.rules.content import PartSixOptionalItems, fee_sentences, mask_titles, sentences

OVERVIEW_FULL = [
    "（一）主动公开",
    "全年主动公开政府信息512条，及时发布政策文件和工作动态。",
    "（二）依申请公开",
    "规范依申请公开受理、审核、答复流程，全年按时答复申请人。",
    "（三）政府信息管理",
    "健全政府信息管理制度，做好公开属性源头认定。",
    "（四）政府信息公开平台建设",
    "推进政府网站集约化平台建设，优化政府信息公开专栏。",
    "（五）监督保障",
    "将政务公开纳入年度考核，开展社会评议，对工作不力的严肃问责。",
]
PROBLEMS_AND_MEASURES = [
    "本年度政策解读形式较为单一，部分栏目更新不够及时。",
    "下一步，我区将丰富解读形式，加强栏目日常维护，切实提升公开质量。",
]


def fee_line(text: str) -> Line:
    return Line(1, text, text)


# --- helpers ------------------------------------------------------------------------------------


def test_mask_titles_keeps_offsets_and_hides_nested_titles() -> None:
    text = "贯彻《关于印发〈格式〉的通知》要求"
    masked = mask_titles(text)
    assert len(masked) == len(text)
    assert masked.startswith("贯彻") and masked.endswith("要求")
    assert "格式" not in masked and "通知" not in masked


def test_mask_titles_ignores_an_unclosed_bracket() -> None:
    text = "依据《条例》和《办法，本年度未收取信息处理费。"
    assert mask_titles(text) == "依据〓〓〓〓和《办法，本年度未收取信息处理费。"


def test_sentences_split_at_full_stops_and_semicolons() -> None:
    text = "第一句。第二句；第三句"
    assert [text[s:e] for s, e in sentences(text)] == ["第一句。", "第二句；", "第三句"]


@pytest.mark.parametrize(
    "text",
    [
        "本机关2024年度未收取政府信息公开信息处理费。",
        "关于政府收取信息处理费情况，我区本年度没有产生信息公开处理费。",
        "全年收取政府信息公开信息处理费 0 元。",
        "有3件申请收取信息处理费2230元。",
        "无收取信息处理费情况。",
        "本年度信息处理费收取金额为零。",
        "本年度我县未向申请人收取政府信息公开信息处理费。",  # a word between 未 and 收取
        "本年度未对任何申请人收取信息处理费。",
    ],
)
def test_compliant_fee_sentences(text: str) -> None:
    assert [s.compliant for s in fee_sentences(fee_line(text))] == [True]


@pytest.mark.parametrize(
    "text",
    [
        "认真贯彻执行《政府信息公开信息处理费管理办法》。",  # the only mention is a title
        "严格执行信息处理费相关规定。",  # names the fee, states nothing
        "本年度我委向申请人收取信息处理费。",  # charged, but how much is not said
    ],
)
def test_fee_sentences_that_state_nothing(text: str) -> None:
    assert not any(s.compliant for s in fee_sentences(fee_line(text)))


def test_fee_sentence_after_a_title_only_sentence() -> None:
    text = "认真贯彻执行《政府信息公开信息处理费管理办法》。本年度各单位未收取信息处理费。"
    found = list(fee_sentences(fee_line(text)))
    assert [s.compliant for s in found] == [True]
    assert text[found[0].start : found[0].end] == "本年度各单位未收取信息处理费。"


def test_fee_amounts_in_yuan() -> None:
    [sentence] = fee_sentences(fee_line("收取信息处理费1,230元，折合0.123万元。"))
    assert [a.yuan for a in sentence.amounts] == [Decimal(1230), Decimal("1230.000")]


# --- GIP401 fee-statement-missing -------------------------------------------------------------


def test_gip401_nothing_but_wu_is_an_error_at_that_line() -> None:
    text = replace_body(base(), 6, ["无。"])
    [d] = run(text, "GIP401")
    assert d.severity == ERROR
    assert d.span.line == line_of(text, "无。")


def test_gip401_fee_named_only_inside_a_title() -> None:
    text = replace_body(base(), 6, ["认真贯彻执行《政府信息公开信息处理费管理办法》。"])
    assert [d.severity for d in run(text, "GIP401")] == [ERROR]


def test_gip401_administrative_fee_is_not_the_processing_fee() -> None:
    text = replace_body(base(), 6, ["本年度行政事业性收费0万元，均已按规定公开。"])
    assert [d.severity for d in run(text, "GIP401")] == [ERROR]


def test_gip401_statement_elsewhere_is_a_warning() -> None:
    text = replace_body(base(), 6, ["无。"])
    text = replace_line(
        text, "针对上述问题", "本年度我区未收取信息处理费。下一步将加强栏目维护，提升公开质量。"
    )
    [d] = run(text, "GIP401")
    assert d.severity == WARNING
    assert d.params["line"] == line_of(text, "未收取信息处理费")


@pytest.mark.parametrize(
    "body",
    [
        ["本区2024年度未收取政府信息公开信息处理费。"],
        ["关于政府收取信息处理费情况，我区本年度没有产生信息公开处理费。"],
        ["认真贯彻执行《政府信息公开信息处理费管理办法》。本年度我区各单位未收取信息处理费。"],
        ["本年度共收取信息处理费300元。"],
    ],
)
def test_gip401_compliant_part_six(body: list[str]) -> None:
    assert run(replace_body(base(), 6, body), "GIP401") == []


def test_gip401_not_before_2021() -> None:
    assert run(replace_body(base(year=2020), 6, ["无。"]), "GIP401") == []


def test_gip401_silent_when_part_six_is_missing() -> None:
    text = replace_body(base(), 6, ["无。"])
    text = replace_line(text, "六、其他需要报告的事项", "")
    assert run(text, "GIP401") == []


# --- GIP402 part-six-placeholder --------------------------------------------------------------


def test_gip402_wu_in_a_2020_report() -> None:
    text = replace_body(base(year=2020), 6, ["无。"])
    [d] = run(text, "GIP402")
    assert d.severity == INFO and d.span.line == line_of(text, "无。")


def test_gip402_suppressed_when_gip401_fires() -> None:
    text = replace_body(base(), 6, ["无。"])
    assert run(text, "GIP402") == [] and len(run(text, "GIP401")) == 1


def test_gip402_substantive_part_six() -> None:
    text = replace_body(base(year=2020), 6, ["本年度我区办理人大代表建议12件，办理结果均已公开。"])
    assert run(text, "GIP402") == []


# --- GIP403 overview-topic-missing ------------------------------------------------------------


def test_gip403_one_finding_per_missing_topic() -> None:
    body = [line for line in OVERVIEW_FULL if "监督" not in line and "平台" not in line]
    text = replace_body(base(), 1, body)
    found = run(text, "GIP403")
    assert sorted(d.params["topic"].zh for d in found) == ["政府信息公开平台建设", "监督保障"]
    assert {d.span.line for d in found} == {line_of(text, "一、总体情况")}


def test_gip403_all_topics_present() -> None:
    assert run(replace_body(base(), 1, OVERVIEW_FULL), "GIP403") == []


def test_gip403_supervision_named_in_two_words() -> None:
    body = [*OVERVIEW_FULL[:8], "加强监督检查，完善工作保障机制，将政务公开纳入考核。"]
    assert run(replace_body(base(), 1, body), "GIP403") == []


# --- GIP404 government-accountability-missing -------------------------------------------------

NO_ACCOUNTABILITY = [*OVERVIEW_FULL[:-1], "定期开展业务培训，提升工作人员能力。"]


def test_gip404_all_three_missing_is_a_warning() -> None:
    text = replace_body(base(), 1, NO_ACCOUNTABILITY)
    [d] = run(text, "GIP404")
    assert d.severity == WARNING
    assert [m.zh for m in d.params["missing"]] == ["工作考核", "社会评议", "责任追究"]
    assert d.span.line == line_of(text, "一、总体情况")


def test_gip404_one_missing_is_info() -> None:
    body = [*NO_ACCOUNTABILITY, "将政务公开纳入绩效考核，对工作不力的单位严肃问责。"]
    [d] = run(replace_body(base(), 1, body), "GIP404")
    assert d.severity == INFO and [m.zh for m in d.params["missing"]] == ["社会评议"]


def test_gip404_all_present() -> None:
    assert run(replace_body(base(), 1, OVERVIEW_FULL), "GIP404") == []


@pytest.mark.parametrize("issuer", [BUREAU, "青禾市云溪区石桥街道办事处"])
def test_gip404_not_for_departments_or_streets(issuer: str) -> None:
    kind = "department" if issuer == BUREAU else "government"
    text = replace_body(base(issuer, kind=kind), 1, NO_ACCOUNTABILITY)
    assert run(text, "GIP404") == []


# --- GIP405 / GIP406 part 五 ------------------------------------------------------------------


def test_gip405_measures_only() -> None:
    text = replace_body(
        base(), 5, ["2025年，我区将采取有效措施，严格按照《条例》要求，不断提升公开质量，切实加大公开力度。"]
    )
    [d] = run(text, "GIP405")
    assert d.severity == WARNING and d.span.line == line_of(text, "2025年，我区将采取")


def test_gip405_problem_named_in_a_subheading() -> None:
    text = replace_body(base(), 5, ["（一）存在的问题", "（二）改进措施", PROBLEMS_AND_MEASURES[1]])
    assert run(text, "GIP405") == []


def test_gip406_problems_only() -> None:
    text = replace_body(
        base(), 5, ["本年度政策解读形式较为单一，部分栏目更新不够及时，工作人员业务能力存在差距。"]
    )
    [d] = run(text, "GIP406")
    assert d.severity == WARNING and d.span.line == line_of(text, "本年度政策解读形式")


def test_gip405_gip406_both_present() -> None:
    text = replace_body(base(), 5, PROBLEMS_AND_MEASURES)
    assert run(text, "GIP405") == [] and run(text, "GIP406") == []


# --- GIP407 part-too-short --------------------------------------------------------------------


def test_gip407_short_part_five() -> None:
    text = replace_body(base(), 5, ["存在问题不足，将加强改进。"])
    [d] = run(text, "GIP407")
    assert d.params["part"] == "五" and d.span.line == line_of(text, "五、")


def test_gip407_subheading_titles_do_not_count() -> None:
    text = replace_body(
        base(),
        1,
        ["（一）主动公开方面", "（二）依申请公开方面", "（三）政府信息管理方面", "（四）平台建设方面"],
    )
    [d] = run(text, "GIP407")
    assert d.params["part"] == "一"


def test_gip407_text_after_a_subheading_title_counts() -> None:
    body = ["（一）主动公开方面。全年主动公开政府信息512条，及时发布政策文件和工作动态，应公开尽公开。"]
    assert run(replace_body(base(), 1, body), "GIP407") == []


def test_gip407_normal_parts() -> None:
    assert run(replace_body(base(), 5, PROBLEMS_AND_MEASURES), "GIP407") == []


# --- GIP408 period-statement-missing -----------------------------------------------------------


def test_gip408_no_period_statement() -> None:
    text = replace_line(base(), "统计期限", "")
    [d] = run(text, "GIP408")
    assert d.severity == INFO and d.span.line == line_of(text, "根据《中华人民共和国政府信息公开条例》")


def test_gip408_period_stated() -> None:
    assert run(base(), "GIP408") == []


# --- GIP409 part-six-optional-items ------------------------------------------------------------


def test_gip409_is_off_by_default() -> None:
    assert not PartSixOptionalItems.enabled_by_default
    assert all(rule.code != "GIP409" for rule in select_rules())


def test_gip409_fee_only() -> None:
    [d] = run(base(), "GIP409")
    assert len(d.params["items"]) == 3


def test_gip409_all_items() -> None:
    body = [
        "本区2024年度未收取信息处理费。",
        "认真落实2024年政务公开工作要点，人大代表建议和政协提案办理结果全部公开，创新开展政策解读直播。",
    ]
    assert run(replace_body(base(), 6, body), "GIP409") == []


# --- GIP410 fee-amount-granularity ---------------------------------------------------------------


@pytest.mark.parametrize("amount", ["2235元", "1,205元"])
def test_gip410_amount_not_a_multiple_of_ten(amount: str) -> None:
    text = replace_body(base(), 6, [f"本年度共收取信息处理费{amount}。"])
    [d] = run(text, "GIP410")
    line = text.split("\n")[d.span.line - 1]
    assert line[d.span.column - 1 : d.span.end_column - 1] == amount


@pytest.mark.parametrize("amount", ["2230元", "0.3万元", "0 元"])
def test_gip410_plausible_amounts(amount: str) -> None:
    assert run(replace_body(base(), 6, [f"本年度共收取信息处理费{amount}。"]), "GIP410") == []


def test_gip410_ignores_amounts_outside_fee_sentences() -> None:
    body = ["本区2024年度未收取信息处理费。", "行政事业性收费合计1235元。"]
    assert run(replace_body(base(), 6, body), "GIP410") == []


def test_gip410_an_amount_of_hundreds_of_digits_is_no_fee_and_no_crash() -> None:
    # Found by the fuzzer: Decimal's "%" raises past its 28-digit precision.
    for amount, found in (("1" * 200 + "5元", 0), ("9" * 27 + "5元", 1)):
        text = replace_body(base(), 6, [f"本年度共收取信息处理费{amount}。"])
        diagnostics = lint_text(text, "<test>", select_rules(["GIP410"]))  # a crash would be GIP099
        assert [d.code for d in diagnostics] == ["GIP410"] * found


# --- the valid generated reports stay clean ----------------------------------------------------


@pytest.mark.parametrize("layout", ["A", "B"])
@pytest.mark.parametrize("issuer", [COUNTY, CITY])
def test_valid_report_has_no_content_finding(layout: str, issuer: str) -> None:
    found = [d for d in lint_text(base(issuer, layout=layout), "<test>") if d.code.startswith("GIP4")]
    assert found == []


# --- the seeds (format reference §12), when ../shared is present ----------------------------


def _seed(prefix: str, code: str) -> list[tuple[int, str]]:
    path = seed_path(prefix)
    rules = select_rules([code])
    return [(d.span.line, str(d.severity)) for d in lint_text(path.read_text("utf-8"), str(path), rules)]


@pytest.mark.parametrize(
    ("prefix", "code", "expected"),
    [
        ("002", "GIP401", [(82, "error")]),
        ("001", "GIP405", [(373, "warning")]),
        ("001", "GIP408", [(3, "info")]),
        ("002", "GIP404", [(7, "warning")]),
        ("001", "GIP404", [(4, "info")]),
        ("003", "GIP404", [(7, "info")]),
        ("004", "GIP404", [(4, "info")]),
    ],
)
def test_seed_must_report(prefix: str, code: str, expected: list[tuple[int, str]]) -> None:
    assert _seed(prefix, code) == expected


@pytest.mark.parametrize(
    ("prefix", "code"),
    [
        ("000", "GIP401"),  # 418: 未收取政府信息公开信息处理费
        ("001", "GIP401"),  # 375: the second sentence is compliant, the first only cites a title
        ("003", "GIP401"),
        ("004", "GIP401"),  # 409: 没有产生信息公开处理费
        ("002", "GIP402"),  # suppressed by GIP401
        ("000", "GIP404"),  # a department
        ("002", "GIP403"),  # all five topics present
        *((p, "GIP403") for p in ("000", "001", "003", "004")),
        *((p, "GIP405") for p in ("000", "002", "003", "004")),
        *((p, "GIP406") for p in ("000", "001", "002", "003", "004")),
        *((p, "GIP407") for p in ("000", "001", "002", "003", "004")),
        *((p, "GIP408") for p in ("000", "002", "003", "004")),
        *((p, "GIP410") for p in ("000", "001", "002", "003", "004")),
    ],
)
def test_seed_must_not_report(prefix: str, code: str) -> None:
    assert _seed(prefix, code) == []
