"""The whole pipeline on one input, for the fuzz tests, the crash corpus and bench/fuzz.py.

Loaders, classifier, parser, model, rules, then every output format in both languages and the
``--statistics`` table. Anything that raises is a bug: bad input must end as diagnostics.
A rule that raised is caught by the linter and reported as GIP099; that is a bug too here, so it
is turned back into an exception (with the rule's own traceback when it can be had again).
"""

from __future__ import annotations

from giplint.formatters import FORMATS, get
from giplint.formatters.statistics import render_statistics
from giplint.linter import FileResult, lint_bytes, select_rules

LANGS = ("zh", "en")
INTERNAL_ERROR = "GIP099"


class RuleCrashed(AssertionError):
    """A rule raised on this input (the linter reported it as GIP099)."""


def lint_and_render(data: bytes, name: str) -> FileResult:
    result = lint_bytes(data, name)
    check_result(result)
    render_all(result)
    return result


def check_result(result: FileResult) -> None:
    crashed = [d for d in result.diagnostics if d.code == INTERNAL_ERROR]
    if crashed:
        _rerun_failed_rules(result)
        raise RuleCrashed("; ".join(d.text("en") for d in crashed))


def render_all(result: FileResult) -> None:
    for fmt in FORMATS:
        render = get(fmt)
        for lang in LANGS:
            assert isinstance(render([result], lang=lang), str)
    for lang in LANGS:
        render_statistics([result], lang=lang)


def _rerun_failed_rules(result: FileResult) -> None:
    """Run the rules again outside the linter's guard, so the exception comes with its traceback."""
    if result.report is None:
        return
    for rule in select_rules():
        if rule.applies_to(result.report.year):
            try:
                rule.run(result.report)
            except Exception as exc:
                raise RuleCrashed(f"{rule.code} {rule.name} raised") from exc
