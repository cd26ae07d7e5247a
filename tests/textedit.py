"""Small helpers for tests that start from a valid generated report and break one thing."""

from __future__ import annotations

from giplint.diagnostics import Diagnostic
from giplint.linter import lint_text
from giplint.reportgen import generate


def valid(layout: str = "B", seed: int = 11, **kw: object) -> list[str]:
    return generate(seed, layout=layout, **kw).text.split("\n")  # type: ignore[arg-type]


def find(lines: list[str], needle: str, start: int = 0) -> int:
    """0-based index of the first line at or after ``start`` containing ``needle``."""
    for i in range(start, len(lines)):
        if needle in lines[i]:
            return i
    raise AssertionError(f"{needle!r} not in report")


def lint(lines: list[str]) -> list[Diagnostic]:
    return lint_text("\n".join(lines))


def codes_at(diags: list[Diagnostic], code: str) -> list[int]:
    return [d.span.line for d in diags if d.code == code]


def row_values(line: str) -> tuple[list[str], list[str]]:
    """A layout-B row split into its label cells and its (last seven or fewer) value cells."""
    cells = line.split("\t")
    while cells and cells[-1] == "":
        cells.pop()
    i = len(cells)
    while i > 0 and cells[i - 1].strip().lstrip("-").replace(".", "").isdigit():
        i -= 1
    return cells[:i], cells[i:]


def set_value(line: str, index: int, value: str) -> str:
    """Replace value ``index`` (0-based, from the left of the value cells) of a layout-B row."""
    labels, values = row_values(line)
    values[index] = value
    return "\t".join(labels + values)
