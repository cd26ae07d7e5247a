"""The line classifier: one pass over the lines gives each a one-letter kind, the parser's tokens.

Kinds::

    T title block (issuer line and title)   H part heading        S sub-heading （一）…
    P prose                                  C table cell (TAB + text, layout A)
    O continuation of a wrapped cell         R table row (TAB-separated cells, layout B)
    E end of a layout-A row (a blank line after a cell)
    K closing block (issuing body, date)     B blank                F page furniture

B and F lines carry no token. Headings are recognised by their known titles, never by the
numbering prefix alone: table-三 row labels such as ``一、本年新收…`` look exactly like part headings
(trap 1 of the parsing notes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from giplint.model import Line
from giplint.template import Template, template
from giplint.textkey import text_key

_NUMBERED = re.compile(r"^([一二三四五六七八九十]{1,2})\s*[、.．]\s*(.+)$")
_SUBHEADING = re.compile(r"^[（(]\s*[一二三四五六七八九十]{1,2}\s*[）)]")
_FURNITURE = re.compile(
    r"^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$"
)
_DATE_ONLY = re.compile(
    r"^(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|[〇○零一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日"
    r"|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})$"
)
_ORG_SUFFIX = re.compile(
    r"(?:政府|办公室|办公厅|局|委员会|委|厅|办|中心|街道|街道办事处|镇|乡|署|院|所|站|队|公司)$"
)
_TERMINAL_PUNCT = "。：:；;，,"
_ORDINALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}

HEADING_MAX_CHARS = 40
CONT_MAX_CHARS = 30


@dataclass(frozen=True, slots=True)
class HeadingMatch:
    part: int | None  # None: a numbered top-level heading of no known part (七、附件)
    ordinal: int | None
    title: str
    variant: str  # canonical | silent | info | fuzzy | extra


def ordinal_value(text: str) -> int:
    if len(text) == 1:
        return _ORDINALS.get(text, 0)
    if text[0] == "十":  # 十一 = 11
        return 10 + _ORDINALS.get(text[1], 0)
    return _ORDINALS.get(text[0], 0) * 10 + (_ORDINALS.get(text[1], 0) if text[1] != "十" else 0)


def match_heading(text: str, tpl: Template | None = None) -> HeadingMatch | None:
    """A part heading, if ``text`` (a TAB-free line) is one (format reference §2.4)."""
    tpl = tpl or template()
    stripped = text.strip()
    if not stripped or len(stripped) > HEADING_MAX_CHARS:
        return None
    key = text_key(stripped)
    if key in tpl.not_headings:
        return None
    m = _NUMBERED.match(stripped)
    if m:
        title = m.group(2).strip()
        body = text_key(title).rstrip(_TERMINAL_PUNCT)
        if "。" in body:
            return None
        ordinal = ordinal_value(m.group(1))
        found = tpl.part_titles.get(body)
        if found:
            return HeadingMatch(found.number, ordinal, title, found.variant)
        fuzzy = _fuzzy_part(body, tpl)
        if fuzzy:
            return HeadingMatch(fuzzy, ordinal, title, "fuzzy")
        if ordinal >= 7:
            return HeadingMatch(None, ordinal, title, "extra")
        return None
    body = key.rstrip(_TERMINAL_PUNCT)
    found = tpl.part_titles.get(body)
    if found:
        return HeadingMatch(found.number, None, stripped, found.variant)
    return None


def _fuzzy_part(key: str, tpl: Template) -> int | None:
    for number, title in tpl.canonical_titles.items():
        canonical = text_key(title)
        if abs(len(canonical) - len(key)) <= 2 and len(canonical) >= 6 and edit_distance(key, canonical) <= 2:
            return number
    return None


def edit_distance(a: str, b: str, limit: int = 8) -> int:
    """Levenshtein distance, giving up (returning ``limit + 1``) once it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def is_org_name(text: str) -> bool:
    s = text.strip()
    return 2 <= len(s) <= 30 and not any(p in s for p in "。，,；") and bool(_ORG_SUFFIX.search(s))


def is_date_only(text: str) -> bool:
    return bool(_DATE_ONLY.match(text.strip()))


def classify(texts: list[str]) -> tuple[list[Line], dict[int, HeadingMatch]]:
    """Lines with their kinds, and the heading match of every H line (keyed by line number)."""
    tpl = template()
    lines: list[Line] = []
    headings: dict[int, HeadingMatch] = {}
    prev_kind = "B"
    seen_heading = False
    title_found = False
    for number, text in enumerate(texts, 1):
        kind, key = _classify_one(text, prev_kind)
        if kind in ("P", "O"):
            heading = match_heading(text, tpl)
            if heading:
                kind = "H"
                headings[number] = heading
                seen_heading = True
            elif kind == "P" and _SUBHEADING.match(text.strip()):
                kind = "S"
            elif kind == "P" and not seen_heading and not title_found and _is_title(text):
                kind = "T"
                title_found = True
                _mark_issuer_line(lines)
        lines.append(Line(number, text, key, kind))
        if kind not in ("B", "F"):
            prev_kind = kind
        elif kind == "B":
            prev_kind = "B"
    _mark_closing(lines)
    return lines, headings


def _classify_one(text: str, prev_kind: str) -> tuple[str, str | None]:
    """The line's kind, and its key when already worth computing (a layout-A cell's label)."""
    if not text.strip():
        return ("E" if prev_kind in ("C", "O") else "B"), ""
    if "\t" in text:
        if text.startswith("\t") and "\t" not in text[1:]:
            return "C", text_key(text)
        return "R", None
    if _FURNITURE.match(text.strip()):
        return "F", None
    if prev_kind in ("C", "O") and len(text.strip()) <= CONT_MAX_CHARS and "。" not in text:
        return "O", None
    return "P", None


def _is_title(text: str) -> bool:
    s = text.strip()
    return "年度报告" in s and len(s) <= 60 and "。" not in s


def _mark_issuer_line(lines: list[Line]) -> None:
    """An organisation name on its own line just above the title belongs to the title block."""
    for line in reversed(lines):
        if line.kind == "B":
            continue
        if line.kind == "P" and is_org_name(line.text):
            line.kind = "T"
        return


def _mark_closing(lines: list[Line]) -> None:
    """The issuing body and the date at the end of the report (format reference §9.2)."""
    tail = [ln for ln in lines[-12:] if ln.kind not in ("B", "E", "F")]
    closing: list[Line] = []
    for line in reversed(tail[-3:]):
        if line.kind != "P":
            break
        if is_date_only(line.text) or is_org_name(line.text):
            closing.append(line)
        else:
            break
    if not any(is_date_only(ln.text) for ln in closing):
        # Without a date, only a bare organisation name as the very last line counts.
        closing = closing[:1] if closing and len(closing[0].text.strip()) <= 20 else []
    for line in closing:
        line.kind = "K"
