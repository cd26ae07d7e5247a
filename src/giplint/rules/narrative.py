"""Rules of this family (to be written)."""

from __future__ import annotations

from giplint.rule import Rule

RULES: list[type[Rule]] = []
