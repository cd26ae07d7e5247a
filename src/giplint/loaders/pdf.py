"""PDF reports (text layer only): prose by paragraph, tables by ruled cell, page furniture removed.

A PDF has no paragraphs, rows or cells, only glyphs at positions and lines drawn on the page, so
the structure is rebuilt from geometry:

- Tables come from the ruling lines (pdfplumber's lattice detection). Invisible rectangles are
  ignored first: editors such as WPS paint a white background box behind every line of text and
  every cell, and treating those as borders turns prose into one-column "tables". A table cut by a
  page break usually lacks its closing border, so one is added where vertical borders stop.
- A table that runs on from the previous page continues the same logical table: a repeated header
  row is dropped, and a merged cell whose text was split by the break is joined again.
- Glyphs outside tables are grouped into visual lines, and lines into paragraphs: a line that does
  not end a sentence, reaches the right margin and is followed by an unindented line continues.
- Page numbers (``- 3 -``, ``第3页``, ``3/12``) and lines repeated at the same place on most pages
  (running headers and footers) are dropped and kept in ``Document.dropped``.

Glyphs are joined with no space between CJK characters (a gap between them is justification,
not a space) and with a space between Latin words; real space glyphs are kept.
"""

from __future__ import annotations

import bisect
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

from giplint.classify import is_org_name
from giplint.loaders.document import Document, LineBuilder, LoadError, Origin

MAX_PAGES = 500
MAX_CHARS_PER_PAGE = 100_000  # a dense A4 page holds about 3,000; far more is a crafted file

_TERMINAL = "。；：！？;:!?"
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－·•]\s*\d{1,4}\s*[-—–－·•]"
    r"|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|\d{1,4})$"
)
# A line that opens a new unit even without an indent: a heading or a numbered item.
_NUMBERED_START = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)])"
)
# A merged cell cut by a page break continues on the next page; a new label starts with its number.
_LABEL_START = re.compile(r"^(?:[（(]|[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,3}\s*[、.．])")
_NUMBER_CELL = re.compile(r"^[\d.,，\s%-]+$")
_DIGITS = re.compile(r"\d+")

# Page furniture lives in the top and bottom margins.
_MARGIN_BAND = 0.12
_SAME_PLACE = 6.0  # points: a running header sits at the same height on every page


@dataclass(slots=True)
class _Line:
    """A visual line of prose on one page."""

    page: int
    number: int  # line on the page, counted from the top among all text lines
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    page_height: float


@dataclass(slots=True)
class _Cell:
    text: str
    top: float = 0.0
    bottom: float = 0.0
    anchor: bool = True  # False: a grid position covered by a merged cell
    rowspan_more: bool = False  # the merged cell reaches further down
    full: bool = False  # its text reaches its bottom edge: cut there, it may go on on the next page


@dataclass(slots=True)
class _Fragment:
    """The part of a table on one page."""

    page: int
    top: float
    bottom: float
    rows: list[list[_Cell]]


@dataclass(slots=True)
class _Table:
    number: int
    # rows of (cell text, origin); row numbers in origins count the whole logical table
    rows: list[list[tuple[str, Origin]]] = field(default_factory=list)
    header: list[list[str]] = field(default_factory=list)
    last: _Fragment | None = None
    anchors: list[list[int]] = field(default_factory=list)  # per row, per column: row index of its anchor
    bottom: dict[int, _Cell] = field(
        default_factory=dict
    )  # per column: the cell at the bottom of the last page


def load_pdf(data: bytes, path: str, max_pages: int = MAX_PAGES) -> Document:
    """Read the text layer of a PDF report. Raises LoadError for anything it cannot read."""
    if b"%PDF-" not in data[:1024]:
        raise LoadError(
            "GIP001",
            "文件已损坏：不是有效的 PDF 文件（缺少 %PDF 文件头）；请重新下载或从原文档重新导出 PDF",
            "the PDF is damaged: no %PDF header; download it again or export it again from the original document",
        )
    try:
        return _load(data, max_pages)
    except LoadError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on malformed input
        raise _failure(exc) from exc


def _failure(exc: BaseException) -> LoadError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(chain) < 8:
        chain.append(cur)
        cur = cur.args[0] if cur.args and isinstance(cur.args[0], BaseException) else cur.__cause__
    if any(isinstance(e, (PDFPasswordIncorrect, PDFEncryptionError)) for e in chain):
        return LoadError(
            "GIP001",
            "PDF 已加密，需要打开密码才能读取；请提供未加密的文件（公开发布的报告不应设置打开密码）",
            "the PDF is encrypted and needs a password to open; provide an unencrypted copy "
            "(a published report should not require a password)",
        )
    detail = f"{type(chain[-1]).__name__}: {chain[-1]}"[:200]
    return LoadError(
        "GIP001",
        f"PDF 文件已损坏，无法读取（{detail}）；请重新下载或从原文档重新导出 PDF",
        f"the PDF is damaged and cannot be read ({detail}); download it again or export it again from the original document",
    )


def _load(data: bytes, max_pages: int) -> Document:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        count = len(pdf.pages)
        if count > max_pages:
            raise LoadError(
                "GIP013",
                f"PDF 有 {count} 页，超过 {max_pages} 页的上限；年度报告不会这么长，请检查文件",
                f"the PDF has {count} pages, over the limit of {max_pages}; an annual report is never that long",
            )
        pages = []
        for number, page in enumerate(pdf.pages, 1):
            pages.append(_read_page(page, number))
            # pdfplumber keeps every parsed page's objects until the file is closed: 389 MB for
            # a 164-page PDF. What a page gives is in _Page; its objects can go.
            page.close()
    _require_text(pages)
    return _assemble(pages, count)


@dataclass(slots=True)
class _Page:
    number: int
    height: float
    items: list[_Line | _Fragment]
    chars: int
    cjk: int
    undecodable: int


def _read_page(page: Any, number: int) -> _Page:
    if len(page.chars) > MAX_CHARS_PER_PAGE:
        raise LoadError(
            "GIP013",
            f"PDF 第{number}页有 {len(page.chars)} 个字符，超过每页 {MAX_CHARS_PER_PAGE} 个的上限",
            f"page {number} of the PDF has {len(page.chars)} characters, over the limit of {MAX_CHARS_PER_PAGE} a page",
        )
    page = _dedupe_chars(page)  # fake bold draws every glyph twice
    # "(cid:123)": a glyph of a font without a Unicode mapping, which has no readable text.
    undecodable = sum(1 for c in page.chars if c.get("text", "").startswith("(cid:"))
    chars = [c for c in page.chars if c.get("text") and not c["text"].startswith("(cid:")]
    visible = sum(1 for c in chars if not c["text"].isspace())
    cjk = sum(1 for c in chars if _is_cjk(c["text"]))
    tables = _find_tables(page)
    boxes = [t.bbox for t in tables]
    outside = [c for c in chars if not any(_inside(c, b) for b in boxes)]
    tops = _line_tops(chars)
    items: list[_Line | _Fragment] = []
    for group in _cluster_lines(outside):
        text = _join_chars(group)
        if not text.strip():
            continue
        top = min(c["top"] for c in group)
        items.append(
            _Line(
                page=number,
                number=_line_number(tops, top),
                text=text.strip(),
                top=top,
                bottom=max(c["bottom"] for c in group),
                x0=min(c["x0"] for c in group if not c["text"].isspace()),
                x1=max(c["x1"] for c in group if not c["text"].isspace()),
                size=_mode([round(c["size"]) for c in group]),
                page_height=float(page.height),
            )
        )
    for table in tables:
        items.append(_fragment(table, chars, number))
    items.sort(key=lambda item: item.top)
    return _Page(number, float(page.height), items, visible, cjk, undecodable)


def _dedupe_chars(page: Any) -> Any:
    """``page.dedupe_chars()`` without its last step, ``sorted(kept, key=chars.index)``, which is
    quadratic: 90 s on a page of 10,000 glyphs. The duplicates are found the same way (same text,
    font and size, position within 1 pt) and the page keeps the others in their original order."""
    from pdfplumber.utils.clustering import cluster_objects

    key = itemgetter("upright", "text", "fontname", "size")
    position = itemgetter("doctop", "x0")
    keep: set[int] = set()
    chars = sorted(page.chars, key=key)
    for _, same in groupby(chars, key=key):
        for row in cluster_objects(list(same), itemgetter("doctop"), 1):
            for spot in cluster_objects(row, itemgetter("x0"), 1):
                keep.add(id(min(spot, key=position)))
    return page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) in keep)


def _require_text(pages: list[_Page]) -> None:
    chars = sum(p.chars for p in pages)
    cjk = sum(p.cjk for p in pages)
    undecodable = sum(p.undecodable for p in pages)
    if undecodable > chars:
        raise LoadError(
            "GIP012",
            "PDF 的文字无法解码（字体缺少 Unicode 映射），等同于没有文字层；请从原文档重新导出 PDF，或先进行 OCR 文字识别",
            "the PDF's text cannot be decoded (its fonts have no Unicode mapping), so it has no usable text layer; "
            "export it again from the original document or OCR it",
        )
    if chars == 0 or (len(pages) > 1 and cjk < 20):
        raise LoadError(
            "GIP012",
            # GIP012's message already says "no text layer": the reason says what that means
            "这是扫描件（页面是图片），无法检查；请发布可复制文字的 PDF，或先进行 OCR 文字识别",
            "this PDF is a scan (its pages are images); publish a text PDF or OCR it",
        )


# --- tables -------------------------------------------------------------------------------------


def _is_white(color: Any) -> bool:
    if color is None:
        return False
    if isinstance(color, (int, float)):
        return float(color) >= 0.99
    values = [float(v) for v in color if isinstance(v, (int, float))]
    if not values:
        return False
    if len(values) == 4:  # CMYK: white is no ink
        return all(v <= 0.01 for v in values)
    return all(v >= 0.99 for v in values)


def _is_border(obj: dict[str, Any]) -> bool:
    """Whether a drawn object can be a table border: a visible line or a thin visible bar."""
    kind = obj.get("object_type")
    if kind == "line" or kind == "curve":
        return not _is_white(obj.get("stroking_color"))
    if kind == "rect":
        if obj.get("stroke") and not _is_white(obj.get("stroking_color")):
            return True
        thin = min(obj["width"], obj["height"]) <= 2
        return bool(obj.get("fill")) and thin and not _is_white(obj.get("non_stroking_color"))
    return True


def _find_tables(page: Any) -> list[Any]:
    ruled = page.filter(
        lambda obj: obj.get("object_type") not in ("rect", "line", "curve") or _is_border(obj)
    )
    settings: dict[str, Any] = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
    closing = _closing_edges(ruled.edges)
    if closing:
        settings["explicit_horizontal_lines"] = closing
    tables = ruled.find_tables(settings)
    # A box around a paragraph or a one-column frame is not a table.
    return [t for t in tables if t.rows and max(len(r.cells) for r in t.rows) >= 2]


def _closing_edges(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Horizontal borders where a group of vertical borders stops without one (a page break)."""
    verticals = [e for e in edges if e.get("orientation") == "v" and e["height"] > 3]
    horizontals = [e for e in edges if e.get("orientation") == "h"]
    added: list[dict[str, Any]] = []
    for key in ("top", "bottom"):
        groups: dict[int, list[dict[str, Any]]] = {}
        for e in verticals:
            groups.setdefault(round(e[key] / 2), []).append(e)
        for group in groups.values():
            if len(group) < 2:
                continue
            y = sum(e[key] for e in group) / len(group)
            x0 = min(e["x0"] for e in group)
            x1 = max(e["x1"] for e in group)
            covered = [h for h in horizontals if abs(h["top"] - y) <= 3 and h["x0"] <= x1 and h["x1"] >= x0]
            if (
                covered
                and min(h["x0"] for h in covered) <= x0 + 3
                and max(h["x1"] for h in covered) >= x1 - 3
            ):
                continue
            added.append(
                {
                    "object_type": "closing_edge",
                    "orientation": "h",
                    "x0": x0,
                    "x1": x1,
                    "top": y,
                    "bottom": y,
                    "doctop": y,
                    "width": x1 - x0,
                    "height": 0.0,
                }
            )
    return added


def _fragment(table: Any, chars: list[dict[str, Any]], page: int) -> _Fragment:
    rows: list[list[_Cell]] = []
    # Narrowed to the table, then to each row, before each cell: testing every glyph of the page
    # against every cell is quadratic on a page of dense tables.
    in_table = [c for c in chars if _inside(c, table.bbox) and not c["text"].isspace()]
    for row in table.rows:
        cells: list[_Cell] = []
        in_row = [c for c in in_table if _inside(c, row.bbox)]
        for bbox in row.cells:
            if bbox is None:
                cells.append(_Cell("", anchor=False))
                continue
            inside = [c for c in in_row if _inside(c, bbox)]
            full = bool(inside) and max(c["bottom"] for c in inside) >= bbox[3] - 2 * max(
                c["size"] for c in inside
            )
            cells.append(_Cell(_cell_text(inside), top=bbox[1], bottom=bbox[3], full=full))
        rows.append(cells)
    width = max(len(r) for r in rows)
    for r in rows:
        r.extend(_Cell("", anchor=False) for _ in range(width - len(r)))
    for i, r in enumerate(rows[:-1]):
        for j, cell in enumerate(r):
            cell.rowspan_more = cell.anchor and not rows[i + 1][j].anchor and cell.bottom > rows[i + 1][j].top
    return _Fragment(page, table.bbox[1], table.bbox[3], rows)


def _inside(char: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    cx = (char["x0"] + char["x1"]) / 2
    cy = (char["top"] + char["bottom"]) / 2
    return bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]


def _cell_text(chars: list[dict[str, Any]]) -> str:
    """The text of one cell: its lines joined without a separator, except between Latin words."""
    out = ""
    for group in _cluster_lines(chars):
        piece = _join_chars(group).strip()
        if not piece:
            continue
        if out and _is_word_char(out[-1]) and _is_word_char(piece[0]):
            out += " "
        out += piece
    return out


# --- lines --------------------------------------------------------------------------------------


def _cluster_lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Glyphs grouped into visual lines: a glyph belongs to a line its vertical middle falls in."""
    lines: list[list[dict[str, Any]]] = []
    bounds: list[tuple[float, float]] = []
    for c in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        mid = (c["top"] + c["bottom"]) / 2
        if bounds and bounds[-1][0] - 1 <= mid <= bounds[-1][1] + 1:
            lines[-1].append(c)
            top, bottom = bounds[-1]
            bounds[-1] = (min(top, c["top"]), max(bottom, c["bottom"]) if c["text"].strip() else bottom)
        else:
            lines.append([c])
            bounds.append((c["top"], c["bottom"]))
    return [sorted(group, key=lambda c: c["x0"]) for group in lines]


def _line_tops(chars: list[dict[str, Any]]) -> list[float]:
    """The top of each visual line of the page, sorted (for :func:`_line_number`)."""
    return sorted(
        min(c["top"] for c in group) for group in _cluster_lines([c for c in chars if c["text"].strip()])
    )


def _line_number(tops: list[float], top: float) -> int:
    # A bisection, not a count over every line: asked once per line, a count is quadratic on a
    # page of thousands of lines (14 s for a 7-page crafted file).
    return 1 + bisect.bisect_left(tops, top - 1)


def _join_chars(chars: list[dict[str, Any]]) -> str:
    out: list[str] = []
    prev: dict[str, Any] | None = None
    for c in chars:
        text = c["text"]
        if text.isspace():
            if out and out[-1] != " ":
                out.append(" ")
            prev = None
            continue
        if prev is not None and out and out[-1] != " ":
            gap = c["x0"] - prev["x1"]
            if (
                gap > 0.25 * max(c["size"], 1.0)
                and _is_word_char(prev["text"][-1])
                and _is_word_char(text[0])
            ):
                out.append(" ")
        out.append(text)
        prev = c
    return "".join(out)


def _is_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "@._-/%&+")


def _mode(values: list[int]) -> float:
    return float(Counter(values).most_common(1)[0][0]) if values else 0.0


# --- furniture ----------------------------------------------------------------------------------


def _furniture(pages: list[_Page]) -> set[int]:
    """ids of the prose lines that are page numbers or running headers and footers."""
    drop: set[int] = set()
    candidates: list[_Line] = []
    for page in pages:
        lines = [i for i in page.items if isinstance(i, _Line)]
        for line in lines:
            in_margin = line.top < page.height * _MARGIN_BAND or line.bottom > page.height * (
                1 - _MARGIN_BAND
            )
            first_or_last = line is page.items[0] or line is page.items[-1]
            if not (in_margin or first_or_last):
                continue
            if _PAGE_NUMBER.match(line.text.replace(" ", "")) and (in_margin or not line.text.isdigit()):
                drop.add(id(line))
            elif in_margin:
                candidates.append(line)
    if len(pages) >= 2:
        seen: dict[tuple[str, int], set[int]] = {}
        for line in candidates:
            key = (_DIGITS.sub("#", line.text.replace(" ", "")), round(line.top / _SAME_PLACE))
            seen.setdefault(key, set()).add(line.page)
        needed = max(2, (len(pages) + 1) // 2)
        for line in candidates:
            key = (_DIGITS.sub("#", line.text.replace(" ", "")), round(line.top / _SAME_PLACE))
            near = (
                seen.get(key, set())
                | seen.get((key[0], key[1] - 1), set())
                | seen.get((key[0], key[1] + 1), set())
            )
            if len(near) >= needed:
                drop.add(id(line))
    return drop


# --- assembly -----------------------------------------------------------------------------------


def _origin_line(line: _Line) -> Origin:
    return Origin(
        label=f"第{line.page}页 第{line.number}行", label_en=f"page {line.page}, line {line.number}"
    )


def _origin_cell(page: int, table: int, row: int, col: int) -> Origin:
    return Origin(
        label=f"第{page}页 表{table} 第{row}行 第{col}列",
        label_en=f"page {page}, table {table}, row {row}, column {col}",
    )


@dataclass(slots=True)
class _Metrics:
    left: float
    right: float
    size: float
    indented: bool  # paragraphs open with a first-line indent, so an unindented line continues one


def _metrics(lines: list[_Line]) -> _Metrics:
    if not lines:
        return _Metrics(0.0, 0.0, 12.0, False)
    size = _mode([round(ln.size) for ln in lines])
    body = [ln for ln in lines if abs(ln.size - size) <= 1] or lines
    left = _mode([round(ln.x0) for ln in body])
    right = _mode([round(ln.x1) for ln in body if ln.x1 - ln.x0 > 10 * size] or [round(ln.x1) for ln in body])
    indents = sum(1 for ln in body if abs(ln.x0 - left - 2 * size) <= 0.6 * size)
    return _Metrics(left, right, size, indents >= 3)


def _continues(prev: _Line, line: _Line, m: _Metrics) -> bool:
    """Whether ``line`` carries on the paragraph ``prev`` ends with."""
    if abs(prev.size - m.size) > 1 or abs(line.size - m.size) > 1:
        return False
    if line.x0 > m.left + 0.75 * m.size or prev.x1 < m.right - 1.5 * m.size:
        return False
    if _NUMBERED_START.match(line.text):
        return False
    # Where paragraphs open indented, a full line followed by an unindented one is one paragraph
    # even across a full stop; otherwise a sentence end at the margin may end the paragraph.
    return m.indented or prev.text[-1] not in _TERMINAL


def _title_continues(prev: list[_Line], line: _Line, m: _Metrics) -> bool:
    """A title set in a large font may wrap; its lines join unless the first is the issuer alone."""
    if line.size <= m.size * 1.15 or any(p.size <= m.size * 1.15 for p in prev):
        return False
    joined = "".join(p.text for p in prev)
    return "年度报告" not in joined and not is_org_name(joined) and abs(prev[-1].size - line.size) <= 1


def _assemble(pages: list[_Page], count: int) -> Document:
    drop = _furniture(pages)
    builder = LineBuilder("pdf", f"PDF, {count} page{'s' if count != 1 else ''}")
    doc = builder.doc
    prose = [i for p in pages for i in p.items if isinstance(i, _Line) and id(i) not in drop]
    metrics = _metrics(prose)

    paragraph: list[_Line] = []
    table: _Table | None = None
    tables = 0
    last_page_item: dict[int, object] = {}
    for page in pages:
        kept = [i for i in page.items if not (isinstance(i, _Line) and id(i) in drop)]
        if kept:
            last_page_item[page.number] = kept[-1]

    def flush_paragraph() -> None:
        if not paragraph:
            return
        text = ""
        pairs: list[tuple[int, Origin]] = []
        for line in paragraph:
            piece = line.text
            if text and _is_word_char(text[-1]) and _is_word_char(piece[0]):
                text += " "
            pairs.append((len(text), _origin_line(line)))
            text += piece
        doc.lines.append(text)
        doc.origins.append(pairs)
        paragraph.clear()

    def flush_table() -> None:
        nonlocal table
        if table is None:
            return
        for row in table.rows:
            builder.row(row)
        builder.blank()
        table = None

    for page in pages:
        for item in page.items:
            if isinstance(item, _Line):
                if id(item) in drop:
                    doc.dropped.append((item.text, _origin_line(item)))
                    continue
                if table is not None:
                    flush_table()
                if paragraph and (
                    _continues(paragraph[-1], item, metrics) or _title_continues(paragraph, item, metrics)
                ):
                    paragraph.append(item)
                    continue
                flush_paragraph()
                paragraph.append(item)
                continue
            # a table fragment
            if paragraph:
                flush_paragraph()
                builder.blank()
            runs_on = (
                table is not None
                and table.last is not None
                and table.last.page == item.page - 1
                and last_page_item.get(table.last.page) is table.last
                and _first_kept(page, drop) is item
            )
            if not runs_on:
                flush_table()
                tables += 1
                table = _Table(tables)
            assert table is not None
            doc.dropped.extend(_add_fragment(table, item, runs_on))
    flush_paragraph()
    flush_table()
    while doc.lines and doc.lines[-1] == "":
        doc.lines.pop()
        doc.origins.pop()
    return doc


def _first_kept(page: _Page, drop: set[int]) -> object | None:
    for item in page.items:
        if not (isinstance(item, _Line) and id(item) in drop):
            return item
    return None


def _add_fragment(table: _Table, frag: _Fragment, runs_on: bool) -> list[tuple[str, Origin]]:
    """Append a fragment's rows to the table; returns the repeated header rows it dropped."""
    dropped: list[tuple[str, Origin]] = []
    rows = frag.rows
    texts = [[c.text for c in r] for r in rows]
    if runs_on:
        # A header row repeated at the top of the page is furniture of the page, not data.
        k = 0
        while k < min(len(table.header), len(texts) - 1) and texts[k] == table.header[k] and any(texts[k]):
            k += 1
        for i in range(k):
            where = Origin(
                label=f"第{frag.page}页 表{table.number} 重复表头第{i + 1}行",
                label_en=f"page {frag.page}, table {table.number}, repeated header row {i + 1}",
            )
            dropped.append(("\t".join(texts[i]), where))
        rows = rows[k:]
        texts = texts[k:]
        if rows and table.last is not None:
            _join_split_cells(table, rows)
            texts = [[c.text for c in r] for r in rows]
    else:
        table.header = [t for t in texts[:3]]
    for i, row in enumerate(rows):
        number = len(table.rows) + 1
        out: list[tuple[str, Origin]] = []
        for j, cell in enumerate(row):
            out.append(
                (cell.text if cell.anchor else "", _origin_cell(frag.page, table.number, number, j + 1))
            )
        table.rows.append(out)
        anchors: list[int] = []
        for j, cell in enumerate(row):
            if cell.anchor or not table.anchors or (i == 0 and not runs_on):
                anchors.append(len(table.rows) - 1)
            else:
                prev = table.anchors[-1]
                anchors.append(prev[j] if j < len(prev) else len(table.rows) - 1)
        table.anchors.append(anchors)
        for j, cell in enumerate(row):
            if cell.anchor:
                table.bottom[j] = cell
    table.last = frag
    return dropped


def _join_split_cells(table: _Table, rows: list[list[_Cell]]) -> None:
    """A merged label cell cut by the page break: its text continues in the first row here."""
    first = rows[0]
    if not table.anchors or len(first) != len(table.anchors[-1]):
        return
    for j, cell in enumerate(first):
        text = cell.text
        if not cell.anchor or not text or _NUMBER_CELL.match(text) or _LABEL_START.match(text):
            continue
        anchor_row = table.anchors[-1][j]
        prev_text, origin = table.rows[anchor_row][j]
        spans_before = anchor_row < len(table.rows) - 1
        cut = table.bottom.get(j)
        if not prev_text or _NUMBER_CELL.match(prev_text) or not (spans_before or cell.rowspan_more):
            continue
        if cut is None or not cut.full or cut.text != prev_text:
            continue  # the cell above ended with room to spare: this is a new label
        table.rows[anchor_row][j] = (prev_text + text, origin)
        cell.text = ""
