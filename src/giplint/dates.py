"""Dates and years in report text. (Stub: being written; keep these signatures.)"""

from __future__ import annotations

from giplint.model import Dated, IssuerKind, Line, Period


def find_period(lines: list[Line]) -> Period | None:
    """The 统计期限 statement: its dates, years and span, or None when there is none."""
    return None


def find_signature(closing_lines: list[Line], tail_lines: list[Line]) -> Dated | None:
    """The signature date: in the closing block, else the last full date in ``tail_lines`` (part 六)."""
    return None


def infer_issuer_kind(name: str | None) -> IssuerKind:
    """department | government | township | unknown, from an issuer name (§9.5)."""
    return "unknown"
