"""Every regular expression of giplint runs in linear time on hostile text, and so does a 1 MB line.

The patterns are found, not listed: every module of giplint is imported and the whole pipeline
run on a few reports (so that patterns built from rules/*.toml on first use exist), then every
:class:`giplint.lazyregex.LazyPattern` alive and every compiled pattern reachable from giplint's
modules (globals, class attributes, closures, ``functools.cache`` results) is collected.

For each pattern, adversarial strings are built from the pattern itself — long runs of each of
its literal characters and of a member of each of its character classes, alternations of two of
them, its literal runs (``第二十条``) repeated, a literal run followed by a long run of digits —
plus runs of the characters reports are made of (``1``, ``一``, ``。``, ``年``, spaces, ``，``).
Python's ``re`` backtracks: a pattern such as ``\\s*起?\\s*至`` (two runs that can share the same
spaces) or ``\\d+年`` searched over a long run of digits (every start position rescans the run)
takes quadratic time, which on a 1 MB line means hours. Each string is timed at two lengths,
n and 4n: growth far above 4x (beyond 10x, to absorb noise) or a time above a fixed ceiling fails.
Timing is done only where the short string already takes measurable time; a linear pattern on a
few thousand characters is far below that.

Patterns are searched with ``finditer`` (every start position), except those giplint only ever
anchors with ``.match()`` (``MATCH_ONLY``), which are timed as they are used.
"""

from __future__ import annotations

import functools
import gc
import importlib
import itertools
import pkgutil
import re
import sys
import time
import types
from collections.abc import Callable, Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

import pytest

import giplint
from giplint.lazyregex import LazyPattern
from giplint.linter import lint_bytes, lint_text
from giplint.reportgen import generate

N = 2000  # the short length; the long one is 4N
FLOOR_S = 0.0005  # below this on the short string, the pattern is linear in practice: not timed further
CEILING_S = 0.25  # the most any pattern may take on the long (8,000-character) string
MAX_GROWTH = 10.0  # linear growth is 4x; quadratic 16x

# Patterns giplint applies only with .match() at a given position (the start of a line, the end of
# a date just found): backtracking from one position is what counts, not a search over the text.
MATCH_ONLY = {
    "giplint.narrative._ENUMERATOR": "narrative.py: .match(line text), a list item's start",
    "giplint.dates._UNTIL_MONTH": "dates.py: .match(text, end of the period's first date)",
}

# Representatives of the character categories a pattern may use.
_CATEGORY_CHARS = {
    sre.CATEGORY_DIGIT: "1٣",
    sre.CATEGORY_NOT_DIGIT: "a一",
    sre.CATEGORY_SPACE: " \u3000\t\n",
    sre.CATEGORY_NOT_SPACE: "x一",
    sre.CATEGORY_WORD: "a一_1",
    sre.CATEGORY_NOT_WORD: "。 ",
    sre.CATEGORY_LINEBREAK: "\n",
    sre.CATEGORY_NOT_LINEBREAK: "x",
}
# What reports are made of: tried on every pattern whatever it contains.
_REPORT_CHARS = "1一。年 a\t，、（）0月日.-"
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


# --- finding the patterns ---------------------------------------------------------------------------
def _import_everything() -> None:
    for info in pkgutil.walk_packages(giplint.__path__, "giplint."):
        if info.name.rsplit(".", 1)[-1] != "__main__":  # __main__ runs the command line
            importlib.import_module(info.name)


def _run_pipeline() -> None:
    """Lint a few reports in every layout and format so that cached pattern builders run."""
    from docxrender import to_docx
    from htmlrender import to_html

    for seed, layout in ((1, "A"), (2, "B"), (3, "B")):
        text = generate(seed, layout=layout, defect="placeholder" if seed == 3 else None).text
        lint_text(text)
        lint_bytes(to_html(text), "r.html")
    lint_bytes(to_docx(generate(4, layout="B").text), "r.docx")
    lint_text(generate(5, layout="A", defect="period-year", size="large").text)


def _ours(obj: object) -> bool:
    return (getattr(obj, "__module__", None) or "").startswith("giplint")


def _reachable(roots: list[tuple[object, str]]) -> Iterator[tuple[object, str]]:
    """Objects reachable from ``roots`` through containers and giplint's own functions and classes;
    other libraries' objects (and modules) are not entered."""
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        obj, label = stack.pop()
        if id(obj) in seen or isinstance(obj, (str, bytes, int, float, types.ModuleType)) or obj is None:
            continue
        seen.add(id(obj))
        yield obj, label
        if isinstance(obj, dict):
            stack += [(v, label) for v in (*obj.keys(), *obj.values())]
        elif isinstance(obj, (list, tuple, set, frozenset)):
            stack += [(v, label) for v in obj]
        elif isinstance(obj, types.FunctionType) and _ours(obj):
            cells = [c.cell_contents for c in obj.__closure__ or () if c.cell_contents is not None]
            stack += [(v, label) for v in (*cells, obj.__defaults__, obj.__kwdefaults__)]
        elif isinstance(obj, functools._lru_cache_wrapper) and _ours(obj):
            stack += [(v, label) for v in gc.get_referents(obj)]  # the wrapped function and its cache
        elif isinstance(obj, (staticmethod, classmethod)):
            stack.append((obj.__func__, label))
        elif isinstance(obj, property):
            stack.append((obj.fget, label))
        elif isinstance(obj, type) and _ours(obj):
            stack += [(v, f"{label}.{k}") for k, v in vars(obj).items()]
        elif _ours(type(obj)) and not isinstance(obj, type):
            stack += [(v, label) for v in gc.get_referents(obj)]


@functools.cache
def giplint_patterns() -> dict[tuple[str | bytes, int], str]:
    """``(pattern, flags) -> where it lives`` for every pattern of giplint."""
    _import_everything()
    _run_pipeline()
    roots = [
        (value, f"{name}.{attr}")
        for name, module in list(sys.modules.items())
        if name == "giplint" or name.startswith("giplint.")
        for attr, value in vars(module).items()
    ]
    found: dict[tuple[str | bytes, int], str] = {}
    for obj, label in _reachable(roots):
        if isinstance(obj, re.Pattern):
            found.setdefault((obj.pattern, obj.flags), label)
        elif isinstance(obj, LazyPattern):
            found.setdefault((obj.pattern, re.compile(obj.pattern, obj._flags).flags), label)
    for obj in gc.get_objects():  # a lazy pattern kept somewhere the walk does not enter
        if isinstance(obj, LazyPattern):
            found.setdefault((obj.pattern, re.compile(obj.pattern, obj._flags).flags), "lazyregex")
    return found


# --- adversarial strings ----------------------------------------------------------------------------
def _alphabet(pattern: str, flags: int) -> tuple[list[str], list[str]]:
    """The characters a pattern names (literals, class members, range ends and middles, category
    representatives) and its runs of two or more literal characters, in pattern order."""
    chars: list[str] = []
    runs: list[str] = []

    def walk(seq: sre_parse.SubPattern | list) -> None:  # type: ignore[type-arg]
        run = ""
        for op, av in seq:
            if op is sre.LITERAL:
                chars.append(chr(av))
                run += chr(av)
                continue
            if len(run) >= 2:
                runs.append(run)
            run = ""
            if op is sre.NOT_LITERAL:
                chars.append(chr(av))
            elif op is sre.IN:
                for item, value in av:
                    if item is sre.LITERAL:
                        chars.append(chr(value))
                    elif item is sre.RANGE:
                        chars.extend([chr(value[0]), chr(value[1]), chr((value[0] + value[1]) // 2)])
                    elif item is sre.CATEGORY:
                        chars.extend(_CATEGORY_CHARS.get(value, ""))
            elif op is sre.CATEGORY:
                chars.extend(_CATEGORY_CHARS.get(av, ""))
            elif op is sre.BRANCH:
                for branch in av[1]:
                    walk(branch)
            elif op is sre.SUBPATTERN:
                walk(av[-1])
            elif op in _REPEATS:
                walk(av[2])
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                walk(av[1])
            elif op is sre.ATOMIC_GROUP:
                walk(av)
            elif op is sre.GROUPREF_EXISTS:
                walk(av[1])
                if av[2] is not None:
                    walk(av[2])
        if len(run) >= 2:
            runs.append(run)

    walk(sre_parse.parse(pattern, flags))
    return list(dict.fromkeys(chars + list(_REPORT_CHARS))), list(dict.fromkeys(runs))


def adversarial(pattern: str, flags: int) -> list[Callable[[int], str]]:
    """Makers of hostile strings of about ``n`` characters."""
    chars, runs = _alphabet(pattern, flags)
    makers: list[Callable[[int], str]] = [lambda n, c=c: c * n for c in chars]
    makers += [lambda n, r=r: r * (n // len(r) + 1) for r in runs[:30]]
    makers += [lambda n, r=r: r + "1" * n for r in runs[:10]]
    makers += [lambda n, r=r: r + " " * n for r in runs[:10]]
    makers += [lambda n, a=a, b=b: (a + b) * (n // 2) for a, b in itertools.combinations(chars[:8], 2)]
    return makers


def _timer(compiled: re.Pattern, match_only: bool) -> Callable[[str | bytes], float]:  # type: ignore[type-arg]
    def run(text: str | bytes) -> float:
        t0 = time.perf_counter()
        if match_only:
            compiled.match(text)
        else:
            for _ in compiled.finditer(text):
                pass
        return time.perf_counter() - t0

    return run


def _best(run: Callable[[str | bytes], float], text: str | bytes, times: int = 3) -> float:
    return min(run(text) for _ in range(times))


def worst_case_failures(pattern: str | bytes, flags: int, match_only: bool = False) -> list[str]:
    """What is wrong with a pattern's worst cases, as readable lines (empty when it is linear)."""
    compiled = re.compile(pattern, flags)
    as_text = pattern if isinstance(pattern, str) else pattern.decode("latin-1")
    # A bytes pattern is given the UTF-8 of the same strings (its classes of Latin-1 bytes included).
    convert: Callable[[str], str | bytes] = (
        (lambda s: s) if isinstance(pattern, str) else (lambda s: s.encode("utf-8", "surrogatepass"))
    )
    run = _timer(compiled, match_only)
    failures = []
    for make in adversarial(as_text, flags):
        short = convert(make(N))
        if run(short) < FLOOR_S:
            continue
        long = convert(make(4 * N))
        t_short, t_long = _best(run, short), _best(run, long)
        growth = t_long / max(t_short, 1e-9)
        if t_long > CEILING_S or (growth > MAX_GROWTH and t_long > 4 * FLOOR_S):
            failures.append(
                f"{make(12)!r}…: {t_short * 1000:.2f} ms -> {t_long * 1000:.2f} ms ({growth:.1f}x)"
            )
    return failures


# --- tests --------------------------------------------------------------------------------------------
def test_patterns_are_found() -> None:
    """The collection reaches patterns of every kind of home (a test that found nothing would pass)."""
    found = giplint_patterns()
    homes = set(found.values())
    assert len(found) >= 100
    for where in (
        "giplint.classify",
        "giplint.dates",
        "giplint.narrative",
        "giplint.rules.hygiene",
        "giplint.loaders.html",
    ):
        assert any(h.startswith(where) for h in homes), where
    for label in MATCH_ONLY:
        assert label in homes, f"MATCH_ONLY names {label}, which no longer exists"


def test_every_pattern_is_linear_on_hostile_text() -> None:
    problems = {}
    for (pattern, flags), label in sorted(giplint_patterns().items(), key=lambda kv: (kv[1], str(kv[0][0]))):
        failures = worst_case_failures(pattern, flags, label in MATCH_ONLY)
        if failures:
            problems[f"{label} {pattern!r}"] = failures[:3]
    assert problems == {}


@pytest.mark.parametrize(
    ("pattern", "match_only"),
    [
        (r"\d+年", False),  # searched: every start position in a run of digits rescans the run
        (r"\s*起?\s*至", True),  # even from one position: two runs that can share the same spaces
    ],
)
def test_the_check_catches_super_linear_patterns(pattern: str, match_only: bool) -> None:
    assert worst_case_failures(pattern, 0, match_only) != []


def test_until_month_keeps_its_readings() -> None:
    """The rewritten _UNTIL_MONTH (no ``\\s*起?\\s*``) reads the same end months."""
    from giplint.dates import _UNTIL_MONTH

    for text, month in [
        ("至12月", "12"),
        ("起至12月底", "12"),
        (" 起 至 12 月", "12"),
        ("  起  - 3月份", "3"),
        ("~12月末", "12"),
    ]:
        m = _UNTIL_MONTH.match(text)
        assert m is not None and m["m"] == month, text
    for text in ("起", "至", "  ", "起 至12", "至 1"):
        assert _UNTIL_MONTH.match(text) is None, text


# --- a 1 MB line -------------------------------------------------------------------------------------
_LONG_LINES = {
    "digits": "1",
    "cjk": "一",
    "full stops": "。",
    "spaces": " ",
    "dates": "2023年1月1日",
    "prose": "本年度共受理政府信息公开申请12件，予以公开8件，统计期限为2023年1月1日至12月31日。",
    "one sentence": "本年度共受理政府信息公开申请12件，予以公开8件，统计期限为2023年1月1日至12月31日，",
}


def _lint_seconds(unit: str, size: int) -> float:
    base = generate(7, layout="B").text.split("\n")
    # In part 一 where the classifier, the narrative and the date code all read it.
    at = next(i for i, line in enumerate(base) if line.startswith("一、")) + 1
    lines = [*base[:at], "统计数据" + unit * (size // len(unit)), *base[at:]]
    t0 = time.perf_counter()
    lint_text("\n".join(lines))
    return time.perf_counter() - t0


@pytest.mark.parametrize("unit", list(_LONG_LINES.values()), ids=list(_LONG_LINES))
def test_a_1mb_line_is_linted_in_linear_time(unit: str) -> None:
    small = min(_lint_seconds(unit, 256_000) for _ in range(2))
    large = _lint_seconds(unit, 1_024_000)
    assert large < 20, f"{large:.1f} s for a 1 MB line"
    assert large < MAX_GROWTH * small + 0.5, f"{small:.2f} s for 256 KB, {large:.2f} s for 1 MB"
