"""Property tests over generated reports: valid ones are clean, each injected defect is found where it is."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from giplint.diagnostics import Severity
from giplint.linter import lint_bytes, lint_text
from giplint.reportgen import DEFECTS, generate

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
layouts = st.sampled_from(["A", "B"])
kinds = st.sampled_from(["department", "government"])
sizes = st.sampled_from(["small", "typical", "large"])


@SETTINGS
@given(seed=st.integers(0, 10_000), layout=layouts, kind=kinds, size=sizes, crlf=st.booleans())
def test_valid_report_has_no_error(seed: int, layout: str, kind: str, size: str, crlf: bool) -> None:
    report = generate(seed, layout=layout, issuer_kind=kind, size=size, crlf=crlf)
    diags = lint_bytes(report.text.encode("utf-8"), "r.txt").diagnostics
    errors = [(d.code, d.span.line, d.text("en")) for d in diags if d.severity is Severity.ERROR]
    assert errors == []
    warnings = [(d.code, d.span.line, d.text("en")) for d in diags if d.severity is Severity.WARNING]
    assert warnings == []


@SETTINGS
@given(seed=st.integers(0, 10_000), layout=layouts, kind=kinds, defect=st.sampled_from(sorted(DEFECTS)))
def test_injected_defect_is_found_at_its_line(seed: int, layout: str, kind: str, defect: str) -> None:
    report = generate(seed, layout=layout, issuer_kind=kind, defect=defect)
    diags = lint_text(report.text)
    code = DEFECTS[defect]
    assert report.defect_line in [d.span.line for d in diags if d.code == code], (
        code,
        report.defect_line,
        [(d.code, d.span.line) for d in diags],
    )
    # Findings of other families stay away, apart from the arithmetic knock-on of a changed total.
    family = code[:4]
    others = {d.code[:4] for d in diags if d.severity is not Severity.INFO} - {family}
    assert others <= ({"GIP2"} if family == "GIP2" else set()), others
