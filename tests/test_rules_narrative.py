"""GIP3xx end to end: fictional reports through ``lint_text``, both sides of every rule, and the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from giplint.diagnostics import ERROR, WARNING, Diagnostic, Severity
from giplint.linter import lint_text, select_rules
from narrative_fixtures import line_of, report_text

RULES = select_rules(["GIP3"])


def narrative(text: str) -> list[Diagnostic]:
    return [d for d in lint_text(text, rules=RULES) if d.code.startswith("GIP3")]


def codes(text: str) -> list[str]:
    return [d.code for d in narrative(text)]


def the_finding(text: str, code: str, fragment: str, figure: str | None = None) -> Diagnostic:
    """The single GIP3xx finding of ``text``: ``code``, on the line holding ``fragment``, pointing
    at ``figure`` (the first occurrence on that line) when given."""
    found = narrative(text)
    assert [d.code for d in found] == [code], [d.text() for d in found]
    diag = found[0]
    line = line_of(text, fragment)
    assert diag.span.line == line
    if figure is not None:
        source = text.splitlines()[line - 1]
        start = source.index(figure)
        assert (diag.span.column, diag.span.end_column) == (start + 1, start + len(figure) + 1)
    return diag


def part1(*sentences: str) -> list[str]:
    return ["（二）依申请公开情况。" + "".join(sentences)]


# --- GIP301 ----------------------------------------------------------------------------------------
def test_gip301_received_mismatch() -> None:
    text = report_text(part1=part1("全年共收到政府信息公开申请7件，依法办结4件。"))
    diag = the_finding(text, "GIP301", "全年共收到", "7件")
    assert diag.severity == WARNING
    assert "7件" in diag.text() and "本年新收" in diag.text() and "5件" in diag.text()
    assert "7" in diag.text("en") and "5" in diag.text("en")


def test_gip301_chinese_numeral() -> None:
    text = report_text(part1=part1("全年共收到政府信息公开申请七件。"))
    the_finding(text, "GIP301", "全年共收到", "七件")
    assert codes(report_text(part1=part1("全年共收到政府信息公开申请五件。"))) == []


def test_gip301_accepts_new_plus_carried_for_received() -> None:
    t3 = {"new": 4, "carried_in": 1, "granted": 3, "unable.not_held": 1, "carried_out": 1}
    assert codes(report_text(part1=part1("全年共收到政府信息公开申请5件。"), t3=t3)) == []
    assert codes(report_text(part1=part1("全年共收到政府信息公开申请4件。"), t3=t3)) == []
    # 新收 is new requests only.
    text = report_text(part1=part1("全年新收政府信息公开申请5件。"), t3=t3)
    the_finding(text, "GIP301", "全年新收", "5件")


def test_gip301_ignores_approximations_breakdowns_and_hotlines() -> None:
    prose = part1(
        "全年共收到政府信息公开申请约7件，其中自然人3件。",
        "12345热线受理2854件，办结2850件，其余转入下一年度办理。",
    )
    assert codes(report_text(part1=prose)) == []


def test_gip301_sentence_broken_across_lines() -> None:
    text = report_text(part1=["（二）依申请公开情况。全年共收到政府信息公开", "申请7件，依法办结4件。"])
    the_finding(text, "GIP301", "申请7件", "7件")


def test_gip3_rules_do_not_run_before_2019() -> None:
    text = report_text(part1=part1("全年共收到政府信息公开申请7件。"), year=2017)
    assert codes(text) == []


# --- GIP302 ----------------------------------------------------------------------------------------
def test_gip302_none_received_but_table_has_requests() -> None:
    text = report_text(part1=part1("2023年未收到政府信息公开申请。"))
    diag = the_finding(text, "GIP302", "未收到", "未收到政府信息公开申请")
    assert diag.severity == ERROR
    assert "5件" in diag.text()


def test_gip302_none_received_agrees_with_empty_table() -> None:
    assert codes(report_text(part1=part1("2023年未收到政府信息公开申请。"), t3={})) == []


def test_gip302_scope_word_downgrades_to_warning() -> None:
    text = report_text(part1=part1("2023年，区政府办公室未收到政府信息公开申请。"))
    diag = the_finding(text, "GIP302", "区政府办公室")
    assert diag.severity == WARNING
    assert "政府办公室" in diag.text()


def test_gip302_issuer_named_in_its_own_report_stays_error() -> None:
    text = report_text(
        part1=part1("2023年，区政府办公室未收到政府信息公开申请。"),
        issuer="青禾市云溪区人民政府办公室",
        signer="青禾市云溪区人民政府办公室",
    )
    assert the_finding(text, "GIP302", "区政府办公室").severity == ERROR


def test_gip302_stated_count_against_an_empty_table() -> None:
    text = report_text(part1=part1("全年共收到政府信息公开申请3件。"), t3={})
    diag = the_finding(text, "GIP302", "全年共收到", "3件")
    assert diag.severity == ERROR  # reported once, by GIP302, not also by GIP301


# --- GIP303 / GIP304 / GIP305 / GIP306 ---------------------------------------------------------------------
def test_gip303_closed_mismatch() -> None:
    text = report_text(part1=part1("共受理政府信息公开申请5件，依法办结3件，结转下年度1件。"))
    diag = the_finding(text, "GIP303", "依法办结", "3件")
    assert "（七）总计" in diag.text() and "4件" in diag.text()
    good = report_text(part1=part1("共受理政府信息公开申请5件，依法答复4个，结转下年度1件。"))
    assert codes(good) == []


def test_gip304_carried_forward_mismatch() -> None:
    text = report_text(part1=part1("共受理政府信息公开申请5件，办结4件，结转下一年度继续办理2件。"))
    the_finding(text, "GIP304", "结转下一年度", "2件")
    good = report_text(part1=part1("共受理政府信息公开申请5件，办结4件，结转至2024年1件。"))
    assert codes(good) == []


def test_gip305_carried_in_mismatch() -> None:
    t3 = {"new": 4, "carried_in": 1, "granted": 3, "unable.not_held": 1, "carried_out": 1}
    text = report_text(part1=part1("新收政府信息公开申请4件，上年结转3件。"), t3=t3)
    the_finding(text, "GIP305", "上年结转", "3件")
    assert codes(report_text(part1=part1("新收政府信息公开申请4件，上年结转1件。"), t3=t3)) == []


def test_gip306_outcome_mismatch() -> None:
    text = report_text(part3=["从办理结果看，予以公开4件，无法提供1件。"])
    diag = the_finding(text, "GIP306", "从办理结果看", "4件")
    assert "予以公开" in diag.text() and "3件" in diag.text()
    assert codes(report_text(part3=["从办理结果看，予以公开3件，无法提供1件。"])) == []


# --- GIP307 / GIP308 --------------------------------------------------------------------------------------
def test_gip307_review_mismatch() -> None:
    t4 = {"review": [1, 0, 0, 0]}
    text = report_text(part1=part1("全年发生政府信息公开行政复议2件。"), t4=t4)
    diag = the_finding(text, "GIP307", "行政复议2件", "2件")
    assert "行政复议" in diag.text() and "1件" in diag.text()
    assert codes(report_text(part1=part1("全年发生政府信息公开行政复议一起。"), t4=t4)) == []


def test_gip308_litigation_counts_both_groups() -> None:
    t4 = {"lit_direct": [0, 0, 1, 0], "lit_after_review": [0, 0, 0, 1]}
    text = report_text(part4=["本年度被提起政府信息公开行政诉讼1件。"], t4=t4)
    diag = the_finding(text, "GIP308", "行政诉讼1件", "1件")
    assert "2件" in diag.text()
    assert codes(report_text(part4=["本年度被提起政府信息公开行政诉讼2件。"], t4=t4)) == []


def test_table_four_figures_need_table_four() -> None:
    text = report_text(part1=part1("全年发生政府信息公开行政复议2件。"), with_t4=False)
    assert codes(text) == []


def test_absence_of_a_statement_is_not_a_mismatch() -> None:
    assert codes(report_text(t4={"lit_direct": [0, 0, 1, 0]})) == []


# --- GIP309 / GIP310 --------------------------------------------------------------------------------------
def test_gip309_no_case_but_table_has_one() -> None:
    t4 = {"lit_after_review": [0, 1, 0, 0]}
    text = report_text(part1=part1("全年未发生政府信息公开行政复议、行政诉讼案件。"), t4=t4)
    diag = the_finding(text, "GIP309", "未发生", "未发生政府信息公开行政复议、行政诉讼案件")
    assert diag.severity == ERROR
    assert "复议后起诉" in diag.text()


def test_gip309_only_the_named_case_type_counts() -> None:
    t4 = {"lit_direct": [0, 1, 0, 0]}
    assert codes(report_text(part1=part1("全年未发生政府信息公开行政复议案件。"), t4=t4)) == []


def test_gip309_scope_word_downgrades_to_warning() -> None:
    t4 = {"review": [1, 0, 0, 0]}
    text = report_text(part1=part1("区本级未发生政府信息公开行政复议案件。"), t4=t4)
    assert the_finding(text, "GIP309", "区本级").severity == WARNING


def test_gip310_all_closed_but_pending() -> None:
    prose = part1("全年发生政府信息公开行政复议1起，已全部办结。")
    text = report_text(part1=prose, t4={"review": [0, 0, 0, 1]})
    diag = the_finding(text, "GIP310", "已全部办结", "已全部办结")
    assert "尚未审结" in diag.text()
    assert codes(report_text(part1=prose, t4={"review": [1, 0, 0, 0]})) == []


def test_gip310_ignores_other_populations() -> None:
    text = report_text(part1=["收到群众网上留言90条，已全部办结。"], t4={"review": [0, 0, 0, 1]})
    assert codes(text) == []


# --- GIP311 ------------------------------------------------------------------------------------------
def test_gip311_stock_mismatch() -> None:
    text = report_text(part2=["截至年底，现行有效行政规范性文件12件。"])
    diag = the_finding(text, "GIP311", "现行有效", "12件")
    assert "9件" in diag.text()
    assert codes(report_text(part2=["截至年底，现行有效行政规范性文件9件。"])) == []


# --- generated reports ---------------------------------------------------------------------------------
def test_generated_valid_reports_have_no_narrative_findings() -> None:
    reportgen = pytest.importorskip("giplint.reportgen")
    for seed in range(40):
        report = reportgen.generate(seed)
        assert codes(report.text) == [], seed


def test_generated_received_defect_is_found_at_its_line() -> None:
    reportgen = pytest.importorskip("giplint.reportgen")
    for seed in range(20):
        report = reportgen.generate(seed, defect="narrative-received")
        lines = [d.span.line for d in narrative(report.text) if d.code == "GIP301"]
        assert lines == [report.defect_line], seed


# --- seeds ---------------------------------------------------------------------------------------------
from conftest import SEEDS  # noqa: E402

SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


@pytest.mark.skipif(not SEED_FILES, reason="seed reports not available")
@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_seeds_have_no_narrative_findings(path: Path) -> None:
    # §12: every narrative figure in the seeds agrees with its table (000:12, 001:9–10, 002:18, 003:15,
    # 004:9), and hotline / mailbox / online-message figures (003:23, 004:7) are not compared.
    found = narrative(path.read_text(encoding="utf-8"))
    assert not [d for d in found if d.severity == Severity.ERROR]
    assert [(d.code, d.span.line) for d in found] == []
