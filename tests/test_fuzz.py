"""Never crash: random and damaged inputs through the whole pipeline, loaders to every formatter.

Each input goes through ``lint_bytes`` under a .txt, .html, .docx or .pdf name (the format is
sniffed from content, so a name that lies is part of the test), then every output format in both
languages and the ``--statistics`` table (tests/fulllint.py). Any exception fails, and so does a
rule that raised (which the linter reports as GIP099).

Inputs: random bytes; random text drawn from the characters reports are made of; random lines
of real reports; reports from :mod:`giplint.reportgen`, the examples and ``../shared/seeds``
(when present) damaged by the mutators of tests/mutators.py — lost, doubled, swapped and
shuffled lines, cut uploads, junk, NUL and full-width characters, changed figures, table cells
shuffled, other encodings, flipped bytes, two reports spliced; and the same reports rendered as
web pages and Word documents by tests/htmlrender.py and tests/docxrender.py, whose markup and
document XML are then mutated.

The cost in CI is bounded by the ``giplint-fuzz-ci`` profile (a few dozen examples a test, about
half a minute in all). For a longer run by hand set ``GIPLINT_FUZZ_EXAMPLES``::

    GIPLINT_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py

and for hours, ``python bench/fuzz.py --minutes 60`` (same mutators, time-watched, saves crashers).

The crash corpus: tests/crashers/ holds inputs that once crashed giplint or took too long, each
replayed by :func:`test_crasher_replays`. bench/fuzz.py writes a crashing input there (named for
the module, line and exception that broke, shrunk to the lines that matter) and a slow one as
``slow-*``; keep it after the fix, renamed for what broke, as the regression test. Inputs derived
from ../shared/seeds are not written there: rewrite them with fictional text first.
"""

from __future__ import annotations

import functools
import os
import random
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mutators
from docxrender import to_docx
from fulllint import RuleCrashed, check_result, lint_and_render
from giplint.diagnostics import Diagnostic, Message, Severity
from giplint.linter import lint_bytes, lint_report
from giplint.model import Report
from giplint.rule import Rule
from htmlrender import to_html

CRASHERS = Path(__file__).parent / "crashers"
SLOW_CEILING_S = 10.0  # a saved slow input must be well under this once fixed, even on a slow CI machine

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile("giplint-fuzz-ci", max_examples=30, deadline=None, suppress_health_check=_HEALTH)
settings.register_profile(
    "giplint-fuzz-long",
    max_examples=int(os.environ.get("GIPLINT_FUZZ_EXAMPLES") or 30),
    deadline=None,
    suppress_health_check=_HEALTH,
)
FUZZ = settings(
    settings.get_profile(
        "giplint-fuzz-long" if os.environ.get("GIPLINT_FUZZ_EXAMPLES") else "giplint-fuzz-ci"
    )
)

names = st.sampled_from(["r.txt", "r.html", "r.docx", "r.pdf"])
seeds = st.integers(0, 2**32 - 1)


def plans(table: dict[str, object], most: int, least: int = 1) -> st.SearchStrategy[list[tuple[str, int]]]:
    """Mutations to apply in order, each with its own random seed (so a failure shrinks by
    dropping mutations)."""
    return st.lists(st.tuples(st.sampled_from(sorted(table)), seeds), min_size=least, max_size=most)


@functools.cache
def _repo_sources() -> tuple[str, ...]:
    """The examples and a few generated reports: the inputs mutated (read once)."""
    return (*mutators.example_texts(), *(mutators.generated(i) for i in range(8)))


@functools.cache
def _pool_lines() -> tuple[str, ...]:
    return tuple(sorted({line for text in _repo_sources() for line in text.split("\n")}))


@functools.cache
def _docx(index: int) -> bytes:
    return to_docx(_repo_sources()[index])


sources = st.one_of(
    st.integers(0, len(_repo_sources()) - 1).map(lambda i: _repo_sources()[i]),
    st.integers(100, 10**6).map(mutators.generated),
)


def _render(render: Callable[[str], bytes], text: str, fallback: str) -> bytes:
    """The test renderers expect a report; for text too damaged for them, render the undamaged one."""
    try:
        return render(text)
    except Exception:
        return render(fallback)


@FUZZ
@given(data=st.binary(max_size=20_000), name=names)
def test_random_bytes(data: bytes, name: str) -> None:
    lint_and_render(data, name)


@FUZZ
@given(
    text=st.lists(
        st.one_of(st.characters(codec="utf-8"), st.sampled_from(mutators._JUNK + mutators._WORDS)),
        max_size=1500,
    ).map("".join),
    encoding=st.sampled_from(mutators.ENCODINGS),
    name=names,
)
def test_random_text(text: str, encoding: str, name: str) -> None:
    lint_and_render(mutators.encode(text, encoding), name)


@FUZZ
@given(indices=st.lists(st.integers(0, 10**6), max_size=300), name=names)
def test_random_report_lines(indices: list[int], name: str) -> None:
    """Lines of real reports in a random order: headings, table rows and prose out of place."""
    pool = _pool_lines()
    lint_and_render("\n".join(pool[i % len(pool)] for i in indices).encode("utf-8"), name)


@FUZZ
@given(
    source=sources,
    plan=plans(mutators.TEXT_MUTATORS, 6),
    encoding=st.sampled_from(mutators.ENCODINGS),
    byte_plan=plans(mutators.BYTES_MUTATORS, 2, least=0),
    name=names,
)
def test_mutated_report(
    source: str, plan: list[tuple[str, int]], encoding: str, byte_plan: list[tuple[str, int]], name: str
) -> None:
    data = mutators.encode(mutators.apply_text(source, plan), encoding)
    lint_and_render(mutators.apply_bytes(data, byte_plan), name)


@FUZZ
@given(first=sources, second=sources, seed=seeds, plan=plans(mutators.TEXT_MUTATORS, 3, least=0))
def test_spliced_reports(first: str, second: str, seed: int, plan: list[tuple[str, int]]) -> None:
    text = mutators.apply_text(mutators.splice(random.Random(seed), first, second), plan)
    lint_and_render(text.encode("utf-8"), "r.txt")


@FUZZ
@given(
    source=sources,
    plan=plans(mutators.TEXT_MUTATORS, 3, least=0),
    html_plan=plans(mutators.HTML_MUTATORS, 4),
    name=st.sampled_from(["r.html", "r.txt"]),
)
def test_mutated_html(
    source: str, plan: list[tuple[str, int]], html_plan: list[tuple[str, int]], name: str
) -> None:
    page = _render(to_html, mutators.apply_text(source, plan), source).decode("utf-8")
    page = mutators.apply_text(page, html_plan, mutators.HTML_MUTATORS)
    lint_and_render(mutators.encode(page, "utf-8"), name)


@FUZZ
@given(
    index=st.integers(0, len(_repo_sources()) - 1),
    plan=plans(mutators.DOCX_MUTATORS, 4),
    byte_plan=plans(mutators.BYTES_MUTATORS, 1, least=0),
    name=st.sampled_from(["r.docx", "r.txt"]),
)
def test_mutated_docx(
    index: int, plan: list[tuple[str, int]], byte_plan: list[tuple[str, int]], name: str
) -> None:
    data = mutators.mutate_docx(_docx(index), plan)
    lint_and_render(mutators.apply_bytes(data, byte_plan), name)


@FUZZ
@given(source=sources, plan=plans(mutators.TEXT_MUTATORS, 4))
def test_docx_of_mutated_report(source: str, plan: list[tuple[str, int]]) -> None:
    lint_and_render(_render(to_docx, mutators.apply_text(source, plan), source), "r.docx")


@settings(FUZZ, max_examples=max(5, FUZZ.max_examples // 3))
@given(index=st.integers(0, 4), plan=plans(mutators.TEXT_MUTATORS, 6), name=names)
def test_mutated_seed(index: int, plan: list[tuple[str, int]], name: str) -> None:
    """The real reports of ../shared/seeds, damaged (skipped when they are absent)."""
    texts = mutators.seed_texts()
    if not texts:
        pytest.skip("../shared/seeds is not present")
    lint_and_render(mutators.apply_text(texts[index % len(texts)], plan).encode("utf-8"), name)


def _crashers() -> list[Path]:
    return (
        sorted(p for p in CRASHERS.iterdir() if p.is_file() and not p.name.startswith("."))
        if CRASHERS.is_dir()
        else []
    )


@pytest.mark.parametrize("path", _crashers(), ids=lambda p: p.name)
def test_crasher_replays(path: Path) -> None:
    """An input that once crashed giplint (or took too long) now goes through, in reasonable time."""
    t0 = time.perf_counter()
    lint_and_render(path.read_bytes(), path.name)
    elapsed = time.perf_counter() - t0
    assert elapsed < SLOW_CEILING_S, f"{elapsed:.1f} s"


class _Exploding(Rule):
    """Raises on every report (for the harness's own test)."""

    code = "GIP998"
    name = "exploding"
    severity = Severity.ERROR
    message = Message(zh="不会出现", en="never shown")

    def check(self, report: Report) -> Iterator[Diagnostic]:
        raise ZeroDivisionError("on purpose")


def test_a_rule_that_raised_fails_the_harness() -> None:
    """A rule that raises must fail the fuzz tests, not pass as one more GIP099 finding."""
    result = lint_bytes(mutators.example_texts()[0].encode("utf-8"), "r.txt")
    assert result.report is not None
    result.diagnostics = lint_report(result.report, [_Exploding()])
    assert [d.code for d in result.diagnostics] == ["GIP099"]
    with pytest.raises(RuleCrashed, match="GIP998"):
        check_result(result)
