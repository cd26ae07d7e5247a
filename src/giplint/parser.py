"""Lark LALR over the classifier's line tokens.

The token stream is a string with one character per non-blank line, so Lark's own lexer serves,
the parse tables can be cached, and a token's ``start_pos`` is the index of its line in
:attr:`Parsed.token_lines`.
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


@dataclass(slots=True)
class Parsed:
    tree: Tree
    token_lines: list[Line]

    def line_of(self, token: object) -> Line:
        return self.token_lines[token.start_pos]  # type: ignore[attr-defined]


@functools.cache
def _parser() -> Lark:
    from lark import Lark

    path = grammar_path()
    return Lark(path.read_text(encoding="utf-8"), parser="lalr", lexer="basic", cache=False)


def parse_lines(lines: list[Line]) -> Parsed:
    token_lines = [ln for ln in lines if ln.kind in TOKEN_KINDS]
    codes = "".join(ln.kind for ln in token_lines)
    return Parsed(_parser().parse(codes), token_lines)
