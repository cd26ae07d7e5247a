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

from giplint import lazyregex
from giplint.dates import DateMention, find_dates
from giplint.resources import load_toml

FILL = "#"

_DOC_NUMBER = lazyregex.compile(
    r"[〔［\[【]\s*(?:19|20)[0-9]{2}\s*[〕］\]】](?:\s*[0-9]+\s*号)?"
    r"|[(（]\s*(?:19|20)[0-9]{2}\s*[)）]\s*[0-9]+\s*号"
)
_DECREE = lazyregex.compile(r"第\s*[0-9]+\s*号|令\s*第")
_RANGE = lazyregex.compile(r"(?:19|20)[0-9]{2}\s*年?\s*[-—–~～至到]\s*(?:19|20)[0-9]{2}\s*年(?:度)?")
_AFTER_TITLE = lazyregex.compile(
    r"》\s*[(（][^()（）《》]{0,40}[)）]"
)  # (2019年4月3日修订) after a law's title
_URL = lazyregex.compile(r"(?:https?://|www\.)[A-Za-z0-9._~:/?#\[\]@!$&'*+,;=%-]+")
_EMAIL = lazyregex.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PHONE = lazyregex.compile(r"(?<![0-9])0[0-9]{2,3}-[0-9]{7,8}(?![0-9])")
_DIGIT_RUN = lazyregex.compile(r"[0-9]{5,}")
_SENTENCE = lazyregex.compile(r"[^。！？!?]+[。！？!?]*")
_OPENERS, _CLOSERS = "《〈", "》〉"
_EVALUATION_REACH = 14  # 2023年度全市政务公开绩效考核: the evaluation word follows within a few words


@cache
def words() -> dict[str, list[str]]:
    return load_toml("dates.toml")["words"]


@cache
def _alternation(name: str) -> re.Pattern[str]:
    return lazyregex.compile("|".join(f"(?:{w})" for w in words()[name]))


def _fill(chars: list[str], start: int, end: int) -> None:
    chars[start:end] = FILL * (end - start)


_BRACKETS = lazyregex.compile(r"[《〈》〉]")


def _titles(text: str) -> Iterator[tuple[int, int]]:
    """Outermost 《…》 (and 〈…〉) pairs; an unclosed 《 hides nothing."""
    depth, start = 0, 0
    for m in _BRACKETS.finditer(text):
        i, ch = m.start(), m.group()
        if ch in _OPENERS:
            if depth == 0:
                start = i
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                yield start, i + 1


def _contact_patterns(text: str) -> Iterator[re.Pattern[str]]:
    """The contact patterns that can match ``text``: each needs a string a substring test finds."""
    if "://" in text or "www." in text:
        yield _URL
    if "@" in text:
        yield _EMAIL
    if _DIGIT_RUN.search(text) is not None:  # a telephone number holds a run of 7 digits too
        yield _PHONE
        yield _DIGIT_RUN


def mask_contact(text: str) -> str:
    """URLs, e-mail addresses, telephone numbers and long digit runs hidden."""
    chars: list[str] | None = None
    for pattern in _contact_patterns(text):
        for m in pattern.finditer(text):
            if chars is None:
                chars = list(text)
            _fill(chars, m.start(), m.end())
    return text if chars is None else "".join(chars)


def mask_structure(text: str) -> str:
    """The §9.3 masks that do not depend on the reporting year."""
    return Masks().structure(text)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence, ended by 。！？ or the end of the text."""
    for m in _SENTENCE.finditer(text):
        yield m.start(), m.end()


def mask_years(text: str, year: int) -> str:
    """All §9.3 masks for a report of ``year`` (N): structure, forward plans for N+1, carry-overs
    to N+1 and from N−1, comparisons with N−1 and last year's evaluations."""
    return Masks().years(text, year)


class Masks:
    """The masks of texts and the dates left visible in them, each computed once per text.

    Several GIP5xx rules read the same lines through the same masks; one instance per report
    (``report.derived``) lets them share the work. Most masks change nothing, and then the dates
    of the masked text are those already found in the text before it.
    """

    def __init__(self) -> None:
        self._dates: dict[str, list[DateMention]] = {}
        self._contact: dict[str, str] = {}
        self._structure: dict[str, str] = {}
        self._years: dict[tuple[str, int], str] = {}

    def dates(self, text: str) -> list[DateMention]:
        """:func:`giplint.dates.find_dates` of ``text`` (a shared list: do not change it)."""
        found = self._dates.get(text)
        if found is None:
            found = self._dates[text] = find_dates(text)
        return found

    def contact(self, text: str) -> str:
        masked = self._contact.get(text)
        if masked is None:
            masked = self._contact[text] = mask_contact(text)
        return masked

    def structure(self, text: str) -> str:
        masked = self._structure.get(text)
        if masked is None:
            masked = self._structure[text] = self._mask_structure(text)
        return masked

    def years(self, text: str, year: int) -> str:
        masked = self._years.get((text, year))
        if masked is None:
            masked = self._years[text, year] = self._mask_years(self.structure(text), year)
        return masked

    def _mask_structure(self, text: str) -> str:
        contact = self.contact(text)
        chars: list[str] | None = None
        if "《" in text or "〈" in text:
            for start, end in _titles(text):
                chars = chars or list(contact)
                _fill(chars, start, end)
        for pattern in (_DOC_NUMBER, _DECREE, _RANGE, _AFTER_TITLE):
            for m in pattern.finditer(text):
                chars = chars or list(contact)
                _fill(chars, m.start(), m.end())
        masked = contact if chars is None else "".join(chars)
        mentions = [d for d in self.dates(masked) if d.kind != "year"]
        if not mentions:
            return masked
        law = _alternation("law_events")
        hidden = False
        chars = chars or list(masked)
        for d in mentions:
            # A law's revision or effective date (2019年4月3日修订, 自2008年5月1日起施行): months and
            # days only; a year alone before such a word (2023年印发…) stays visible.
            if law.match(masked, _skip_space(masked, d.end)):
                _fill(chars, d.start, d.end)
                hidden = True
        return "".join(chars) if hidden else masked

    def _mask_years(self, masked: str, year: int) -> str:
        mentions = self.dates(masked)
        if not any(d.year == year + 1 or d.year == year - 1 for d in mentions):
            return masked
        chars = list(masked)
        plan, compare = _alternation("plan_cues"), _alternation("comparison_cues")
        carry_out, carry_in = _alternation("carry_over_before"), _alternation("carry_in_after")
        evaluation = _alternation("evaluation_after")
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
