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
from giplint.rule import Rule

# Below this many files the cost of starting workers (~100 ms each) exceeds the gain.
PARALLEL_THRESHOLD = 16

# What to run on one file: its rules, its configured issuer kind (None: inferred), its size limit.
Plan = tuple[list[Rule], str | None, int]
PlanFor = Callable[[Path], Plan]


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _lint_one(path: Path, plan: Plan) -> FileResult:
    result = lint_path(path, *plan)
    if result.report is not None:
        result.report.tree = None  # the parse tree is not needed after the run and is costly to send back
    return result


def lint_files(paths: Sequence[Path], plan_for: PlanFor, jobs: int | None = None) -> list[FileResult]:
    jobs = default_jobs() if jobs is None or jobs <= 0 else jobs
    work = [(p, plan_for(p)) for p in paths]
    if jobs == 1 or len(work) < PARALLEL_THRESHOLD:
        return [lint_path(p, *plan) for p, plan in work]
    from concurrent.futures import ProcessPoolExecutor  # only for batches: its import costs ~17 ms

    chunk = max(1, len(work) // (jobs * 4))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_lint_one, [p for p, _ in work], [r for _, r in work], chunksize=chunk))
