"""Baselines: record today's findings once, then report only new ones.

Published reports cannot carry suppression comments, so an agency adopting giplint on a backlog of
old reports records the existing findings in a baseline file (``--write-baseline FILE``) and later
runs (``--baseline FILE``) report only what is not in it.

A finding is keyed by path, code and :mod:`giplint.fingerprint` (the offending text plus an
occurrence index), never by line number: a paragraph inserted above a recorded finding does not
bring it back, while changing the offending text (a different wrong total) does. Each entry absorbs
at most one finding; two identical findings are two entries.

Paths in the file are relative to the baseline's own directory, so the baseline can be committed
next to the reports and used from any working directory. The file is JSON, sorted by path and line,
one key per line, meant to be reviewed in diffs::

    {
      "version": 1,
      "tool": "giplint",
      "entries": [
        {"path": "reports/a.txt", "line": 61, "code": "GIP211", "rule": "t3-outcome-sum",
         "message": "table 三, column …", "fingerprint": "9f2c…"}
      ]
    }

``line`` and ``message`` are for the reader only; matching ignores them.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from giplint.fingerprint import fingerprints, normalise_path
from giplint.linter import FileResult

VERSION = 1
TOOL = "giplint"

# A crash is never "accepted": recording it would hide every later crash in the same file.
NEVER_BASELINED = frozenset({"GIP099"})

_REQUIRED = {"path": str, "code": str, "fingerprint": str}
_OPTIONAL = {"rule": str, "message": str, "line": int}
_KIND_NAMES = {str: "a string", int: "an integer"}


class BaselineError(Exception):
    """A baseline file that cannot be read or written; the message names the file and the reason."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Entry:
    """One recorded finding. ``path`` is as stored: relative to the baseline's directory."""

    path: str
    code: str
    fingerprint: str
    rule: str = ""
    message: str = ""
    line: int | None = None  # when recorded; informational only
    origin: str = field(default="", compare=False)  # the baseline file, for messages

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "code": self.code,
            "rule": self.rule,
            "message": self.message,
            "fingerprint": self.fingerprint,
        }

    @property
    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.path, self.line or 0, self.code, self.fingerprint)


@dataclass(slots=True)
class Baseline:
    path: Path  # the baseline file; entry paths are relative to its directory
    entries: list[Entry]

    @property
    def root(self) -> Path:
        return self.path.resolve().parent

    def filter(self, results: Iterable[FileResult]) -> tuple[list[FileResult], list[Entry]]:
        """``results`` without the findings the baseline records, and the entries that went stale.

        An entry is stale when its file was linted in this run and no finding matched it; entries
        for files outside this run are left alone (neither matched nor stale). The input results
        are not modified.
        """
        root = self.root
        by_file: dict[str, list[Entry]] = {}
        for entry in self.entries:
            by_file.setdefault(normalise_path(root / entry.path, root), []).append(entry)

        # Per linted file, how many of each (code, fingerprint) stayed unmatched. If one file is
        # linted twice in a run, an entry is stale only if neither run matched it.
        unmatched: dict[str, Counter[tuple[str, str]]] = {}
        kept_results: list[FileResult] = []
        for result in results:
            key = normalise_path(result.path, root)
            recorded = by_file.get(key)
            if not recorded:
                kept_results.append(result)
                continue
            pool = Counter((e.code, e.fingerprint) for e in recorded)
            kept = []
            for diag, fp in zip(result.diagnostics, fingerprints(result, root), strict=True):
                if diag.code not in NEVER_BASELINED and pool[(diag.code, fp)] > 0:
                    pool[(diag.code, fp)] -= 1
                else:
                    kept.append(diag)
            kept_results.append(replace(result, diagnostics=kept))
            unmatched[key] = unmatched[key] & pool if key in unmatched else pool

        stale: list[Entry] = []
        for key, pool in unmatched.items():
            for entry in by_file[key]:
                if pool[(entry.code, entry.fingerprint)] > 0:
                    pool[(entry.code, entry.fingerprint)] -= 1
                    stale.append(entry)
        stale.sort(key=lambda e: e.sort_key)
        return kept_results, stale


def entries_for(results: Iterable[FileResult], root: Path) -> list[Entry]:
    """The baseline entries that record ``results``, with paths relative to ``root``, sorted."""
    entries = []
    for result in results:
        path = normalise_path(result.path, root)
        for diag, fp in zip(result.diagnostics, fingerprints(result, root), strict=True):
            if diag.code in NEVER_BASELINED:
                continue
            entries.append(
                Entry(
                    path=path,
                    code=diag.code,
                    fingerprint=fp,
                    rule=diag.rule,
                    message=diag.text("en"),
                    line=diag.span.line,
                )
            )
    entries.sort(key=lambda e: e.sort_key)
    return entries


def write_baseline(results: Iterable[FileResult], path: Path) -> int:
    """Record every finding of ``results`` in ``path`` (replacing it); returns the number of entries."""
    path = Path(path)
    entries = entries_for(results, path.resolve().parent)
    document = {"version": VERSION, "tool": TOOL, "entries": [e.as_dict() for e in entries]}
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    try:
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as exc:
        raise BaselineError(path, f"cannot write the baseline: {exc.strerror or exc}") from exc
    return len(entries)


def load_baseline(path: Path) -> Baseline:
    """Read a baseline written by :func:`write_baseline`; :class:`BaselineError` says what is wrong."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BaselineError(path, "baseline file not found (create it with --write-baseline)") from None
    except OSError as exc:
        raise BaselineError(path, f"cannot read the baseline: {exc.strerror or exc}") from exc
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise BaselineError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(
            path, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    if not isinstance(document, dict):
        raise BaselineError(path, "expected a JSON object with 'version', 'tool' and 'entries'")
    if document.get("tool") != TOOL:
        raise BaselineError(path, f"not a giplint baseline ('tool' is {document.get('tool')!r})")
    if document.get("version") != VERSION:
        raise BaselineError(
            path, f"unsupported baseline version {document.get('version')!r} (this giplint reads {VERSION})"
        )
    items = document.get("entries")
    if not isinstance(items, list):
        raise BaselineError(path, "'entries' must be a list")
    origin = str(path)
    return Baseline(path, [_entry(path, i, item, origin) for i, item in enumerate(items)])


def _entry(path: Path, index: int, item: Any, origin: str) -> Entry:
    where = f"entry {index + 1}"
    if not isinstance(item, dict):
        raise BaselineError(path, f"{where} is not an object")
    for key, kind in _REQUIRED.items():
        if not isinstance(item.get(key), kind) or not item[key]:
            raise BaselineError(path, f"{where} has no valid {key!r}")
    for key, kind in _OPTIONAL.items():
        value = item.get(key)
        # bool is an int in Python; a line of `true` is still a mistake.
        if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
            raise BaselineError(path, f"{where}: {key!r} must be {_KIND_NAMES[kind]}")
    return Entry(
        path=item["path"],
        code=item["code"],
        fingerprint=item["fingerprint"],
        rule=item.get("rule") or "",
        message=item.get("message") or "",
        line=item.get("line"),
        origin=origin,
    )


def describe_stale(entries: Iterable[Entry], lang: str = "zh") -> list[str]:
    """One line per stale entry, naming the baseline file, the code, the file and the recorded line."""
    lines = []
    for e in entries:
        origin = e.origin or "baseline"
        if lang == "en":
            where = f" (line {e.line} when recorded)" if e.line is not None else ""
            lines.append(
                f"{origin}: entry {e.code} for {e.path}{where} no longer matches"
                " — remove it or re-run --write-baseline"
            )
        else:
            where = f"，记录时第 {e.line} 行" if e.line is not None else ""
            lines.append(
                f"{origin}：基线条目 {e.code}（{e.path}{where}）已不再匹配——请删除该条目或重新运行 --write-baseline"
            )
    return lines
