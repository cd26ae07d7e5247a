"""The official template (rules/template-2021.toml) as lookups built once per process."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from giplint.resources import load_toml
from giplint.textkey import text_key

TEMPLATE_FILE = "template-2021.toml"

# Ordinal prefixes of row labels: 一、 (一) 1. 1、 — stripped to compare the words alone.
_ORDINAL_PREFIX = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、])"
)


def strip_ordinal(key: str) -> str:
    return _ORDINAL_PREFIX.sub("", key, count=1)


@dataclass(frozen=True, slots=True)
class PartTitle:
    number: int
    canonical: str
    variant: str  # canonical | silent | info


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class RowDef:
    key: str
    label: str
    en: str
    category: str


@dataclass(frozen=True, slots=True)
class Identity:
    id: str
    code: str
    per: str  # "column" or "row"
    left: tuple[str, ...]
    right: tuple[str, ...]
    states_total: str
    zh: str
    en: str
    left_name: tuple[str, str]  # (zh, en) short description of each side, for messages
    right_name: tuple[str, str]


class Template:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.format: str = data["format"]
        self.first_year: int = data["first_year"]
        self.part_titles: dict[str, PartTitle] = {}
        self.canonical_titles: dict[int, str] = {}
        for part in data["parts"]:
            n = part["number"]
            self.canonical_titles[n] = part["title"]
            self.part_titles[text_key(part["title"])] = PartTitle(n, part["title"], "canonical")
            for variant in ("silent", "info"):
                for title in part[variant]:
                    self.part_titles[text_key(title)] = PartTitle(n, part["title"], variant)
        self.not_headings = frozenset(text_key(t) for t in data["not_headings"])

        t2 = data["table2"]
        self.t2_captions = {text_key(s["caption"]): s for s in t2["sections"]}
        self.t2_rows: dict[str, tuple[str, list[Column]]] = {}  # label key -> (row key, columns)
        self.t2_row_defs: list[RowDef] = []
        for s in t2["sections"]:
            cols = [Column(*c) for c in s["columns"]]
            for key, label, en in s["rows"]:
                full = f"{s['key']}.{key}"
                self.t2_rows[text_key(label)] = (full, cols)
                self.t2_row_defs.append(RowDef(full, label, en, s["caption"]))
        self.t2_header_keys = frozenset(text_key(c[1]) for s in t2["sections"] for c in s["columns"]) | {
            "信息内容"
        }
        self.markers_2019 = tuple(text_key(m) for m in t2["markers_2019"]["labels"])

        t3 = data["table3"]
        self.t3_columns = [Column(*c) for c in t3["columns"]]
        self.t3_rows = [RowDef(*r) for r in t3["rows"]]
        self.t3_row_by_key = {r.key: r for r in self.t3_rows}
        self.t3_labels: dict[str, str] = {}
        for r in self.t3_rows:
            k = text_key(r.label)
            self.t3_labels[k] = r.key
            self.t3_labels.setdefault(strip_ordinal(k), r.key)
        self.t3_categories = frozenset(text_key(c) for c in t3["categories"])
        self.t3_categories |= {strip_ordinal(c) for c in self.t3_categories}
        self.t3_header_keys = frozenset(text_key(h) for h in t3["header_labels"])
        self.t3_subtotal_columns = frozenset(text_key(h) for h in t3["subtotal_columns"])
        self.t3_balance_note = text_key(t3["balance_note"])
        ck, clabel, cen = t3["collapsed_other"]
        self.collapsed_other = RowDef(ck, clabel, cen, "")
        self.t3_identities = [_identity(i) for i in t3["identities"]]

        t4 = data["table4"]
        self.t4_groups = [Column(*g) for g in t4["groups"]]
        self.t4_columns = [Column(*c) for c in t4["columns"]]
        self.t4_header_keys = frozenset(text_key(h) for h in t4["header_labels"])
        self.t4_identities = [_identity(i) for i in t4["identities"]]

    def t3_rows_matching(self, pattern: str) -> list[str]:
        """Row keys for an identity term: ``granted`` or a group ``denied.*``."""
        if pattern.endswith(".*"):
            prefix = pattern[:-1]
            return [r.key for r in self.t3_rows if r.key.startswith(prefix)]
        return [pattern]


def _identity(d: dict[str, Any]) -> Identity:
    return Identity(
        d["id"],
        d["code"],
        d["per"],
        tuple(d["left"]),
        tuple(d["right"]),
        d["states_total"],
        d["zh"],
        d["en"],
        (d["left_zh"], d["left_en"]),
        (d["right_zh"], d["right_en"]),
    )


@functools.cache
def template() -> Template:
    return Template(load_toml(TEMPLATE_FILE))
