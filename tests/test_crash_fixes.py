"""Regression tests for what the fuzzer (bench/fuzz.py) found: each crash or slow path, fixed.

The inputs themselves are in tests/crashers/ and replayed by tests/test_fuzz.py; these tests pin
the behaviour of each fix directly, on both sides.
"""

from __future__ import annotations

import bisect
import random
import time

from giplint.diagnostics import Severity
from giplint.linter import lint_text, parse_text
from giplint.loaders.pdf import _line_number
from giplint.reportgen import generate
from giplint.tables import type_cell

PREAMBLE = (
    "青禾市云溪区人民政府办公室2024年政府信息公开工作年度报告\n"
    "本报告由总体情况、主动公开政府信息情况等六部分组成。所列数据的统计期限为2024年1月1日至2024年12月31日。\n"
)


# --- tables.type_cell: a figure of 20,000 digits raised ValueError (int() refuses over 4,300) ---------
def test_a_figure_of_thousands_of_digits_is_text_not_a_crash() -> None:
    assert type_cell("1" * 20_000) == ("text", None)
    assert type_cell("9" * 40) == ("text", None)


def test_ordinary_figures_are_still_numbers() -> None:
    assert type_cell("12") == ("number", 12)
    assert type_cell("1,234") == ("number", 1234)
    assert type_cell("9" * 28) == ("number", int("9" * 28))
    assert type_cell("-3") == ("number", -3)
    assert type_cell("12.5")[0] == "number"


def test_a_cell_of_thousands_of_digits_is_reported_as_not_numeric() -> None:
    lines = generate(3, layout="B").text.split("\n")
    i = next(k for k, line in enumerate(lines) if line.startswith("一、本年新收"))
    cells = lines[i].split("\t")
    cells[2] = "1" * 20_000
    lines[i] = "\t".join(cells)
    diags = lint_text("\n".join(lines))
    assert (i + 1) in [d.span.line for d in diags if d.code == "GIP202"]
    assert not [d for d in diags if d.code == "GIP099"]


# --- GIP116 table-row-missing: IndexError on a table 三 whose only row is a collapsed 其他处理 ----------
def test_table_three_of_only_a_collapsed_other_row_does_not_crash_gip116() -> None:
    report = parse_text(PREAMBLE + " \t（六）其他处理\n")
    table = report.tables.get(3)
    assert table is not None and list(table.rows) == ["other"]  # the case that crashed
    diags = lint_text(PREAMBLE + " \t（六）其他处理\n")
    assert "GIP101" in {d.code for d in diags}  # the rules ran (it is read as a report)
    assert not [d for d in diags if d.code == "GIP099"]


def test_gip116_still_reports_a_missing_row() -> None:
    lines = generate(3, layout="B").text.split("\n")
    i = next(k for k, line in enumerate(lines) if "2.重复申请" in line or "2. 重复申请" in line)
    del lines[i]
    diags = lint_text("\n".join(lines))
    assert [d.span.line for d in diags if d.code == "GIP116"] == [i + 1]
    assert all(d.severity is not Severity.ERROR or d.code != "GIP099" for d in diags)


# --- loaders.pdf._line_number: counted every line for every line, 14 s on a crafted 7-page PDF -------
def test_pdf_line_number_is_the_count_of_lines_above() -> None:
    rng = random.Random(5)
    for _ in range(500):
        tops = sorted(rng.choice([10.0, 22.0, 22.5, 23.0, 40.0, 41.2]) for _ in range(rng.randint(0, 9)))
        top = rng.choice([9.0, 22.0, 23.0, 23.6, 24.0, 41.0, 60.0])
        assert _line_number(tops, top) == 1 + sum(1 for t in tops if t < top - 1)


def test_pdf_line_numbers_of_a_dense_page_are_quick() -> None:
    tops = [float(i) for i in range(50_000)]
    t0 = time.perf_counter()
    numbers = [_line_number(tops, t) for t in tops]
    assert time.perf_counter() - t0 < 1.0
    assert numbers[:3] == [1, 1, 2] and numbers[-1] == bisect.bisect_left(tops, tops[-1] - 1) + 1


# --- loaders.pdf._dedupe_chars: pdfplumber's dedupe_chars sorts by list.index, 73 s on one page ------
def _fake_bold_pdf(text: str, copies: int) -> bytes:
    """One line of ``text`` drawn ``copies`` times at the same place (how editors fake bold)."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4, invariant=True)
    page.setFont("STSong-Light", 12)
    for _ in range(copies):
        page.drawString(72, 700, text)
    page.showPage()
    page.save()
    return out.getvalue()


def test_pdf_glyphs_drawn_twice_are_read_once() -> None:
    from giplint.loaders.pdf import load_pdf

    text = "青禾市云溪区人民政府办公室政府信息公开工作年度报告"
    once = load_pdf(_fake_bold_pdf(text, 1), "r.pdf")
    twice = load_pdf(_fake_bold_pdf(text, 2), "r.pdf")
    assert once.text.strip() == text
    assert twice.text == once.text


# --- loaders.html._table: each cell looked up its first kept column by scanning all the columns ------
def _wide_page(cells: int) -> bytes:
    row = "<tr>" + "".join(f"<td>{i}</td>" for i in range(cells)) + "</tr>"
    return f"<html><body><p>青禾市云溪区2024年政府信息公开工作年度报告</p><table>{row * 2}</table></body></html>".encode()


def _load_seconds(data: bytes) -> float:
    from giplint.loaders.html import load_html

    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        load_html(data, "wide.html")
        best = min(best, time.perf_counter() - t0)
    return best


def test_a_wide_html_table_costs_in_proportion_to_its_cells() -> None:
    small, large = _load_seconds(_wide_page(2_000)), _load_seconds(_wide_page(16_000))
    assert large < 16 * small, f"8x the cells took {large / small:.1f}x the time"


def test_a_wide_html_table_keeps_every_cell_in_its_column() -> None:
    from giplint.loaders.html import load_html

    page = load_html(_wide_page(3_000), "wide.html").text
    row = next(line for line in page.splitlines() if line.startswith("0"))
    assert row.split("\t")[2_999] == "2999"


# --- numerals.parse_number: a figure of 20,000 digits in prose raised ValueError from int() ------------
def test_a_prose_figure_of_thousands_of_digits_is_no_count() -> None:
    from giplint.numerals import parse_number

    assert parse_number("1" * 20_001) is None
    assert parse_number("9" * 28) == int("9" * 28)
    assert (parse_number("1,234"), parse_number("3万"), parse_number("十二")) == (1234, 30000, 12)
