"""Path globs of the configuration (``exclude``, ``per-file-ignores``), relative to a base directory.

Syntax: ``*`` any run of characters within one path component, ``?`` one character, ``[abc]`` /
``[!abc]`` / ``[a-z]`` a character class, ``**`` any number of whole components (``**/x``,
``a/**/x``, ``a/**``). ``/`` is the only separator. A pattern without ``/`` matches any single
component (``drafts`` excludes ``drafts/x.txt``; ``*.md`` matches every Markdown file); a pattern
with ``/`` is anchored at the base directory and matches the file or one of its ancestor
directories (``reports/2024`` covers ``reports/2024/a.txt``). A pattern starting with ``/`` is an
absolute path.

A pattern is *bad* (:class:`GlobError`) when it is empty, has an unclosed ``[`` (``[]`` and ``[!]``
are unclosed too: a ``]`` right after the opening belongs to the class), a reversed range
(``[z-a]``), a ``**`` that is not a whole component (``a**``), or a backslash (write ``/``; escape
a special character with a class: ``[[]``, ``[*]``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath


class GlobError(ValueError):
    pass


@dataclass(frozen=True)
class Glob:
    pattern: str
    base: Path
    regex: re.Pattern[str] = field(compare=False, repr=False)
    anchored: bool = field(compare=False, repr=False)

    @classmethod
    def compile(cls, pattern: str, base: Path) -> Glob:
        """Raises :class:`GlobError` with a short reason when the pattern is bad."""
        text = pattern.strip()
        if text.startswith("./"):
            text = text[2:]
        if text != "/":
            text = text.rstrip("/")  # "drafts/" names a directory, which is what any pattern covers
        if not text:
            raise GlobError("empty pattern")
        if "\\" in text:
            raise GlobError("backslash in pattern (use '/' as separator, '[*]' for a literal '*')")
        try:
            regex = re.compile(_translate(text))
        except re.error as exc:  # a reversed range such as [z-a]
            raise GlobError(f"bad character class: {exc.msg}") from exc
        return cls(pattern, base.resolve(), regex, "/" in text)

    def matches(self, file: Path) -> bool:
        target = file.resolve()
        if self.pattern.strip().startswith("/"):
            return any(self.regex.fullmatch(p) for p in _prefixes(PurePosixPath(target.as_posix()).parts))
        try:
            parts = target.relative_to(self.base).parts
        except ValueError:  # outside the base: only a component pattern can still apply, to the name
            parts = (target.name,)
            if self.anchored:
                return False
        if self.anchored:
            return any(self.regex.fullmatch(p) for p in _prefixes(parts))
        return any(self.regex.fullmatch(p) for p in parts)


def _prefixes(parts: tuple[str, ...]) -> list[str]:
    """``a/b/c`` → ``a``, ``a/b``, ``a/b/c`` (a pattern that matches a directory covers its files)."""
    out: list[str] = []
    for i in range(1, len(parts) + 1):
        joined = "/".join(parts[:i])
        out.append(joined[1:] if joined.startswith("//") else joined)  # the root part is "/"
    return out


def _translate(pattern: str) -> str:
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "*":
            if i + 1 < n and pattern[i + 1] == "*":
                before_ok = i == 0 or pattern[i - 1] == "/"
                after = i + 2
                if not before_ok or (after < n and pattern[after] != "/"):
                    raise GlobError("'**' must be a whole path component, as in 'a/**/b'")
                if after < n:  # "**/": zero or more directories
                    out.append("(?:.*/)?")
                    i = after + 1
                else:
                    out.append(".*")
                    i = after
                continue
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            cls, i = _char_class(pattern, i)
            out.append(cls)
            continue
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def _char_class(pattern: str, start: int) -> tuple[str, int]:
    """The regex class for the ``[...]`` at ``start`` and the index after it."""
    i = start + 1
    negate = i < len(pattern) and pattern[i] == "!"
    if negate:
        i += 1
    body_start = i
    if i < len(pattern) and pattern[i] == "]":  # "[]]" is a class holding "]"
        i += 1
    close = pattern.find("]", i)
    if close < 0:
        raise GlobError(f"unclosed '[' at position {start + 1}")
    body = pattern[body_start:close]
    escaped = "".join("\\" + ch if ch in "\\^[]" else ch for ch in body)
    return ("[^/" + escaped + "]" if negate else "[" + escaped + "]"), close + 1
