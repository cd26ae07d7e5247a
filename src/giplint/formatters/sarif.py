"""``--format sarif``: a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` describes every installed rule (plugins included) from its class
declarations and docstring, so a viewer can show the rule's documentation next to a finding. Each
result carries a physical location (1-based lines, columns counted in Unicode code points, as
declared by ``run.columnKind``) and a ``partialFingerprints`` entry that survives line moves.

Options: ``information_uri`` (the tool's home page), ``command_line`` (the argv to record in the
invocation).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

import giplint
from giplint import ruledocs
from giplint.diagnostics import Diagnostic, Severity
from giplint.formatters.findings import FINGERPRINT_KEY, fingerprints, is_absolute, ordered, path_of
from giplint.linter import FileResult
from giplint.plugins import all_rules
from giplint.rule import Rule

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/giplint/"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INTERNAL_ERROR = "GIP099"
_SECTION = re.compile(r"^(Why|Source|Fails|Passes|Settings|Markers|Examples):", re.MULTILINE)


def render(
    results: list[FileResult],
    lang: str = "zh",
    information_uri: str = INFORMATION_URI,
    command_line: list[str] | None = None,
    **_: Any,
) -> str:
    return (
        json.dumps(sarif_log(results, lang, information_uri, command_line), ensure_ascii=False, indent=2)
        + "\n"
    )


def sarif_log(
    results: list[FileResult],
    lang: str = "zh",
    information_uri: str = INFORMATION_URI,
    command_line: list[str] | None = None,
) -> dict[str, Any]:
    rules = list(all_rules())
    index = {cls.code: i for i, cls in enumerate(rules)}
    prints = fingerprints(results)
    sarif_results = [_result(r, d, lang, index, prints[id(d)]) for r, d in ordered(results)]
    invocation: dict[str, Any] = {
        "executionSuccessful": not any(d.code == INTERNAL_ERROR for r in results for d in r.diagnostics)
    }
    if command_line:
        invocation["arguments"] = list(command_line)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "giplint",
                        "version": giplint.__version__,
                        "semanticVersion": giplint.__version__,
                        "informationUri": information_uri,
                        "rules": [_descriptor(cls, lang) for cls in rules],
                    }
                },
                "invocations": [invocation],
                "language": "en-US" if lang == "en" else "zh-CN",
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }


def _descriptor(cls: type[Rule], lang: str) -> dict[str, Any]:
    help_text = ruledocs.rule_doc(cls, lang)
    return {
        "id": cls.code,
        "name": cls.name,
        "shortDescription": {"text": ruledocs.summary(cls, lang)},
        "fullDescription": {"text": _description(cls, lang)},
        "help": {"text": help_text, "markdown": _markdown(cls, help_text)},
        "defaultConfiguration": {"level": LEVELS[cls.severity], "enabled": cls.enabled_by_default},
        "properties": {
            "family": cls.family(),
            "enabledByDefault": cls.enabled_by_default,
            "tags": [cls.family()],
        },
    }


def _description(cls: type[Rule], lang: str) -> str:
    """What the rule checks, without the why, the examples and the settings."""
    doc = ruledocs.rule_doc(cls, lang)
    what = ruledocs.zh_sections(doc).get("规则说明") if lang == "zh" else None
    if what:
        return f"{doc.splitlines()[0].strip()}\n\n{what}"
    doc = cls.doc()
    match = _SECTION.search(doc)
    return (doc[: match.start()] if match else doc).strip()


def _markdown(cls: type[Rule], help_text: str) -> str:
    # The Chinese docs are Markdown with ``## 原因``-style sections; the docstrings use ``Why:`` labels.
    body = re.sub(r"^## ", "### ", help_text, flags=re.MULTILINE)
    body = _SECTION.sub(lambda m: f"**{m.group(1)}:**", body)
    return f"## {cls.code} {cls.name}\n\n{body}\n"


def _uri(path: str) -> tuple[str, str | None]:
    """The artifact URI and its base id: relative paths resolve against %SRCROOT%."""
    if is_absolute(path):
        if re.match(r"^[A-Za-z]:", path):
            return "file:///" + quote(path, safe="/:"), None
        return "file://" + quote(path, safe="/"), None
    return quote(path, safe="/"), SRCROOT


def _location(
    diag: Diagnostic, artifact: dict[str, Any], region: dict[str, Any], lang: str
) -> dict[str, Any]:
    """A Word paragraph or cell, or a PDF page and line, is a logical location: a .docx or .pdf has
    no text lines for a region to count, so only the artifact is physical there."""
    label = diag.location(lang)
    if label is None:
        return {"physicalLocation": {"artifactLocation": artifact, "region": region}}
    if diag.origin is not None and diag.origin.line is not None:  # HTML: a real source line, and a label
        return {
            "physicalLocation": {"artifactLocation": artifact, "region": region},
            "logicalLocations": [{"name": label}],
        }
    return {
        "physicalLocation": {"artifactLocation": artifact},
        "logicalLocations": [{"name": label, "kind": "element"}],
    }


def _result(
    result: FileResult, diag: Diagnostic, lang: str, index: dict[str, int], fingerprint: str
) -> dict[str, Any]:
    span = diag.span
    region: dict[str, Any] = {"startLine": span.line, "startColumn": span.column, "endLine": span.last_line}
    if span.end_column is not None:
        region["endColumn"] = span.end_column
    uri, base = _uri(path_of(result, diag))
    artifact: dict[str, Any] = {"uri": uri}
    if base:
        artifact["uriBaseId"] = base
    out: dict[str, Any] = {"ruleId": diag.code}
    if diag.code in index:  # a diagnostic from a rule no longer installed has no descriptor
        out["ruleIndex"] = index[diag.code]
    out |= {
        "level": LEVELS[diag.severity],
        "message": {"text": diag.text(lang)},
        "locations": [_location(diag, artifact, region, lang)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"rule": diag.rule},
    }
    return out
