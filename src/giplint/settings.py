"""Resolved settings, and what they change in a run: which rules run on a file, at which severity,
with which deadline, which diagnostics are kept, which files are skipped.

Built by :mod:`giplint.config` from config files and the command line; see there for the keys.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from giplint.diagnostics import Diagnostic, Severity
from giplint.globs import Glob
from giplint.model import Report
from giplint.plugins import all_rules
from giplint.rule import Rule

ISSUER_KINDS = ("department", "government", "township")
INTERNAL_ERROR = "GIP099"  # a crashing rule is always reported: it cannot be configured away


@dataclass(frozen=True)
class Selection:
    """One layer of rule selection (one config file, or the command line)."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    sources: Mapping[str, str] = field(default_factory=dict)  # "select" -> "giplint.toml:3"


@dataclass(frozen=True)
class FileIgnore:
    glob: Glob
    selectors: tuple[str, ...]
    source: str


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: the rule-set cache keys on it
class Settings:
    """Resolved settings for the files under one config. ``None`` means "not configured"."""

    selection: tuple[Selection, ...] = ()
    per_file_ignores: tuple[FileIgnore, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)  # rule code -> severity
    lang: str | None = None
    deadline: str | None = None  # "MM-DD" in year N+1
    issuer_kind: str | None = None
    exclude: tuple[Glob, ...] = ()
    format: str | None = None
    max_file_size: int | None = None  # bytes; None: giplint.loaders.DEFAULT_MAX_BYTES
    timeout: float | None = None  # seconds per file; None: giplint.limits.DEFAULT_TIMEOUT
    # Where each key was set: "giplint.toml:4" or "command line"; per rule for severity
    # ("severity.GIP301"), per glob for exclude ("exclude.drafts"). Absent = default.
    sources: Mapping[str, str] = field(default_factory=dict)
    config: Path | None = None  # the config file used, None when none was found or --isolated
    extends: tuple[Path, ...] = ()  # the files it inherits from, nearest first
    root: Path = field(default_factory=Path.cwd)  # directory of the config file (or the cwd)

    @property
    def deadline_overrides(self) -> dict[str, str] | None:
        """For ``deadlines.deadline_for(..., overrides=)``: the configured deadline for every kind."""
        if self.deadline is None:
            return None
        return {kind: self.deadline for kind in (*ISSUER_KINDS, "unknown")}


# ---------------------------------------------------------------------------------------------
# What the settings change


def _specificity(cls: type[Rule], selector: str) -> int:
    """How closely ``selector`` names ``cls`` (−1: not at all); same truth as linter._matches."""
    s = selector.strip()
    if s == "ALL":
        return 0
    if cls.name == s:
        return len(cls.code)
    return len(s) if cls.code.startswith(s.upper()) else -1


@functools.lru_cache(maxsize=64)
def _selected(settings: Settings) -> frozenset[str]:
    enabled = {cls.code for cls in all_rules() if cls.enabled_by_default}
    for layer in settings.selection:
        on_selectors = layer.extend_select if layer.select is None else (*layer.select, *layer.extend_select)
        current = set() if layer.select is not None else set(enabled)
        for cls in all_rules():
            on = max((_specificity(cls, s) for s in on_selectors), default=-1)
            off = max((_specificity(cls, s) for s in layer.ignore), default=-1)
            if on > off:
                current.add(cls.code)
            elif off >= 0:
                current.discard(cls.code)
        enabled = current
    return frozenset(enabled)


def enabled_codes(settings: Settings, file: Path) -> frozenset[str]:
    """The codes reported for ``file``: selection layers, then its per-file-ignores."""
    codes = _selected(settings)
    for entry in settings.per_file_ignores:
        if entry.glob.matches(file):
            codes = codes - {
                cls.code for cls in all_rules() if any(_specificity(cls, s) >= 0 for s in entry.selectors)
            }
    return codes


def rules_for(settings: Settings, file: Path) -> list[Rule]:
    """Fresh instances of the rules to run on ``file``, with severity and deadline overrides set."""
    codes = enabled_codes(settings, file)
    out: list[Rule] = []
    for cls in all_rules():
        if cls.code not in codes:
            continue
        rule = cls()
        if cls.code in settings.severity:
            rule.severity = settings.severity[cls.code]  # type: ignore[misc]  # instance over ClassVar
        if hasattr(rule, "deadline_overrides"):
            rule.deadline_overrides = settings.deadline_overrides
        out.append(rule)
    return out


def apply_to_report(settings: Settings, report: Report) -> None:
    """Before the rules run: a configured issuer kind replaces the inferred one."""
    if settings.issuer_kind is not None:
        report.configure_issuer_kind(settings.issuer_kind)


def apply_to_diagnostics(
    settings: Settings, file: Path, diagnostics: Iterable[Diagnostic]
) -> list[Diagnostic]:
    """After the rules ran: drop what is not enabled for ``file`` (including the input checks the
    pipeline reports without a rule instance, such as GIP001/GIP003) and apply severity overrides
    (also to rules that choose a severity per finding, such as GIP506). GIP099 is always kept."""
    codes = enabled_codes(settings, file)
    out = []
    for d in diagnostics:
        if d.code not in codes and d.code != INTERNAL_ERROR:
            continue
        if d.code in settings.severity:
            d.severity = settings.severity[d.code]
        out.append(d)
    return out


def is_excluded(settings: Settings, file: Path) -> bool:
    return any(glob.matches(file) for glob in settings.exclude)
