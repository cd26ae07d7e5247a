"""``--format json``: one array of diagnostics, the schema documented in README.md."""

from __future__ import annotations

import json
from typing import Any

from giplint.linter import FileResult


def render(results: list[FileResult], lang: str = "zh", **_: Any) -> str:
    items = [d.as_dict(lang) for r in results for d in r.diagnostics]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
