"""A stable identity for a finding that survives edits elsewhere in the report.

Baselines, SARIF ``partialFingerprints`` and GitLab Code Quality all need to recognise "the same
finding" across runs after the report has been edited. Line numbers cannot serve: a paragraph
added to part 一 moves every later finding. A fingerprint is instead the SHA-256 (first 32 hex
digits) of:

- the file's path, relative to a root (the baseline's directory, or the current directory),
  with forward slashes, so it does not depend on the machine or the working directory;
- the rule code;
- the offending text: the characters the diagnostic's span covers in the original text,
  whitespace-normalised (every run of whitespace, including U+3000 and TABs, becomes one space;
  leading and trailing whitespace is dropped). So re-flowing a layout-B row, or converting a
  TAB to spaces, keeps the fingerprint, while changing a wrong figure (``61`` to ``62``) does not.
  When there is no report model (an unreadable file) or the span covers no characters, the
  English message stands in, since that is the most specific description left;
- an occurrence index: the n-th finding with the same path, code and text in document order, so
  two identical findings in one file (the same wrong figure in two cells) get distinct
  fingerprints. Consumers that need one fingerprint per finding should call :func:`fingerprints`
  on the whole result rather than :func:`fingerprint` per diagnostic.

The fingerprint deliberately ignores severity (a config may override it) and the message wording
(translations change); it depends only on the standard library and the diagnostic types.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from giplint.diagnostics import Diagnostic
    from giplint.linter import FileResult

# Bumped if the recipe changes, so an old fingerprint can never collide with a new one by accident.
_RECIPE = "giplint-fp-1"
_WHITESPACE = re.compile(r"\s+")  # \s in Python's str regexes covers U+3000 and NBSP


def normalise_path(path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> str:
    """``path`` relative to ``root`` (default: the current directory), with forward slashes.

    Both sides are resolved, so ``./a.txt``, ``a.txt`` and an absolute path name the same file;
    a path on another drive (Windows) stays absolute.
    """
    base = Path(root if root is not None else Path.cwd()).resolve()
    # The folders are resolved, not the file: a file that is a symlink keeps its own name, and one
    # that points at itself (a loop, reported as GIP001) cannot make resolution fail.
    target = Path(path).parent.resolve() / Path(path).name
    try:
        rel = os.path.relpath(target, base)
    except ValueError:  # different drives: no relative path exists
        rel = str(target)
    return unicodedata.normalize("NFC", rel.replace(os.sep, "/"))


def offending_text(result: FileResult, diag: Diagnostic) -> str:
    """The whitespace-normalised text under ``diag``'s span, or ``""`` when there is none."""
    report = result.report
    if report is None:
        return ""
    span = diag.source_span
    lines = report.lines
    first, last = span.line, span.last_line
    if span.end_column is None or not 1 <= first <= last <= len(lines):
        return ""
    pieces = []
    for number in range(first, last + 1):
        text = lines[number - 1].text
        start = span.column - 1 if number == first else 0
        end = span.end_column - 1 if number == last else len(text)
        pieces.append(text[start:end])
    return _squash("\n".join(pieces))


def _squash(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def _content(result: FileResult, diag: Diagnostic) -> str:
    return offending_text(result, diag) or _squash(diag.text("en"))


def _digest(path: str, code: str, content: str, occurrence: int) -> str:
    payload = "\0".join((_RECIPE, path, code, content, str(occurrence)))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def fingerprints(result: FileResult, root: str | os.PathLike[str] | None = None) -> list[str]:
    """One fingerprint per diagnostic of ``result``, in the order of ``result.diagnostics``.

    Occurrence indices count identical (code, text) findings in that order, which is document
    order for results from :mod:`giplint.linter`.
    """
    path = normalise_path(result.path, root)
    seen: dict[tuple[str, str], int] = {}
    out = []
    for diag in result.diagnostics:
        key = (diag.code, _content(result, diag))
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        out.append(_digest(path, key[0], key[1], occurrence))
    return out


def fingerprint(result: FileResult, diag: Diagnostic, root: str | os.PathLike[str] | None = None) -> str:
    """The fingerprint of one diagnostic of ``result`` (hex).

    ``diag`` should be one of ``result.diagnostics`` (compared by identity) for its occurrence
    index to be counted; a diagnostic that is not in the list gets occurrence 0. Quadratic when
    called for every diagnostic: use :func:`fingerprints` for that.
    """
    key = (diag.code, _content(result, diag))
    occurrence = 0
    for other in result.diagnostics:
        if other is diag:
            break
        if other.code == key[0] and _content(result, other) == key[1]:
            occurrence += 1
    else:
        occurrence = 0
    return _digest(normalise_path(result.path, root), key[0], key[1], occurrence)
