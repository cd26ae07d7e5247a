"""``--format github``: GitHub Actions workflow commands, shown as annotations on the pull request.

One line per finding::

    ::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE rule-name::message

errors become ``::error``, warnings ``::warning`` and info ``::notice``. ``col``/``endColumn`` are
given only when the span is on one line (GitHub drops columns of multi-line annotations);
``endColumn`` is exclusive like the rest of giplint's spans. Values are escaped as the Actions runner
expects, so a ``,`` or ``::`` in a path or a newline in a message cannot break the command.
"""

from __future__ import annotations

from typing import Any

from giplint.diagnostics import Severity
from giplint.formatters.findings import ordered, path_of
from giplint.linter import FileResult

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: list[FileResult], lang: str = "zh", **_: Any) -> str:
    lines = []
    for result, diag in ordered(results):
        span = diag.span
        props = [("file", path_of(result, diag))]
        label = diag.location(lang)
        message = diag.text(lang)
        if label and diag.origin.line is None:
            # A .docx or .pdf has no lines GitHub could show: a file annotation naming the cell or page.
            message = f"[{label}] {message}"
        else:
            props.append(("line", str(span.line)))
            one_line = span.last_line == span.line
            if one_line:
                props.append(("col", str(span.column)))
            props.append(("endLine", str(span.last_line)))
            if one_line and span.end_column is not None:
                props.append(("endColumn", str(span.end_column)))
        props.append(("title", f"{diag.code} {diag.rule}"))
        head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
        lines.append(f"::{COMMANDS[diag.severity]} {head}::{escape_data(message)}")
    return "".join(line + "\n" for line in lines)
