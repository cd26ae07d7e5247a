"""The same report as .txt, .html, .docx and .pdf gives the same findings, apart from locations.

Each rendering goes through the whole pipeline (lint_bytes: sniffing, loader, parser, rules,
mapping back to the original file), as a user's file would.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from docxrender import to_docx
from giplint.linter import lint_bytes, lint_text
from giplint.reportgen import DEFECTS, generate
from htmlrender import to_html

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.txt"))


def _pdf(text: str) -> bytes:
    pdfrender = pytest.importorskip("pdfrender")
    return pdfrender.to_pdf(text)


RENDERERS = {
    "html": lambda t: to_html(t),
    "gbk.html": lambda t: to_html(t, charset="gb2312"),
    "docx": to_docx,
    "pdf": _pdf,
}


def _findings(diags) -> Counter:
    return Counter((d.code, d.text("en")) for d in diags)


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_examples_give_the_same_findings_in_every_format(example: Path, fmt: str) -> None:
    text = example.read_text(encoding="utf-8")
    expected = _findings(lint_text(text))
    result = lint_bytes(RENDERERS[fmt](text), example.with_suffix("." + fmt).name)
    assert _findings(result.diagnostics) == expected


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_injected_defects_are_found_in_every_format(defect: str, fmt: str) -> None:
    report = generate(17, layout="A" if len(defect) % 2 else "B", defect=defect)
    result = lint_bytes(RENDERERS[fmt](report.text), "r." + fmt)
    assert _findings(result.diagnostics) == _findings(lint_text(report.text))
    assert DEFECTS[defect] in {d.code for d in result.diagnostics}


def test_locations_point_into_the_original_file() -> None:
    report = generate(3, layout="B", defect="t4-group-total")
    html = lint_bytes(to_html(report.text), "r.html")
    d = next(d for d in html.diagnostics if d.code == "GIP220")
    source_line = to_html(report.text).decode("utf-8").split("\n")[d.span.line - 1]
    assert "<td" in source_line[d.span.column - 1 :]
    docx = lint_bytes(to_docx(report.text), "r.docx")
    d = next(d for d in docx.diagnostics if d.code == "GIP220")
    assert d.location("zh").startswith("表") and "行" in d.location("zh") and "列" in d.location("zh")
    assert d.as_dict("en")["location"].startswith("table ")


def test_format_is_decided_by_content_before_extension() -> None:
    report = generate(4, layout="B", defect="t4-group-total")
    as_txt = lint_bytes(to_html(report.text), "really-a-page.txt")
    assert as_txt.document is not None and as_txt.document.kind == "html"
    assert _findings(as_txt.diagnostics) == _findings(lint_text(report.text))
    as_html = lint_bytes(_pdf(report.text), "download.html")
    assert as_html.document is not None and as_html.document.kind == "pdf"
    as_pdf = lint_bytes(to_docx(report.text), "misnamed.pdf")
    assert as_pdf.document is not None and as_pdf.document.kind == "docx"
