"""Render a giplint plain-text report (layout A or B) as a Word document the way agencies make them.

Used by the cross-format tests: the same report as .txt and as .docx must give the same findings.
The document is built with python-docx and looks like an agency's: a centred title, part headings
in three styles (a Heading style, a bold run, and automatic Chinese list numbering whose 一、 is not
in the text), sub-headings as a bold lead-in run, body text split over several runs with Word's
hidden _GoBack bookmark, a header and a footer with a PAGE field, the signature block right-aligned
as one paragraph with a line break, and the three tables as real Word tables merged the way the
2021 template merges them:

* table 二: one 4-column table; captions merged across, short rows' last cell merged to the right
  (``split_t2=True`` makes the four 第二十条 sections four separate tables instead);
* table 三: 10 grid columns (category, sub-category, item, six applicant columns, 总计); the note
  merged over 3 columns and 3 header rows, 申请人情况 across 7 columns, 自然人 and 总计 down two
  rows, 法人或其他组织 across 5; 三、本年度办理结果 and each （三）… sub-category merged down over
  their rows, single labels merged across the label columns; four-character headers wrapped with a
  line break (商业/企业) as narrow columns are;
* table 四: 15 columns; 行政复议 across 5 and 行政诉讼 across 10, the five 复议 results down two
  rows, 未经复议直接起诉 and 复议后起诉 across 5 each.

A table whose text does not have the expected shape is rendered cell for cell without merges.
The output is deterministic (fixed document dates, fixed zip timestamps).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import _Cell

from giplint.classify import classify
from giplint.loaders.text import split_lines
from giplint.model import Line
from giplint.tables import RawRow, rows_from_lines, split_into_tables, type_cell

_TABLE_KINDS = frozenset("COER")
_HEADING_ORDINAL = re.compile(r"^([一二三四五六七八九十]{1,2})、")
_SUB_LEAD = re.compile(r"^([（(][一二三四五六七八九十]{1,2}[）)][^。：:]{1,20}[。：:]?)(.*)$")
_ORDINALS = "一二三四五六七八九十"
_FIXED = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
_NUM_ABSTRACT_ID = "90"


def to_docx(text: str, *, split_t2: bool = False) -> bytes:
    lines, _ = classify(split_lines(text))
    out = _Renderer(split_t2)
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind in _TABLE_KINDS:
            j = i
            while j < len(lines) and (lines[j].kind in _TABLE_KINDS or lines[j].kind == "B"):
                j += 1
            out.tables(lines[i:j])
            i = j
            continue
        if line.kind == "K":
            j = i
            while j < len(lines) and lines[j].kind in ("K", "B"):
                j += 1
            out.closing([ln.text for ln in lines[i:j] if ln.kind == "K"])
            i = j
            continue
        out.prose(line)
        i += 1
    return out.save()


class _Renderer:
    def __init__(self, split_t2: bool) -> None:
        self.doc = docx.Document()
        self.split_t2 = split_t2
        self.headings = 0
        self.body_paragraphs = 0
        self.next_num_id = 900
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(12)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
        self._page_furniture()
        self._numbering_definition()

    # --- prose ----------------------------------------------------------------------------------
    def prose(self, line: Line) -> None:
        text = line.text.strip()
        if not text:
            return
        if line.kind == "T":
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(text)
            run.bold = True
            run.font.size = Pt(18)
        elif line.kind == "H":
            self._heading(text)
        elif line.kind == "S":
            m = _SUB_LEAD.match(text)
            p = self.doc.add_paragraph()
            if m:
                p.add_run(m.group(1)).bold = True
                if m.group(2):
                    p.add_run(m.group(2))
            else:
                p.add_run(text).bold = True
        else:
            self._body(text)

    def _heading(self, text: str) -> None:
        style = self.headings % 3
        self.headings += 1
        m = _HEADING_ORDINAL.match(text)
        if style == 2 and m:
            p = self.doc.add_paragraph(style="List Number")
            self._number(p, _ORDINALS.index(m.group(1)[-1]) + 1 + (10 if len(m.group(1)) == 2 else 0))
            p.add_run(text[m.end() :]).bold = True
        elif style == 0:
            self.doc.add_paragraph(text, style="Heading 1")
        else:
            p = self.doc.add_paragraph()
            run = p.add_run(text)
            run.bold = True
            run.font.name = "黑体"

    def _body(self, text: str) -> None:
        p = self.doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(24)
        self.body_paragraphs += 1
        if self.body_paragraphs == 3:
            self._bookmark(p, "_GoBack")  # Word leaves this one at the last edit
        # Word splits text into runs wherever formatting or an edit session changed.
        cut = text.find("，")
        if 0 < cut < len(text) - 1:
            p.add_run(text[: cut + 1])
            p.add_run(text[cut + 1 :])
        else:
            p.add_run(text)

    def closing(self, texts: list[str]) -> None:
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for k, text in enumerate(texts):
            run = p.add_run(text.strip())
            if k < len(texts) - 1:
                run.add_break()

    # --- tables ---------------------------------------------------------------------------------
    def tables(self, lines: list[Line]) -> None:
        rows = [r for r in rows_from_lines(lines) if any(c.text for c in r.cells)]
        for number, group in split_into_tables(rows):
            if number == 2 and self._t2(group):
                continue
            if number == 3 and self._t3(group):
                continue
            if number == 4 and self._t4(group):
                continue
            self._plain(group)

    def _plain(self, rows: list[RawRow]) -> None:
        cells = [
            [c.text for c in r.cells] if r.layout == "B" else [c.text for c in r.cells if c.text]
            for r in rows
        ]
        width = max(len(r) for r in cells)
        cell = self._table(len(cells), width)
        for r, row in enumerate(cells):
            for c, text in enumerate(row):
                cell(r, c).text = text

    def _t2(self, rows: list[RawRow]) -> bool:
        sections: list[list[list[str]]] = []
        for row in rows:
            texts = [c.text for c in row.cells if c.text]
            if texts[0].startswith("第二十条"):
                sections.append([])
            if not sections or len(texts) > 4:
                return False
            sections[-1].append(texts)
        groups = [[r for s in sections for r in s]] if not self.split_t2 else sections
        for group in groups:
            width = 4 if not self.split_t2 else max(len(r) for r in group)
            cell = self._table(len(group), width)
            for r, texts in enumerate(group):
                last = len(texts) - 1
                if last < width - 1:
                    cell(r, last).merge(cell(r, width - 1))
                for c, text in enumerate(texts):
                    self._put(cell, r, c, text, bold=texts[0].startswith(("第二十条", "信息内容")))
        return True

    def _t3(self, rows: list[RawRow]) -> bool:
        header: list[str] = []
        data: list[tuple[list[str], list[str]]] = []
        for row in rows:
            texts = [c.text for c in row.cells if c.text]
            labels = [t for t in texts if type_cell(t)[0] == "text"]
            values = [t for t in texts if type_cell(t)[0] != "text"]
            if not values and not data:
                header.extend(texts)
                continue
            if len(values) != 7 or texts[: len(labels)] != labels or not 1 <= len(labels) <= 2:
                return False
            data.append((labels, values))
        note = [t for t in header if "勾稽" in t]
        fixed = ["申请人情况", "自然人", "法人或其他组织", "总计"]
        subs = [t for t in header if t not in fixed and t not in note]
        if len(note) != 1 or len(subs) != 5 or any(header.count(f) != 1 for f in fixed):
            return False
        # Plan the label cells first: (row, col, label, colspan); then the vertical merges.
        category_start: int | None = None
        sub_start: int | None = None
        placed: list[tuple[int, int, str, int]] = []
        merges: list[tuple[int, int, int]] = []  # (col, first row, last row)

        def close_sub(upto: int) -> None:
            nonlocal sub_start
            if sub_start is not None and upto > sub_start:
                merges.append((1, sub_start, upto))
            sub_start = None

        def close_category(upto: int) -> None:
            nonlocal category_start
            close_sub(upto)
            if category_start is not None and upto > category_start:
                merges.append((0, category_start, upto))
            category_start = None

        for k, (labels, _) in enumerate(data):
            r = 3 + k
            first = labels[0]
            if first[0].isdigit():
                placed.append((r, 2, first, 1))
            elif first[0] in "（(":
                close_sub(r - 1)
                if len(labels) == 2:
                    sub_start = r
                    placed.append((r, 1, first, 1))
                    placed.append((r, 2, labels[1], 1))
                else:
                    placed.append((r, 1, first, 2))
            else:
                close_category(r - 1)
                if len(labels) == 2:
                    category_start = r
                    placed.append((r, 0, first, 1))
                    placed.append((r, 1, labels[1], 2))
                else:
                    placed.append((r, 0, first, 3))
            if category_start is None and (first[0].isdigit() or first[0] in "（("):
                return False  # a sub-row outside 三、本年度办理结果: not the template's shape
        close_category(2 + len(data))
        cell = self._table(3 + len(data), 10)
        cell(0, 0).merge(cell(2, 2))
        cell(0, 3).merge(cell(0, 9))
        cell(1, 3).merge(cell(2, 3))
        cell(1, 4).merge(cell(1, 8))
        cell(1, 9).merge(cell(2, 9))
        self._put(cell, 0, 0, note[0])
        self._put(cell, 0, 3, "申请人情况", bold=True)
        self._put(cell, 1, 3, "自然人", bold=True)
        self._put(cell, 1, 4, "法人或其他组织", bold=True)
        self._put(cell, 1, 9, "总计", bold=True)
        for c, label in enumerate(subs, start=4):
            self._put(cell, 2, c, label, bold=True, wrap=len(label) == 4)
        for col, top, bottom in merges:
            cell(top, col).merge(cell(bottom, col))
        for r, c, label, span in placed:
            if span > 1:
                cell(r, c).merge(cell(r, c + span - 1))
            self._put(cell, r, c, label)
        for k, (_, values) in enumerate(data):
            for c, value in enumerate(values, start=3):
                self._put(cell, 3 + k, c, value, centre=True)
        return True

    def _t4(self, rows: list[RawRow]) -> bool:
        texts = [c.text for r in rows for c in r.cells if c.text]
        labels = [t for t in texts if type_cell(t)[0] == "text"]
        values = [t for t in texts if type_cell(t)[0] != "text"]
        if len(labels) != 19 or len(values) != 15 or texts[:19] != labels:
            return False
        cell = self._table(4, 15)
        cell(0, 0).merge(cell(0, 4))
        cell(0, 5).merge(cell(0, 14))
        for c in range(5):
            cell(1, c).merge(cell(2, c))
        cell(1, 5).merge(cell(1, 9))
        cell(1, 10).merge(cell(1, 14))
        self._put(cell, 0, 0, labels[0], bold=True)
        self._put(cell, 0, 5, labels[1], bold=True)
        for c in range(5):
            self._put(cell, 1, c, labels[2 + c], wrap=len(labels[2 + c]) == 4)
        self._put(cell, 1, 5, labels[7])
        self._put(cell, 1, 10, labels[8])
        for c in range(10):
            self._put(cell, 2, 5 + c, labels[9 + c], wrap=len(labels[9 + c]) == 4)
        for c, value in enumerate(values):
            self._put(cell, 3, c, value, centre=True)
        return True

    def _table(self, rows: int, cols: int) -> Callable[[int, int], _Cell]:
        """A new table and a lookup of its cells by position, fetched once before any merge: a
        merge keeps the top-left cell's element, and python-docx's own ``table.cell`` recomputes
        the whole grid on every call."""
        table = self.doc.add_table(rows=rows, cols=cols)
        table.style = self.doc.styles["Table Grid"]
        grid = [list(row.cells) for row in table.rows]
        return lambda r, c: grid[r][c]

    @staticmethod
    def _put(
        cell: Callable[[int, int], _Cell],
        r: int,
        c: int,
        text: str,
        *,
        bold: bool = False,
        centre: bool = False,
        wrap: bool = False,
    ) -> None:
        p = cell(r, c).paragraphs[0]
        if centre:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if wrap:  # a narrow column: 商业 / 企业 on two lines
            first = p.add_run(text[:2])
            first.bold = bold
            first.add_break()
            p.add_run(text[2:]).bold = bold
        else:
            p.add_run(text).bold = bold

    # --- Word furniture -------------------------------------------------------------------------
    def _page_furniture(self) -> None:
        section = self.doc.sections[0]
        section.header.paragraphs[0].text = "政府信息公开工作年度报告"
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("- ")
        _field(footer, "PAGE \\* MERGEFORMAT", "1")
        footer.add_run(" -")

    def _numbering_definition(self) -> None:
        numbering = self.doc.part.numbering_part.element
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), _NUM_ABSTRACT_ID)
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), "0")
        for tag, val in (("w:start", "1"), ("w:numFmt", "chineseCounting"), ("w:lvlText", "%1、")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        abstract.append(lvl)
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)

    def _number(self, p, start: int) -> None:  # type: ignore[no-untyped-def]
        """Give ``p`` its own list instance starting at ``start``, so a missing part keeps its gap."""
        numbering = self.doc.part.numbering_part.element
        num_id = str(self.next_num_id)
        self.next_num_id += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), num_id)
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), _NUM_ABSTRACT_ID)
        num.append(ref)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start_el = OxmlElement("w:startOverride")
        start_el.set(qn("w:val"), str(start))
        override.append(start_el)
        num.append(override)
        numbering.append(num)
        num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = int(num_id)

    @staticmethod
    def _bookmark(p, name: str) -> None:  # type: ignore[no-untyped-def]
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), "0")
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), "0")
        p._p.append(start)
        p._p.append(end)

    def save(self) -> bytes:
        props = self.doc.core_properties
        props.created = props.modified = _FIXED
        props.last_printed = _FIXED
        props.revision = 1
        buf = io.BytesIO()
        self.doc.save(buf)
        return _fixed_timestamps(buf.getvalue())


def _field(p, instruction: str, result: str) -> None:  # type: ignore[no-untyped-def]
    """A complex field (begin, instruction, separate, result, end), as Word writes PAGE."""
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("result", result),
        ("end", None),
    ):
        run = p.add_run()
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
            run._r.append(el)
        elif kind == "result":
            run.text = text or ""
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)


def _fixed_timestamps(data: bytes) -> bytes:
    """The same bytes for the same input: python-docx stamps zip members with the current time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
