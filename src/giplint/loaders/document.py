"""What every loader produces: the report as text lines, and where each piece came from.

The parser consumes plain text lines (prose one paragraph a line; a table one row a line, cells
separated by TAB — layout B of the format reference §6.2), so every input format is reduced to
that, and every rule works unchanged on every format. Each line keeps a list of segments saying
where its characters came from in the original file, so that a finding can be reported where a
person can find it: a line and column of an HTML source, a paragraph or table cell of a Word
document, a page and line of a PDF.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Origin:
    """A place in the original file.

    ``line``/``column`` (1-based) when the file has lines a person can open (text, HTML source);
    ``label`` always for formats without them: ``第12段`` (paragraph 12), ``表3 第12行 第2列``
    (table 3, row 12, column 2), ``第3页 第14行`` (page 3, line 14). English labels are derived.
    """

    line: int | None = None
    column: int | None = None
    label: str | None = None
    label_en: str | None = None


@dataclass(slots=True)
class Document:
    """A loaded report.

    ``lines[i]`` is the i-th text line handed to the parser. ``origins[i]`` lists ``(start, origin)``
    pairs sorted by ``start``: characters from column ``start`` (0-based) of line i on, up to the next
    pair, came from ``origin``. A line with no pairs maps to nothing more precise than the file.
    """

    lines: list[str]
    origins: list[list[tuple[int, Origin]]]
    kind: str  # "text" | "html" | "docx" | "pdf"
    description: str  # shown by -v: "UTF-8", "HTML (GB18030)", "DOCX", "PDF, 12 pages"
    metadata: dict[str, str] = field(default_factory=dict)  # e.g. {"publication_date": "2022-02-08"}
    dropped: list[tuple[str, Origin]] = field(default_factory=list)  # page furniture removed (GIP009)

    def origin_at(self, line: int, column: int = 1) -> Origin | None:
        """The origin of 1-based ``line``/``column`` of :attr:`lines`."""
        if not 1 <= line <= len(self.origins):
            return None
        pairs = self.origins[line - 1]
        if not pairs:
            return None
        starts = [s for s, _ in pairs]
        i = bisect.bisect_right(starts, column - 1) - 1
        return pairs[max(i, 0)][1]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class LoadError(Exception):
    """The file cannot be turned into report text. ``code`` is the GIP0xx code to report."""

    def __init__(self, code: str, reason_zh: str, reason_en: str) -> None:
        super().__init__(reason_en)
        self.code = code
        self.reason_zh = reason_zh
        self.reason_en = reason_en


class LineBuilder:
    """Builds a Document line by line; loaders append text pieces with their origins."""

    def __init__(self, kind: str, description: str) -> None:
        self.doc = Document([], [], kind, description)

    def paragraph(self, text: str, origin: Origin) -> None:
        text = " ".join(text.split("\n")).strip()
        if text:
            self.doc.lines.append(text)
            self.doc.origins.append([(0, origin)])

    def row(self, cells: list[tuple[str, Origin]]) -> None:
        """One table row: cell texts joined by TAB; each cell keeps its own origin."""
        parts: list[str] = []
        pairs: list[tuple[int, Origin]] = []
        at = 0
        for text, origin in cells:
            clean = " ".join(text.replace("\t", " ").split())
            pairs.append((at, origin))
            parts.append(clean)
            at += len(clean) + 1
        if any(parts):
            line = "\t".join(parts)
            if line.startswith("\t") and "\t" not in line[1:]:
                line += "\t"  # "\tX" alone would read as a layout-A cell line, not a table row
            self.doc.lines.append(line)
            self.doc.origins.append(pairs)

    def blank(self) -> None:
        if self.doc.lines and self.doc.lines[-1] != "":
            self.doc.lines.append("")
            self.doc.origins.append([])
