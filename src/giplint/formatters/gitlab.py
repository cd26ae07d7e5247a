"""``--format gitlab``: a GitLab Code Quality report (a JSON array), for ``artifacts:reports:codequality``.

Each issue has the keys GitLab requires: ``description``, ``check_name``, ``fingerprint``,
``severity`` (one of info, minor, major, critical, blocker) and ``location`` with ``path`` and
``lines.begin``. The path is made relative to the current directory when it is an absolute path
inside it, because GitLab matches it against the repository's files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from giplint.diagnostics import Severity
from giplint.formatters.findings import fingerprints, is_absolute, ordered, path_of
from giplint.linter import FileResult

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _relative(path: str) -> str:
    if is_absolute(path):
        try:
            return Path(path).relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path
    return path.removeprefix("./")


def render(results: list[FileResult], lang: str = "zh", **_: Any) -> str:
    prints = fingerprints(results)
    issues = []
    for result, diag in ordered(results):
        issues.append(
            {
                "type": "issue",
                "description": f"{diag.code} {diag.text(lang)}",
                "check_name": diag.code,
                "fingerprint": prints[id(diag)],
                "severity": SEVERITIES[diag.severity],
                "location": {
                    "path": _relative(path_of(result, diag)),
                    "lines": {"begin": diag.span.line, "end": diag.span.last_line},
                },
                "engine_name": "giplint",
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
