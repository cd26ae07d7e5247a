"""Linting many files: in this process for a few, in worker processes for a batch.

A pre-commit hook hands one process every staged report (``require_serial: true``), so the
parallelism lives here, as in SQLFluff. Results come back in the order of the input paths,
whatever order the workers finish in, so output is deterministic for any ``--jobs``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from giplint.linter import FileResult, lint_path
from giplint.model import Report
from giplint.rule import Rule

# Below this many files the cost of starting workers (~100 ms each) exceeds the gain.
PARALLEL_THRESHOLD = 16

# What to run on one file: its rules, its configured issuer kind (None: inferred), its size limit.
Plan = tuple[list[Rule], str | None, int]
PlanFor = Callable[[Path], Plan]


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


# The plans of a batch, handed to each worker once when it starts (fork) rather than pickled
# with every file: a plan holds some seventy rule objects.
_PLANS: list[Plan] = []


def _init_worker(plans: list[Plan]) -> None:
    global _PLANS
    _PLANS = plans


def _lint_one(task: tuple[Path, int]) -> FileResult:
    path, plan = task
    return _slim(lint_path(path, *_PLANS[plan]))


def _slim(result: FileResult) -> FileResult:
    """What the parent needs back: the diagnostics and the text lines (for source excerpts and
    fingerprints). Tables, paragraphs and the parse tree would cost more to send than to build."""
    if result.report is not None:
        result.report = Report(result.report.path, result.report.encoding, result.report.lines)
    if result.document is not None:
        result.document.origins = []
    return result


def lint_files(paths: Sequence[Path], plan_for: PlanFor, jobs: int | None = None) -> list[FileResult]:
    jobs = default_jobs() if jobs is None or jobs <= 0 else jobs
    work = [(p, plan_for(p)) for p in paths]
    if jobs == 1 or len(work) < PARALLEL_THRESHOLD:
        return [lint_path(p, *plan) for p, plan in work]
    from concurrent.futures import ProcessPoolExecutor  # only for batches: its import costs ~17 ms

    plans: list[Plan] = []
    index: dict[int, int] = {}
    tasks = []
    for path, plan in work:
        key = id(plan[0])  # rules_for returns the same list object for files with the same settings
        if key not in index:
            index[key] = len(plans)
            plans.append(plan)
        tasks.append((path, index[key]))
    chunk = max(1, len(tasks) // (jobs * 8))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(plans,)) as pool:
        return list(pool.map(_lint_one, tasks, chunksize=chunk))
