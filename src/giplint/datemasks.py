"""What year checks must not see (format reference §9.3), and the sentence tests of GIP504/GIP505.

:func:`mask_structure` hides document numbers, decree numbers, titles in 《》, year ranges, law
revision dates and contact data; :func:`mask_years` adds what depends on the reporting year N
(forward plans for N+1, carry-overs, comparisons with N−1). Masked characters become ``#``: the
result has the same length as the input, so offsets found in it point into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from giplint.dates import DateMention, find_dates
from giplint.resources import load_toml

FILL = "#"

_DOC_NUMBER = re.compile(
    r"[〔［\[【]\s*(?:19|20)[0-9]{2}\s*[〕］\]】](?:\s*[0-9]+\s*号)?"
    r"|[(（]\s*(?:19|20)[0-9]{2}\s*[)）]\s*[0-9]+\s*号"
)
_DECREE = re.compile(r"第\s*[0-9]+\s*号|令\s*第")
_RANGE = re.compile(r"(?:19|20)[0-9]{2}\s*年?\s*[-—–~～至到]\s*(?:19|20)[0-9]{2}\s*年(?:度)?")
_AFTER_TITLE = re.compile(r"》\s*[(（][^()（）《》]{0,40}[)）]")  # (2019年4月3日修订) after a law's title
_URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9._~:/?#\[\]@!$&'*+,;=%-]+")
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PHONE = re.compile(r"(?<![0-9])0[0-9]{2,3}-[0-9]{7,8}(?![0-9])")
_DIGIT_RUN = re.compile(r"[0-9]{5,}")
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]*")
_OPENERS, _CLOSERS = "《〈", "》〉"
_EVALUATION_REACH = 14  # 2023年度全市政务公开绩效考核: the evaluation word follows within a few words


@cache
def words() -> dict[str, list[str]]:
    return load_toml("dates.toml")["words"]


@cache
def _alternation(name: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{w})" for w in words()[name]))


def _fill(chars: list[str], start: int, end: int) -> None:
    chars[start:end] = FILL * (end - start)


def _titles(text: str) -> Iterator[tuple[int, int]]:
    """Outermost 《…》 (and 〈…〉) pairs; an unclosed 《 hides nothing."""
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            if depth == 0:
                start = i
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
            if depth == 0:
                yield start, i + 1


def mask_contact(text: str) -> str:
    """URLs, e-mail addresses, telephone numbers and long digit runs hidden."""
    chars = list(text)
    for pattern in (_URL, _EMAIL, _PHONE, _DIGIT_RUN):
        for m in pattern.finditer(text):
            _fill(chars, m.start(), m.end())
    return "".join(chars)


def mask_structure(text: str) -> str:
    """The §9.3 masks that do not depend on the reporting year."""
    chars = list(mask_contact(text))
    for start, end in _titles(text):
        _fill(chars, start, end)
    for pattern in (_DOC_NUMBER, _DECREE, _RANGE, _AFTER_TITLE):
        for m in pattern.finditer(text):
            _fill(chars, m.start(), m.end())
    law = _alternation("law_events")
    masked = "".join(chars)
    for d in find_dates(masked):
        # A law's revision or effective date (2019年4月3日修订, 自2008年5月1日起施行): months and days only;
        # a year alone before such a word (2023年印发…) stays visible.
        if d.kind != "year" and law.match(masked, _skip_space(masked, d.end)):
            _fill(chars, d.start, d.end)
    return "".join(chars)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence, ended by 。！？ or the end of the text."""
    for m in _SENTENCE.finditer(text):
        yield m.start(), m.end()


def mask_years(text: str, year: int) -> str:
    """All §9.3 masks for a report of ``year`` (N): structure, forward plans for N+1, carry-overs
    to N+1 and from N−1, comparisons with N−1 and last year's evaluations."""
    masked = mask_structure(text)
    chars = list(masked)
    plan, compare = _alternation("plan_cues"), _alternation("comparison_cues")
    carry_out, carry_in = _alternation("carry_over_before"), _alternation("carry_in_after")
    evaluation = _alternation("evaluation_after")
    mentions = find_dates(masked)
    for start, end in sentences(masked):
        sentence = masked[start:end]
        inside = [d for d in mentions if start <= d.start < end]
        has_plan, has_comparison = plan.search(sentence) is not None, compare.search(sentence) is not None
        for d in inside:
            if d.year == year + 1:
                hide = has_plan or _ends_with(masked[start : d.start], carry_out)
            elif d.year == year - 1:
                hide = (
                    has_comparison
                    or carry_in.match(masked, _skip_du(masked, d.year_end)) is not None
                    or evaluation.search(masked[d.year_end : min(end, d.year_end + _EVALUATION_REACH)])
                    is not None
                )
            else:
                hide = False
            if hide:
                _fill(chars, d.start, d.end)
    return "".join(chars)


def _ends_with(text: str, pattern: re.Pattern[str]) -> bool:
    tail = text.rstrip()[-4:]
    return any(m.end() == len(tail) for m in pattern.finditer(tail))


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _skip_du(text: str, at: int) -> int:
    """Past a 度 and spaces after 年."""
    return _skip_space(text, at + 1 if text.startswith("度", at) else at)


def follows(text: str, mention: DateMention, pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` matches right after the mention's 年 (spaces skipped)."""
    return pattern.match(text, _skip_space(text, mention.year_end)) is not None


def alternation(name: str) -> re.Pattern[str]:
    """The word list ``name`` of ``rules/dates.toml`` as one regular expression."""
    return _alternation(name)
