"""The built-in rules, registered through the ``giplint`` entry-point group like any plugin.

Each family lives in its own module and lists its rules in ``RULES``.
"""

from __future__ import annotations

import importlib

from giplint.hookspecs import hookimpl
from giplint.rule import Rule

FAMILY_MODULES = (
    "giplint.rules.input",  # GIP0xx
    "giplint.rules.structure",  # GIP1xx
    "giplint.rules.cells",  # GIP2xx
    "giplint.rules.narrative",  # GIP3xx
    "giplint.rules.content",  # GIP4xx
    "giplint.rules.dates",  # GIP5xx
    "giplint.rules.hygiene",  # GIP7xx
)


@hookimpl
def giplint_rules() -> list[type[Rule]]:
    rules: list[type[Rule]] = []
    for name in FAMILY_MODULES:
        rules.extend(importlib.import_module(name).RULES)
    return rules
