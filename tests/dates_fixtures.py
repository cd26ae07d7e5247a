"""Valid fictional reports (from :mod:`giplint.reportgen`) and small edits for the GIP5xx tests."""

from __future__ import annotations

from collections.abc import Callable

from giplint.diagnostics import Diagnostic
from giplint.linter import lint_text, parse_text
from giplint.model import Report
from giplint.reportgen import generate


class Doc:
    """A generated valid report as editable lines, linted on demand."""

    def __init__(self, kind: str = "department", year: int = 2024, seed: int = 7) -> None:
        generated = generate(seed, year=year, issuer_kind=kind, layout="B", size="small")
        self.year = year
        self.issuer = generated.issuer
        self.lines = generated.text.split("\n")

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def number(self, match: Callable[[str], bool] | str) -> int:
        """1-based number of the first line that contains ``match`` (or satisfies it)."""
        test = match if callable(match) else (lambda text: match in text)
        for i, text in enumerate(self.lines, 1):
            if test(text):
                return i
        raise LookupError(f"no line matches {match!r}")

    def replace(self, match: Callable[[str], bool] | str, new: str) -> int:
        n = self.number(match)
        self.lines[n - 1] = new
        return n

    def insert_after(self, match: Callable[[str], bool] | str, new: str) -> int:
        """Insert ``new`` as a paragraph after the matching line; returns its line number."""
        n = self.number(match)
        self.lines[n:n] = ["", new]
        return n + 2

    def under(self, ordinal: str, new: str) -> int:
        """Insert ``new`` as the first paragraph of the part headed ``ordinal、``; returns its line."""
        return self.insert_after(lambda text: text.startswith(ordinal + "、"), new)

    def signature_line(self) -> int:
        return max(i for i, text in enumerate(self.lines, 1) if text.strip())

    def lint(self, code: str) -> list[Diagnostic]:
        return [d for d in lint_text(self.text) if d.code == code]

    def report(self) -> Report:
        return parse_text(self.text)
