"""The bad-input corpus (issue 6): broken, hostile and strange files, each through the real command.

Every case asserts the diagnostic it must produce (code, line where it matters, and a phrase of the
message that says what is wrong), the exit status, and that no traceback escapes. The inputs are
built in tests/badinputs.py, on the fly: nothing large is committed.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import badinputs as bad
from docxrender import to_docx
from giplint.cli import main
from giplint.limits import DEFAULT_MAX_BYTES
from giplint.linter import lint_text
from htmlrender import to_html


def _run(path: Path, *extra: str) -> Result:
    result = CliRunner().invoke(main, [str(path), "--lang", "en", *extra])
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def lint(tmp_path: Path, name: str, data: bytes | str) -> tuple[int, list[dict[str, Any]]]:
    """Exit status and JSON findings of ``giplint --format json`` on a file holding ``data``."""
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    result = _run(path, "--format", "json")
    return result.exit_code, json.loads(result.output)


def only(findings: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(findings) == 1, findings
    return findings[0]


def codes(findings: list[dict[str, Any]]) -> list[str]:
    return [f["code"] for f in findings]


# --- nothing to read ---------------------------------------------------------------------------
def test_empty_file(tmp_path: Path) -> None:
    status, findings = lint(tmp_path, "empty.txt", b"")
    hit = only(findings)
    assert (hit["code"], hit["line"], status) == ("GIP001", 1, 1)
    assert "empty (0 bytes)" in hit["message"]


@pytest.mark.parametrize(
    "blank",
    ["   ", "\n\n\n", "\r\n\r\n", "\u3000\u3000\u3000", "\t\t", " \n\u3000\t\r\n \u3000\n"],
    ids=["spaces", "newlines", "crlf", "full-width-spaces", "tabs", "mixed"],
)
def test_only_whitespace(tmp_path: Path, blank: str) -> None:
    status, findings = lint(tmp_path, "blank.txt", blank.encode("utf-8"))
    hit = only(findings)
    assert (hit["code"], status) == ("GIP001", 1)
    assert "only spaces, tabs and line breaks" in hit["message"]


def test_binary_garbage(tmp_path: Path) -> None:
    status, findings = lint(tmp_path, "garbage.txt", bad.binary_garbage())
    hit = only(findings)
    assert (hit["code"], status) == ("GIP001", 1)
    assert "not text" in hit["message"]


def test_excel_workbook_renamed_to_txt(tmp_path: Path) -> None:
    status, findings = lint(tmp_path, "统计表.txt", bad.xlsx())
    hit = only(findings)
    assert (hit["code"], status) == ("GIP011", 1)
    assert "Excel workbook" in hit["message"] and "not the report" in hit["message"]


# --- damaged text ------------------------------------------------------------------------------
def test_nul_byte_in_a_valid_report_is_pointed_at_and_the_rest_is_checked(tmp_path: Path) -> None:
    data = bad.with_nul()
    line_no = next(i for i, ln in enumerate(data.split(b"\n"), 1) if b"\x00" in ln)
    column = data.split(b"\n")[line_no - 1].decode("utf-8").index("\x00") + 1
    status, findings = lint(tmp_path, "nul.txt", data)
    hit = only(findings)  # the report itself is clean: it was read, not refused as binary
    assert (hit["code"], hit["line"], hit["column"], hit["severity"]) == (
        "GIP016",
        line_no,
        column,
        "warning",
    )
    assert "U+0000 (NUL)" in hit["message"] and "damaged" in hit["message"]
    assert status == 0  # a warning


def test_invalid_utf8_in_the_middle_of_a_utf8_report(tmp_path: Path) -> None:
    data = bad.with_invalid_utf8()
    line_no = next(i for i, ln in enumerate(data.split(b"\n"), 1) if b"\xff" in ln)
    status, findings = lint(tmp_path, "damaged.txt", data)
    hit = only(findings)  # read as UTF-8, not as GB18030 mojibake, and not refused
    assert (hit["code"], hit["line"], hit["column"], status) == ("GIP016", line_no, 13, 0)
    assert "2 undecodable byte sequence(s)" in hit["message"]


def test_gb18030_text_is_not_mistaken_for_damaged_utf8(tmp_path: Path) -> None:
    status, findings = lint(tmp_path, "gb.txt", bad.report_text().encode("gb18030"))
    assert (status, findings) == (0, [])


def test_gbk_page_that_declares_utf8(tmp_path: Path) -> None:
    page = to_html(bad.report_text(), charset="utf-8").decode("utf-8").encode("gb18030")
    path = tmp_path / "report.html"
    path.write_bytes(page)
    assert json.loads(_run(path, "--format", "json").output) == []  # read right: nothing garbled
    verbose = _run(path, "-v")
    assert verbose.exit_code == 0
    assert "GB18030; the page declares UTF-8 but is not UTF-8" in verbose.output


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(bad.report_text().encode(codec))
    assert not bad.report_text().encode(codec).startswith((b"\xff\xfe", b"\xfe\xff"))
    assert json.loads(_run(path, "--format", "json").output) == []
    verbose = _run(path, "-v")
    assert verbose.exit_code == 0 and f"UTF-16 {codec[-2:].upper()} without BOM" in verbose.output


# --- broken structure --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("row", "keep", "first_missing"),
    [
        ("1.属于国家秘密", 3, "2.其他法律行政法规禁止公开"),  # inside the row, two of its seven values
        ("一、本年新收政府信息公开申请数量", 4, "二、上年结转政府信息公开申请数量"),
        ("（七）总计", 2, "四、结转下年度继续办理"),
    ],
    ids=["in-denied-state-secret", "in-new-requests", "in-total"],
)
def test_report_truncated_in_the_middle_of_table_3(
    tmp_path: Path, row: str, keep: int, first_missing: str
) -> None:
    text = bad.truncated_in_table3(row, keep)
    status, findings = lint(tmp_path, "cut.txt", text)
    cut = only([f for f in findings if f["code"] == "GIP008"])
    assert cut["line"] == len(text.splitlines())
    assert f"row(s) are missing, from “{first_missing}”" in cut["message"]
    # The row cut in half is not checked: its last value is not its 总计, so no arithmetic or
    # narrative finding may be invented from it (GIP2xx, GIP3xx), and it is no misaligned row.
    assert not [c for c in codes(findings) if c.startswith(("GIP2", "GIP3")) or c == "GIP005"], findings
    assert status == 1  # parts 四 to 六 are missing (GIP101, errors)
    assert {"GIP101", "GIP107"} <= set(codes(findings))


def test_report_with_every_table_missing(tmp_path: Path) -> None:
    status, findings = lint(tmp_path, "no-tables.txt", bad.without_tables())
    assert codes(findings) == ["GIP107", "GIP107", "GIP107"]
    messages = [f["message"] for f in findings]
    assert [m.split(" (")[0] for m in messages] == ["table 二", "table 三", "table 四"]
    assert all(m.endswith("is missing") for m in messages)
    assert status == 1


def test_tables_only_no_narrative(tmp_path: Path) -> None:
    status, findings = lint(tmp_path, "tables-only.txt", bad.tables_only())
    thin = [f["message"] for f in findings if f["code"] == "GIP407"]
    assert "Part 一 has only 0 Chinese characters of text" in thin
    assert "Part 五 has only 0 Chinese characters of text" in thin
    assert "GIP408" in codes(findings)  # no 统计期限 sentence either
    assert not [c for c in codes(findings) if c.startswith("GIP2")]  # the tables themselves are fine
    assert status == 1


@pytest.mark.parametrize("number", ["二", "三"])
def test_the_same_part_twice(tmp_path: Path, number: str) -> None:
    text = bad.part_twice(number)
    repeat = [i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith(f"{number}、")][1]
    status, findings = lint(tmp_path, "twice.txt", text)
    hit = only(findings)  # the repeated table's rows are not "rows outside the template" (GIP113)
    assert (hit["code"], hit["line"], status) == ("GIP104", repeat, 0)
    assert hit["message"] == f"part {number} appears twice"


def test_two_reports_concatenated(tmp_path: Path) -> None:
    status, findings = lint(tmp_path, "two.txt", bad.two_reports())
    # One finding at the second report's title; its text is not compared with the first's tables.
    hit = only(findings)
    assert hit["code"] == "GIP117" and "a second report starts here" in hit["message"]
    assert status == 1


# --- size ----------------------------------------------------------------------------------------
def test_exactly_max_file_size_is_read(tmp_path: Path) -> None:
    # Blank content keeps this fast: what matters is that the file is read, not refused.
    status, findings = lint(tmp_path, "max.txt", b"\n" * DEFAULT_MAX_BYTES)
    hit = only(findings)
    assert (hit["code"], status) == ("GIP001", 1) and "only spaces" in hit["message"]


def test_one_byte_over_max_file_size_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:  # sparse: the limit is checked on the size, before reading
        fh.truncate(DEFAULT_MAX_BYTES + 1)
    start = time.perf_counter()
    result = _run(path, "--format", "json")
    hit = only(json.loads(result.output))
    assert time.perf_counter() - start < 2
    assert (hit["code"], result.exit_code) == ("GIP013", 1)
    assert "(52,428,801 bytes), over the 50 MB limit (52,428,800 bytes" in hit["message"]


def test_a_table_of_100000_lines(tmp_path: Path) -> None:
    start = time.perf_counter()
    status, findings = lint(tmp_path, "long-table.txt", bad.long_table(100_000))
    assert time.perf_counter() - start < 30
    assert set(codes(findings)) == {"GIP113"} and len(findings) == 21  # 20 rows, then a count
    assert "row or column not in the template, “行政许可0”" in findings[0]["message"]
    assert "has 99980 more row(s) not in the template" in findings[-1]["message"]
    assert status == 0


def test_one_line_of_a_megabyte_without_a_newline(tmp_path: Path) -> None:
    start = time.perf_counter()
    status, findings = lint(tmp_path, "one-line.txt", bad.long_line())
    assert time.perf_counter() - start < 10
    hit = only(findings)
    assert (hit["code"], status) == ("GIP003", 1) and "not an annual report" in hit["message"]


# --- HTML ----------------------------------------------------------------------------------------
def test_html_nested_100000_levels_deep(tmp_path: Path) -> None:
    status, findings = lint(tmp_path, "deep.html", bad.deep_html(100_000))
    hit = only(findings)
    assert (hit["code"], status) == ("GIP013", 1)
    assert "nests elements deeper" in hit["message"] or "levels deep" in hit["message"]


def test_html_page_that_is_only_navigation(tmp_path: Path) -> None:
    status, findings = lint(tmp_path, "portal.html", bad.navigation_page())
    hit = only(findings)
    assert (hit["code"], status) == ("GIP003", 1) and "not an annual report" in hit["message"]


# --- DOCX and PDF --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def report_docx() -> bytes:
    return to_docx(bad.report_text())


def test_docx_zip_bomb(tmp_path: Path, report_docx: bytes) -> None:
    status, findings = lint(tmp_path, "bomb.docx", bad.docx_zip_bomb(report_docx))
    hit = only(findings)
    assert (hit["code"], status) == ("GIP013", 1) and "zip bomb" in hit["message"]


def test_docx_with_an_xml_entity_bomb(tmp_path: Path, report_docx: bytes) -> None:
    status, findings = lint(tmp_path, "lol.docx", bad.docx_entity_bomb(report_docx))
    hit = only(findings)
    assert (hit["code"], status) == ("GIP013", 1)
    assert "word/document.xml" in hit["message"] and "safety limit" in hit["message"]


def test_pdf_without_a_text_layer(tmp_path: Path) -> None:
    status, findings = lint(tmp_path, "scan.pdf", bad.pdf_without_text())
    hit = only(findings)
    assert (hit["code"], status) == ("GIP012", 1)
    assert hit["message"] == (
        "the PDF has no text layer: this PDF is a scan (its pages are images); publish a text PDF or OCR it"
    )


def test_pdf_that_is_a_text_report_is_read_as_text(tmp_path: Path) -> None:
    assert lint(tmp_path, "report.pdf", bad.report_text()) == (0, [])


def test_pdf_that_is_an_html_page_is_read_as_html(tmp_path: Path) -> None:
    assert lint(tmp_path, "report.pdf", to_html(bad.report_text())) == (0, [])


def test_pdf_that_is_random_bytes(tmp_path: Path) -> None:
    status, findings = lint(tmp_path, "report.pdf", bad.binary_garbage())
    hit = only(findings)
    assert (hit["code"], status) == ("GIP001", 1)
    assert "named .pdf but is neither a PDF nor text" in hit["message"]


# --- GIP016 on its own: both sides ---------------------------------------------------------------
def test_damaged_text_finds_each_run_of_control_characters_and_leaves_page_breaks_alone() -> None:
    lines = bad.report_text().split("\n")
    i = bad.first_line(lines, "一、") + 2
    lines[i] = "\x7f\x01" + lines[i] + "\ufffd"
    lines[i + 2] = "\x0c" + lines[i + 2]  # a form feed: the page break of text exported from a PDF
    found = [d for d in lint_text("\n".join(lines)) if d.code == "GIP016"]
    assert [(d.span.line, d.span.column, d.span.end_column) for d in found] == [
        (i + 1, 1, 3),
        (i + 1, len(lines[i]), len(lines[i]) + 1),
    ]
    assert "U+0001, U+007F" in found[0].text("en") and "1 undecodable" in found[1].text("en")
    assert "控制字符" in found[0].text("zh")


def test_damaged_text_is_silent_on_a_clean_report() -> None:
    assert [d for d in lint_text(bad.report_text()) if d.code == "GIP016"] == []
