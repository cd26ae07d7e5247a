"""GIP7xx: text hygiene. Each rule on both sides, through the real pipeline, on fictional reports."""

from __future__ import annotations

import pytest

from conftest import seed_path
from content_fixtures import BUREAU, CITY, COUNTY, base, line_of, replace_body, run
from giplint.diagnostics import Diagnostic
from giplint.linter import lint_text, select_rules
from giplint.model import Line, Report
from giplint.rules.hygiene import (
    BrokenParagraph,
    area_level,
    chinese_ordinal,
    enumerators,
    mask_addresses,
    text_segments,
)

PROBLEMS = "本年度政策解读形式较为单一，部分栏目更新不够及时。"


def marked(text: str, d: Diagnostic) -> str:
    """The characters a one-line diagnostic points at."""
    line = text.split("\n")[d.span.line - 1]
    return line[d.span.column - 1 : d.span.end_column - 1]


def with_part5(*lines: str, issuer: str = COUNTY) -> str:
    return replace_body(base(issuer), 5, list(lines))


# --- helpers ------------------------------------------------------------------------------------


def test_mask_addresses_keeps_offsets() -> None:
    text = "见（http://www.example.gov.cn/xxgk/xxgknb）或来信xxgk@example.cn。"
    masked = mask_addresses(text)
    assert len(masked) == len(text)
    assert "xx" not in masked and masked.startswith("见（") and masked.endswith("。")


def test_text_segments_read_table_labels_not_values() -> None:
    lines = [
        Line(1, "某某许可\t0\tXX", "", "R"),  # a label with a placeholder, a placeholder value cell
        Line(2, "\t12", "", "C"),
        Line(3, "正文某某", "", "P"),
        Line(4, "", "", "B"),
    ]
    report = Report("<t>", "UTF-8", lines)
    assert [(line.number, s, e) for line, s, e in text_segments(report)] == [(1, 0, 4), (3, 0, 4)]


@pytest.mark.parametrize(
    ("text", "value"), [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("一二", None)]
)
def test_chinese_ordinal(text: str, value: int | None) -> None:
    assert chinese_ordinal(text) == value


@pytest.mark.parametrize(
    ("name", "level"),
    [
        (COUNTY, "区"),
        (BUREAU, "县"),
        ("白石县城市管理局", "县"),
        ("白石县市场监督管理局", "县"),
        (CITY, "市"),
        ("白鹭市城市管理局", "市"),
        ("绿洲自治县", "自治县"),
        ("青禾市云溪区石桥街道办事处", "区"),
    ],
)
def test_area_level(name: str, level: str) -> None:
    assert area_level(name) == level


# --- GIP701 conversion-residue ------------------------------------------------------------------


def test_gip701_bookmark_at_line_start() -> None:
    text = with_part5("[bookmark: _GoBack]" + PROBLEMS, "下一步将加强栏目维护。")
    [d] = run(text, "GIP701")
    assert (d.span.line, d.span.column) == (line_of(text, "bookmark"), 1)
    assert marked(text, d) == "[bookmark: _GoBack]"


def test_gip701_one_finding_per_occurrence() -> None:
    text = with_part5("<!--[if !supportLists]-->一是加强培训&nbsp;<![endif]-->，二是完善制度&nbsp;。")
    found = run(text, "GIP701")
    assert [marked(text, d) for d in found] == [
        "<!--[if !supportLists]-->",
        "&nbsp;",
        "<![endif]-->",
        "&nbsp;",
    ]


def test_gip701_clean_text() -> None:
    assert run(with_part5(PROBLEMS, "下一步将加强A&B两类栏目维护。"), "GIP701") == []


# --- GIP702 markdown-residue --------------------------------------------------------------------


def test_gip702_one_finding_per_bold_pair() -> None:
    text = with_part5(PROBLEMS, "一是**加强培训**。二是**完善制度**。")
    assert [marked(text, d) for d in run(text, "GIP702")] == ["**加强培训**", "**完善制度**"]


def test_gip702_autolink_link_and_heading() -> None:
    text = with_part5(
        PROBLEMS,
        "本报告可从门户网站年报专栏 (<http://www.example.gov.cn/nb>) 下载。",
        "详见[年报专栏](http://www.example.gov.cn/nb)。",
        "## 下一步工作",
    )
    found = run(text, "GIP702")
    assert [marked(text, d) for d in found] == [
        "<http://www.example.gov.cn/nb>",
        "[年报专栏](http://www.example.gov.cn/nb)",
        "## ",
    ]


def test_gip702_table_rule_line_is_one_finding() -> None:
    text = with_part5(PROBLEMS, "|---|---|---|")
    [d] = run(text, "GIP702")
    assert d.span.line == line_of(text, "|---|")


def test_gip702_single_stars_and_blanks() -> None:
    text = with_part5(PROBLEMS, "*注：本表数据截至年底。联系人：____，电话：____。")
    assert run(text, "GIP702") == []


# --- GIP703 placeholder-text --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "placeholder"),
    [
        ("XX局将加强栏目维护。", "XX"),
        ("截至20××年底完成整改。", "××"),
        ("由某某单位负责整改。", "某某"),
        ("由（填写单位名称）负责整改。", "（填写单位名称）"),
        ("由[单位名称]负责整改。", "[单位名称]"),
        ("整改期限为20XX年。", "XX"),
    ],
)
def test_gip703_placeholders(sentence: str, placeholder: str) -> None:
    text = with_part5(PROBLEMS, sentence)
    [d] = run(text, "GIP703")
    assert marked(text, d) == placeholder


@pytest.mark.parametrize(
    "sentence",
    [
        "年报可从专栏（http://www.example.gov.cn/zwgk/xxgknb）下载。",
        "意见请发送至xxgk@example.gov.cn邮箱。",
        "二○○八年以来持续开展此项工作。",
        "新增XXL尺寸的公示栏。",
    ],
)
def test_gip703_not_placeholders(sentence: str) -> None:
    assert run(with_part5(PROBLEMS, sentence), "GIP703") == []


# --- GIP704 enumerator-sequence -----------------------------------------------------------------


def test_gip704_skipped_ordinal() -> None:
    text = with_part5(PROBLEMS, "一是加强培训；三是完善制度。")
    [d] = run(text, "GIP704")
    assert marked(text, d) == "三是" and d.params["expected"] == "二是"


def test_gip704_repeated_ordinal() -> None:
    text = with_part5(PROBLEMS, "一是加强培训；二是完善制度；二是强化监督。")
    [d] = run(text, "GIP704")
    assert d.span.column == text.split("\n")[d.span.line - 1].rindex("二是") + 1


def test_gip704_run_continues_across_paragraphs() -> None:
    text = with_part5("存在的问题：一是解读形式单一。", "二是栏目更新不及时。", "四是培训不足，将加强改进。")
    [d] = run(text, "GIP704")
    assert marked(text, d) == "四是" and d.params["expected"] == "三是"


def test_gip704_families_and_restarts_are_independent() -> None:
    text = with_part5(
        "存在的问题：一是解读形式单一；二是栏目更新不及时。",
        "改进措施：一是加强培训；二是完善制度。一要提升水平，二要创新方式。第一，统一要求；第二，第一时间公开。",
    )
    assert run(text, "GIP704") == []


def test_gip704_false_friends() -> None:
    assert list(enumerators("统一是前提，唯一要求是，三要素齐全，第一时间，第二十条，之一是")) == []


# --- GIP705 duplicated-word ---------------------------------------------------------------------


def test_gip705_duplicated_word() -> None:
    text = with_part5(PROBLEMS, "如有疑问请与区政务公开办公室联系联系地址：云溪区政府。")
    [d] = run(text, "GIP705")
    assert marked(text, d) == "联系联系"


def test_gip705_whitelisted_reduplication() -> None:
    text = with_part5(PROBLEMS, "对群众诉求要研究研究，一件一件抓落实。")
    assert run(text, "GIP705") == []


# --- GIP706 broken-paragraph --------------------------------------------------------------------


def test_gip706_is_off_by_default() -> None:
    assert not BrokenParagraph.enabled_by_default
    assert all(rule.code != "GIP706" for rule in select_rules())


def test_gip706_sentence_broken_across_paragraphs() -> None:
    text = with_part5(PROBLEMS + "下一步将进一步压", "实工作责任，细化工作任务。")
    [d] = run(text, "GIP706")
    assert (d.span.line, d.span.last_line) == (line_of(text, "进一步压"), line_of(text, "实工作责任"))


def test_gip706_complete_paragraphs_and_enumerators() -> None:
    text = with_part5(PROBLEMS + "主要表现为", "一是解读形式单一。", "下一步将加强栏目维护。")
    assert run(text, "GIP706") == []


# --- GIP707 ascii-punctuation-in-prose ----------------------------------------------------------


def test_gip707_one_finding_per_line_at_the_first_mark() -> None:
    text = with_part5(PROBLEMS, "改进措施:一是加强培训,二是完善制度。")
    [d] = run(text, "GIP707")
    assert marked(text, d) == ":" and d.params["count"] == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "改进措施：一是加强培训，二是完善制度。",
        "详见门户网站（http://www.example.gov.cn/nb）。",
        "(一)加强培训，提升水平。",
        "开放时间为8:30至17:30。",
    ],
)
def test_gip707_clean_prose(sentence: str) -> None:
    assert run(with_part5(PROBLEMS, sentence), "GIP707") == []


def test_gip707_table_labels_are_not_prose() -> None:
    report = Report("<t>", "UTF-8", [Line(1, "(一)予以公开,\t0", "", "R")])
    assert select_rules(["GIP707"])[0].run(report) == []


# --- GIP708 scope-word-mismatch -----------------------------------------------------------------

STEERING = "严格按照《条例》要求统筹全市政务公开工作，督促各部门完善制度。"


@pytest.mark.parametrize("issuer", [COUNTY, BUREAU])
def test_gip708_county_level_report_steers_the_city(issuer: str) -> None:
    text = with_part5(PROBLEMS, STEERING, issuer=issuer)
    [d] = run(text, "GIP708")
    assert marked(text, d) == "统筹全市政务公开"


def test_gip708_city_report() -> None:
    assert run(with_part5(PROBLEMS, STEERING, issuer=CITY), "GIP708") == []


def test_gip708_own_scope() -> None:
    text = with_part5(PROBLEMS, STEERING.replace("全市", "全区"))
    assert run(text, "GIP708") == []


# --- GIP709 misquoted-reference -----------------------------------------------------------------


def test_gip709_misquoted_office() -> None:
    text = with_part5(PROBLEMS, "按照国务院办公厅政府信息公开与政务公开办公室的要求，将加强改进。")
    [d] = run(text, "GIP709")
    assert marked(text, d) == "政府信息公开与政务公开办公室"
    assert d.params["right"] == "政府信息与政务公开办公室"


def test_gip709_wrong_document_number() -> None:
    sentence = "按照《关于印发〈政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕31号）编制。"
    text = with_part5(PROBLEMS, sentence)
    [d] = run(text, "GIP709")
    assert marked(text, d) == "〔2021〕31号"


def test_gip709_correct_references() -> None:
    sentence = (
        "按照国务院办公厅政府信息与政务公开办公室《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉"
        "的通知》（国办公开办函〔2021〕30 号）和《中华人民共和国政府信息公开条例》编制。"
    )
    assert run(with_part5(PROBLEMS, sentence), "GIP709") == []


# --- the valid generated reports stay clean ----------------------------------------------------


@pytest.mark.parametrize("layout", ["A", "B"])
@pytest.mark.parametrize("issuer", [COUNTY, CITY])
def test_valid_report_has_no_hygiene_finding(layout: str, issuer: str) -> None:
    rules = select_rules(["GIP7"])  # off-by-default rules included
    assert [
        d for d in lint_text(base(issuer, layout=layout), "<test>", rules) if d.code.startswith("GIP7")
    ] == []


# --- the seeds (format reference §12), when ../shared is present ----------------------------


def _seed(prefix: str, code: str) -> list[Diagnostic]:
    path = seed_path(prefix)
    return list(lint_text(path.read_text("utf-8"), str(path), select_rules([code])))


def _seed_marks(prefix: str, code: str) -> list[tuple[int, str]]:
    path = seed_path(prefix)
    lines = path.read_text("utf-8").split("\n")
    out = []
    for d in _seed(prefix, code):
        assert d.span.last_line == d.span.line
        out.append((d.span.line, lines[d.span.line - 1][d.span.column - 1 : d.span.end_column - 1]))
    return out


def test_seed_003_markdown_residue() -> None:
    found = _seed_marks("003", "GIP702")
    assert [line for line, _ in found] == [86, 86, 86, 94]
    assert all(mark.startswith("**") for _, mark in found[:3])
    assert found[3][1].startswith("<http://")


@pytest.mark.parametrize(
    ("prefix", "code", "expected"),
    [
        ("004", "GIP701", [(407, "[bookmark: _GoBack]")]),
        ("004", "GIP705", [(3, "联系联系")]),
        ("001", "GIP707", [(373, ",")]),
        ("002", "GIP707", [(78, ":")]),
    ],
)
def test_seed_must_report(prefix: str, code: str, expected: list[tuple[int, str]]) -> None:
    assert _seed_marks(prefix, code) == expected


def test_seed_004_scope_word() -> None:
    [(line, mark)] = _seed_marks("004", "GIP708")
    assert line == 11 and mark.startswith("统筹全市")


def test_seed_003_misquoted_office() -> None:
    [(line, mark)] = _seed_marks("003", "GIP709")
    assert line == 5 and mark == "政府信息公开与政务公开办公室"


@pytest.mark.parametrize(
    ("prefix", "code"),
    [
        ("003", "GIP703"),  # xxgknb inside the URL at 94
        ("004", "GIP704"),  # 一是…二是 then 一要…二要 at 407: two families
        *((p, c) for p in ("000", "001", "002", "003", "004") for c in ("GIP703", "GIP704")),
        *((p, "GIP709") for p in ("000", "001", "002", "004")),
        *((p, "GIP701") for p in ("000", "001", "002", "003")),
        *((p, "GIP702") for p in ("000", "001", "002", "004")),
        *((p, "GIP707") for p in ("000", "003", "004")),
        *((p, "GIP708") for p in ("000", "001", "002", "003")),
    ],
)
def test_seed_must_not_report(prefix: str, code: str) -> None:
    assert _seed(prefix, code) == []


def test_seed_broken_paragraphs_when_enabled() -> None:
    assert [(d.span.line, d.span.last_line) for d in _seed("000", "GIP706")] == [(412, 414)]
    assert [(d.span.line, d.span.last_line) for d in _seed("003", "GIP706")] == [(9, 11), (19, 21), (86, 88)]
