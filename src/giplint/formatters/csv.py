"""``--format csv``: one row per finding, for opening in a spreadsheet.

Columns: path, line, column, end_line, end_column, code, rule, severity, message. The returned text
starts with a UTF-8 byte-order mark (U+FEFF) so that Excel and WPS detect UTF-8 and show the Chinese
text correctly: write it with ``encoding="utf-8"`` (NOT ``utf-8-sig``, which would add a second BOM)
and ``newline=""`` (rows end in CRLF as RFC 4180 says; the quoting of fields with newlines relies on
that). Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``) are
prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from giplint.formatters.findings import ordered, path_of
from giplint.linter import FileResult

BOM = "\ufeff"
# `location` names the Word cell or PDF page and line (empty for plain text).
COLUMNS = (
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "rule",
    "severity",
    "message",
    "location",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    # A path of "-" (standard input) is harmless and stays as it is.
    return "'" + text if text.startswith(_FORMULA_START) and text != "-" else text


def render(results: list[FileResult], lang: str = "zh", **_: Any) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for result, diag in ordered(results):
        row = diag.as_dict(lang)
        row["path"] = _cell(path_of(result, diag))
        row["message"] = _cell(row["message"])
        writer.writerow([row.get(c, "") for c in COLUMNS])
    return BOM + buf.getvalue()
