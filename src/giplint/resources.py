"""Where the grammar and the declarative rule data live, installed or in a checkout."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Any

_PACKAGED = Path(__file__).parent / "_data"
_CHECKOUT = Path(__file__).resolve().parents[2]  # src/giplint -> repository root


def data_dir(name: str) -> Path:
    """``grammars`` or ``rules``: inside the installed wheel, else at the top of a checkout."""
    packaged = _PACKAGED / name
    return packaged if packaged.is_dir() else _CHECKOUT / name


@functools.cache
def load_toml(name: str) -> dict[str, Any]:
    """A TOML file of ``rules/``, parsed once per process."""
    with (data_dir("rules") / name).open("rb") as fh:
        return tomllib.load(fh)


def grammar_path(name: str = "report.lark") -> Path:
    return data_dir("grammars") / name
