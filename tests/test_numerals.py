"""Chinese and Arabic numbers (format reference §8.2)."""

from __future__ import annotations

import re

import pytest

from giplint.numerals import NUMBER_PATTERN, parse_chinese, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("零", 0),
        ("〇", 0),
        ("○", 0),
        ("一", 1),
        ("两", 2),
        ("二", 2),
        ("三", 3),
        ("九", 9),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十一", 21),
        ("一百", 100),
        ("一百零五", 105),
        ("一百一十", 110),
        ("三百二十七", 327),
        ("两千零二十四", 2024),
        ("一千零一十", 1010),
        ("一万", 10000),
        ("十万", 100000),
        ("一万二千", 12000),
        ("二〇二四", 2024),
    ],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert parse_chinese(text) == value


@pytest.mark.parametrize("text", ["", "三五", "十百", "百百", "一万万", "五件", "abc"])
def test_malformed_chinese_numerals_give_none(text: str) -> None:
    assert parse_chinese(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7", 7),
        ("0", 0),
        ("１２", 12),  # full-width digits
        ("1,234", 1234),
        ("12,345,678", 12345678),
        ("3万", 30000),
        (" 15 ", 15),
        ("十二", 12),
        ("两", 2),
    ],
)
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "1,23", "12a", "件"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_number_pattern_finds_both_kinds() -> None:
    found = re.findall(NUMBER_PATTERN, "收到12件，办结十一件")
    assert found == ["12", "十一"]
