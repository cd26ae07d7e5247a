"""``--statistics``: how many findings each rule produced, most frequent first (like ``ruff --statistics``).

::

      12  GIP707  halfwidth-punctuation   提示
       3  GIP201  blank-cell              警告
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from giplint.diagnostics import Severity
from giplint.formatters.findings import SEVERITY_LABELS
from giplint.linter import FileResult


@dataclass(frozen=True, slots=True)
class RuleCount:
    code: str
    rule: str
    severity: Severity
    count: int


def statistics(results: list[FileResult]) -> list[RuleCount]:
    """Counts per (code, severity): a rule whose severity was overridden for some files counts twice."""
    counts: Counter[tuple[str, str, Severity]] = Counter(
        (d.code, d.rule, d.severity) for r in results for d in r.diagnostics
    )
    rows = [RuleCount(code, rule, sev, n) for (code, rule, sev), n in counts.items()]
    rows.sort(key=lambda c: (-c.count, c.code, -c.severity))
    return rows


def render_statistics(results: list[FileResult], lang: str = "zh") -> str:
    """One line per rule; the empty string when there are no findings."""
    rows = statistics(results)
    if not rows:
        return ""
    labels = SEVERITY_LABELS.get(lang, SEVERITY_LABELS["zh"])
    count_w = max(len(str(r.count)) for r in rows)
    name_w = max(len(r.rule) for r in rows)
    lines = []
    for r in rows:
        label = labels[r.severity]
        lines.append(f"{r.count:>{count_w}}  {r.code}  {r.rule:<{name_w}}  {label}".rstrip())
    return "\n".join(lines) + "\n"
