"""giplint benchmark (run by hand, not a test): milliseconds per report by stage, and process start-up.

    python bench/run.py               # generated corpus (+ ../shared/seeds when present)
    python bench/run.py --n 400 --json bench/results/now.json

Prints, per stage, the median and p95 in milliseconds per report over the corpus, the regex "floor"
(read the bytes, decode, run one compiled regex over every line) and the ratio of the full lint to
it; the cost of a 400 KB report against an 8 KB one; the whole command on a directory of 1,000
reports with 1 and 2 worker processes (reports per second, peak memory); then the wall time of
fresh processes: ``giplint --version`` and ``giplint`` on one report.

Run it from an installed venv (``pip install .``): the console script beside the interpreter is
the one timed, and installed modules have their bytecode compiled.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


def _corpus(n: int) -> list[tuple[str, bytes]]:
    from giplint.reportgen import corpus

    items = [(f"gen-{i}.txt", r.text.encode("utf-8")) for i, r in enumerate(corpus(n, seed=1))]
    if SEEDS.is_dir():
        items += [(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("*.txt"))]
    return items


def _time(fn: Callable[[], Any], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def _time_cold(setup: Callable[[], Any], fn: Callable[[Any], Any], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        arg = setup()
        t0 = time.perf_counter()
        fn(arg)
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def scaling(files: list[tuple[str, bytes]]) -> dict[str, float]:
    """The cost of a 400 KB report against an 8 KB one (cost should grow linearly with size)."""
    from giplint.linter import lint_bytes, select_rules
    from giplint.reportgen import generate

    out: dict[str, float] = {}
    typical = generate(3, layout="A", size="typical").text
    big_parts = [generate(3, layout="A", size="large").text]
    # A city's report with long annexes: the large report's prose repeated to about 400 KB.
    prose = "\n".join(ln for ln in big_parts[0].split("\n") if len(ln) > 40 and "\t" not in ln)
    body = big_parts[0].replace(
        "六、其他需要报告的事项",
        prose * max(1, 400_000 // max(len(prose.encode()), 1)) + "\n六、其他需要报告的事项",
        1,
    )
    rules = select_rules()
    small_ms = _time(lambda: lint_bytes(typical.encode(), "t.txt", rules))
    big_ms = _time(lambda: lint_bytes(body.encode(), "b.txt", rules), repeat=2)
    out["8 KB report ms"] = round(small_ms, 2)
    out[f"{len(body.encode()) // 1024} KB report ms"] = round(big_ms, 1)
    out["ratio big / 8 KB"] = round(big_ms / small_ms, 1)
    return out


def _stats(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return {"median": round(statistics.median(values), 4), "p95": round(p95, 4)}


def stage_times(files: list[tuple[str, bytes]]) -> dict[str, dict[str, float]]:
    from giplint.build import build_report
    from giplint.classify import classify
    from giplint.formatters import get as get_formatter
    from giplint.linter import lint_bytes, lint_report, select_rules
    from giplint.loaders.text import decode, split_lines
    from giplint.parser import parse_lines

    rules = select_rules()
    families: dict[str, list] = defaultdict(list)
    for r in rules:
        families[r.family()].append(r)
    render_json = get_formatter("json")
    floor_re = re.compile(r"\d+")
    lint_bytes(files[0][1], "warm-up", rules)  # build parser tables, load template, import rules

    out: dict[str, list[float]] = defaultdict(list)
    for name, data in files:
        out["floor (read+regex)"].append(
            _time(lambda d=data: [floor_re.search(x) for x in d.decode("utf-8").split("\n")])
        )
        out["decode+split"].append(_time(lambda d=data: split_lines(decode(d).text)))
        texts = split_lines(decode(data).text)
        out["classify"].append(_time(lambda t=texts: classify(t)))
        lines, headings = classify(texts)
        out["parse (LALR)"].append(_time(lambda ln=lines: parse_lines(ln)))
        parsed = parse_lines(lines)
        out["model"].append(
            _time(lambda n=name, ln=lines, p=parsed, h=headings: build_report(n, "UTF-8", ln, p, h))
        )
        for fam, fam_rules in sorted(families.items()):
            # A fresh report each time: rules share work through Report.derived(), and a family
            # timed on a report another family already warmed would look cheaper than it is.
            out[f"rules {fam}xx"].append(
                _time_cold(
                    lambda n=name, ln=lines, p=parsed, h=headings: build_report(n, "UTF-8", ln, p, h),
                    lambda r, fr=fam_rules: lint_report(r, fr),
                )
            )
        result = lint_bytes(data, name, rules)
        out["format json"].append(_time(lambda res=result: render_json([res])))
        out["full lint"].append(_time(lambda d=data, n=name: lint_bytes(d, n, rules)))
    return {k: _stats(v) for k, v in out.items()}


def batch(files: list[tuple[str, bytes]], count: int) -> dict[str, float]:
    """The whole command on a directory of ``count`` reports with 1 and 2 worker processes: wall
    time, reports per second and the peak resident memory of the largest process."""
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(count):
            name, data = files[i % len(files)]
            (Path(tmp) / f"{i:05d}-{name}").write_bytes(data)
        for jobs in (1, 2):
            # A fresh interpreter per measurement: RUSAGE_CHILDREN keeps the largest child ever seen.
            probe = (
                "import resource, subprocess, sys, time; t = time.perf_counter(); "
                "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False); "
                "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
            )
            cmd = [*_giplint_command(), "--exit-zero", "-j", str(jobs), tmp]
            done = subprocess.run(
                [sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True
            )
            seconds, peak_kib = done.stdout.split()
            out[f"reports/s with {jobs} job(s)"] = round(count / float(seconds), 1)
            out[f"peak MiB with {jobs} job(s)"] = round(int(peak_kib) / 1024, 1)
    out["speed-up 2 jobs / 1 job"] = round(out["reports/s with 2 job(s)"] / out["reports/s with 1 job(s)"], 2)
    return out


def _giplint_command() -> list[str]:
    beside = Path(sys.executable).parent / "giplint"  # the console script of this venv
    exe = str(beside) if beside.exists() else shutil.which("giplint")
    return [exe] if exe else [sys.executable, "-m", "giplint"]


def startup(one_file: Path, runs: int) -> dict[str, dict[str, float]]:
    base = _giplint_command()
    out = {}
    for label, args in (
        ("giplint --version", ["--version"]),
        ("giplint one report", [str(one_file), "--exit-zero"]),
    ):
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run([*base, *args], capture_output=True, check=False)
            times.append((time.perf_counter() - t0) * 1000)
        out[label] = _stats(times)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=False)
    out["python -c pass"] = {"median": round((time.perf_counter() - t0) * 1000, 1), "p95": 0.0}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=120, help="generated reports in the corpus")
    ap.add_argument("--startup-runs", type=int, default=20)
    ap.add_argument("--batch", type=int, default=1000, help="reports in the whole-command batch")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()

    files = _corpus(args.n)
    sizes = [len(d) for _, d in files]
    print(
        f"corpus: {len(files)} reports, {statistics.median(sizes) / 1024:.1f} KB median, {sum(sizes) / 1024:.0f} KB in all"
    )
    stages = stage_times(files)
    print(f"{'stage':<24}{'median ms':>12}{'p95 ms':>10}")
    for name, s in stages.items():
        print(f"{name:<24}{s['median']:>12.3f}{s['p95']:>10.3f}")
    ratio = stages["full lint"]["median"] / max(stages["floor (read+regex)"]["median"], 1e-9)
    print(f"full lint / floor: {ratio:.1f}x")

    scale = scaling(files[: min(len(files), 60)])
    scale.update(batch(files, args.batch))
    for name, value in scale.items():
        print(f"{name:<28}{value:>10}")

    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.txt"
        one.write_bytes(files[0][1])
        start = startup(one, args.startup_runs)
    print(f"{'process':<24}{'median ms':>12}")
    for name, s in start.items():
        print(f"{name:<24}{s['median']:>12.1f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"stages": stages, "ratio": ratio, "scaling": scale, "startup": start}, indent=2),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
