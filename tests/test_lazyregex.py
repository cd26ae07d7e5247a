"""Patterns compiled on first use behave as compiled ones and are compiled only when used."""

from __future__ import annotations

import re

import pytest

from giplint import lazyregex
from giplint.lazyregex import LazyPattern


def test_a_lazy_pattern_gives_the_same_answers_as_a_compiled_one() -> None:
    lazy = lazyregex.compile(r"(?P<n>\d+)\s*件")
    eager = re.compile(r"(?P<n>\d+)\s*件")
    text = "收到申请 12 件，办结 3件。"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.search(text)["n"] == "12"
    assert lazy.sub("#", text) == eager.sub("#", text)
    assert lazy.groupindex == eager.groupindex and lazy.flags == eager.flags


def test_nothing_is_compiled_before_the_first_use() -> None:
    lazy = lazyregex.compile("[一-鿿]+")
    assert isinstance(lazy, LazyPattern) and "search" not in vars(lazy)
    assert lazy.pattern == "[一-鿿]+"  # reading the source does not compile it
    assert "search" not in vars(lazy)
    lazy.search("年报")
    assert "search" in vars(lazy)  # bound once: later calls skip __getattr__


def test_a_bad_pattern_fails_at_its_first_use() -> None:
    lazy = lazyregex.compile("(unclosed")
    with pytest.raises(re.error):
        lazy.search("x")


def test_flags_are_kept() -> None:
    assert lazyregex.compile("^b", re.MULTILINE).findall("a\nb") == ["b"]
    assert lazyregex.compile("^b").findall("a\nb") == []
