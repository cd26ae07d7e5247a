"""The PDF loader: structure rebuilt from glyph positions and ruling lines, furniture dropped,
locations as page/line and page/table/row/column, unreadable files as one GIP0xx error.

PDFs are made in the tests with reportlab (tests/pdfrender.py); the real published reports in
../shared/corpus are checked when present.
"""

from __future__ import annotations

import io
import random
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")
pytest.importorskip("reportlab")

from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from giplint.linter import lint_source, lint_text, parse_text
from giplint.loaders.document import Document, LoadError
from giplint.loaders.pdf import load_pdf
from giplint.reportgen import DEFECTS, generate
from pdfrender import FONT, table_pdf, to_pdf

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*.txt"))
CORPUS = REPO.parent / "shared" / "corpus"


def codes_of_text(text: str) -> list[str]:
    return sorted(d.code for d in lint_text(text))


def codes_of_doc(doc: Document) -> list[str]:
    return sorted(d.code for d in lint_source(doc.text, "report.pdf", doc.description).diagnostics)


def load_error(data: bytes, **kwargs: int) -> LoadError:
    with pytest.raises(LoadError) as caught:
        load_pdf(data, "report.pdf", **kwargs)
    return caught.value


def pages(*texts: str, font: str = FONT, size: float = 12) -> bytes:
    """A PDF with one line of text per page (empty text: a page with only a drawn box)."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, invariant=1)
    for text in texts:
        c.rect(100, 300, 200, 200, stroke=1, fill=1)
        if text:
            c.setFont(font, size)
            c.drawString(72, 700, text)
        c.showPage()
    c.save()
    return buffer.getvalue()


# --- the same report as .txt and .pdf gives the same findings ------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_give_the_same_codes_as_pdf(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = load_pdf(to_pdf(text), path.with_suffix(".pdf").name)
    assert codes_of_doc(doc) == codes_of_text(text)


@pytest.mark.parametrize("layout", ["A", "B"])
@pytest.mark.parametrize("defect", [None, *sorted(DEFECTS)])
def test_generated_reports_give_the_same_codes_as_pdf(layout: str, defect: str | None) -> None:
    report = generate(len(defect or "") * 7 + (layout == "B"), layout=layout, defect=defect)
    doc = load_pdf(to_pdf(report.text), "generated.pdf")
    assert codes_of_doc(doc) == codes_of_text(report.text)


def test_a_repeated_header_row_is_dropped_and_the_table_runs_on() -> None:
    text = (REPO / "examples" / "broken-arithmetic.txt").read_text(encoding="utf-8")
    doc = load_pdf(to_pdf(text, repeat_header=3), "report.pdf")
    assert codes_of_doc(doc) == codes_of_text(text)
    repeated = [(t, o) for t, o in doc.dropped if "重复表头" in (o.label or "")]
    assert repeated, "the table 三 header repeated on the next page must be dropped"
    assert all(doc.text.count(t) == 1 for t, _ in repeated if t.strip("\t"))


# --- prose ----------------------------------------------------------------------------------------


def test_wrapped_paragraphs_are_joined_and_headings_stay_alone() -> None:
    body = "本年度，青禾市云溪区坚持依法公开，" + "围绕群众关切持续深化政务公开工作，" * 6 + "取得明显成效。"
    text = f"青禾市云溪区2024年政府信息公开工作年度报告\n\n一、总体情况\n\n{body}\n\n（一）主动公开情况。全年公开信息120条。\n"
    doc = load_pdf(to_pdf(text, header=None), "report.pdf")
    assert doc.lines == [
        "青禾市云溪区2024年政府信息公开工作年度报告",
        "一、总体情况",
        body,
        "（一）主动公开情况。全年公开信息120条。",
    ]
    # each visual line of the joined paragraph keeps its own page and line
    pairs = doc.origins[2]
    assert len(pairs) >= 3
    assert [o.label for _, o in pairs][:2] == ["第1页 第3行", "第1页 第4行"]
    assert doc.origin_at(3, pairs[1][0] + 1).label_en == "page 1, line 4"


def test_a_paragraph_runs_on_across_a_page_break() -> None:
    filler = "\n\n".join(f"第{k}项：白石县交通运输局工作情况说明。" for k in range(24))
    long = "白石县交通运输局持续推进政务公开标准化规范化建设，" * 12 + "效果良好。"
    doc = load_pdf(to_pdf(f"{filler}\n\n{long}\n"), "report.pdf")
    assert long in doc.lines
    origins = doc.origins[doc.lines.index(long)]
    assert {o.label.split(" ")[0] for _, o in origins if o.label} == {"第1页", "第2页"}


def test_latin_words_keep_their_space_and_cjk_gets_none() -> None:
    text = "青禾市云溪区政务公开专栏 Open Data 平台地址 qinghe@example.org 已于2024年上线。"
    doc = load_pdf(to_pdf(text, header=None), "report.pdf")
    assert doc.lines == [text]


# --- furniture ------------------------------------------------------------------------------------


def test_page_numbers_and_running_headers_are_dropped_with_their_place() -> None:
    text = (REPO / "examples" / "clean-county.txt").read_text(encoding="utf-8")
    doc = load_pdf(to_pdf(text, header="青禾市云溪区人民政府办公室"), "report.pdf")
    dropped = Counter(t for t, _ in doc.dropped)
    page_count = int(doc.description.split()[1])
    assert page_count >= 2
    assert dropped["青禾市云溪区人民政府办公室"] == page_count
    assert all(dropped[f"- {n} -"] == 1 for n in range(1, page_count + 1))
    assert not any("青禾市云溪区人民政府办公室" in line or line.startswith("- ") for line in doc.lines)
    origin = dict((t, o) for t, o in doc.dropped)["- 2 -"]
    assert origin.label is not None and origin.label.startswith("第2页 第")


# --- tables ---------------------------------------------------------------------------------------


def test_merged_cells_are_expanded_into_the_grid() -> None:
    grid = [
        ["项目", "", "数量", "金额"],
        ["甲类事项", "（一）第一组", "1", "2"],
        ["", "", "3", "4"],
        ["", "（二）第二组", "5", "6"],
    ]
    doc = load_pdf(table_pdf(grid), "table.pdf")
    assert doc.lines == ["\t".join(row) for row in grid]
    assert doc.origin_at(3, 1).label == "第1页 表1 第3行 第1列"
    assert (
        doc.origin_at(2, len("甲类事项\t（一）第一组\t") + 1).label_en == "page 1, table 1, row 2, column 3"
    )


@pytest.mark.parametrize("skip", [560, 600, 620, 660])
def test_a_table_cut_by_a_page_break_continues(skip: float) -> None:
    grid = [["项目", "", "数量"]] + [
        [f"事项{n}" if n % 3 == 0 else "", f"（{n}）分组", str(n)] for n in range(9)
    ]
    doc = load_pdf(table_pdf(grid, skip=skip, repeat_header=1), "table.pdf")
    assert int(doc.description.split()[1]) == 2
    assert doc.lines == ["\t".join(row) for row in grid]
    assert {o.label.split(" ")[1] for pairs in doc.origins for _, o in pairs if o.label} == {"表1"}


def test_a_merged_label_split_by_a_page_break_is_joined_again() -> None:
    filler = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午"
    label = "（四）无法提供的情形及其处理结果说明文字较长需要换行显示在多个行内"
    grid = [
        [label, filler + "一", filler + "二", filler + "三", "1"],
        ["", filler + "四", filler + "五", filler + "六", "2"],
        ["", filler + "七", filler + "八", filler + "九", "3"],
    ]
    data = table_pdf(grid, skip=620)
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 2
        rest = pdf.pages[1].extract_text().split()[0]
        assert label.endswith(rest) and rest != label  # the break really cuts the label
    doc = load_pdf(data, "table.pdf")
    assert doc.lines == ["\t".join(row) for row in grid]


def test_invisible_background_boxes_are_not_table_borders() -> None:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, invariant=1)
    c.setFont(FONT, 12)
    for k, line in enumerate(["青禾市云溪区人民政府2024年政府信息公开工作年度报告", "一、总体情况"]):
        y = 700 - 30 * k
        c.setFillColorRGB(1, 1, 1)
        c.rect(60, y - 8, 470, 28, stroke=0, fill=1)  # a white box behind the line, as WPS paints
        c.setFillColorRGB(0, 0, 0)
        c.drawString(72, y, line)
    c.showPage()
    c.save()
    doc = load_pdf(buffer.getvalue(), "report.pdf")
    assert doc.lines == ["青禾市云溪区人民政府2024年政府信息公开工作年度报告", "一、总体情况"]


# --- files that cannot be read --------------------------------------------------------------------


def test_not_a_pdf() -> None:
    error = load_error(b"<html><body>404</body></html>")
    assert error.code == "GIP001"
    assert "damaged" in error.reason_en and "损坏" in error.reason_zh


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_a_truncated_pdf_is_damaged(cut: float) -> None:
    data = to_pdf((REPO / "examples" / "clean-county.txt").read_text(encoding="utf-8"))
    error = load_error(data[: int(len(data) * cut)])
    assert error.code == "GIP001"


def test_random_damage_never_escapes_as_another_exception() -> None:
    data = bytearray(table_pdf([["项目", "数量"], ["甲", "1"]]))
    rng = random.Random(4)
    for _ in range(40):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 30)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            load_pdf(bytes(damaged), "damaged.pdf")
        except LoadError as error:
            assert error.code in ("GIP001", "GIP012")


def test_encrypted_with_a_password_says_so() -> None:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, encrypt=StandardEncryption("secret", ownerPassword="owner"))
    c.setFont("Helvetica", 12)
    c.drawString(72, 700, "report")
    c.showPage()
    c.save()
    error = load_error(buffer.getvalue())
    assert error.code == "GIP001"
    assert "password" in error.reason_en and "密码" in error.reason_zh


def test_encrypted_with_only_an_owner_password_is_read() -> None:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, encrypt=StandardEncryption("", ownerPassword="owner"))
    c.setFont("Helvetica", 12)
    c.drawString(72, 700, "Annual report 2024")
    c.showPage()
    c.save()
    assert load_pdf(buffer.getvalue(), "report.pdf").lines == ["Annual report 2024"]


def test_a_scan_without_text_has_no_text_layer() -> None:
    error = load_error(pages("", ""))
    assert error.code == "GIP012"
    assert "OCR" in error.reason_en and "OCR" in error.reason_zh


def test_a_multi_page_file_with_almost_no_chinese_is_a_scan() -> None:
    assert load_error(pages("- 1 -", "- 2 -", "- 3 -", font="Helvetica")).code == "GIP012"


def test_a_short_single_page_text_is_not_a_scan() -> None:
    assert load_pdf(pages("青禾市云溪区"), "one.pdf").lines == ["青禾市云溪区"]


def test_too_many_pages_hits_the_limit() -> None:
    error = load_error(pages("青禾市云溪区第一页", "青禾市云溪区第二页"), max_pages=1)
    assert error.code == "GIP013"
    assert "2" in error.reason_en and "1" in error.reason_en


# --- real published reports (skipped when ../shared is absent) ------------------------------------


def corpus(name: str) -> Document:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{path} is not present")
    return load_pdf(path.read_bytes(), name)


def codes_and_lines(doc: Document, path: str) -> list[tuple[str, int]]:
    return [(d.code, d.span.line) for d in lint_source(doc.text, path, doc.description).diagnostics]


@pytest.mark.parametrize("name", ["hongze-2023.pdf", "hongze-2024.pdf", "huaian-2024.pdf"])
def test_corpus_structure(name: str) -> None:
    doc = corpus(name)
    report = parse_text(doc.text, name)
    assert report.year == int(name[-8:-4])
    # the six part headings, each alone on a line, and no page number left in the text
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"):
        assert heading in doc.lines
    assert "四、政府信息公开行政复议、行政诉讼情况" in doc.lines
    assert "六、其他需要报告的事项" in doc.lines
    assert not any(line.startswith("- ") and line.endswith(" -") for line in doc.lines)
    assert [t for t, _ in doc.dropped][:2] == ["- 1 -", "- 2 -"]
    # table 三: every cell read, and the balance identity holds
    t3 = report.t3
    assert t3 is not None
    for col in (
        "natural",
        "commercial",
        "research",
        "public_interest",
        "legal_service",
        "other_org",
        "total",
    ):
        new = t3.value("new", col)
        carried = t3.value("carried_in", col)
        outcome = t3.value("total", col)
        carried_out = t3.value("carried_out", col)
        assert None not in (new, carried, outcome, carried_out)
        assert new + carried == outcome + carried_out  # type: ignore[operator]


def test_corpus_huaian_2024_is_clean_and_read_exactly() -> None:
    doc = corpus("huaian-2024.pdf")
    report = parse_text(doc.text, "huaian-2024.pdf")
    assert report.t3 is not None and report.t4 is not None and report.t2 is not None
    assert report.t3.value("new", "natural") == 3001
    assert report.t3.value("new", "total") == 3119
    assert report.t3.value("carried_in", "total") == 34
    assert report.t3.value("granted", "legal_service") == 50
    assert report.t3.value("total", "total") == 3050
    assert report.t3.value("carried_out", "total") == 103
    assert report.t4.value("review", "total") == 351
    assert report.t4.value("lit_direct", "total") == 26
    assert report.t4.value("lit_after_review", "pending") == 6
    assert report.t2.value("art20_6.penalty", "decisions") == 3985758
    # the （四）无法提供 label was cut by the page break and is whole again
    assert any(line.startswith("\t（四）无法提供\t1.本机关不掌握相关政府信息") for line in doc.lines)
    codes = [code for code, _ in codes_and_lines(doc, "huaian-2024.pdf")]
    assert not [c for c in codes if c.startswith(("GIP1", "GIP2", "GIP3"))]


def test_corpus_hongze_2023_reports_the_table_four_totals() -> None:
    doc = corpus("hongze-2023.pdf")
    report = parse_text(doc.text, "hongze-2023.pdf")
    assert report.t4 is not None
    assert [report.t4.value("review", c) for c in ("upheld", "corrected", "other", "pending", "total")] == [
        10,
        1,
        0,
        0,
        0,
    ]
    assert report.t4.value("lit_after_review", "upheld") == 5
    assert report.t4.value("lit_after_review", "total") == 0
    found = codes_and_lines(doc, "hongze-2023.pdf")
    values_line = next(i for i, line in enumerate(doc.lines, 1) if line.startswith("10\t1\t"))
    assert [line for code, line in found if code == "GIP220"] == [values_line, values_line]
    codes = {code for code, _ in found}
    assert {"GIP111", "GIP112"} <= codes
    assert not [c for c in codes if c.startswith("GIP2") and c != "GIP220"]
    # the locations name the page, table, row and column of the PDF
    origin = doc.origin_at(values_line, len("10\t1\t0\t0\t") + 1)
    assert origin is not None and origin.label == "第4页 表3 第4行 第5列"


def test_corpus_hongze_2024() -> None:
    doc = corpus("hongze-2024.pdf")
    found = {code for code, _ in codes_and_lines(doc, "hongze-2024.pdf")}
    assert {"GIP111", "GIP112"} <= found
    assert not [c for c in found if c.startswith("GIP2")]
    assert found & {"GIP301"} <= {"GIP301"}  # the narrower request count may be warned about
    # table 三 continues across pages 3 and 4 as one table
    report = parse_text(doc.text, "hongze-2024.pdf")
    assert report.t3 is not None
    assert report.t3.value("unable.not_held", "total") == 31
    assert report.t3.value("unable.needs_creation", "total") == 1
