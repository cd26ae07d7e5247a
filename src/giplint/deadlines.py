"""Who publishes a report and by when it is due (format reference §1.2, §9.5).

The deadline table lives in ``rules/dates.toml``; a configured value overrides it through the
``overrides`` parameter of :func:`deadline_for`, keyed by issuer kind (``"department"``,
``"government"``, ``"township"``, ``"unknown"``, or ``"legacy"`` for N ≤ 2018), with the value
``"MM-DD"`` in year N+1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from typing import Any

from giplint import lazyregex
from giplint.model import IssuerKind
from giplint.resources import load_toml
from giplint.textkey import text_key

_YEAR_ON = lazyregex.compile(r"(?:19|20)[0-9]{2}\s*年|[〇○零一二三四五六七八九]{4}年|政府信息公开|年度报告")
_TRIM = "。，、；：:;,.()（）[]【】《》 \t"


@cache
def _issuer_words() -> dict[str, Any]:
    table = load_toml("dates.toml")["issuer"]
    return {k: sorted(v, key=len, reverse=True) if isinstance(v, list) else v for k, v in table.items()}


def issuer_name(text: str | None) -> str:
    """The organisation part of an issuer text: ``新绛县 2021 年政府信息公开…`` → ``新绛县``."""
    if not text:
        return ""
    key = text_key(text)
    cut = _YEAR_ON.search(key)
    if cut is not None:
        key = key[: cut.start()]
    return key.strip(_TRIM)


def infer_issuer_kind(name: str | None, *, body: str | None = None) -> IssuerKind:
    """department | government | township | unknown, from an issuer name (§9.5)."""
    key = issuer_name(name)
    if len(key) < 2:
        return "unknown"
    words = _issuer_words()
    if any(key.endswith(office) for office in words["office_names"]):
        if body is None:
            return "department"
        speaks_of_itself = any(w in body for w in words["office_self_reference"])
        return "department" if speaks_of_itself else "government"
    for suffix in words["township_suffixes"]:
        stem = _without_government(key, words)
        if stem.endswith(suffix) and len(stem) > len(suffix):
            return "township"
    for suffix in words["department_suffixes"]:
        if key.endswith(suffix) and len(key) > len(suffix):
            return "department"
    stem = _without_government(key, words)
    for suffix in words["area_suffixes"]:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            return "government"
    return "unknown"


def _without_government(key: str, words: dict[str, Any]) -> str:
    for word in words["government_words"]:
        if key.endswith(word):
            return key[: -len(word)]
    return key


def deadline_for(year: int, kind: IssuerKind, overrides: Mapping[str, str] | None = None) -> dt.date:
    """The last day to publish the report for ``year`` by an issuer of ``kind``.

    ``overrides`` (from configuration) maps an issuer kind or ``"legacy"`` to ``"MM-DD"``.
    """
    return deadline_basis(year, kind, overrides)[0]


def deadline_basis(
    year: int, kind: IssuerKind, overrides: Mapping[str, str] | None = None
) -> tuple[dt.date, str, bool]:
    """The deadline, the entry of ``[deadlines]`` it came from (an issuer kind or ``"legacy"``)
    and whether configuration set it: a message must name the rule that applied, not assume one."""
    table: dict[str, Any] = load_toml("dates.toml")["deadlines"]
    key = "legacy" if year <= int(table["legacy_until"]) else kind if kind in table else "unknown"
    chosen = overrides or {}
    configured = key in chosen
    entry = chosen.get(key, table[key])
    month, day = (int(part) for part in str(entry).split("-"))
    return dt.date(year + 1, month, day), key, configured
