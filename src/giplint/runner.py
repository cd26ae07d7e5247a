"""Linting many files: in this process for a few, in worker processes for a batch.

Whatever happens to one file, every path gets exactly one result, and results come out in the
order the paths were given, so output is the same for any ``--jobs``:

- a file that takes longer than its time limit gets GIP014 (the interval timer stops Python code;
  the parent also kills a worker that overruns, for code the timer cannot stop);
- a worker process that dies (killed, out of memory, a crash in a C library) costs the file it
  was checking, which gets GIP015; the file queued behind it goes back to the others, and a new
  worker takes its place;
- each result keeps only the lines its findings point at, so memory follows the largest file and
  the number of findings, not the size of the batch.

A pre-commit hook hands one process every staged report (``require_serial: true``), so the
parallelism lives here, as in SQLFluff. The parent sends each worker its files over its own pipe, two
at a time, and since a worker checks them in order the parent always knows which file it is on: that
is what lets a crash or a hang be charged to that file, which ``concurrent.futures`` cannot do once
its pool is broken. With one process (``-j 1``, or under 16 files) only the timer guards: a hang
inside C code, which no pattern of giplint's should cause, is not stopped there.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from giplint.diagnostics import Bi, Span
from giplint.limits import DEFAULT_TIMEOUT
from giplint.linter import FileResult, lint_path
from giplint.model import Line, Report
from giplint.rule import Rule
from giplint.rules.input import InternalError, TimeLimit, WorkerCrashed
from giplint.timelimit import TimeLimitExceeded, time_limit

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

# Below this many files the cost of starting workers (~100 ms each) exceeds the gain.
PARALLEL_THRESHOLD = 16
# Results a worker may run ahead of the oldest unfinished file, per worker: bounds what waits in
# memory to be written out behind one slow file.
WINDOW_PER_WORKER = 32
# Files sent ahead to each worker, so it never waits for the parent between two files. The parent
# still knows which file a worker is on: the first of its queue, as it checks them in order.
QUEUE_PER_WORKER = 2
# The parent kills a worker this long after the file's own limit: the worker's timer should have
# fired already, so only code the timer cannot interrupt gets here.
GRACE_SECONDS = 5.0

# What to run on one file: its rules, its configured issuer kind (None: inferred), its size limit
# in bytes and its time limit in seconds.
Plan = tuple[list[Rule], str | None, int, float]
PlanFor = Callable[[Path], Plan]


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def lint_files(paths: Sequence[Path], plan_for: PlanFor, jobs: int | None = None) -> Iterator[FileResult]:
    """One result per path, in the order of ``paths``, each yielded as soon as it and every result
    before it are ready."""
    jobs = default_jobs() if jobs is None or jobs <= 0 else jobs
    if jobs == 1 or len(paths) < PARALLEL_THRESHOLD:
        for path in paths:
            yield lint_one(path, *plan_for(path))
        return
    yield from _Pool(paths, plan_for, jobs).results()


def lint_one(
    path: Path, rules: list[Rule], issuer_kind: str | None, max_bytes: int, timeout: float
) -> FileResult:
    try:
        with time_limit(timeout):
            result = lint_path(path, rules, issuer_kind, max_bytes)
    except TimeLimitExceeded:
        return timed_out(path, timeout)
    return keep_referenced_lines(result)


def lint_stdin(
    data: bytes, named: Path, rules: list[Rule], issuer_kind: str | None, max_bytes: int, timeout: float
) -> FileResult:
    from giplint.linter import lint_bytes

    try:
        with time_limit(timeout):
            result = lint_bytes(data, str(named), rules, issuer_kind, max_bytes)
    except TimeLimitExceeded:
        return timed_out(named, timeout)
    return keep_referenced_lines(result)


def unsendable(path: Path, result: FileResult, exc: Exception) -> FileResult:
    """A worker's result that cannot be sent back: GIP099 names the rules whose findings it held."""
    rules = ", ".join(sorted({d.code for d in result.diagnostics})) or "?"
    error = f"{type(exc).__name__}: {exc}"
    return FileResult(str(path), [InternalError().at_path(str(path), Span(1), rule=rules, error=error)])


def timed_out(path: Path, timeout: float) -> FileResult:
    return FileResult(str(path), [TimeLimit().at_path(str(path), Span(1), seconds=f"{timeout:g}")])


def crashed(path: Path, exitcode: int | None) -> FileResult:
    if exitcode is not None and exitcode < 0:
        import signal

        try:
            reason = f"{signal.Signals(-exitcode).name}"
        except ValueError:
            reason = f"signal {-exitcode}"
        text = Bi(f"被信号 {reason} 终止", f"killed by {reason}")
    else:
        text = Bi(f"退出码 {exitcode}", f"exit code {exitcode}")
    return FileResult(str(path), [WorkerCrashed().at_path(str(path), Span(1), reason=text)])


class KeptLines(Sequence[Line]):
    """A report's lines with only those that findings point at kept; the others were dropped.

    Output and baselines read a finding's own lines (its excerpt and fingerprint); holding every
    line of every file until the batch is written would make memory grow with the batch.
    """

    def __init__(self, lines: Sequence[Line], numbers: set[int]) -> None:
        self._count = len(lines)
        self._kept = {n: lines[n - 1] for n in numbers if 1 <= n <= self._count}

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Line]:
        return iter(self._kept[n] for n in sorted(self._kept))

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        number = index + 1 if index >= 0 else self._count + index + 1
        try:
            return self._kept[number]
        except KeyError:
            raise IndexError(f"line {number} was not kept: no finding points at it") from None


def keep_referenced_lines(result: FileResult) -> FileResult:
    """What output needs of a result: its findings and the lines they point at. The model, the
    parse tree and the document's origins (already applied to the findings) are dropped."""
    if result.report is not None:
        numbers: set[int] = set()
        for d in result.diagnostics:
            # source_span: the place in the text read, also for HTML/DOCX/PDF findings whose
            # span was moved to the original file (linter.locate).
            numbers.update(range(d.source_span.line, d.source_span.last_line + 1))
        lines = KeptLines(result.report.lines, numbers)
        result.report = Report(result.report.path, result.report.encoding, lines)  # type: ignore[arg-type]
    result.document = None  # the extracted text and origins, already applied to the findings
    return result


# --- worker processes -----------------------------------------------------------------------------


def _serve(conn: Connection, plans: list[Plan]) -> None:
    """A worker's loop: one file at a time, until the parent sends None or goes away."""
    import signal

    # Ctrl-C reaches the whole process group: the parent stops the workers itself, so they must not
    # each print a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if task is None:
            return
        index, path, plan = task
        result = lint_one(path, *plans[plan])
        try:
            conn.send((index, result))
        except (BrokenPipeError, EOFError):
            return  # the parent is gone
        except Exception as exc:  # a plugin's finding that cannot be pickled, say
            conn.send((index, unsendable(path, result, exc)))


class _Worker:
    def __init__(self, ctx: Any, plans: list[Plan]) -> None:
        parent_end, child_end = ctx.Pipe()
        self.process: BaseProcess = ctx.Process(target=_serve, args=(child_end, plans), daemon=True)
        self.process.start()
        child_end.close()
        self.conn: Connection = parent_end
        # The files sent, in order: the worker checks them one after another, so the first is the
        # one it is on, since ``started``.
        self.queue: deque[int] = deque()
        self.started = 0.0

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):  # already dead, or the pipe already closed
            self.conn.send(None)
        self.process.join(timeout=1)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class _Pool:
    def __init__(self, paths: Sequence[Path], plan_for: PlanFor, jobs: int) -> None:
        import multiprocessing

        self.paths = paths
        self.ctx = multiprocessing.get_context()
        # One plan per distinct rule list (files with the same settings share it): each worker
        # receives the plans once when it starts, not with every file.
        self.plans: list[Plan] = []
        index: dict[tuple[int, str | None, int, float], int] = {}
        self.plan_of: list[int] = []
        for path in paths:
            plan = plan_for(path)
            key = (id(plan[0]), plan[1], plan[2], plan[3])
            if key not in index:
                index[key] = len(self.plans)
                self.plans.append(plan)
            self.plan_of.append(index[key])
        self.jobs = min(jobs, len(paths))

    def _limit(self, i: int) -> float:
        return self.plans[self.plan_of[i]][3] or DEFAULT_TIMEOUT

    def results(self) -> Iterator[FileResult]:
        from multiprocessing.connection import wait

        todo = deque(range(len(self.paths)))
        done: dict[int, FileResult] = {}
        next_out = 0
        window = self.jobs * WINDOW_PER_WORKER
        workers = [_Worker(self.ctx, self.plans) for _ in range(self.jobs)]

        def fill(worker: _Worker) -> None:
            while len(worker.queue) < QUEUE_PER_WORKER and todo and todo[0] < next_out + window:
                i = todo[0]
                try:
                    worker.conn.send((i, self.paths[i], self.plan_of[i]))
                except OSError:
                    if worker.queue:
                        return  # it died on a file it holds: the next wait() charges that file
                    # It died between two files: no file is charged with it.
                    worker.stop()
                    workers[workers.index(worker)] = worker = _Worker(self.ctx, self.plans)
                    continue
                todo.popleft()
                if not worker.queue:
                    worker.started = time.monotonic()
                worker.queue.append(i)

        def fail(worker: _Worker, result: FileResult) -> None:
            """The worker's current file gets ``result``; the files queued behind it go back."""
            done[worker.queue.popleft()] = result
            back = sorted([*todo, *worker.queue])
            todo.clear()
            todo.extend(back)
            worker.queue.clear()
            worker.stop()
            workers[workers.index(worker)] = fresh = _Worker(self.ctx, self.plans)
            fill(fresh)

        def deadline(worker: _Worker) -> float:
            return worker.started + self._limit(worker.queue[0]) + GRACE_SECONDS

        try:
            while next_out < len(self.paths):
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
                for w in workers:
                    fill(w)
                busy = [w for w in workers if w.queue]
                if not busy:
                    continue
                timeout = max(0.0, min(deadline(w) for w in busy) - time.monotonic())
                ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
                for w in busy:
                    if w.conn in ready or w.process.sentinel in ready:
                        try:
                            while w.queue and w.conn.poll():
                                got, result = w.conn.recv()
                                assert got == w.queue[0], "a worker answers its files in order"
                                done[got] = result
                                w.queue.popleft()
                                w.started = time.monotonic()
                        except (EOFError, OSError):
                            # Its end of the pipe is gone: dead, or as good as dead.
                            w.process.kill()
                        if w.queue and not w.process.is_alive():
                            w.process.join(timeout=1)
                            fail(w, crashed(self.paths[w.queue[0]], w.process.exitcode))
                    elif time.monotonic() > deadline(w):
                        w.process.kill()
                        fail(w, timed_out(self.paths[w.queue[0]], self._limit(w.queue[0])))
        finally:
            for w in workers:
                if w.queue:
                    w.process.kill()
                w.stop()
