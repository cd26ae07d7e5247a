"""giplint benchmark (run by hand, not a test): milliseconds per report by stage, and process start-up.

    python bench/run.py               # generated corpus (+ ../shared/seeds when present)
    python bench/run.py --n 400 --json bench/results/now.json

Prints, per stage, the median and p95 in milliseconds per report over the corpus, the regex "floor"
(read the bytes, decode, run one compiled regex over every line) and the ratio of the full lint to
it, then the wall time of fresh processes: ``giplint --version`` and ``giplint`` on one report.
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
        report = build_report(name, "UTF-8", lines, parsed, headings)
        for fam, fam_rules in sorted(families.items()):
            out[f"rules {fam}xx"].append(_time(lambda r=report, fr=fam_rules: lint_report(r, fr)))
        result = lint_bytes(data, name, rules)
        out["format json"].append(_time(lambda res=result: render_json([res])))
        out["full lint"].append(_time(lambda d=data, n=name: lint_bytes(d, n, rules)))
    return {k: _stats(v) for k, v in out.items()}


def startup(one_file: Path, runs: int) -> dict[str, dict[str, float]]:
    beside = Path(sys.executable).parent / "giplint"  # the console script of this venv
    exe = str(beside) if beside.exists() else shutil.which("giplint")
    base = [exe] if exe else [sys.executable, "-m", "giplint"]
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
            json.dumps({"stages": stages, "ratio": ratio, "startup": start}, indent=2), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
