"""GIP5xx through the whole pipeline (giplint.linter.lint_text), on both sides of every rule."""

from __future__ import annotations

import re

import pytest

from conftest import SEEDS
from dates_fixtures import Doc
from giplint.diagnostics import ERROR, INFO, WARNING, Diagnostic
from giplint.linter import lint_text
from giplint.reportgen import generate
from giplint.rules.dates import LatePublication

PERIOD = "统计期限为2024年1月1日至2024年12月31日"


def set_period(doc: Doc, period: str) -> int:
    n = doc.number("统计期限")
    doc.lines[n - 1] = doc.lines[n - 1].replace(PERIOD, period)
    assert period in doc.lines[n - 1]
    return n


def columns(doc: Doc, line: int, fragment: str) -> tuple[int, int]:
    """1-based start and exclusive end column of ``fragment`` on ``line``."""
    at = doc.lines[line - 1].index(fragment)
    return at + 1, at + 1 + len(fragment)


def where(diagnostic: Diagnostic) -> tuple[int, int, int | None]:
    return diagnostic.span.line, diagnostic.span.column, diagnostic.span.end_column


@pytest.mark.parametrize(("kind", "seed"), [("department", 7), ("government", 7), ("department", 11)])
def test_valid_reports_have_no_date_findings(kind: str, seed: int) -> None:
    doc = Doc(kind, seed=seed)
    assert [d for d in lint_text(doc.text) if d.code.startswith("GIP5")] == []


def test_generated_corpus_is_clean() -> None:
    for seed in range(60):
        text = generate(seed).text
        assert [d.code for d in lint_text(text) if d.code.startswith("GIP5")] == [], seed


# --- GIP501 ----------------------------------------------------------------------------------


def test_gip501_period_of_another_year() -> None:
    doc = Doc()
    n = set_period(doc, "统计期限为2023年1月1日至2023年12月31日")
    (d,) = doc.lint("GIP501")
    assert d.severity == ERROR
    assert where(d) == (n, *columns(doc, n, "2023年"))
    assert "2023" in d.text("en") and "2024" in d.text("en") and "2023" in d.text("zh")


def test_gip501_generator_defect_is_found_at_its_line() -> None:
    g = generate(5, defect="period-year")
    found = [d for d in lint_text(g.text) if d.code == "GIP501"]
    assert [d.span.line for d in found] == [g.defect_line]


def test_gip501_silent_when_the_years_agree() -> None:
    doc = Doc()
    set_period(doc, "统计期限为2024年1月1日至12月31日")
    assert doc.lint("GIP501") == []


@pytest.mark.parametrize(("label", "fires"), [("2023年制发件数", True), ("2024年制发件数", False)])
def test_gip501_table_header_year(label: str, fires: bool) -> None:
    doc = Doc()
    n = doc.number("本年制发件数")
    doc.lines[n - 1] = doc.lines[n - 1].replace("本年制发件数", label)
    found = [where(d) for d in doc.lint("GIP501")]
    assert found == ([(n, *columns(doc, n, "2023年"))] if fires else [])


# --- GIP502 ----------------------------------------------------------------------------------


def test_gip502_title_without_year() -> None:
    doc = Doc()
    doc.lines[0] = doc.lines[0].replace("2024年", "")
    (d,) = doc.lint("GIP502")
    assert d.severity == WARNING and d.span.line == 1
    assert "2024" in d.text("en")
    assert doc.lint("GIP501") == []


def test_gip502_silent_with_a_title_year() -> None:
    assert Doc().lint("GIP502") == []


# --- GIP503 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "period",
    [
        "统计期限为2024年1月1日至2024年11月30日",
        "统计期限为2024年2月1日至2024年12月31日",
        "统计期限为2024年1月1日至",
    ],
)
def test_gip503_period_not_the_whole_year(period: str) -> None:
    doc = Doc()
    n = set_period(doc, period)
    (d,) = doc.lint("GIP503")
    assert d.severity == ERROR and d.span.line == n
    assert "2024-01-01" in d.text("en")


@pytest.mark.parametrize("period", [PERIOD, "统计期限为2024年1月1日至12月31日", "统计期限为2024年度"])
def test_gip503_whole_year(period: str) -> None:
    doc = Doc()
    set_period(doc, period)
    assert doc.lint("GIP503") == []


# --- GIP504 ----------------------------------------------------------------------------------


def test_gip504_sentence_opening_with_last_year() -> None:
    doc = Doc()
    n = doc.under("一", "2023年，我局共受理政府信息公开申请5件，已全部办结。")
    (d,) = doc.lint("GIP504")
    assert d.severity == WARNING
    assert where(d) == (n, 1, 6)
    assert "2023" in d.text("zh") and "2024" in d.text("en")


def test_gip504_one_finding_per_wrong_year_with_a_count() -> None:
    doc = Doc()
    first = doc.under("一", "2023年，我局主动公开政府信息800条。")
    doc.under("四", "2023年度，未发生行政复议案件。")
    doc.under("二", "2025年通过门户网站发布信息10条。")
    found = doc.lint("GIP504")
    assert sorted((d.params["found"], d.params["count"]) for d in found) == [(2023, 2), (2025, 1)]
    assert next(d for d in found if d.params["found"] == 2023).span.line == first


def test_gip504_spaced_year_points_at_the_year() -> None:
    doc = Doc()
    n = doc.under("一", "全年，白石县于 2023 年 受理申请3件。")
    (d,) = doc.lint("GIP504")
    assert where(d) == (n, *columns(doc, n, "2023 年"))


@pytest.mark.parametrize(
    "sentence",
    [
        "根据国办公开办函〔2023〕30号要求编制本报告。",
        "对照《2023年度政务公开工作考核指标》，逐项开展自查。",
        "认真落实《法治政府建设实施纲要（2021-2025年）》要求。",
        "编制政务公开规划（2023-2025年度），分步实施。",
        "依据《中华人民共和国政府信息公开条例》（国务院令 第 711 号）开展工作。",
        "联系电话：0469-4240836，邮编：155100。",
        "全年发布各类信息2007条，较2023年度增长10%。",
        "与上年相比，2023年度的申请量较多，本年有所下降。",
        "2025年，我局将进一步加强政策解读。",
        "另有1件申请结转至2025年继续办理。",
        "办理2023年度结转的申请1件。",
        "2022年，我局曾开展过专项清理。",  # N−2: not a neighbouring year
        "截至2025年1月，累计公开信息3000条。",
        "2024年，我局共受理政府信息公开申请5件。",
    ],
)
def test_gip504_exclusions(sentence: str) -> None:
    doc = Doc()
    doc.under("一", sentence)
    assert doc.lint("GIP504") == []


def test_gip504_leaves_part_five_alone() -> None:
    doc = Doc()
    doc.under("五", "2025年，全局共发布政策解读10篇。")
    assert doc.lint("GIP504") == []


# --- GIP505 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "2024年，我局将进一步加强政策解读。",
        "下一步，2024年我局要重点做好以下工作。",
        "2024年，拟新增政策解读栏目。",
        "针对存在的问题，我局2024年将着力做好以下工作：一是加强培训。",
    ],
)
def test_gip505_plan_dated_the_reporting_year(sentence: str) -> None:
    doc = Doc()
    n = doc.under("五", sentence)
    (d,) = doc.lint("GIP505")
    assert d.severity == WARNING
    assert where(d) == (n, *columns(doc, n, "2024年"))
    assert "2025" in d.text("en")


@pytest.mark.parametrize(
    "sentence",
    [
        "2025年，我局将进一步加强政策解读。",
        "2024年，我局政府信息公开工作仍存在不足。",
        "2024年，我局在政策解读方面仍存在不足，今后将加以改进。",  # the plan word is not in the year's clause
        "2024年，我局将政务公开工作纳入年度绩效考核。",  # 将 = 把: a fact of 2024, not a plan
        "针对2024年的问题，2025年我局将着力改进。",
        "下一步，我局将继续落实《2024年政务公开工作要点》。",
    ],
)
def test_gip505_silent(sentence: str) -> None:
    doc = Doc()
    doc.under("五", sentence)
    assert doc.lint("GIP505") == []


# --- GIP506 ----------------------------------------------------------------------------------


def test_gip506_department_signed_after_31_january() -> None:
    doc = Doc("department")
    n = doc.replace("2025年1月", "2025年2月10日")
    (d,) = doc.lint("GIP506")
    assert d.severity == WARNING  # the level was inferred from the name
    assert where(d) == (n, 1, 11)
    assert "2025-01-31" in d.text("en") and "2025-02-10" in d.text("zh")


def test_gip506_department_signed_in_time() -> None:
    doc = Doc("department")
    doc.replace("2025年1月", "2025年1月31日")
    assert doc.lint("GIP506") == []


def test_gip506_government_has_until_31_march() -> None:
    doc = Doc("government")
    doc.replace(lambda t: t.startswith("2025年") and t.endswith("日"), "2025 年 3 月 31 日")
    assert doc.lint("GIP506") == []
    doc.replace(lambda t: t.startswith("2025 年"), "二〇二五年四月二日")
    (d,) = doc.lint("GIP506")
    assert "2025-03-31" in d.text("en")


def test_gip506_error_when_the_level_is_configured() -> None:
    doc = Doc("department")
    doc.replace("2025年1月", "2025年2月10日")
    report = doc.report()
    report.issuer_kind_configured = True
    (d,) = LatePublication().run(report)
    assert d.severity == ERROR


def test_gip506_message_names_the_statutory_basis() -> None:
    doc = Doc("department")
    doc.replace("2025年1月", "2025年2月10日")
    (d,) = doc.lint("GIP506")
    assert d.text("en").endswith("after the publication deadline 2025-01-31 (a department)")


def test_gip506_message_says_the_deadline_was_configured() -> None:
    # A province that gives departments until 15 February: the message must not still speak of
    # 31 January (it once said "due 31 January" next to the configured date).
    doc = Doc("department")
    doc.replace("2025年1月", "2025年2月20日")
    (d,) = LatePublication(deadline_overrides={"department": "02-15"}).run(doc.report())
    assert d.text("en").endswith("deadline 2025-02-15 (a department, as configured)")
    assert "1月31日" not in d.text("zh") and "按配置" in d.text("zh")


def test_gip506_message_for_a_report_under_the_2007_regulations() -> None:
    doc = Doc("department", year=2017)
    doc.replace("2018年1月", "2018年4月2日")
    (d,) = doc.lint("GIP506")
    assert d.text("en").endswith(
        "deadline 2018-03-31 (the one date for all organs under the 2007 regulations)"
    )


def test_gip506_unknown_level_uses_31_march() -> None:
    doc = Doc("department")
    doc.replace("2025年1月", "2025年3月20日")
    report = doc.report()
    report.issuer_kind = "unknown"
    assert LatePublication().run(report) == []
    report = Doc("department").report()
    assert report.signature is not None
    report.issuer_kind = "unknown"
    report.signature.date = report.signature.date.replace(month=4, day=1)
    (d,) = LatePublication().run(report)
    assert d.severity == WARNING and "2025-03-31" in d.text("en")


def test_gip506_configured_deadline_overrides_the_table() -> None:
    doc = Doc("government")
    doc.replace(lambda t: t.startswith("2025年") and t.endswith("日"), "2025年3月1日")
    report = doc.report()
    assert LatePublication().run(report) == []
    (d,) = LatePublication({"government": "02-28"}).run(report)
    assert "2025-02-28" in d.text("en")


# --- GIP507 ----------------------------------------------------------------------------------


def test_gip507_signed_within_the_reporting_year() -> None:
    doc = Doc()
    n = doc.replace("2025年1月", "2024年12月20日")
    (d,) = doc.lint("GIP507")
    assert d.severity == WARNING and d.span.line == n
    assert "2024-12-20" in d.text("en")


def test_gip507_signed_after_the_year() -> None:
    doc = Doc()
    doc.replace("2025年1月", "2025年1月2日")
    assert doc.lint("GIP507") == []


# --- GIP508 ----------------------------------------------------------------------------------


def test_gip508_no_signature_date() -> None:
    doc = Doc()
    doc.lines[doc.signature_line() - 1] = ""
    (d,) = doc.lint("GIP508")
    assert d.severity == INFO
    assert d.span.line == doc.signature_line()
    assert "2025-01-31" in d.text("en")


def test_gip508_silent_with_a_date() -> None:
    assert Doc().lint("GIP508") == []


# --- GIP509 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["2024年2月30日", "2024年13月1日", "2024年12月32日", "2023年2月29日"])
def test_gip509_impossible_date(bad: str) -> None:
    doc = Doc()
    n = doc.under("一", f"{bad}，我局召开政务公开工作会议。")
    (d,) = doc.lint("GIP509")
    assert d.severity == ERROR
    assert where(d) == (n, 1, 1 + len(bad))
    assert bad in d.text("zh")


def test_gip509_impossible_period_end() -> None:
    doc = Doc()
    n = set_period(doc, "统计期限为2024年1月1日至2024年12月32日")
    assert [d.span.line for d in doc.lint("GIP509")] == [n]


@pytest.mark.parametrize("good", ["2024年2月29日", "2024年12月31日", "二〇二四年一月二十六日"])
def test_gip509_possible_date(good: str) -> None:
    doc = Doc()
    doc.under("一", f"{good}，我局召开政务公开工作会议。")
    assert doc.lint("GIP509") == []


# --- the seeds (format reference §12) -------------------------------------------------------

SEED_EXPECTED = {
    # seed prefix: GIP5xx findings as (code, line)
    "000": [],
    "001": [("GIP508", 375)],
    "002": [],
    "003": [("GIP508", 94)],
    "004": [("GIP508", 409)],
}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed reports not available")
@pytest.mark.parametrize("prefix", sorted(SEED_EXPECTED))
def test_seed_date_findings(prefix: str) -> None:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    found = [
        (d.code, d.span.line)
        for d in lint_text(path.read_text(encoding="utf-8"))
        if d.code.startswith("GIP5")
    ]
    assert sorted(found) == SEED_EXPECTED[prefix]
    for d in lint_text(path.read_text(encoding="utf-8")):
        if d.code == "GIP508":
            assert d.severity == INFO


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed reports not available")
def test_seed_years_shifted_are_caught() -> None:
    """The seeds' own years become drift when the title claims the next year: the rule can fire on them."""
    (path,) = SEEDS.glob("004_*.txt")
    text = path.read_text(encoding="utf-8").split("\n")
    text[0] = text[0].replace("2024", "2025")
    found = {d.code: d for d in lint_text("\n".join(text)) if d.code in ("GIP501", "GIP504")}
    assert found["GIP501"].span.line == 3
    assert found["GIP504"].params["found"] == 2024


def test_publication_date_from_metadata_is_checked_and_replaces_the_missing_signature() -> None:
    from giplint.linter import lint_source

    report = generate(1, layout="A", issuer_kind="department")
    lines = [
        ln for ln in report.text.split("\n") if not re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", ln.strip())
    ]
    text = "\n".join(lines)
    late = lint_source(text, "r.html", "HTML", metadata={"publication_date": f"{report.year + 1}-02-20"})
    codes = [(d.code, d.span.line) for d in late.diagnostics]
    assert any(code == "GIP506" for code, _ in codes)
    assert not any(code == "GIP508" for code, _ in codes)
    on_time = lint_source(text, "r.html", "HTML", metadata={"publication_date": f"{report.year + 1}-01-20"})
    assert not [d for d in on_time.diagnostics if d.code in ("GIP506", "GIP508")]
