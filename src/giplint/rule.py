"""The base class every rule derives from, built-in or plugin.

A rule is declarations plus one small :meth:`Rule.check` generator; its docstring is its
documentation (shown by ``giplint rule CODE``). The docstring's first line is the one-line summary;
then sections ``Why:``, ``Source:``, ``Fails:`` and ``Passes:``.

    class T4GroupTotal(Rule):
        \"\"\"Each table-四 group's 总计 equals its four parts. ...\"\"\"

        code = "GIP220"
        name = "t4-group-total"
        severity = ERROR
        message = Message(zh="…{found}…", en="…{found}…")
        since = 2019

        def check(self, report):
            ...
            yield self.at(cell.span, found=..., expected=...)
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from typing import Any, ClassVar

from giplint.diagnostics import Diagnostic, Message, Severity, Span
from giplint.model import Report

_CODE = re.compile(r"^[A-Z]{3}\d{3}$")
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    message: ClassVar[Message]
    since: ClassVar[int | None] = None  # first report year the rule applies to
    until: ClassVar[int | None] = None  # last report year the rule applies to
    enabled_by_default: ClassVar[bool] = True

    def __init__(self) -> None:
        self._path = ""

    # --- declarations checked once, when the plugin manager collects the rule ---------------
    @classmethod
    def validate(cls) -> None:
        for attr in ("code", "name", "severity", "message"):
            if not hasattr(cls, attr):
                raise TypeError(f"rule {cls.__qualname__} does not declare {attr!r}")
        if not _CODE.match(cls.code):
            raise TypeError(f"rule {cls.__qualname__}: code {cls.code!r} is not like GIP123")
        if not _NAME.match(cls.name):
            raise TypeError(f"rule {cls.code}: name {cls.name!r} is not kebab-case")
        if not (cls.__doc__ or "").strip():
            raise TypeError(f"rule {cls.code} has no docstring")

    @classmethod
    def summary(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "").splitlines()[0]

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def family(cls) -> str:
        return cls.code[:4]  # "GIP2"

    @property
    def year_dependent(self) -> bool:
        return self.since is not None or self.until is not None

    def applies_to(self, year: int | None) -> bool:
        if not self.year_dependent:
            return True
        if year is None:
            return False
        return (self.since is None or year >= self.since) and (self.until is None or year <= self.until)

    # --- the part each rule writes ------------------------------------------------------------
    def check(self, report: Report) -> Iterator[Diagnostic]:
        raise NotImplementedError

    # --- helpers for check() ------------------------------------------------------------------
    def at(
        self,
        span: Span,
        *,
        severity: Severity | None = None,
        message: Message | None = None,
        **params: Any,
    ) -> Diagnostic:
        """A diagnostic of this rule at ``span``; ``params`` fill the message's ``{fields}``."""
        return Diagnostic(
            path=self._path,
            span=span,
            code=self.code,
            rule=self.name,
            severity=severity if severity is not None else self.severity,
            message=message if message is not None else self.message,
            params=params,
        )

    def at_path(self, path: str, span: Span, **params: Any) -> Diagnostic:
        """A diagnostic for a file that has no report model (unreadable, not a report)."""
        self._path = path
        return self.at(span, **params)

    def run(self, report: Report) -> list[Diagnostic]:
        self._path = report.path
        return list(self.check(report))
