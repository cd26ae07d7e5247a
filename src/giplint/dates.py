"""Dates and years as reports write them (format reference §9.1), and the date facts of a report.

Forms read: ``2024年1月26日`` (spaces allowed between the pieces), ``2024-01-26`` / ``2024/1/26`` /
``2024.01.26``, ``二〇二四年一月二十六日`` (``○`` or ``O`` for ``〇``), month ends (``12月底``), months
(``2024年12月``), years (``2024年``, ``2024年度``) and dates without a year (``12月31日``), which take
the year of the date before them. A bare four-digit number is never a year: ``发布信息2007条``.

Every :class:`DateMention` carries offsets into the text it was found in, so diagnostics point at
the original characters. Full-width digits are read as ASCII without changing any offset.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from giplint import lazyregex
from giplint.deadlines import infer_issuer_kind as _infer_issuer_kind
from giplint.model import Dated, IssuerKind, Line, Period

MentionKind = Literal["date", "month", "month_end", "year"]

# Full-width digits and date separators, one character for one character, so offsets survive.
_ASCII = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")

_ARABIC = lazyregex.compile(
    r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})\s*(?P<nian>年)(?P<du>度)?"
    r"(?:\s*(?P<m>[0-9]{1,2})\s*月份?(?:\s*(?P<d>[0-9]{1,2})\s*日|\s*(?P<me>底|末))?)?"
)
# ISO-like dates: one separator used twice, nothing date-like or URL-like on either side.
_ISO = lazyregex.compile(
    r"(?<![0-9A-Za-z/._-])(?P<y>(?:19|20)[0-9]{2})(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"
    r"(?![0-9A-Za-z/_-]|\.[0-9])"
)
_CN_YEAR_DIGITS = "〇○零OＯ0一二三四五六七八九"
_CN_SMALL = "一二三四五六七八九十廿卅"
_CHINESE = lazyregex.compile(
    rf"(?P<y>[一二][{_CN_YEAR_DIGITS}]{{3}})\s*(?P<nian>年)(?P<du>度)?"
    rf"(?:\s*(?P<m>[{_CN_SMALL}]{{1,3}})\s*月份?(?:\s*(?P<d>[{_CN_SMALL}]{{1,4}})\s*日|\s*(?P<me>底|末))?)?"
)
# Month and day with no year: read after the full forms have been blanked out.
_PARTIAL = lazyregex.compile(
    r"(?<![0-9])(?P<m>[0-9]{1,2})\s*月(?:\s*(?P<d>[0-9]{1,2})\s*日|\s*(?P<me>底|末))"
    rf"|(?<![{_CN_SMALL}])(?P<cm>[{_CN_SMALL}]{{1,3}})月(?:(?P<cd>[{_CN_SMALL}]{{1,4}})日|(?P<cme>底|末))"
)
# What every form needs somewhere: 年 (the forms with a year), 月 (those without) or an ISO year and
# separator. Most lines of a report have none of these and skip the date patterns altogether.
_MAYBE_DATE = lazyregex.compile(r"[年月]|[12１２][09０９][0-9０-９]{2}[-/.－／．]")
# The same ISO test, separator first: a pattern that starts with a character class skips ahead
# quickly, where one that starts with a frequent digit tries a match at each.
_ISO_START = lazyregex.compile(r"[-/.－／．](?<=[12１２][09０９][0-9０-９]{2}.)")
_FULL_WIDTH = lazyregex.compile(r"[０-９－／．]")
_CN_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "O": 0, "Ｏ": 0, "0": 0}
_CN_NUMERALS = ["".join(c for c, v in _CN_VALUE.items() if v == d) for d in range(10)]  # digit → its numerals


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date, month or year written in a text.

    ``start``/``end`` delimit the whole mention; ``year_end`` ends its year token (``2024年``), which
    is what year rules point at. ``month``/``day`` are as written, so an impossible date keeps them.
    """

    start: int
    end: int
    year_end: int
    kind: MentionKind
    year: int | None  # None for a month and day written without a year
    month: int | None = None
    day: int | None = None  # for a month end: the last day of that month
    chinese: bool = False

    @property
    def valid(self) -> bool:
        if self.month is None:
            return True
        if not 1 <= self.month <= 12:
            return False
        if self.day is None:
            return True
        # Without a year, 2月29日 may be right: judge it in a leap year.
        _, last = calendar.monthrange(self.year if self.year is not None else 2000, self.month)
        return 1 <= self.day <= last

    @property
    def date(self) -> dt.date | None:
        """The calendar date of a complete, valid mention."""
        if self.year is None or self.month is None or self.day is None or not self.valid:
            return None
        return dt.date(self.year, self.month, self.day)

    def first_day(self, year: int | None = None) -> dt.date | None:
        """The first day the mention covers (``2024年`` → 1 January); ``year`` fills a missing year."""
        y = self.year if self.year is not None else year
        if y is None or not self.valid:
            return None
        return dt.date(y, self.month or 1, self.day if self.kind == "date" and self.day else 1)

    def last_day(self, year: int | None = None) -> dt.date | None:
        """The last day the mention covers (``2024年`` → 31 December, ``12月`` → the 31st)."""
        y = self.year if self.year is not None else year
        if y is None or not self.valid:
            return None
        month = self.month or 12
        if self.kind == "date" and self.day:
            return dt.date(y, month, self.day)
        return dt.date(y, month, calendar.monthrange(y, month)[1])


def small_chinese(text: str) -> int | None:
    """``十`` = 10, ``二十六`` = 26, ``廿六`` = 26, ``三十一`` = 31; None if not a numeral below 100."""
    if not text:
        return None
    tens_char = {"廿": 2, "卅": 3}
    head = text[0]
    if head in tens_char:
        rest = text[1:]
        if len(rest) > 1 or (rest and rest not in _CN_VALUE):
            return None
        return tens_char[head] * 10 + (_CN_VALUE[rest] if rest else 0)
    if "十" in text:
        tens, _, units = text.partition("十")
        if (
            len(tens) > 1
            or len(units) > 1
            or (tens and tens not in _CN_VALUE)
            or (units and units not in _CN_VALUE)
        ):
            return None
        return (_CN_VALUE[tens] if tens else 1) * 10 + (_CN_VALUE[units] if units else 0)
    if len(text) == 1 and text in _CN_VALUE:
        return _CN_VALUE[text]
    return None


def _mention(match: re.Match[str], chinese: bool) -> DateMention | None:
    y, _, _, m, d, me = match.groups()  # the groups _ARABIC and _CHINESE share, in order
    if chinese:
        year = int("".join(str(_CN_VALUE[c]) for c in y))
        month = small_chinese(m) if m else None
        day = small_chinese(d) if d else None
        if (m and month is None) or (d and day is None):
            return None  # not a numeral: leave the text alone rather than guess
        if not 1900 <= year <= 2099:
            return None
    else:
        year = int(y)  # (19|20)[0-9]{2}: always in range
        month = int(m) if m else None
        day = int(d) if d else None
    if me:
        kind: MentionKind = "month_end"
        day = calendar.monthrange(year, month)[1] if month and 1 <= month <= 12 else None
    elif day is not None:
        kind = "date"
    elif month is not None:
        kind = "month"
    else:
        kind = "year"
    start, end = match.span()
    return DateMention(start, end, match.end(2), kind, year, month, day, chinese)


def might_have_dates(text: str) -> bool:
    """False when ``text`` certainly names no date: most lines of a report, skipped cheaply."""
    return _MAYBE_DATE.search(text) is not None


def lines_with_dates(lines: list[Line]) -> list[Line]:
    """The lines that may name a date (:func:`might_have_dates`), in order."""
    # Substring tests cost a tenth of a regular-expression call, and ISO dates are rare: one search
    # of the whole text usually rules them out for every line.
    if _ISO_START.search("\n".join([line.text for line in lines])) is None:
        return [line for line in lines if "年" in line.text or "月" in line.text]
    return [line for line in lines if _MAYBE_DATE.search(line.text) is not None]


# --- cheap tests that rule a line out before its dates are read -----------------------------------
# Each is a superset test: False only when no mention of the kind asked for can be found in the
# text (or in any masked form of it, since masks only hide characters).


@cache
def _year_pattern(years: tuple[int, ...]) -> re.Pattern[str]:
    forms = []
    for year in years:
        digits = [int(c) for c in str(year)]
        forms.append("".join(f"[{d}{chr(0xFF10 + d)}]" for d in digits))  # ASCII or full-width
        forms.append("".join(f"[{_CN_NUMERALS[d]}]" for d in digits))
    return lazyregex.compile("|".join(forms))


def may_name_year(text: str, *years: int) -> bool:
    """False when no mention in ``text`` can have one of ``years``: its four digits are not there."""
    return _year_pattern(years).search(text) is not None


# An impossible date needs a month 0 or ≥ 13, a day 0 or ≥ 29 (ISO too), or a Chinese numeral
# with 十, 廿 or 卅. The digits before 月 and 日 are a whole run in every date pattern, hence the
# look-behinds.
_MAYBE_INVALID = lazyregex.compile(
    r"(?<![0-9０-９])(?:[0０]{1,2}|[1１][3-9３-９]|[2-9２-９][0-9０-９])\s*月"
    r"|(?<![0-9０-９])(?:[0０]{1,2}|[2２][9９]|[3-9３-９][0-9０-９])\s*日"
    rf"|[十廿卅][{_CN_SMALL}]{{0,3}}\s*[月日]"
)
_MAYBE_INVALID_ISO = lazyregex.compile(r"[-/.－／．](?:[2２][9９]|[3３][0-9０-９])")


def may_have_invalid_date(text: str) -> bool:
    """False when every date in ``text`` is certainly valid."""
    return (("月" in text or "日" in text) and _MAYBE_INVALID.search(text) is not None) or (
        _MAYBE_INVALID_ISO.search(text) is not None
    )


def find_dates(text: str) -> list[DateMention]:
    """Every date, month and year written in ``text``, in order, without overlaps."""
    if _MAYBE_DATE.search(text) is None:
        return []
    scan = text.translate(_ASCII) if _FULL_WIDTH.search(text) is not None else text
    found: list[DateMention] = []
    # Each pattern only where the characters it needs are present: a substring test is far
    # cheaper than a regular-expression scan.
    if "年" in scan:
        for m in _ARABIC.finditer(scan):
            mention = _mention(m, False)
            if mention is not None:
                found.append(mention)
        if "一" in scan or "二" in scan:
            for m in _CHINESE.finditer(scan):
                mention = _mention(m, True)
                if mention is not None:
                    found.append(mention)
    if "-" in scan or "/" in scan or "." in scan:
        for m in _ISO.finditer(scan):
            month, day = int(m["m"]), int(m["d"])
            if 1 <= month <= 12 and 1 <= day <= 31:  # otherwise not a date at all (a version, a count)
                found.append(DateMention(m.start(), m.end(), m.end("y"), "date", int(m["y"]), month, day))
    if len(found) > 1:
        found = _without_overlaps(found)
    if "月" not in scan:
        return found  # already in order; the forms without a year all need 月
    blanked = _blank(scan, found)
    for m in _PARTIAL.finditer(blanked):
        if m["m"]:
            month, day = int(m["m"]), int(m["d"]) if m["d"] else None
            chinese = False
        else:
            month, day = small_chinese(m["cm"]), small_chinese(m["cd"]) if m["cd"] else None
            chinese = True
            if month is None or (m["cd"] and day is None):
                continue
        if m["me"] or m["cme"]:
            kind: MentionKind = "month_end"
            day = calendar.monthrange(2001, month)[1] if 1 <= month <= 12 else None
        else:
            kind = "date"
        found.append(DateMention(m.start(), m.end(), m.start(), kind, None, month, day, chinese))
    found.sort(key=lambda d: d.start)
    return found


def _without_overlaps(mentions: list[DateMention]) -> list[DateMention]:
    mentions.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMention] = []
    for m in mentions:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def _blank(text: str, mentions: list[DateMention]) -> str:
    """``text`` with the (ordered, non-overlapping) mentions replaced by ``#``."""
    pieces, at = [], 0
    for m in mentions:
        pieces += (text[at : m.start], "#" * (m.end - m.start))
        at = m.end
    pieces.append(text[at:])
    return "".join(pieces)


# --- the report's date facts ---------------------------------------------------------------------

_PERIOD_KEY = lazyregex.compile(r"统计(?:期限|时限|时段|区间|周期|时间|期间|范围|截止时间)|数据期限|数据时限")
_PERIOD_WINDOW = 80  # characters after the keyword in which the period's dates stand
# "…至12月" with no day: a month alone is not read as a date elsewhere (too many false friends).
# Not "\s*起?\s*": two runs of spaces that can share the same spaces backtrack quadratically.
_UNTIL_MONTH = lazyregex.compile(r"\s*(?:起\s*)?[至到\-—–~～]\s*(?P<m>[0-9]{1,2})\s*月份?(?:底|末)?")


def find_period(lines: list[Line]) -> Period | None:
    """The 统计期限 statement: its dates, years and span, or None when there is none.

    ``统计期限自2024年1月1日起至2024年12月31日止`` gives 2024-01-01 to 2024-12-31; a second date
    without a year takes the first one's (``2022年1月1日至12月31日``); a year alone
    (``统计期限为2024年度``) covers that whole year.
    """
    for line in lines:
        if "统计" not in line.text and "数据" not in line.text:
            continue  # what every key starts with: cheaper than the search on most lines
        key = _PERIOD_KEY.search(line.text)
        if key is None:
            continue
        stop = line.text.find("。", key.end())
        stop = min(stop if stop >= 0 else len(line.text), key.end() + _PERIOD_WINDOW)
        mentions = [m for m in find_dates(line.text) if key.end() <= m.start and m.end <= stop]
        if not mentions or mentions[0].year is None:
            continue
        first = mentions[0]
        scan = line.text.translate(_ASCII)
        until = _UNTIL_MONTH.match(scan, first.end)
        if len(mentions) == 1 and until is not None and first.year is not None:
            month = int(until["m"])
            start = first.first_day()
            end = (
                dt.date(first.year, month, calendar.monthrange(first.year, month)[1])
                if 1 <= month <= 12
                else None
            )
            years, s, e = [first.year], first.start, until.end()
            return Period(start, end, years, line.span(s, e), line.text[s:e])
        if len(mentions) == 1:
            used = [first]
            start = first.first_day()
            end = first.last_day() if first.kind == "year" else None
        else:
            second = mentions[1]
            used = [first, second]
            start = first.first_day()
            end = second.last_day(first.year)
        years = sorted({m.year for m in used if m.year is not None})
        s, e = used[0].start, used[-1].end
        return Period(start, end, years, line.span(s, e), line.text[s:e])
    return None


_SIGNATURE_PREFIX_MAX = 30  # an organisation name or 日期： may stand before the date on its line
_SENTENCE_MARKS = "。，；,;！？"


def find_signature(closing_lines: list[Line], tail_lines: list[Line]) -> Dated | None:
    """The signature date: in the closing block, else the last full date in ``tail_lines`` (part 六).

    In part 六 only a date that ends its line and stands alone there (or after a short name such
    as the organisation or ``日期：``) counts: a date inside a sentence is something else.
    """
    for line in reversed(closing_lines):
        full = [m for m in find_dates(line.text) if m.date is not None]
        if full:
            return Dated(full[-1].date, line.span(full[-1].start, full[-1].end))  # type: ignore[arg-type]
    for line in reversed(tail_lines):
        full = [m for m in find_dates(line.text) if m.date is not None]
        if not full:
            continue
        last = full[-1]
        before, after = line.text[: last.start].strip(), line.text[last.end :].strip()
        if (
            after.strip("。.")
            or len(before) > _SIGNATURE_PREFIX_MAX
            or any(c in before for c in _SENTENCE_MARKS)
        ):
            continue
        return Dated(last.date, line.span(last.start, last.end))  # type: ignore[arg-type]
    return None


def infer_issuer_kind(name: str | None, *, body: str | None = None) -> IssuerKind:
    """department | government | township | unknown, from an issuer name (§9.5).

    ``body`` (the report's prose), when given, settles a 人民政府办公室: its own report speaks of
    itself (我办, 办公室共受理…) and is a department's; otherwise it is the 本级政府 report.
    """
    return _infer_issuer_kind(name, body=body)
