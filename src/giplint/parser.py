"""Lark LALR over the classifier's line tokens.

The token stream is a string with one character per token, so Lark's own lexer serves and the
parse tables are cached on disk (no grammar is compiled at start-up once the cache exists). A
token's ``start_pos`` indexes :attr:`Parsed.runs`.

Consecutive table lines (cells, continuations, rows, row ends) form one token: a table is a
region decided by its lines' kinds alone, and the LALR parser costs about 5 µs per token in
CPython, so a 300-line layout-A table as 300 tokens would cost more than all the rules together.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from giplint.model import Line
from giplint.resources import grammar_path

if TYPE_CHECKING:
    from lark import Lark, Tree

TOKEN_KINDS = "THSPCORKE"
TABLE_KINDS = frozenset("CORE")
TABLE_RUN = "R"  # the token a run of table lines becomes (any table kind would do: see report.lark)


@dataclass(slots=True)
class Parsed:
    tree: Tree
    runs: list[list[Line]]  # the lines of each token: one line, or a run of table lines

    def line_of(self, token: object) -> Line:
        return self.runs[token.start_pos][0]  # type: ignore[attr-defined]

    def lines_of(self, token: object) -> list[Line]:
        return self.runs[token.start_pos]  # type: ignore[attr-defined]


@functools.cache
def _parser() -> Lark:
    from lark import Lark

    path = grammar_path()
    # cache=True: Lark keeps the analysed tables in the temporary directory, keyed by the grammar
    # and Lark's version, and ignores a cache it cannot write or read.
    return Lark(path.read_text(encoding="utf-8"), parser="lalr", lexer="basic", cache=True)


def token_runs(lines: list[Line]) -> tuple[str, list[list[Line]]]:
    codes: list[str] = []
    runs: list[list[Line]] = []
    for ln in lines:
        kind = ln.kind
        if kind not in TOKEN_KINDS:
            continue
        if kind in TABLE_KINDS:
            if codes and codes[-1] == TABLE_RUN and runs[-1][0].kind in TABLE_KINDS:
                runs[-1].append(ln)
                continue
            kind = TABLE_RUN
        codes.append(kind)
        runs.append([ln])
    return "".join(codes), runs


def parse_lines(lines: list[Line]) -> Parsed:
    codes, runs = token_runs(lines)
    return Parsed(_parser().parse(codes), runs)
