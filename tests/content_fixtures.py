"""Fictional reports for the GIP4xx and GIP7xx tests: a valid generated report with one part's body,
the issuer or a line rewritten, and helpers that run a single rule on the result."""

from __future__ import annotations

from giplint.diagnostics import Diagnostic
from giplint.linter import lint_text, parse_text, select_rules
from giplint.reportgen import generate

COUNTY = "青禾市云溪区"  # a fictional 区 government
CITY = "白鹭市"  # a fictional 市 government
BUREAU = "白石县交通运输局"  # a fictional department of a 县


def base(issuer: str = COUNTY, year: int = 2024, layout: str = "B", kind: str = "government") -> str:
    """A valid report (no finding expected from GIP4xx/GIP7xx) issued by ``issuer``."""
    generated = generate(11, layout=layout, year=year, issuer_kind=kind, size="small")
    return generated.text.replace(generated.issuer, issuer)


def replace_body(text: str, part: int, body: list[str]) -> str:
    """``text`` with the prose and sub-headings of ``part`` replaced by ``body`` (one line each,
    separated by blank lines), placed right after the part's heading."""
    report = parse_text(text)
    found = report.part(part)
    assert found is not None and found.heading is not None, f"part {part} not found"
    drop = {p.line.number for p in found.paragraphs} | {line.number for line in found.subheadings}
    heading = found.heading.line.number
    out: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if number in drop:
            continue
        out.append(line)
        if number == heading:
            for paragraph in body:
                out.extend(["", paragraph])
            out.append("")
    return "\n".join(out)


def replace_line(text: str, old: str, new: str) -> str:
    """``text`` with the first line containing ``old`` replaced by ``new`` (the whole line)."""
    lines = text.split("\n")
    number = line_of(text, old)
    lines[number - 1] = new
    return "\n".join(lines)


def insert_after(text: str, anchor: str, new: str) -> str:
    """``text`` with the line ``new`` inserted after the first line containing ``anchor``."""
    lines = text.split("\n")
    number = line_of(text, anchor)
    lines[number:number] = [new]
    return "\n".join(lines)


def line_of(text: str, fragment: str) -> int:
    """The 1-based number of the first line containing ``fragment``."""
    for number, line in enumerate(text.split("\n"), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in text")


def run(text: str, code: str) -> list[Diagnostic]:
    """The diagnostics of one rule (enabled even if off by default), year gating included."""
    return [d for d in lint_text(text, "<test>", select_rules([code])) if d.code == code]
