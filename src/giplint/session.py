"""One ``giplint check`` run: settings, files, linting, baseline, output, exit status.

The command line only gathers :class:`Options`; everything a run does is here, in order, so that
nothing is linted before every setting and the baseline have been read and validated.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from giplint.config import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, ConfigError, Resolver
from giplint.diagnostics import Severity
from giplint.linter import FileResult

EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2
SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
NOT_REPORTS = frozenset({"README", "CHANGELOG", "CONTRIBUTING", "LICENSE", "LICENCE"})
STDIN = "-"
# Findings that mean giplint itself failed on a file (a rule raised, the time limit, a dead worker):
# the run exits 2 even with --exit-zero, because that file was not fully checked.
RUN_FAILURES = frozenset({"GIP099", "GIP014", "GIP015"})


@dataclass(slots=True)
class Options:
    paths: tuple[str, ...]
    stdin_filename: str | None = None
    config: str | None = None
    isolated: bool = False
    select: str | None = None
    extend_select: str | None = None
    ignore: str | None = None
    lang: str | None = None
    fmt: str | None = None
    output: str | None = None
    statistics: bool = False
    quiet: bool = False
    exit_zero: bool = False
    fail_on: str = "error"
    baseline: str | None = None
    write_baseline: str | None = None
    jobs: int | None = None
    timeout: float | None = None
    force_exclude: bool = False
    no_color: bool = False
    no_source: bool = False
    verbose: bool = False


class UsageError(Exception):
    pass


class RunError(Exception):
    """A file the run depends on (the baseline) cannot be used: exit 2 before linting."""


def _load_baseline(path: str):
    from giplint.baseline import BaselineError, load_baseline

    try:
        return load_baseline(Path(path))
    except BaselineError as exc:
        raise RunError(str(exc)) from exc


def _wanted(name: str) -> bool:
    """In a directory walk: report files only, not README/CHANGELOG notes or hidden files."""
    stem, dot, suffix = name.rpartition(".")
    return (
        bool(dot)
        and f".{suffix.lower()}" in SUFFIXES
        and stem.upper() not in NOT_REPORTS
        and not name.startswith(".")
    )


def _walk(root: Path) -> Iterator[Path]:
    """Report files under ``root``. Symlinked folders are followed, each real folder once, so a
    symlink loop ends; hidden folders are skipped. Anything with a report's name is returned, even
    a FIFO or a dangling link: the file then gets its GIP001 rather than silently disappearing. So
    does a folder that cannot be listed, which is returned itself."""
    unlistable: list[str] = []
    seen: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(
        root, followlinks=True, onerror=lambda e: unlistable.append(e.filename)
    ):
        yield from (Path(f) for f in unlistable)
        unlistable.clear()
        try:
            st = os.stat(folder)
        except OSError:
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if _wanted(name):
                yield Path(folder, name)
    yield from (Path(f) for f in unlistable)


def collect_paths(paths: tuple[str, ...]) -> list[tuple[Path, bool]]:
    """Files to lint, each with whether it was named explicitly (directories are walked), each
    once, sorted by path: the same files give the same output in whatever order they were named."""
    found: dict[str, tuple[Path, bool]] = {}  # absolute path -> (path as shown, named explicitly)

    def add(path: Path, explicit: bool) -> None:
        # One file under two spellings ("r.txt", "./dir/../r.txt", "/abs/r.txt") is one file; the
        # shortest spelling is shown, whichever came first, so the output does not depend on order.
        key = os.path.abspath(path)
        if key in found:
            shown, was_explicit = found[key]
            path = min(shown, path, key=lambda q: (len(str(q)), str(q)))
            explicit = explicit or was_explicit
        found[key] = (path, explicit)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for q in _walk(p):
                add(q, False)
        else:
            add(p, True)
    return sorted(found.values(), key=lambda item: str(item[0]))


def resolver_for(opts: Options) -> Resolver:
    overrides = {
        "select": opts.select,
        "extend-select": opts.extend_select,
        "ignore": opts.ignore,
        "lang": opts.lang,
        "format": opts.fmt,
        "timeout": opts.timeout,
    }
    return Resolver(
        config=Path(opts.config) if opts.config else None, isolated=opts.isolated, overrides=overrides
    )


def run(opts: Options, out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    out = out or sys.stdout  # looked up per call: click's test runner swaps the streams
    err = err or sys.stderr
    from giplint.settings import apply_to_diagnostics, enabled_codes, is_excluded, rules_for

    if not opts.paths:
        raise UsageError("no report given: giplint PATH... (or - for standard input)")
    try:
        resolver = resolver_for(opts)
        from_stdin = opts.paths == (STDIN,)
        named = Path(opts.stdin_filename or "<stdin>") if from_stdin else None
        files = [(named, True)] if named is not None else collect_paths(opts.paths)
        # Every file's settings before any file is linted: nothing runs with half a config.
        settings = {p: resolver.settings_for(p if p.name != "<stdin>" else Path.cwd()) for p, _ in files}
        baseline = _load_baseline(opts.baseline) if opts.baseline else None
    except (ConfigError, RunError) as exc:
        err.write(f"giplint: {exc}\n")
        return EXIT_FAILURE
    files = [(p, e) for p, e in files if not ((opts.force_exclude or not e) and is_excluded(settings[p], p))]
    run_settings = settings[files[0][0]] if files else resolver.settings_for(Path.cwd())
    lang = run_settings.lang or "zh"
    fmt = run_settings.format or "text"

    rule_sets: dict[tuple[int, frozenset[str]], list] = {}

    def plan(path: Path) -> tuple[list, str | None, int, float]:
        s = settings[path]
        # One rule list per distinct settings and rule selection, shared by the files that have
        # them: rules keep no state between reports, and the worker processes receive each list once.
        key = (id(s), enabled_codes(s, path))
        if key not in rule_sets:
            rule_sets[key] = rules_for(s, path)
        return (
            rule_sets[key],
            s.issuer_kind,
            s.max_file_size or DEFAULT_MAX_BYTES,
            s.timeout or DEFAULT_TIMEOUT,
        )

    if named is not None:
        from giplint.runner import lint_stdin

        linted = iter([lint_stdin(sys.stdin.buffer.read(), named, *plan(named))])
    else:
        from giplint.runner import lint_files

        linted = lint_files([p for p, _ in files], plan, opts.jobs)
    by_path = {str(p): p for p, _ in files}
    results: list[FileResult] = []  # findings and their lines only (runner.keep_referenced_lines)

    def finished() -> Iterator[FileResult]:
        for r in linted:
            r.diagnostics = apply_to_diagnostics(settings[by_path[r.path]], by_path[r.path], r.diagnostics)
            if opts.verbose:
                err.write(f"{r.path}: encoding {r.encoding or 'unknown'}\n")
            results.append(r)
            yield r

    if fmt == "text" and not (opts.statistics or opts.output or opts.write_baseline or baseline):
        # Written file by file as the batch goes: `giplint … | head` shows findings at once.
        from giplint.formatters.text import write

        write(finished(), out, lang, _colour(opts, out), not (opts.no_source or opts.quiet), opts.quiet)
        return exit_status(results, opts)

    for _ in finished():
        pass
    if opts.write_baseline:
        from giplint.baseline import write_baseline

        count = write_baseline(results, Path(opts.write_baseline))
        err.write(f"giplint: wrote {count} finding(s) to {opts.write_baseline}\n")
        return EXIT_OK
    shown = results
    if baseline is not None:
        from giplint.baseline import describe_stale

        shown, stale = baseline.filter(results)
        for line in describe_stale(stale, lang):
            err.write(line + "\n")

    _write_output(opts, shown, lang, fmt, out)
    return exit_status(shown, opts)


def _colour(opts: Options, out: IO[str]) -> bool:
    return opts.output is None and not opts.no_color and "NO_COLOR" not in os.environ and out.isatty()


def _write_output(opts: Options, results: list[FileResult], lang: str, fmt: str, out: IO[str]) -> None:
    from giplint import formatters

    if opts.statistics:
        from giplint.formatters.statistics import render_statistics

        text = render_statistics(results, lang)
    else:
        color = fmt == "text" and _colour(opts, out)
        text = formatters.get(fmt)(
            results, lang=lang, color=color, show_source=not (opts.no_source or opts.quiet), quiet=opts.quiet
        )
    if opts.output:
        # newline="": the csv and junit formats choose their own line ends.
        with open(opts.output, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    else:
        out.write(text)


def exit_status(results: list[FileResult], opts: Options) -> int:
    diagnostics = [d for r in results for d in r.diagnostics]
    if any(d.code in RUN_FAILURES for d in diagnostics):
        return EXIT_FAILURE
    if opts.exit_zero:
        return EXIT_OK
    threshold = Severity.WARNING if opts.fail_on == "warning" else Severity.ERROR
    return EXIT_FINDINGS if any(d.severity >= threshold for d in diagnostics) else EXIT_OK
