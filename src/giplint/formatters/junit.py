"""``--format junit``: JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

``<testsuites>`` holds one ``<testsuite name="giplint">`` with one ``<testcase>`` per linted file
(``classname="giplint"``, ``name`` = the path). Every error-severity finding is a ``<failure>`` of
its file's testcase; GIP099 (a rule crashed: a bug in giplint, not in the report) is an ``<error>``
instead. Warnings and info do not fail the testcase and are listed in its ``<system-out>``.

The suite's ``failures`` and ``errors`` count testcases (files), as JUnit consumers expect
(``tests - failures - errors`` files passed), not individual findings.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from giplint.diagnostics import Diagnostic, Severity
from giplint.formatters.findings import SEVERITY_LABELS, posix_path
from giplint.linter import FileResult

INTERNAL_ERROR = "GIP099"
# Characters XML 1.0 cannot carry even as references; reports quoted in messages may contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _where(path: str, diag: Diagnostic) -> str:
    label = diag.location()
    if label and diag.origin.line is None:
        return f"{path}:{label}"
    return f"{path}:{diag.span.line}:{diag.span.column}"


def render(results: list[FileResult], lang: str = "zh", **_: Any) -> str:
    labels = SEVERITY_LABELS.get(lang, SEVERITY_LABELS["zh"])
    suite = ET.Element("testsuite", name="giplint")
    failed = errored = 0
    for result in sorted(results, key=lambda r: r.path):
        path = posix_path(result.path)
        case = ET.SubElement(suite, "testcase", classname="giplint", name=xml_safe(path), time="0")
        notes = []
        kinds = set()
        for diag in sorted(result.diagnostics, key=lambda d: d.sort_key):
            text = xml_safe(diag.text(lang))
            if diag.severity is Severity.ERROR:
                tag = "error" if diag.code == INTERNAL_ERROR else "failure"
                kinds.add(tag)
                elem = ET.SubElement(case, tag, message=f"{diag.code} {text}", type=diag.code)
                elem.text = f"{xml_safe(_where(path, diag))}: {diag.code} {text}"
            else:
                notes.append(f"{xml_safe(_where(path, diag))}: {diag.code} [{labels[diag.severity]}] {text}")
        if notes:
            ET.SubElement(case, "system-out").text = "\n".join(notes) + "\n"
        if "error" in kinds:
            errored += 1
        elif "failure" in kinds:
            failed += 1
    counts = {"tests": str(len(results)), "failures": str(failed), "errors": str(errored), "skipped": "0"}
    suite.attrib |= counts | {"time": "0"}
    root = ET.Element("testsuites", name="giplint", **counts, time="0")
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
