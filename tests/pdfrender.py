"""Render a giplint plain-text report (layout A or B) as a PDF laid out the way agencies' PDFs are.

Used by the cross-format tests: the same report as .txt and as .pdf must give the same findings.
Built with reportlab and the Adobe CID font STSong-Light (no font file needed; pdfminer ships its
CMaps), on A4 pages:

* a centred title in a larger size; part headings, sub-headings and body paragraphs with a
  two-character first-line indent, wrapped at the right margin and justified by character spacing
  (so full lines end at the margin, as Word's justified text does); Latin words are never split;
* a running header line and a ``- N -`` page number on every page (page furniture to drop);
* tables drawn with ruling lines on a column grid, merged the way the 2021 template merges them,
  derived from the text grid: an empty label cell under a label continues it down (rowspan), an
  empty cell to the right of a label or header continues it across (colspan); long cell text wraps
  inside its cell; a table that does not fit continues on the next page, a merged cell cut by the
  break continuing as an empty cell there;
* the signature block right-aligned.

The output is deterministic (reportlab's invariant mode).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from giplint.classify import classify
from giplint.loaders.text import split_lines
from giplint.tables import rows_from_lines, type_cell

FONT = "STSong-Light"
BODY = 12.0
TABLE = 8.0
TITLE = 18.0
LEFT = 72.0
RIGHT = A4[0] - 72.0
TOP = A4[1] - 80.0
BOTTOM = 80.0
LEADING = 1.9  # line height in font sizes, as 28-point lines of 16-point 仿宋 are

_TABLE_KINDS = frozenset("COER")
_TOKEN = re.compile(r"[!-~]+| +|.")

pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def to_pdf(text: str, *, header: str | None = "政府信息公开工作年度报告", repeat_header: int = 0) -> bytes:
    """The report as PDF bytes; ``header`` is a running header printed on every page (None: none);
    ``repeat_header`` rows of a table are printed again at the top of each page it continues on."""
    lines, _ = classify(split_lines(text))
    out = _Writer(header, repeat_header)
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind in _TABLE_KINDS:
            j = i
            while j < len(lines) and (lines[j].kind in _TABLE_KINDS or lines[j].kind == "B"):
                j += 1
            out.table(_grid(lines[i:j]))
            i = j
            continue
        stripped = line.text.strip()
        if stripped and line.kind != "F":
            if line.kind == "T":
                out.centred(stripped, TITLE)
            elif line.kind == "K":
                out.right(stripped)
            else:
                out.paragraph(stripped)
        i += 1
    return out.save()


def _width(text: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, FONT, size))


def _wrap(text: str, width: float, size: float, first_indent: float = 0.0) -> list[str]:
    """Greedy wrap that breaks only where Word would: never inside a Latin word or next to a space."""
    tokens = _TOKEN.findall(text)
    lines: list[str] = []
    current: list[str] = []
    avail = width - first_indent
    for token in tokens:
        if current and _width("".join(current) + token, size) > avail and not token.isspace():
            cut = len(current)
            while cut > 0 and (current[cut - 1].isspace() or (cut < len(current) and current[cut].isspace())):
                cut -= 1
            if cut == 0:
                cut = len(current)
            lines.append("".join(current[:cut]))
            current = current[cut:]
            avail = width
        current.append(token)
    if current:
        lines.append("".join(current))
    return lines


def table_pdf(grid: list[list[str]], *, skip: float = 0.0, repeat_header: int = 0) -> bytes:
    """One table (a rectangular grid of cell texts, merged as in :func:`to_pdf`) after ``skip``
    points of empty page, so that a test can put the page break where it wants."""
    out = _Writer(None, repeat_header)
    out.y -= skip
    out.table(grid)
    return out.save()


class _Writer:
    def __init__(self, header: str | None, repeat_header: int = 0) -> None:
        self.repeat_header = repeat_header
        rl_config.invariant = 1
        self.buffer = io.BytesIO()
        self.canvas = canvas.Canvas(self.buffer, pagesize=A4, invariant=1)
        self.canvas.setTitle("report")
        self.header = header
        self.page = 1
        self.y = TOP
        self.rest: dict[tuple[int, int], list[str]] = {}
        self._furniture()

    def _furniture(self) -> None:
        c = self.canvas
        c.setFont(FONT, 9)
        if self.header:
            c.drawCentredString(A4[0] / 2, A4[1] - 45, self.header)
        c.drawCentredString(A4[0] / 2, 40, f"- {self.page} -")

    def _new_page(self) -> None:
        self.canvas.showPage()
        self.page += 1
        self.y = TOP
        self._furniture()

    def _need(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self._new_page()

    def centred(self, text: str, size: float) -> None:
        for piece in _wrap(text, RIGHT - LEFT, size):
            self._need(size * LEADING)
            self.y -= size * LEADING
            self.canvas.setFont(FONT, size)
            self.canvas.drawCentredString(A4[0] / 2, self.y, piece)

    def right(self, text: str) -> None:
        self._need(BODY * LEADING)
        self.y -= BODY * LEADING
        self.canvas.setFont(FONT, BODY)
        self.canvas.drawRightString(RIGHT - 2 * BODY, self.y, text)

    def paragraph(self, text: str) -> None:
        indent = 2 * BODY
        pieces = _wrap(text, RIGHT - LEFT, BODY, indent)
        for k, piece in enumerate(pieces):
            self._need(BODY * LEADING)
            self.y -= BODY * LEADING
            x = LEFT + (indent if k == 0 else 0.0)
            spacing = 0.0
            if k < len(pieces) - 1 and len(piece) > 1:
                spacing = max(0.0, (RIGHT - x - _width(piece, BODY)) / (len(piece) - 1))
            self.canvas.setFont(FONT, BODY)
            self.canvas.drawString(x, self.y, piece, charSpace=spacing)

    def table(self, grid: list[list[str]]) -> None:
        if not grid:
            return
        layout = _layout(grid)
        widths = _column_widths(grid, layout)
        xs = [LEFT]
        for w in widths:
            xs.append(xs[-1] + w)
        heights = _row_heights(grid, layout, widths)
        self.y -= 6
        r = 0
        while r < len(grid):
            self._need(heights[r])
            if r and self.y == TOP and self.repeat_header:
                top = self.y
                self.y -= sum(heights[: self.repeat_header])
                self._draw_rows(grid, layout, xs, heights, 0, self.repeat_header, top)
            start = r
            top = self.y
            while r < len(grid) and (r == start or self.y - heights[r] >= BOTTOM):
                self.y -= heights[r]
                r += 1
            self._draw_rows(grid, layout, xs, heights, start, r, top)
            if r < len(grid):
                self._new_page()
        self.y -= 12

    def _draw_rows(
        self,
        grid: list[list[str]],
        layout: _Layout,
        xs: list[float],
        heights: list[float],
        start: int,
        end: int,
        top: float,
    ) -> None:
        c = self.canvas
        c.setLineWidth(0.5)
        ys = [top]
        for r in range(start, end):
            ys.append(ys[-1] - heights[r])
        for r in range(start, end):
            for col in range(len(xs) - 1):
                anchor = layout.anchor[r][col]
                if anchor != (r, col) and r != start:
                    continue  # covered: drawn with its anchor
                ar, ac = anchor
                if anchor != (r, col) and not (ac == col and ar < start):
                    continue  # covered across, or by a cell already drawn on this page
                last_row = min(ar + layout.rows[ar][ac] - 1, end - 1)
                last_col = ac + layout.cols[ar][ac] - 1
                x0, x1 = xs[ac], xs[last_col + 1]
                y0, y1 = ys[r - start], ys[last_row - start + 1]
                c.rect(x0, y1, x1 - x0, y0 - y1, stroke=1, fill=0)
                # A cell cut by the page break goes on where it stopped (empty when all of it fitted).
                pieces = (
                    _wrap(grid[ar][ac], x1 - x0 - 4, TABLE)
                    if anchor == (r, col)
                    else self.rest.pop(anchor, [])
                )
                fit = (
                    max(1, int((y0 - y1 - TABLE * 0.5) // (TABLE * 1.3)))
                    if last_row < ar + layout.rows[ar][ac] - 1
                    else len(pieces)
                )
                c.setFont(FONT, TABLE)
                ty = y0 - TABLE * 1.3
                for piece in pieces[:fit]:
                    c.drawString(x0 + 2, ty, piece)
                    ty -= TABLE * 1.3
                if pieces[fit:]:
                    self.rest[anchor] = pieces[fit:]

    def save(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()


@dataclass
class _Layout:
    anchor: list[list[tuple[int, int]]]  # the merged cell each grid position belongs to
    rows: list[list[int]]  # rowspan of each anchor
    cols: list[list[int]]  # colspan of each anchor


def _grid(lines: list) -> list[list[str]]:  # type: ignore[type-arg]
    """Table rows as a rectangular grid of cell texts (layout-A rows right-aligned on their values)."""
    rows = [r for r in rows_from_lines(lines) if any(c.text for c in r.cells)]
    texts: list[list[str]] = []
    for row in rows:
        if row.layout == "B":
            texts.append([c.text.strip() for c in row.cells])
        else:
            texts.append([c.text.strip() for c in row.cells if c.text.strip()])
    while texts and all(not t[-1] for t in texts if t):
        texts = [t[:-1] for t in texts]
    width = max(len(t) for t in texts)
    grid: list[list[str]] = []
    for row, t in zip(rows, texts, strict=True):
        missing = width - len(t)
        if row.layout == "A" and any(_is_value(x) for x in t):
            first = next(i for i, x in enumerate(t) if _is_value(x))
            t = t[:first] + [""] * missing + t[first:]
        else:
            t = t + [""] * missing
        grid.append(t)
    return grid


def _is_value(text: str) -> bool:
    return type_cell(text)[0] != "text"


def _layout(grid: list[list[str]]) -> _Layout:
    n, m = len(grid), len(grid[0])
    anchor = [[(r, c) for c in range(m)] for r in range(n)]
    rows = [[1] * m for _ in range(n)]
    cols = [[1] * m for _ in range(n)]
    first_filled = [next((c for c, t in enumerate(row) if t), m) for row in grid]
    # Rowspan: an empty cell left of a row's first text continues the label above it.
    for r in range(1, n):
        for c in range(first_filled[r]):
            ar, ac = anchor[r - 1][c]
            if ac == c and (grid[ar][ac] or ar != r - 1) and cols[ar][ac] == 1:
                anchor[r][c] = (ar, ac)
                rows[ar][ac] += 1
    # Colspan: an empty cell right of a label continues it, up to the first value.
    for r in range(n):
        c = 0
        while c < m:
            if anchor[r][c] != (r, c) or not grid[r][c] or rows[r][c] > 1 or _is_value(grid[r][c]):
                c += 1
                continue
            k = c + 1
            while k < m and not grid[r][k] and anchor[r][k] == (r, k) and not _later_value(grid[r], k):
                anchor[r][k] = (r, c)
                cols[r][c] += 1
                k += 1
            c = k
    return _Layout(anchor, rows, cols)


def _later_value(row: list[str], k: int) -> bool:
    """Whether a value follows position ``k``: then the empty cell is a blank value, not a span."""
    return any(_is_value(t) for t in row[k:])


def _column_widths(grid: list[list[str]], layout: _Layout) -> list[float]:
    m = len(grid[0])
    natural = [24.0] * m
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if layout.anchor[r][c] == (r, c) and layout.cols[r][c] == 1 and text:
                natural[c] = max(natural[c], min(_width(text, TABLE) + 6, 150.0))
    scale = (RIGHT - LEFT) / sum(natural)
    return [w * scale for w in natural]


def _row_heights(grid: list[list[str]], layout: _Layout, widths: list[float]) -> list[float]:
    heights = [TABLE * 2.2] * len(grid)
    spanned: list[tuple[int, int, float]] = []
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if layout.anchor[r][c] != (r, c) or not text:
                continue
            w = sum(widths[c : c + layout.cols[r][c]]) - 4
            need = len(_wrap(text, w, TABLE)) * TABLE * 1.3 + TABLE
            if layout.rows[r][c] == 1:
                heights[r] = max(heights[r], need)
            else:
                spanned.append((r, layout.rows[r][c], need))
    for r, span, need in spanned:
        have = sum(heights[r : r + span])
        if have < need:
            heights[r + span - 1] += need - have
    return heights
