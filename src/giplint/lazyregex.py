"""Regular expressions compiled on first use.

CPython's ``re`` compiler is written in Python: the ~130 patterns of the rules cost about 35 ms to
compile, a fifth of a pre-commit hook's run, and a character class over the CJK block
(``[一-鿿]``) alone costs 1–2 ms because the compiler walks every code point in it. Most patterns
sit behind a cheap substring test and never run on a clean report, so compiling them when they
are first used keeps that cost off the common path.
"""

from __future__ import annotations

import re
from typing import cast

# The methods a first use binds onto the instance, so later calls never reach __getattr__.
_BOUND = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "groupindex",
    "groups",
)


class LazyPattern:
    """Stands in for a compiled pattern; compiles it the first time any attribute is read."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> object:
        # Called only for attributes the instance lacks: the first use, or an unusual one.
        compiled = re.compile(self.pattern, self._flags)
        for attr in _BOUND:
            setattr(self, attr, getattr(compiled, attr))
        self.flags = compiled.flags
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazyregex.compile({self.pattern!r})"


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Like :func:`re.compile`, but compiled when first used. Errors surface at that first use."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))
