"""The five real published reports in ../shared/seeds (skipped when absent): format reference §12."""

from __future__ import annotations

import pytest

from conftest import seed_path
from giplint.diagnostics import Severity
from giplint.linter import lint_path


def _lint(prefix: str):
    result = lint_path(seed_path(prefix))
    assert result.report is not None
    return result


def _codes(result, family: str = "") -> list[tuple[str, int]]:
    return [(d.code, d.span.line) for d in result.diagnostics if d.code.startswith(family)]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_table_is_read_with_its_identities_holding(prefix: str) -> None:
    result = _lint(prefix)
    report = result.report
    assert 3 in report.tables and 4 in report.tables
    assert not [d for d in result.diagnostics if d.code in ("GIP210", "GIP211", "GIP212", "GIP220", "GIP099")]


@pytest.mark.parametrize("prefix", ["000", "001", "004"])
def test_no_error_findings(prefix: str) -> None:
    errors = [
        (d.code, d.span.line, d.text("en")) for d in _lint(prefix).diagnostics if d.severity is Severity.ERROR
    ]
    assert errors == []


def test_000_unnumbered_part_five_heading() -> None:
    result = _lint("000")
    assert ("GIP102", 409) in _codes(result)
    assert [c for c in _codes(result, "GIP1") if c[0] != "GIP102"] == []
    t3 = result.report.t3
    assert t3.value("new", "natural") == 5 and t3.value("total") == 4 and t3.value("carried_out") == 1
    assert t3.rows["partial"].cells["total"].span.line == 121


def test_001_collapsed_other_row_and_values() -> None:
    result = _lint("001")
    assert ("GIP111", 297) in _codes(result)
    t3, t4, t2 = result.report.t3, result.report.t4, result.report.t2
    assert [t3.value("new", c) for c in ("natural", "legal_service", "total")] == [6, 2, 8]
    assert t4.value("review", "total") == 1 and t4.value("review", "corrected") == 1
    assert str(t2.value("art20_8.admin_fees", "amount")) == "1439.4967"
    assert not [c for c in _codes(result, "GIP1") if c[0] in ("GIP101", "GIP112")]


def test_002_missing_table_two_and_part_three_heading_and_short_rows() -> None:
    result = _lint("002")
    codes = _codes(result)
    assert ("GIP107", 32) in codes  # table 二 missing, at part 二's heading
    assert [c for c in codes if c[0] == "GIP101"] == [("GIP101", 34)]  # part 三, at its table
    assert [c for c in codes if c[0] == "GIP107"] == [("GIP107", 32)]
    assert ("GIP005", 37) in codes and ("GIP006", 34) in codes
    assert ("GIP103", 72) in codes
    t3, t4 = result.report.t3, result.report.t4
    assert t3.rows["new"].width_error and t3.value("new") == 2
    assert not t3.rows["denied.enforcement_file"].width_error
    assert [t4.value(g) for g in ("review", "lit_direct", "lit_after_review")] == [0, 1, 1]


def test_003_sparse_table_blanks_warn_without_arithmetic_errors() -> None:
    result = _lint("003")
    codes = _codes(result)
    assert ("GIP201", 49) in codes and ("GIP201", 80) in codes
    assert ("GIP206", 31) in codes
    assert not [c for c in codes if c[0] in ("GIP005", "GIP103", "GIP105")]
    assert result.report.t3.dense is False


def test_004_tables() -> None:
    result = _lint("004")
    t4 = result.report.t4
    assert [t4.value("review", c) for c in ("upheld", "corrected", "other", "pending", "total")] == [
        1,
        0,
        1,
        0,
        2,
    ]
    assert not _codes(result, "GIP1")
