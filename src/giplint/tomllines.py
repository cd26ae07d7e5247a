"""Where a key or a list item sits in a TOML file's text: ``tomllib`` parses values but keeps no lines.

A line scan, not a second parser: table headers (``[a.b]``) set the current table, ``key =`` and
``a.b = `` lines record the full key path. Keys inside an inline table (``severity = {GIP301 =
"error"}``) and strings inside a list are found by searching the text from their parent key's line.
When nothing is found the answer falls back to the nearest enclosing key, then to ``None``; a
config error then still names the file.
"""

from __future__ import annotations

import re

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _key_path(text: str, i: int = 0) -> tuple[tuple[str, ...], int] | None:
    """A dotted key starting at ``text[i]`` (after spaces) and the index after it."""
    parts: list[str] = []
    n = len(text)
    while True:
        while i < n and text[i] in " \t":
            i += 1
        if i < n and text[i] in "\"'":
            end = text.find(text[i], i + 1)
            if end < 0:
                return None
            parts.append(text[i + 1 : end])
            i = end + 1
        else:
            m = _BARE.match(text, i)
            if m is None:
                return None
            parts.append(m.group())
            i = m.end()
        while i < n and text[i] in " \t":
            i += 1
        if i < n and text[i] == ".":
            i += 1
            continue
        return tuple(parts), i


class KeyLines:
    """1-based line numbers of the keys of one TOML text."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.keys: dict[tuple[str, ...], int] = {}
        table: tuple[str, ...] = ()
        for number, line in enumerate(self.lines, 1):
            stripped = line.strip()
            if stripped.startswith("["):
                inner = stripped.lstrip("[")
                found = _key_path(inner)
                if found is not None and inner[found[1] :].startswith("]"):
                    table = found[0]
                    self.keys.setdefault(table, number)
                continue
            found = _key_path(line)
            if found is not None and line[found[1] :].startswith("="):
                self.keys.setdefault(table + found[0], number)

    def line_of(self, path: tuple[str, ...]) -> int | None:
        """The line of the key ``path``, or of its nearest recorded ancestor's text after it."""
        if path in self.keys:
            return self.keys[path]
        for cut in range(len(path) - 1, 0, -1):
            start = self.keys.get(path[:cut])
            if start is None:
                continue
            key = re.escape(path[cut])
            pattern = re.compile(rf"""(?:^|[\s{{,.])(?:"{key}"|'{key}'|{key})\s*[=.]""")
            found = self._search(pattern, start)
            return found if found is not None else start
        return None

    def line_of_item(self, path: tuple[str, ...], item: str) -> int | None:
        """The line of the string ``item`` in the value of key ``path`` (a list), else the key's line."""
        start = self.line_of(path)
        if start is None:
            return None
        quoted = re.escape(item)
        found = self._search(re.compile(f"\"{quoted}\"|'{quoted}'"), start)
        return found if found is not None else start

    def _search(self, pattern: re.Pattern[str], start: int) -> int | None:
        for number in range(start, len(self.lines) + 1):
            line = self.lines[number - 1]
            if number > start and line.lstrip().startswith("["):
                return None  # the next table: the thing is not where it should be
            if pattern.search(line):
                return number
        return None
