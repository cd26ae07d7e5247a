"""``--format text``: ``path:line:col  CODE  message``, the source line with the span marked, a summary.

Colour comes from rich and only when writing to a terminal (and NO_COLOR is unset); piped output
is plain text with ``^`` marks, so rich is not even imported then.
"""

from __future__ import annotations

import io
import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any

from giplint.diagnostics import Diagnostic, Severity
from giplint.linter import FileResult

_LABELS = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}
_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _source_excerpt(result: FileResult, diag: Diagnostic) -> tuple[str, str] | None:
    report = result.report
    span = diag.source_span
    if report is None or not (1 <= span.line <= len(report.lines)):
        return None
    text = report.lines[span.line - 1].text.replace("\t", " ")
    start = max(span.column - 1, 0)
    end = span.end_column - 1 if span.end_column and span.last_line == span.line else len(text)
    end = max(min(end, len(text)), start + 1)
    # Long prose lines: show a window around the span so the mark stays on screen.
    left = max(0, start - 30)
    right = min(len(text), max(end, start) + 30)
    shown = ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
    pad = _width(text[left:start]) + (1 if left else 0)
    marks = max(_width(text[start:end]), 1)
    return shown, " " * pad + "^" * marks


def render(
    results: list[FileResult],
    lang: str = "zh",
    color: bool = False,
    show_source: bool = True,
    quiet: bool = False,
    **_: Any,
) -> str:
    """``quiet``: the findings only, no summary line (nothing at all when there are none)."""
    out = io.StringIO()
    write(results, out, lang, color, show_source, quiet)
    return out.getvalue()


def write(
    results: Iterable[FileResult],
    out: IO[str],
    lang: str = "zh",
    color: bool = False,
    show_source: bool = True,
    quiet: bool = False,
) -> None:
    """Each file's findings written as soon as the file is done, then the summary: a batch piped
    into ``head`` or a pager shows its first findings at once, and nothing waits in memory."""
    counts: Counter[Severity] = Counter()
    files = files_with = 0
    for result in results:
        files += 1
        if result.diagnostics:
            files_with += 1
            counts.update(d.severity for d in result.diagnostics)
            _emit(_file_lines(result, lang, show_source), out, color)
    if not quiet:
        _emit([(_summary(files, files_with, counts, lang), "bold")], out, color)


def _file_lines(result: FileResult, lang: str, show_source: bool) -> list[tuple[str, str | None]]:
    lines: list[tuple[str, str | None]] = []  # (text, style)
    for d in result.diagnostics:
        where = d.location(lang)
        head = (
            f"{result.path}:{where}"
            if where and d.origin.line is None
            else f"{result.path}:{d.span.line}:{d.span.column}"
        )
        lines.append(
            (
                f"{head}  {d.code}  {_LABELS[lang][d.severity]}  {d.text(lang)}  [{d.rule}]",
                _STYLES[d.severity],
            )
        )
        if show_source:
            excerpt = _source_excerpt(result, d)
            if excerpt:
                lines.append(("    " + excerpt[0], None))
                lines.append(("    " + excerpt[1], _STYLES[d.severity]))
    return lines


def _emit(lines: list[tuple[str, str | None]], out: IO[str], color: bool) -> None:
    out.write(_colourise(lines) if color else "".join(t + "\n" for t, _ in lines))
    out.flush()


def _summary(n_files: int, files_with: int, counts: Counter[Severity], lang: str) -> str:
    e, w, i = counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]
    if lang == "en":
        if not (e or w or i):
            return f"Checked {n_files} file(s): no problems found."
        return (
            f"Checked {n_files} file(s), {files_with} with findings: {e} error(s), {w} warning(s), {i} info."
        )
    if not (e or w or i):
        return f"已检查 {n_files} 个文件：未发现问题。"
    return f"已检查 {n_files} 个文件，其中 {files_with} 个有问题：错误 {e} 个，警告 {w} 个，提示 {i} 个。"


def _colourise(lines: list[tuple[str, str | None]]) -> str:
    from rich.console import Console
    from rich.text import Text

    console = Console(force_terminal=True, highlight=False, soft_wrap=True)
    with console.capture() as cap:
        for text, style in lines:
            console.print(Text(text, style=style or ""))
    return cap.get()
