"""The typed report that rules read. Built once per file by :mod:`giplint.build`; rules never re-parse text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, TypeVar

from giplint.diagnostics import Span
from giplint.textkey import text_key

T = TypeVar("T")

CellStatus = Literal["number", "blank", "placeholder", "text", "missing"]
IssuerKind = Literal["department", "government", "township", "unknown"]


@dataclass(slots=True)
class Line:
    """One line of the decoded file.

    ``text`` is the original text without its line end. ``key`` is the normalised form used for
    every label and title comparison (NFKC, no whitespace, no quotation marks, 其它→其他), computed
    when first asked for: most prose lines never need it.
    ``kind`` is the classifier's one-letter token (see :mod:`giplint.classify`).
    """

    number: int  # 1-based
    text: str
    _key: str | None = None
    kind: str = "P"

    @property
    def key(self) -> str:
        if not self._key and self.text:
            self._key = text_key(self.text)
        return self._key or ""

    def span(self, start: int = 0, end: int | None = None) -> Span:
        """Span of characters ``start:end`` of this line (0-based, end exclusive)."""
        if end is None:
            end = len(self.text)
        return Span(self.number, start + 1, self.number, max(end, start) + 1)

    def stripped_span(self) -> Span:
        text = self.text
        lead = len(text) - len(text.lstrip())
        return self.span(lead, len(text.rstrip()))


@dataclass(slots=True)
class Cell:
    """One table value cell, addressed by its row and column keys."""

    row: str  # row key, e.g. "new", "denied.state_secret", "review"
    col: str  # column key, e.g. "natural", "total", "upheld"
    raw: str
    status: CellStatus
    value: int | Decimal | None  # None unless status == "number"
    span: Span  # where the raw text stands; for a missing cell, the row's line

    @property
    def as_count(self) -> int | Decimal:
        """The value used in arithmetic: blanks and placeholders count as 0 (GIP201 warns)."""
        return self.value if self.value is not None else 0

    @property
    def is_soft(self) -> bool:
        """True when the cell holds no number (blank or placeholder), so a sum over it only warns."""
        return self.status in ("blank", "placeholder")


@dataclass(slots=True)
class Row:
    key: str  # template row key, or "extra:<label>" for a row not in the template
    label: str  # label as written (original text)
    label_key: str  # normalised label
    cells: dict[str, Cell]  # col key -> cell; absent key = the column could not be aligned
    span: Span  # first to last source line of the row
    label_span: Span | None = None
    width_error: bool = False  # fewer values than columns: only the right-most (总计) is trusted
    found_values: int = 0  # how many value cells the row carried
    fuzzy_label: bool = False  # identified by a near match (GIP112)

    def cell(self, col: str) -> Cell | None:
        return self.cells.get(col)


@dataclass(slots=True)
class Table:
    """A standard table (二, 三 or 四) assembled from its text region.

    ``rows`` keeps document order and is keyed by template row key. Sub-tables of table 二 share one
    Table; their rows are keyed ``art20_1.rules`` etc.
    """

    number: int  # 2, 3 or 4
    layout: Literal["A", "B"]
    span: Span
    rows: dict[str, Row] = field(default_factory=dict)
    dense: bool = True
    header_found: bool = True
    header_vertical_fragments: list[int] = field(default_factory=list)  # source lines
    extra_rows: list[Row] = field(default_factory=list)
    extra_cols: list[str] = field(default_factory=list)
    missing_rows: list[str] = field(default_factory=list)
    markers_2019: list[tuple[str, Span]] = field(default_factory=list)
    collapsed_other: bool = False  # table 三 has one （六）其他处理 row instead of three
    truncated: bool = False  # stops before its last expected row (GIP008)
    part: int | None = None  # the part whose heading the table sits under (None: preamble)
    header_texts: list[tuple[str, Span]] = field(default_factory=list)

    def cell(self, row: str, col: str) -> Cell | None:
        r = self.rows.get(row)
        return r.cells.get(col) if r else None

    def value(self, row: str, col: str = "total") -> int | Decimal | None:
        """The arithmetic value of a cell (blank = 0), or None if the cell is absent."""
        c = self.cell(row, col)
        return c.as_count if c is not None else None


@dataclass(slots=True)
class Paragraph:
    """A run of prose on one source line (headings excluded). Parts 1-6; 0 = preamble."""

    part: int
    line: Line
    subsection: str | None = None  # the （一）… title the paragraph sits under

    @property
    def text(self) -> str:
        return self.line.text


@dataclass(slots=True)
class Heading:
    part: int | None  # 1..6, or None for an extra top-level heading (七、附件)
    line: Line
    ordinal: int | None  # the number written (七 = 7); None when unnumbered
    title: str  # the title as written, without the ordinal
    variant: Literal["canonical", "silent", "info", "fuzzy", "extra"]


@dataclass(slots=True)
class Part:
    number: int
    heading: Heading | None
    paragraphs: list[Paragraph] = field(default_factory=list)
    subheadings: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    span: Span | None = None  # heading to the last line before the next part

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass(slots=True)
class Dated:
    date: dt.date
    span: Span


@dataclass(slots=True)
class Period:
    start: dt.date | None
    end: dt.date | None
    years: list[int]
    span: Span
    text: str


@dataclass(slots=True)
class Report:
    path: str
    encoding: str
    lines: list[Line]
    title: Line | None = None
    issuer: str | None = None
    issuer_line: Line | None = None
    issuer_kind: IssuerKind = "unknown"
    issuer_kind_configured: bool = False
    year: int | None = None
    year_from: Literal["title", "period", None] = None
    period: Period | None = None
    preamble: Part = field(default_factory=lambda: Part(0, None))
    parts: dict[int, Part] = field(default_factory=dict)  # only parts whose heading was found
    headings: list[Heading] = field(default_factory=list)  # every top-level heading, in order
    tables: dict[int, Table] = field(default_factory=dict)  # 2, 3, 4 -> the table found
    stray_tables: list[Table] = field(default_factory=list)  # tables that could not be identified
    closing_lines: list[Line] = field(default_factory=list)
    signature: Dated | None = None
    publication_date: dt.date | None = (
        None  # from the file's metadata (a web page's 发布日期), never the text
    )
    layout: Literal["F2021", "F2019", "F2008", "unknown"] = "unknown"
    tree: object | None = None  # the Lark tree, for `giplint parse`
    is_report: bool = True  # False: GIP003, nothing else is checked
    second_report: Line | None = None  # where a second, joined report starts; the model ends there
    # Results that several rules derive from the same report (narrative facts, masked prose, date
    # mentions): computed once per report by `derived()`, instead of once per rule.
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)

    # --- conveniences for rules -------------------------------------------------------------
    @property
    def t2(self) -> Table | None:
        return self.tables.get(2)

    @property
    def t3(self) -> Table | None:
        return self.tables.get(3)

    @property
    def t4(self) -> Table | None:
        return self.tables.get(4)

    def part(self, number: int) -> Part | None:
        return self.parts.get(number)

    def paragraphs(self, *parts: int) -> list[Paragraph]:
        """Prose paragraphs in document order; restricted to the given parts (0 = preamble) if any."""
        chosen = [self.preamble, *(self.parts[k] for k in sorted(self.parts))]
        out = [p for part in chosen for p in part.paragraphs]
        if parts:
            out = [p for p in out if p.part in parts]
        out.sort(key=lambda p: p.line.number)
        return out

    def configure_issuer_kind(self, kind: str) -> None:
        """A configured issuer kind (``issuer-kind``) replaces the inferred one; GIP506 then errs."""
        self.issuer_kind = kind  # type: ignore[assignment]  # validated by the configuration
        self.issuer_kind_configured = True

    def line(self, number: int) -> Line:
        return self.lines[number - 1]

    def derived(self, key: str, compute: Callable[[Report], T]) -> T:
        """``compute(self)``, computed on the first call for ``key`` and kept for the other rules."""
        try:
            return self._derived[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._derived[key] = compute(self)
            return value
