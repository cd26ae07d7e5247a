"""The plugin manager: collects rule classes from every plugin of the ``giplint`` entry-point group."""

from __future__ import annotations

import functools

import pluggy

from giplint import hookspecs
from giplint.rule import Rule


class DuplicateRuleError(TypeError):
    pass


@functools.cache
def plugin_manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager("giplint")
    pm.add_hookspecs(hookspecs)
    pm.load_setuptools_entrypoints("giplint")
    if not any(name == "builtin" for name, _ in pm.list_name_plugin()):
        # Running from a source tree that was never installed: register the built-ins directly,
        # the same object the entry point names.
        from giplint import rules

        pm.register(rules, name="builtin")
    return pm


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
