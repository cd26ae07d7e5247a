"""Table assembly: from the lines of a table region to typed tables 二, 三 and 四 (format reference §6.4).

Both text layouts reduce to rows of cells: layout A (one cell per line, a blank line ends a row,
wrapped labels continue on the next line) and layout B (one TAB-separated row per line). Rows are
then identified by their labels, never by absolute position, and values are right-aligned to the
template width, because 总计 is the right-most column in every layout seen.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from giplint import lazyregex
from giplint.classify import edit_distance
from giplint.diagnostics import Span
from giplint.model import Cell, CellStatus, Line, Row, Table
from giplint.numerals import MAX_DIGITS
from giplint.template import Template, strip_ordinal, template
from giplint.textkey import text_key

PLACEHOLDERS = frozenset({"/", "／", "-", "－", "—", "––", "——", "–", "无", "空", "\\"})
_NUMBER = lazyregex.compile(r"-?\d+(?:\.\d+)?")
_THOUSANDS = lazyregex.compile(r"(?<=\d),(?=\d{3})")
_CJK_CHAR = lazyregex.compile(r"^[\u4e00-\u9fff]$")

T3_WIDTH = 7
T4_WIDTH = 15
FUZZY_LIMIT = 3


@dataclass(slots=True)
class RawCell:
    text: str
    line: Line
    start: int  # 0-based offset in line.text
    end: int
    extra_lines: list[Line] = field(default_factory=list)  # wrapped continuation lines
    _key: str | None = None  # text_key(text), computed once: labels are compared many times

    @property
    def key(self) -> str:
        if self._key is None:
            self._key = text_key(self.text)
        return self._key

    def continue_with(self, line: Line) -> None:
        """A wrapped label's next line (layout A): joined without a separator."""
        self.text += line.text.strip()
        self.extra_lines.append(line)
        self._key = None

    @property
    def span(self) -> Span:
        if self.extra_lines:
            last = self.extra_lines[-1]
            return Span(self.line.number, self.start + 1, last.number, len(last.text.rstrip()) + 1)
        return Span(self.line.number, self.start + 1, self.line.number, max(self.end, self.start) + 1)


@dataclass(slots=True)
class RawRow:
    cells: list[RawCell]
    layout: str  # "A" or "B"

    _lines: list[Line] | None = None
    _span: Span | None = None

    @property
    def lines(self) -> list[Line]:
        """The source lines of the row, in order (computed once: rows are asked many times)."""
        if self._lines is None:
            if self.layout == "B":
                self._lines = [self.cells[0].line]
            else:
                seen: dict[int, Line] = {}
                for c in self.cells:
                    for ln in (c.line, *c.extra_lines):
                        seen.setdefault(ln.number, ln)
                self._lines = [seen[k] for k in sorted(seen)]
        return self._lines

    @property
    def span(self) -> Span:
        if self._span is None:
            lines = self.lines
            self._span = Span(lines[0].number, 1, lines[-1].number, len(lines[-1].text) + 1)
        return self._span

    def cell_keys(self) -> list[str]:
        return [c.key for c in self.cells]


@functools.lru_cache(maxsize=4096)  # cell texts repeat ("0", "1", labels) across rows and reports
def type_cell(raw: str) -> tuple[CellStatus, int | Decimal | None]:
    s = unicodedata.normalize("NFKC", raw).strip()
    if not s:
        return "blank", None
    if s in PLACEHOLDERS:
        return "placeholder", None
    compact = _THOUSANDS.sub("", s.replace(" ", ""))
    # More digits than Decimal's 28-digit precision keeps exactly is no count or amount (and past
    # 4,300 digits int() refuses): such a cell is text, reported as not a number.
    if len(compact) <= MAX_DIGITS + 2 and _NUMBER.fullmatch(compact):
        return "number", (Decimal(compact) if "." in compact else int(compact))
    return "text", None


def is_value_like(cell: RawCell) -> bool:
    return type_cell(cell.text)[0] != "text"


# --- rows from lines --------------------------------------------------------------------------
def rows_from_lines(lines: list[Line]) -> list[RawRow]:
    rows: list[RawRow] = []
    current: list[RawCell] = []
    for line in lines:
        kind = line.kind
        if kind == "C":
            # The classifier's key of "\tX" is text_key("X"): whitespace is dropped either way.
            current.append(RawCell(line.text[1:], line, 1, len(line.text), _key=line.key))
        elif kind == "O":
            if current:
                current[-1].continue_with(line)
        elif kind == "E":
            if current:
                rows.append(RawRow(current, "A"))
                current = []
        elif kind == "R":
            if current:
                rows.append(RawRow(current, "A"))
                current = []
            rows.append(RawRow(_split_row(line), "B"))
    if current:
        rows.append(RawRow(current, "A"))
    return rows


def _split_row(line: Line) -> list[RawCell]:
    cells = []
    start = 0
    for part in line.text.split("\t"):
        end = start + len(part)
        lead = len(part) - len(part.lstrip())
        cells.append(
            RawCell(part.strip(), line, start + lead, start + len(part.rstrip()) if part.strip() else end)
        )
        start = end + 1
    return cells


# --- which table a row belongs to -------------------------------------------------------------
def table_anchor(row: RawRow, tpl: Template) -> int | None:
    """The table a row opens, if it is an anchor (§6.4 step 2)."""
    keys = row.cell_keys()
    keyset = set(keys)
    if any(k in tpl.t2_captions for k in keys):
        return 2
    if tpl.t3_balance_note in keyset or "申请人情况" in keyset:
        return 3
    if ("行政复议" in keyset and "行政诉讼" in keyset) or "未经复议直接起诉" in keyset:
        return 4
    if not keyset.isdisjoint(_t3_opening_labels(tpl)):
        return 3
    return None


@functools.cache
def _t3_opening_labels(tpl: Template) -> frozenset[str]:
    """Keys of the R1/R2 labels, with and without their ordinals: one set test per row."""
    return frozenset(k for k, row in tpl.t3_labels.items() if row in ("new", "carried_in"))


def _belongs_to(row: RawRow, tpl: Template) -> int | None:
    for k in row.cell_keys():
        if not k:
            continue
        if k in tpl.t2_rows or k in tpl.t2_header_keys:
            return 2
        if k in tpl.t3_labels or strip_ordinal(k) in tpl.t3_labels or k in tpl.t3_categories:
            return 3
    return None


def split_into_tables(rows: list[RawRow]) -> list[tuple[int | None, list[RawRow]]]:
    """Consecutive rows grouped by the table they belong to; None for rows before any anchor."""
    tpl = template()
    groups: list[tuple[int | None, list[RawRow]]] = []
    current: int | None = None
    for row in rows:
        anchor = table_anchor(row, tpl)
        if anchor is not None and anchor != current:
            current = anchor
            groups.append((current, []))
        elif current is None:
            guess = _belongs_to(row, tpl)
            if guess is not None:
                current = guess
                groups.append((current, []))
        if not groups:
            groups.append((None, []))
        groups[-1][1].append(row)
    # Rows before the first anchor of a region (vertical header fragments, a header without its
    # note) belong to the table that follows.
    if len(groups) > 1 and groups[0][0] is None:
        lead = groups.pop(0)[1]
        groups[0] = (groups[0][0], lead + groups[0][1])
    return groups


# --- typed tables -----------------------------------------------------------------------------
def _region_span(rows: list[RawRow]) -> Span:
    first = rows[0].lines[0]
    last = rows[-1].lines[-1]
    return Span(first.number, 1, last.number, len(last.text) + 1)


def _layout(rows: list[RawRow]) -> str:
    a = sum(1 for r in rows if r.layout == "A")
    return "A" if a * 2 >= len(rows) else "B"


def _is_vertical_fragment(row: RawRow) -> bool:
    texts = [c.text for c in row.cells if c.text]
    return bool(texts) and all(_CJK_CHAR.match(t) for t in texts) and len(texts) >= 2


def _make_cell(row_key: str, col_key: str, raw: RawCell) -> Cell:
    status, value = type_cell(raw.text)
    return Cell(row_key, col_key, raw.text, status, value, raw.span)


def _value_region(cells: list[RawCell], width: int) -> list[RawCell]:
    values = list(cells)
    while values and not values[-1].text:
        values.pop()
    return values[-width:] if len(values) > width else values


def _label_index(row: RawRow, labels: dict[str, str], categories: frozenset[str]) -> tuple[int, str | None]:
    """Index of the last label cell and the row key it names (None for a category label)."""
    found = -1
    key: str | None = None
    for i, cell in enumerate(row.cells):
        k = cell.key
        if not k or is_value_like(cell):
            continue
        if k in labels or strip_ordinal(k) in labels:
            found, key = i, labels.get(k) or labels[strip_ordinal(k)]
        elif (k in categories or strip_ordinal(k) in categories) and found < i:
            found, key = i, None
    return found, key


def _fuzzy_label(row: RawRow, labels: dict[str, str]) -> tuple[int, str | None]:
    """A label cell within a few edits of a template label (GIP112), as (index, row key)."""
    for i in range(len(row.cells) - 1, -1, -1):
        cell = row.cells[i]
        k = strip_ordinal(cell.key)
        if len(k) < 4 or is_value_like(cell):
            continue
        best, best_key = FUZZY_LIMIT + 1, None
        for label, row_key in labels.items():
            lk = strip_ordinal(label)
            if len(lk) < 4:
                continue
            if lk in k or k in lk:
                d = min(FUZZY_LIMIT, abs(len(lk) - len(k)))
            else:
                d = edit_distance(k, lk, FUZZY_LIMIT)
            if d < best:
                best, best_key = d, row_key
        if best_key is not None:
            return i, best_key
        return -1, None
    return -1, None


def _label_text(row: RawRow, index: int) -> tuple[str, Span | None]:
    if index < 0:
        return "", None
    cell = row.cells[index]
    return cell.text, cell.span


def build_table3(rows: list[RawRow]) -> Table:
    tpl = template()
    table = Table(3, _layout(rows), _region_span(rows))  # type: ignore[arg-type]
    columns = [c.key for c in tpl.t3_columns]
    header_seen = False
    pending: list[tuple[RawRow, int, str | None, bool]] = []
    for row in rows:
        keys = [k for k in row.cell_keys() if k]
        if not keys:
            continue
        if _is_vertical_fragment(row):
            table.header_vertical_fragments.append(row.lines[0].number)
            continue
        has_values = any(is_value_like(c) and c.text for c in row.cells)
        if not has_values and any(k in tpl.t3_header_keys or k == tpl.t3_balance_note for k in keys):
            # A header row. Checked before labels: the header's 其他 and 总计 would otherwise be
            # taken for the row labels 3.其他 and （七）总计.
            header_seen = True
            table.extra_cols.extend(k for k in keys if k in tpl.t3_subtotal_columns)
            continue
        idx, key = _label_index(row, tpl.t3_labels, tpl.t3_categories)
        fuzzy = False
        if idx < 0 and not has_values:
            continue
        if idx < 0:
            idx, key = _fuzzy_label(row, tpl.t3_labels)
            fuzzy = key is not None
        if key is None and idx >= 0:
            cat = strip_ordinal(row.cells[idx].key)
            if cat == strip_ordinal(text_key(tpl.collapsed_other.label)):
                key = tpl.collapsed_other.key
                table.collapsed_other = True
        pending.append((row, idx, key, fuzzy))
    table.header_found = header_seen

    # Density (§6.4 step 7): in a dense table a blank at the left edge of a value region is a
    # spanned label slot; in a sparse one blanks are values.
    full = 0
    for row, idx, _key, _f in pending:
        values = _value_region(row.cells[idx + 1 :], T3_WIDTH)
        if len(values) >= T3_WIDTH and all(c.text for c in values):
            full += 1
    table.dense = bool(pending) and full * 2 >= len(pending)

    for row, idx, key, fuzzy in pending:
        label, label_span = _label_text(row, idx)
        values = _value_region(row.cells[idx + 1 :], T3_WIDTH)
        if table.dense:
            while values and not values[0].text:
                values = values[1:]
        if key is None:
            out = Row(f"extra:{text_key(label) or '?'}", label, text_key(label), {}, row.span, label_span)
            out.found_values = len(values)
            table.extra_rows.append(out)
            continue
        if key in table.rows:  # the same label twice: keep the first, report the second as extra
            dup = Row(f"extra:{text_key(label)}", label, text_key(label), {}, row.span, label_span)
            table.extra_rows.append(dup)
            continue
        out = Row(key, label, text_key(label), {}, row.span, label_span, fuzzy_label=fuzzy)
        out.found_values = len(values)
        if len(values) == T3_WIDTH:
            out.cells = {col: _make_cell(key, col, v) for col, v in zip(columns, values, strict=True)}
        else:
            out.width_error = True
            if values:
                out.cells = {"total": _make_cell(key, "total", values[-1])}
        table.rows[key] = out

    expected = [r.key for r in tpl.t3_rows]
    if table.collapsed_other:
        expected = [k for k in expected if not k.startswith("other.")]
    table.missing_rows = [k for k in expected if k not in table.rows]
    if table.missing_rows:
        found_positions = [i for i, k in enumerate(expected) if k in table.rows]
        table.truncated = bool(found_positions) and found_positions[-1] < len(expected) - 1
    last = next(reversed(table.rows.values()), None)
    if table.truncated and last is not None and last.width_error:
        # The table stops in the middle of this row (a file cut off in upload or conversion): its
        # right-most value is whichever column came last, not 总计, so nothing of it is checked.
        # GIP008 reports the cut.
        last.cells = {}
        last.width_error = False
    return table


def build_table4(rows: list[RawRow]) -> Table:
    tpl = template()
    table = Table(4, _layout(rows), _region_span(rows))  # type: ignore[arg-type]
    header_seen = False
    value_row: RawRow | None = None
    for row in rows:
        if value_row is None and any(type_cell(c.text)[0] == "number" for c in row.cells):
            value_row = row
            continue
        keys = {c.key for c in row.cells if c.key}
        if value_row is None and keys & tpl.t4_header_keys:
            header_seen = True
    table.header_found = header_seen
    if value_row is None:
        table.missing_rows = [g.key for g in tpl.t4_groups]
        return table
    cells = list(value_row.cells)
    while len(cells) > T4_WIDTH and not cells[-1].text:
        cells.pop()
    if len(cells) > T4_WIDTH:
        cells = cells[-T4_WIDTH:]
    width = len(tpl.t4_columns)
    for g, group in enumerate(tpl.t4_groups):
        chunk = cells[g * width : (g + 1) * width] if len(cells) == T4_WIDTH else []
        row = Row(group.key, group.zh, text_key(group.zh), {}, value_row.span, found_values=len(cells))
        if chunk:
            row.cells = {
                col.key: _make_cell(group.key, col.key, raw)
                for col, raw in zip(tpl.t4_columns, chunk, strict=True)
            }
        else:
            row.width_error = True
        table.rows[group.key] = row
    return table


def build_table2(rows: list[RawRow]) -> Table:
    tpl = template()
    table = Table(2, _layout(rows), _region_span(rows))  # type: ignore[arg-type]
    labels = {k: v[0] for k, v in tpl.t2_rows.items()}
    columns_of = {v[0]: v[1] for v in tpl.t2_rows.values()}
    for row in rows:
        for cell in row.cells:
            k = cell.key
            if not k:
                continue
            if k in tpl.markers_2019:
                table.markers_2019.append((cell.text, cell.span))
            if k in tpl.t2_header_keys or "单位" in k:
                table.header_texts.append((cell.text, cell.span))
        idx = -1
        key: str | None = None
        for i, cell in enumerate(row.cells):
            if cell.key in labels:
                idx, key = i, labels[cell.key]
        fuzzy = False
        if key is None:
            if not any(type_cell(c.text)[0] == "number" for c in row.cells):
                continue  # caption or header row
            idx, key = _fuzzy_label(row, labels)
            fuzzy = key is not None
        label, label_span = _label_text(row, idx)
        if key in table.rows and not fuzzy:
            continue  # a second copy of the table (its part repeated, GIP104), not a row outside the template
        if key is None or key in table.rows:
            table.extra_rows.append(
                Row(f"extra:{text_key(label)}", label, text_key(label), {}, row.span, label_span)
            )
            continue
        cols = columns_of[key]
        values = _value_region(row.cells[idx + 1 :], len(cols))
        out = Row(key, label, text_key(label), {}, row.span, label_span, fuzzy_label=fuzzy)
        out.found_values = len(values)
        if len(values) == len(cols):
            out.cells = {c.key: _make_cell(key, c.key, v) for c, v in zip(cols, values, strict=True)}
        else:
            out.width_error = True
        table.rows[key] = out
    table.missing_rows = [r.key for r in tpl.t2_row_defs if r.key not in table.rows]
    return table


BUILDERS = {2: build_table2, 3: build_table3, 4: build_table4}
