"""giplint fuzzer (run by hand, not a test): hostile and mutated inputs through the whole pipeline.

    python bench/fuzz.py --minutes 20
    python bench/fuzz.py --minutes 60 --seed 7 --slow 2

Every input goes through ``lint_bytes`` and every output format (tests/fulllint.py). Inputs are
the examples, generated reports and ``../shared/seeds`` when present, damaged by the mutators of
tests/mutators.py — lines lost, doubled and swapped, cut uploads, junk and full-width characters,
changed figures, shuffled cells, two reports spliced together, other encodings, flipped bytes —
and rendered as plain text, HTML, DOCX or PDF with tests/htmlrender.py, docxrender.py and
pdfrender.py, the markup and the DOCX XML then mutated in turn.

An input that raises is written to tests/crashers/ (named for what broke: the module, line and
exception; text inputs first shrunk line by line while they still fail the same way) and its
traceback printed; tests/test_fuzz.py replays that directory. An input made from
``../shared/seeds`` goes to ``$TMPDIR/giplint-fuzz-seeded/`` instead: real reports are not copied into
the repository. An input whose lint or any one output
format takes longer than ``--slow`` seconds (per MB, for inputs over 1 MB: the size alone is not
the bug) is saved as tests/crashers/slow-*; after ``--timeout`` seconds it is stopped
(SIGALRM). Each input is also written to ``$TMPDIR/giplint-fuzz-current.*`` before it runs, so
one that kills the interpreter outright is not lost. Prints inputs tried and inputs per second.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import FrameType, TracebackType

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO / "tests")]

import mutators  # noqa: E402
from docxrender import to_docx  # noqa: E402
from fulllint import LANGS, check_result  # noqa: E402
from giplint.formatters import FORMATS, get  # noqa: E402
from giplint.formatters.statistics import render_statistics  # noqa: E402
from giplint.linter import lint_bytes  # noqa: E402
from htmlrender import to_html  # noqa: E402
from pdfrender import to_pdf  # noqa: E402

CRASHERS = REPO / "tests" / "crashers"
CURRENT = Path(tempfile.gettempdir()) / "giplint-fuzz-current"
SEEDED = Path(tempfile.gettempdir()) / "giplint-fuzz-seeded"
KINDS = ["text"] * 10 + ["bytes"] * 2 + ["html"] * 3 + ["docx"] * 3 + ["pdf", "random"]
EXTENSIONS = {
    "text": ".txt",
    "bytes": ".txt",
    "html": ".html",
    "docx": ".docx",
    "pdf": ".pdf",
    "random": ".txt",
}


class Timeout(BaseException):
    """Raised by SIGALRM in the linted input's code (a BaseException, so no ``except Exception`` eats it)."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Timeout


class Inputs:
    """Where inputs come from: a pool of sources (some rendered to DOCX once, which costs 90 ms)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.n_examples = len(mutators.example_texts())
        self.fixed = mutators.example_texts() + mutators.seed_texts()
        self.seeded = False  # whether the input being made holds text of ../shared/seeds
        self.generated: dict[int, str] = {}
        self.docx: dict[int, bytes] = {}

    def source(self) -> str:
        if self.rng.random() < 0.3:
            i = self.rng.randrange(len(self.fixed))
            self.seeded |= i >= self.n_examples
            return self.fixed[i]
        key = self.rng.randrange(200)  # a bounded pool: generation is not free
        if key not in self.generated:
            self.generated[key] = mutators.generated(10_000 + key)
        return self.generated[key]

    def text(self) -> str:
        text = self.source()
        if self.rng.random() < 0.1:
            text = mutators.splice(self.rng, text, self.source())
        return mutators.apply_text(text, self._plan(mutators.TEXT_MUTATORS, 6))

    def _plan(self, table: dict[str, object], most: int) -> list[tuple[str, int]]:
        names = sorted(table)
        return [(self.rng.choice(names), self.rng.randrange(2**32)) for _ in range(self.rng.randint(1, most))]

    def make(self, kind: str) -> bytes:
        rng = self.rng
        if kind == "random":
            if rng.random() < 0.5:
                return rng.randbytes(rng.choice([0, 1, 10, 1000, 100_000]))
            alphabet = "".join(mutators._JUNK) + "一二三四五六七八九十年月日件条项公开申请政府信息"
            return "".join(rng.choice(alphabet) for _ in range(rng.choice([1, 100, 5000]))).encode()
        if kind == "text":
            return mutators.encode(self.text(), "utf-8")
        if kind == "bytes":
            data = mutators.encode(self.text(), rng.choice(mutators.ENCODINGS))
            return mutators.apply_bytes(data, self._plan(mutators.BYTES_MUTATORS, 3))
        if kind == "html":
            page = _render(to_html, self.text(), self.source).decode("utf-8", "surrogatepass")
            page = mutators.apply_text(page, self._plan(mutators.HTML_MUTATORS, 4), mutators.HTML_MUTATORS)
            return mutators.encode(page, "utf-8")
        if kind == "docx":
            if rng.random() < 0.2:
                data = _render(to_docx, self.text(), self.source)
            else:
                key = rng.randrange(len(self.fixed) + 20)
                if key not in self.docx:
                    text = self.fixed[key] if key < len(self.fixed) else mutators.generated(20_000 + key)
                    self.docx[key] = to_docx(text)
                data = self.docx[key]
            data = mutators.mutate_docx(data, self._plan(mutators.DOCX_MUTATORS, 4))
            if rng.random() < 0.1:
                data = mutators.apply_bytes(data, self._plan(mutators.BYTES_MUTATORS, 2))
            return data
        data = _render(to_pdf, self.text(), self.source)
        if rng.random() < 0.3:
            data = mutators.apply_bytes(data, self._plan(mutators.BYTES_MUTATORS, 2))
        return data


def _render(render: Callable[[str], bytes], text: str, fallback: Callable[[], str]) -> bytes:
    """The test renderers expect a report; on text too broken for them, render an unbroken one."""
    try:
        return render(text)
    except Exception:
        return render(fallback())


def signature(exc: BaseException) -> str:
    """What broke: the innermost giplint frame (module and line) and the exception's type."""
    tb: TracebackType | None = exc.__traceback__
    cause = exc.__cause__ or exc
    frames = traceback.extract_tb(cause.__traceback__ or tb)
    ours = [f for f in frames if "/giplint/" in f.filename] or frames
    where = f"{Path(ours[-1].filename).stem}-{ours[-1].lineno}" if ours else "unknown"
    return f"{where}-{type(cause).__name__}"


def run_one(data: bytes, name: str, timeout: float) -> tuple[float, BaseException | None]:
    """The slower of the lint and the slowest single output format (a run renders one), and what
    was raised, if anything. ``timeout`` stops the whole input."""
    signal.setitimer(signal.ITIMER_REAL, timeout)
    stages: list[float] = []
    error: BaseException | None = None
    try:
        t0 = time.perf_counter()
        result = lint_bytes(data, name)
        stages.append(time.perf_counter() - t0)
        check_result(result)
        for fmt in FORMATS:
            for lang in LANGS:
                t0 = time.perf_counter()
                get(fmt)([result], lang=lang)
                stages.append(time.perf_counter() - t0)
        render_statistics([result])
    except BaseException as exc:  # Timeout included: it is reported, not fatal
        if isinstance(exc, KeyboardInterrupt):
            raise
        error = exc
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return max(stages, default=timeout), error


def shrink(data: bytes, name: str, sig: str, timeout: float, budget_s: float = 60.0) -> bytes:
    """Fewer lines that still fail with the same signature (a greedy ddmin over lines; text only)."""
    if not name.endswith(".txt"):
        return data
    lines = data.split(b"\n")
    chunk = max(1, len(lines) // 2)
    deadline = time.monotonic() + budget_s
    while chunk >= 1 and time.monotonic() < deadline:
        i = 0
        while i < len(lines) and time.monotonic() < deadline:
            candidate = lines[:i] + lines[i + chunk :]
            _, err = run_one(b"\n".join(candidate), name, timeout)
            if err is not None and signature(err) == sig:
                lines = candidate
            else:
                i += chunk
        chunk //= 2
    return b"\n".join(lines)


def save(data: bytes, prefix: str, ext: str, seeded: bool) -> Path:
    """Into tests/crashers/, except an input holding text of ../shared/seeds, which must not enter
    the repository: it goes to $TMPDIR/giplint-fuzz-seeded/ to be rewritten with fictional text."""
    folder = SEEDED if seeded else CRASHERS
    folder.mkdir(exist_ok=True)
    path = folder / f"{prefix}-{hashlib.sha256(data).hexdigest()[:8]}{ext}"
    path.write_bytes(data)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=20.0)
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: from the clock)")
    ap.add_argument(
        "--slow",
        type=float,
        default=2.0,
        help="seconds (per MB above 1 MB) after which an input is reported as slow",
    )
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds after which an input is stopped")
    ap.add_argument("--kinds", default=None, help="comma-separated subset of text,bytes,html,docx,pdf,random")
    args = ap.parse_args(argv)

    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    inputs = Inputs(rng)
    kinds = args.kinds.split(",") if args.kinds else KINDS
    signal.signal(signal.SIGALRM, _alarm)
    print(
        f"giplint fuzz: seed {seed}, {args.minutes:g} min, slow > {args.slow:g} s; current input in {CURRENT}.*"
    )

    start = time.monotonic()
    end = start + args.minutes * 60
    tried: Counter[str] = Counter()
    seen: set[str] = set()
    crashes = slow = 0
    last_report = start
    while time.monotonic() < end:
        kind = rng.choice(kinds)
        inputs.seeded = False
        data = inputs.make(kind)
        ext = EXTENSIONS[kind] if rng.random() < 0.9 else rng.choice(list(EXTENSIONS.values()))
        name = f"fuzz{ext}"
        CURRENT.with_suffix(ext).write_bytes(data)
        elapsed, err = run_one(data, name, args.timeout)
        tried[kind] += 1
        if err is not None and not isinstance(err, Timeout):
            sig = signature(err)
            if sig not in seen:
                seen.add(sig)
                crashes += 1
                small = shrink(data, name, sig, args.timeout)
                path = save(small, f"{kind}-{sig}", ext, inputs.seeded)
                print(f"\nCRASH {sig} ({len(data)} → {len(small)} bytes) saved as {path}")
                traceback.print_exception(err)
        elif elapsed > args.slow * max(1.0, len(data) / 1e6) or isinstance(err, Timeout):
            slow += 1
            path = save(data, f"slow-{kind}", ext, inputs.seeded)
            print(f"\nSLOW {elapsed:.1f} s on a {len(data)}-byte {kind} input, saved as {path}")
        now = time.monotonic()
        if now - last_report > 30:
            last_report = now
            total = sum(tried.values())
            print(
                f"{(now - start) / 60:5.1f} min  {total} inputs  {total / (now - start):.1f}/s  "
                f"crashes {crashes}  slow {slow}",
                flush=True,
            )

    duration = time.monotonic() - start
    total = sum(tried.values())
    print(
        f"\ndone: {duration / 60:.1f} min, {total} inputs ({total / duration:.1f}/s), "
        f"{crashes} distinct crashes, {slow} slow inputs"
    )
    print("by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(tried.items())))
    return 1 if crashes or slow else 0


if __name__ == "__main__":
    sys.exit(main())
