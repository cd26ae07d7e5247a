"""Numbers as reports write them: Arabic digits (ASCII or full-width, ``1,234``) and Chinese numerals.

Format reference §8.2. ``三件`` = 3, ``十二件`` = 12, ``两起`` = 2, ``一百零五`` = 105, ``〇`` = 0.
"""

from __future__ import annotations

import re
import unicodedata

DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
MYRIAD = "万"

CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS) + MYRIAD

# One regex alternative for "a number": a run of digits, or a run of Chinese numeral characters.
# Thousands separators are removed before matching (see :mod:`giplint.narrative`).
NUMBER_PATTERN = rf"\d+|[{CHINESE_NUMERAL_CHARS}]+"

_ARABIC = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


def parse_chinese(text: str) -> int | None:
    """The value of a Chinese numeral, or None if ``text`` is not a well-formed one.

    Also reads digit-by-digit forms (``二〇二四`` = 2024), which reports use for years; two digits
    side by side without a zero (``三五``) are a range and give None.
    """
    if not text or any(ch not in DIGITS and ch not in UNITS and ch != MYRIAD for ch in text):
        return None
    if all(ch in DIGITS for ch in text):
        if len(text) == 1:
            return DIGITS[text]
        if len(text) == 2 and not any(DIGITS[ch] == 0 for ch in text):
            return None  # 三五件, 七八个: a range, not a number
        return int("".join(str(DIGITS[ch]) for ch in text))
    if text.count(MYRIAD) > 1:
        return None
    if MYRIAD in text:
        high, low = text.split(MYRIAD)
        high_value = parse_chinese(high) if high else 1
        low_value = parse_chinese(low) if low else 0
        if high_value is None or low_value is None:
            return None
        return high_value * 10000 + low_value
    return _below_myriad(text)


def _below_myriad(text: str) -> int | None:
    total = 0
    pending: int | None = None  # a digit waiting for its unit
    last_unit = 10000
    for ch in text:
        if ch in DIGITS:
            if pending is not None and pending != 0:
                return None  # two digits in a row, as in 三五 (an approximation, not a number)
            pending = DIGITS[ch]
        else:
            unit = UNITS[ch]
            if unit >= last_unit:
                return None  # 十百, 百百: units must decrease
            total += (1 if pending is None else pending) * unit
            pending = None
            last_unit = unit
    if pending:
        total += pending
    return total


MAX_DIGITS = 28  # Decimal keeps 28 digits exactly: more is no count or amount, in a cell or in prose


def parse_number(text: str) -> int | None:
    """The value of an Arabic (``12``, ``１２``, ``1,234``, ``3万``) or Chinese (``十二``) count.

    A run of more than :data:`MAX_DIGITS` digits is no count (and past 4,300 ``int()`` refuses it)."""
    if len(text) > MAX_DIGITS + 8:  # room for thousands separators and 万
        return None
    if text.isascii() and text.isdigit():
        return int(text)  # the usual case, as normalised prose gives it
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return None
    scale = 1
    if text.endswith(MYRIAD) and text[:-1].replace(",", "").isdigit():
        text, scale = text[:-1], 10000
    if _ARABIC.fullmatch(text):
        return int(text.replace(",", "")) * scale
    return parse_chinese(text)
