"""What a rule reports: severities, source spans, bilingual messages and diagnostics."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """Ordered so that ``max()`` over a file's diagnostics gives the worst one."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.strip().upper()]


INFO, WARNING, ERROR = Severity.INFO, Severity.WARNING, Severity.ERROR

LANGS = ("zh", "en")


@dataclass(frozen=True, slots=True)
class Bi:
    """A term that has to be shown in the reader's language (a column name, a table name)."""

    zh: str
    en: str

    def __str__(self) -> str:  # pragma: no cover - only reached by mistake
        return self.zh

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True, slots=True)
class Message:
    """A message template in Chinese and English; ``{name}`` fields are filled per diagnostic."""

    zh: str
    en: str

    def render(self, lang: str, params: dict[str, Any]) -> str:
        template = self.en if lang == "en" else self.zh
        if not params:
            return template
        return template.format(**{k: _localise(v, lang) for k, v in params.items()})


def _localise(value: Any, lang: str) -> Any:
    if isinstance(value, Bi):
        return value.get(lang)
    if isinstance(value, list | tuple):
        sep = ", " if lang == "en" else "、"
        return sep.join(str(_localise(v, lang)) for v in value)
    return value


@dataclass(frozen=True, slots=True)
class Span:
    """A region of the original file: 1-based lines, 1-based columns counted in characters.

    ``end_column`` is exclusive, as in SARIF and most editors.
    """

    line: int
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None

    @property
    def last_line(self) -> int:
        return self.end_line if self.end_line is not None else self.line


@dataclass(slots=True)
class Diagnostic:
    """A finding. ``span`` is where it is reported, in the original file's lines and columns.

    For a file that is not plain text, ``text_span`` is where it stands in the text the report was
    read as (the lines ``giplint parse`` shows; source excerpts and fingerprints use it), and
    ``origin`` names the place in the original file — a table cell of a Word document, a page and
    line of a PDF. For DOCX and PDF ``span`` stays in the extracted text, since those files have no
    lines a person can open; ``origin`` is what a person looks for.
    """

    path: str
    span: Span
    code: str
    rule: str
    severity: Severity
    message: Message
    params: dict[str, Any] = field(default_factory=dict)
    text_span: Span | None = None
    origin: Any = None  # giplint.loaders.document.Origin; Any keeps this module free of loader imports

    def text(self, lang: str = "zh") -> str:
        return self.message.render(lang, self.params)

    @property
    def source_span(self) -> Span:
        """The span in the text the rules read (report.lines)."""
        return self.text_span if self.text_span is not None else self.span

    def location(self, lang: str = "zh") -> str | None:
        """A logical location for people (``表3 第12行 第2列``), when the file has no usable lines."""
        if self.origin is None:
            return None
        label = self.origin.label_en if lang == "en" and self.origin.label_en else self.origin.label
        return label or None

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.line, self.span.column, self.code)

    def as_dict(self, lang: str = "zh") -> dict[str, Any]:
        span = self.span
        return {
            "path": self.path,
            "line": span.line,
            "column": span.column,
            "end_line": span.last_line,
            "end_column": span.end_column if span.end_column is not None else span.column,
            "code": self.code,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.text(lang),
            **({"location": loc} if (loc := self.location(lang)) else {}),
        }
