"""What the machine-readable formats share: a deterministic order, paths with forward slashes, and
fingerprints.

The fingerprint is the one baselines use (:mod:`giplint.fingerprint`: path, code and the offending
text, not the line), so GitHub code scanning and GitLab Code Quality keep treating a finding as the
same one after lines are inserted above it, and agree with ``--baseline``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath, PureWindowsPath

from giplint import fingerprint
from giplint.diagnostics import Diagnostic, Severity
from giplint.linter import FileResult

FINGERPRINT_KEY = "giplint/v1"


def ordered(results: list[FileResult]) -> Iterator[tuple[FileResult, Diagnostic]]:
    """Every finding, sorted by path, line, column and code, whatever order the files were linted in."""
    pairs = [(r, d) for r in results for d in r.diagnostics]
    pairs.sort(key=lambda p: (p[1].path or p[0].path, p[1].span.line, p[1].span.column, p[1].code))
    return iter(pairs)


def path_of(result: FileResult, diag: Diagnostic) -> str:
    """The path as given on the command line, with forward slashes (CI systems expect them)."""
    return posix_path(diag.path or result.path)


def posix_path(path: str) -> str:
    if PureWindowsPath(path).drive or "\\" in path:
        return PureWindowsPath(path).as_posix()
    return path


def is_absolute(path: str) -> bool:
    return PurePosixPath(path).is_absolute() or bool(PureWindowsPath(path).drive)


def fingerprints(results: list[FileResult]) -> dict[int, str]:
    """Each finding's fingerprint (:mod:`giplint.fingerprint`, the one baselines use), by ``id(diag)``."""
    out: dict[int, str] = {}
    for result in results:
        out.update(zip(map(id, result.diagnostics), fingerprint.fingerprints(result), strict=True))
    return out


SEVERITY_LABELS = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}
