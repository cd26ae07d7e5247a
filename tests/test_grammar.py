"""The grammar is total (every token sequence parses) and free of LALR conflicts."""

from __future__ import annotations

import itertools
import logging

import lark
import pytest

from giplint.parser import TOKEN_KINDS, _parser
from giplint.resources import grammar_path


def test_grammar_has_no_lalr_conflicts(caplog: pytest.LogCaptureFixture) -> None:
    # Lark resolves shift/reduce conflicts silently as shift; a grammar edit that adds one must
    # be noticed here (parsing notes, trap 5).
    lark.logger.setLevel(logging.DEBUG)
    try:
        with caplog.at_level(logging.DEBUG, logger="lark"):
            lark.Lark(grammar_path().read_text(encoding="utf-8"), parser="lalr", lexer="basic", debug=True)
    finally:
        lark.logger.setLevel(logging.WARNING)
    conflicts = [r for r in caplog.records if "conflict" in r.getMessage().lower()]
    assert conflicts == []


def test_every_token_sequence_up_to_length_four_parses() -> None:
    parser = _parser()
    count = 0
    for n in range(5):
        for seq in itertools.product(TOKEN_KINDS, repeat=n):
            tree = parser.parse("".join(seq))
            leaves = [t for t in tree.scan_values(lambda v: isinstance(v, lark.Token))]
            assert len(leaves) == n  # nothing dropped, nothing invented
            count += 1
    assert count == sum(len(TOKEN_KINDS) ** n for n in range(5))


def test_tables_sit_between_prose_in_one_part() -> None:
    tree = _parser().parse("TPHPCCERRPSPRRK")
    parts = [c for c in tree.children if c.data == "part"]
    assert len(parts) == 1
    tables = list(parts[0].find_data("table"))
    assert len(tables) == 2  # CCERR is one region; RR inside the sub-section is another
    assert [c.data for c in tree.children][-1] == "closing"
