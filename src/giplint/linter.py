"""The pipeline for one report: bytes → text → lines → tokens → tree → model → rules → diagnostics.

Nothing here raises for bad input: an unreadable file or a text that is not a report becomes one
GIP0xx diagnostic, and a rule that raises becomes a GIP099 diagnostic naming it while the other
rules still run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from giplint.build import build_report, looks_like_report
from giplint.classify import classify
from giplint.diagnostics import Bi, Diagnostic, Span
from giplint.limits import MAX_TEXT_CHARS
from giplint.loaders import DEFAULT_MAX_BYTES, check_size, load
from giplint.loaders.document import Document, LoadError
from giplint.loaders.text import split_lines
from giplint.model import Report
from giplint.parser import parse_lines
from giplint.plugins import all_rules
from giplint.rule import Rule
from giplint.rules.input import LOAD_FAILURES, InputLimit, InputUnreadable, InternalError, NotAReport


@dataclass(slots=True)
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    encoding: str | None = None  # the encoding, or the format's description ("PDF, 12 pages")
    report: Report | None = None
    document: Document | None = None  # for HTML, DOCX and PDF: the text read and its origins


def load_failure(exc: LoadError, path: str) -> Diagnostic:
    rule = LOAD_FAILURES.get(exc.code, InputUnreadable)
    return rule().at_path(path, Span(1), reason=Bi(exc.reason_zh, exc.reason_en))


def parse_text(text: str, path: str = "<text>", encoding: str = "UTF-8") -> Report:
    lines, headings = classify(split_lines(text))
    parsed = parse_lines(lines)
    report = build_report(path, encoding, lines, parsed, headings)
    report.is_report = looks_like_report(report, headings)
    return report


def select_rules(select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> list[Rule]:
    """Instances of the enabled rules: by default those enabled by default; ``select``/``ignore``
    take codes, families (``GIP2``) or names."""
    chosen = []
    sel = list(select) if select is not None else None
    ign = list(ignore)
    for cls in all_rules():
        on = cls.enabled_by_default if sel is None else any(_matches(cls, s) for s in sel)
        if on and not any(_matches(cls, i) for i in ign):
            chosen.append(cls())
    return chosen


def _matches(cls: type[Rule], selector: str) -> bool:
    s = selector.strip()
    return s == "ALL" or cls.code.startswith(s.upper()) or cls.name == s


def lint_report(report: Report, rules: list[Rule]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for rule in rules:
        if not rule.applies_to(report.year):
            continue
        try:
            out.extend(rule.run(report))
        except Exception as exc:  # a broken rule must not take the others down
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            out.append(
                InternalError().at_path(
                    report.path,
                    Span(1),
                    rule=f"{rule.code} {rule.name}",
                    error=f"{type(exc).__name__}: {exc} ({Path(frame.filename).name}:{frame.lineno})",
                )
            )
    out.sort(key=lambda d: d.sort_key)
    return out


def lint_text(text: str, path: str = "<text>", rules: list[Rule] | None = None) -> list[Diagnostic]:
    return lint_source(text, path, "UTF-8", rules).diagnostics


def lint_source(
    text: str,
    path: str,
    encoding: str,
    rules: list[Rule] | None = None,
    issuer_kind: str | None = None,
    metadata: dict[str, str] | None = None,
) -> FileResult:
    """``issuer_kind`` is the configured one (``issuer-kind`` setting): it replaces the inferred kind.
    ``metadata`` comes from the file (a web page's publication date)."""
    result = FileResult(path, encoding=encoding)
    report = parse_text(text, path, encoding)
    published = (metadata or {}).get("publication_date")
    if published:
        with contextlib.suppress(ValueError):  # a malformed date in page metadata is not the report's fault
            report.publication_date = dt.date.fromisoformat(published)
    if issuer_kind is not None:
        report.configure_issuer_kind(issuer_kind)
    result.report = report
    if not report.is_report:
        result.diagnostics = [NotAReport().at_path(path, Span(1))]
        return result
    result.diagnostics = lint_report(report, rules if rules is not None else select_rules())
    return result


def lint_bytes(
    data: bytes,
    path: str,
    rules: list[Rule] | None = None,
    issuer_kind: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FileResult:
    """Any file: plain text, HTML, DOCX or PDF (decided by content, then extension)."""
    try:
        doc = load(data, path, max_bytes)
    except LoadError as exc:
        return FileResult(path, [load_failure(exc, path)])
    if not doc.text.strip():
        reason = Bi("文件为空（没有文字）", "the file is empty (no text)")
        return FileResult(path, [InputUnreadable().at_path(path, Span(1), reason=reason)], doc.description)
    if len(doc.text) > MAX_TEXT_CHARS:
        reason = Bi(
            f"文字有 {len(doc.text):,} 个字符，超过上限 {MAX_TEXT_CHARS:,}（最长的真实年报约 40 万字符）",
            f"the text is {len(doc.text):,} characters, over the {MAX_TEXT_CHARS:,} limit "
            "(the longest real reports have about 400,000)",
        )
        return FileResult(path, [InputLimit().at_path(path, Span(1), reason=reason)], doc.description)
    result = lint_source(doc.text, path, doc.description, rules, issuer_kind, doc.metadata)
    if doc.kind != "text":
        result.document = doc
        for d in result.diagnostics:
            locate(d, doc)
    return result


def locate(diag: Diagnostic, doc: Document) -> None:
    """Report ``diag`` where it stands in the original file (HTML source line and column; a
    Word paragraph or cell, a PDF page and line by label), keeping its place in the text."""
    origin = doc.origin_at(diag.span.line, diag.span.column)
    if origin is None:
        return
    diag.text_span = diag.span
    diag.origin = origin
    if origin.line is not None:
        column = origin.column or 1
        diag.span = Span(origin.line, column, origin.line, column)


def _file_kind(path: Path, mode: int) -> tuple[str, str]:
    if stat.S_ISDIR(mode):
        try:
            os.listdir(path)
        except OSError as exc:  # a folder a directory walk could not list: say why
            return f"无法列出内容的目录：{exc.strerror}", f"a folder that cannot be listed: {exc.strerror}"
        return "目录", "a directory"
    if stat.S_ISFIFO(mode):
        return "命名管道", "a FIFO"
    if stat.S_ISSOCK(mode):
        return "套接字", "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件", "a device"
    return "特殊文件", "a special file"


def lint_path(
    path: Path,
    rules: list[Rule] | None = None,
    issuer_kind: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FileResult:
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            # Opening a FIFO would wait for a writer for ever; a device could be endless.
            zh, en = _file_kind(path, st.st_mode)
            raise LoadError("GIP001", f"不是普通文件（{zh}）", f"not a regular file ({en})")
        check_size(st.st_size, max_bytes)  # before reading: a 2 GB upload is not read to be refused
        data = path.read_bytes()
    except LoadError as exc:
        return FileResult(str(path), [load_failure(exc, str(path))])
    except OSError as exc:
        reason = Bi(exc.strerror or str(exc), exc.strerror or str(exc))
        return FileResult(str(path), [InputUnreadable().at_path(str(path), Span(1), reason=reason)])
    return lint_bytes(data, str(path), rules, issuer_kind, max_bytes)
