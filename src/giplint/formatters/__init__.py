"""Output formats. Each formatter module exposes ``render(results, lang, **options) -> str``."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit", "csv")


def get(name: str) -> Callable[..., Any]:
    return importlib.import_module(f"giplint.formatters.{name}").render
