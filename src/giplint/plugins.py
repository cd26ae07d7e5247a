"""The plugin manager: collects rule classes from every plugin of the ``giplint`` entry-point group."""

from __future__ import annotations

import functools
import os
import sys

import pluggy

from giplint import hookspecs
from giplint.rule import Rule

GROUP = "giplint"
BUILTIN = ("builtin", "giplint.rules")


class DuplicateRuleError(TypeError):
    pass


@functools.cache
def plugin_manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager(GROUP)
    pm.add_hookspecs(hookspecs)
    declared = declared_entry_points()
    if declared is None or declared - {BUILTIN}:
        pm.load_setuptools_entrypoints(GROUP)
    if not any(name == BUILTIN[0] for name, _ in pm.list_name_plugin()):
        # Only the built-ins are declared, or this is a source tree that was never installed:
        # register the object the entry point names.
        from giplint import rules

        pm.register(rules, name=BUILTIN[0])
    return pm


def declared_entry_points() -> set[tuple[str, str]] | None:
    """The ``giplint`` entry points declared on ``sys.path``, read from ``entry_points.txt`` files.

    ``None`` when some path entry is not a plain directory (a zip, an egg), which only
    importlib.metadata knows how to read. This pre-check exists because importing
    importlib.metadata and letting pluggy read every distribution's metadata costs about 15 ms of a
    pre-commit hook's start-up, and almost always finds nothing but the built-ins; when anything
    else is declared, pluggy loads the plugins as usual.
    """
    found: set[tuple[str, str]] = set()
    for entry in sys.path:
        try:
            listing = os.scandir(entry or ".")
        except NotADirectoryError:
            return None
        except OSError:
            continue  # a path entry that does not exist holds no distributions
        with listing:
            for item in listing:
                if item.name.endswith((".dist-info", ".egg-info")):
                    found |= _group_entries(os.path.join(item.path, "entry_points.txt"))
    return found


def _group_entries(path: str) -> set[tuple[str, str]]:
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError):
        return set()
    if f"[{GROUP}]" not in text:
        return set()
    entries: set[tuple[str, str]] = set()
    in_group = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("["):
            in_group = line == f"[{GROUP}]"
        elif in_group and "=" in line:
            name, _, value = line.partition("=")
            entries.add((name.strip(), value.strip()))
    return entries


@functools.cache
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule class of every plugin, validated, sorted by code."""
    seen: dict[str, type[Rule]] = {}
    for contributed in plugin_manager().hook.giplint_rules():
        for cls in contributed:
            cls.validate()
            other = seen.get(cls.code)
            if other is not None and other is not cls:
                raise DuplicateRuleError(
                    f"{cls.code} is declared by both {other.__module__} and {cls.__module__}"
                )
            seen[cls.code] = cls
    return tuple(sorted(seen.values(), key=lambda c: c.code))
