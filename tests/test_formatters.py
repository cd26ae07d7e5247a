"""The machine-readable output formats, each checked against its schema or its consumer's rules.

SARIF is validated with jsonschema against the vendored official schema (tests/data); GitHub workflow
commands are parsed back the way the Actions runner parses them; GitLab Code Quality issues are checked
for the keys and values GitLab documents; JUnit XML is parsed back; CSV is read back through the csv
module with ``utf-8-sig`` as a spreadsheet would.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import giplint
from conftest import REPO, SEEDS
from giplint import ruledocs
from giplint.diagnostics import ERROR, INFO, WARNING, Diagnostic, Message, Severity, Span
from giplint.formatters import FORMATS, get, github, gitlab, junit, sarif
from giplint.formatters import csv as csv_format
from giplint.formatters.findings import FINGERPRINT_KEY, fingerprints
from giplint.formatters.statistics import render_statistics, statistics
from giplint.linter import FileResult, lint_bytes, lint_path, lint_source
from giplint.plugins import all_rules
from giplint.rules.input import InternalError

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
EXAMPLES = sorted((REPO / "examples").glob("*.txt"))
MACHINE_FORMATS = ("sarif", "github", "gitlab", "junit", "csv")


# --- fixtures built from fictional text --------------------------------------------------------

QINGHE = "青禾市云溪区2024年政府信息公开工作年度报告"


def _diag(
    path: str,
    span: Span,
    code: str = "GIP702",
    rule: str = "markdown-residue",
    severity: Severity = WARNING,
    zh: str = "残留：“{text}”",
    en: str = "residue: “{text}”",
    **params: Any,
) -> Diagnostic:
    return Diagnostic(path, span, code, rule, severity, Message(zh=zh, en=en), dict(params))


def _with_report(text: str, path: str, diags: list[Diagnostic]) -> FileResult:
    """A FileResult whose report holds ``text``'s lines, so spans can be resolved to source text."""
    result = lint_source(text, path, "UTF-8", rules=[])
    result.diagnostics = diags
    return result


def _validate_sarif(log: dict[str, Any]) -> None:
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


@pytest.fixture(scope="module")
def example_results() -> list[FileResult]:
    return [lint_path(p) for p in EXAMPLES]


@pytest.fixture
def broken_results(monkeypatch: pytest.MonkeyPatch) -> list[FileResult]:
    monkeypatch.chdir(REPO)  # relative paths, as a CI job gives them
    return [lint_path(p.relative_to(REPO)) for p in EXAMPLES if p.name.startswith("broken-")]


# --- the registry -------------------------------------------------------------------------------


def test_every_format_is_registered_and_importable() -> None:
    for name in MACHINE_FORMATS:
        assert name in FORMATS
        assert callable(get(name))


# --- SARIF --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sarif_is_valid_and_describes_every_rule(lang: str, broken_results: list[FileResult]) -> None:
    log = json.loads(sarif.render(broken_results, lang))
    _validate_sarif(log)
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "giplint"
    assert driver["version"] == giplint.__version__
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == [cls.code for cls in all_rules()]
    by_id = {r["id"]: r for r in driver["rules"]}
    for cls in all_rules():
        desc = by_id[cls.code]
        assert desc["name"] == cls.name
        assert desc["shortDescription"]["text"] == ruledocs.summary(cls, lang)
        assert desc["help"]["text"] == ruledocs.rule_doc(cls, lang)
        assert desc["help"]["markdown"].startswith(f"## {cls.code} {cls.name}\n")
        full = desc["fullDescription"]["text"]
        assert full.startswith(ruledocs.summary(cls, lang))
        assert "Why:" not in full and "原因" not in full
        assert (
            desc["defaultConfiguration"]["level"]
            == {ERROR: "error", WARNING: "warning", INFO: "note"}[cls.severity]
        )
        assert desc["properties"]["family"] == cls.family()
        assert desc["properties"]["enabledByDefault"] is cls.enabled_by_default
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_sarif_results_point_at_the_original_text(broken_results: list[FileResult]) -> None:
    run = json.loads(sarif.render(broken_results, "zh"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    diags = sorted(
        (d for r in broken_results for d in r.diagnostics),
        key=lambda d: (d.path, d.span.line, d.span.column, d.code),
    )
    assert len(run["results"]) == len(diags)
    for res, d in zip(run["results"], diags, strict=True):
        assert res["ruleId"] == d.code
        assert rules[res["ruleIndex"]]["id"] == d.code
        assert res["message"]["text"] == d.text("zh")
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": d.path, "uriBaseId": "%SRCROOT%"}
        region = loc["region"]
        assert (region["startLine"], region["startColumn"]) == (d.span.line, d.span.column)
        assert region.get("endColumn") == d.span.end_column
        assert re.fullmatch(r"[0-9a-f]{32}", res["partialFingerprints"][FINGERPRINT_KEY])
    # The span of a concrete finding covers the offending text in the file itself.
    placeholder = next(res for res in run["results"] if res["ruleId"] == "GIP703")
    region = placeholder["locations"][0]["physicalLocation"]["region"]
    line = (
        (REPO / "examples" / "broken-hygiene.txt")
        .read_text(encoding="utf-8")
        .splitlines()[region["startLine"] - 1]
    )
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "XX"


def test_sarif_message_language_follows_lang(broken_results: list[FileResult]) -> None:
    en = json.loads(sarif.render(broken_results, "en"))["runs"][0]
    zh = json.loads(sarif.render(broken_results, "zh"))["runs"][0]
    assert en["language"] == "en-US" and zh["language"] == "zh-CN"
    first = next(d for r in broken_results for d in r.diagnostics if d.code == "GIP501")
    texts_en = {res["message"]["text"] for res in en["results"]}
    texts_zh = {res["message"]["text"] for res in zh["results"]}
    assert first.text("en") in texts_en and first.text("en") not in texts_zh
    assert first.text("zh") in texts_zh


def test_sarif_unreadable_file_is_a_result_at_line_one(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = lint_path(empty)
    assert result.report is None and [d.code for d in result.diagnostics] == ["GIP001"]
    log = json.loads(sarif.render([result], "en"))
    _validate_sarif(log)
    (res,) = log["runs"][0]["results"]
    assert res["ruleId"] == "GIP001" and res["level"] == "error"
    loc = res["locations"][0]["physicalLocation"]
    assert loc["region"]["startLine"] == 1
    # An absolute path is a file: URI and has no base id.
    assert loc["artifactLocation"]["uri"] == empty.as_uri()
    assert "uriBaseId" not in loc["artifactLocation"]


def test_sarif_paths_are_uri_references(tmp_path: Path) -> None:
    diags = [_diag("报告 目录\\青禾#1.txt", Span(1), text="x")]
    log = json.loads(sarif.render([FileResult("报告 目录\\青禾#1.txt", diags)], "zh"))
    _validate_sarif(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "%E6%8A%A5%E5%91%8A%20%E7%9B%AE%E5%BD%95/%E9%9D%92%E7%A6%BE%231.txt"


def test_sarif_records_a_crashed_rule_as_an_unsuccessful_execution() -> None:
    crash = InternalError().at_path("a.txt", Span(1), rule="GIP999 demo", error="ValueError: boom")
    log = json.loads(sarif.render([FileResult("a.txt", [crash])], "en", command_line=["giplint", "a.txt"]))
    _validate_sarif(log)
    assert log["runs"][0]["invocations"] == [
        {"executionSuccessful": False, "arguments": ["giplint", "a.txt"]}
    ]


def test_sarif_schema_check_catches_a_broken_log(broken_results: list[FileResult]) -> None:
    log = json.loads(sarif.render(broken_results, "zh"))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError):
        _validate_sarif(log)


# --- fingerprints -------------------------------------------------------------------------------


def test_fingerprint_survives_lines_inserted_above(tmp_path: Path) -> None:
    source = (REPO / "examples" / "broken-hygiene.txt").read_text(encoding="utf-8")
    lines = source.split("\n")
    moved = "\n".join([*lines[:10], "", "", *lines[10:]])
    before = lint_source(source, "r.txt", "UTF-8")
    after = lint_source(moved, "r.txt", "UTF-8")
    assert [d.code for d in before.diagnostics] == [d.code for d in after.diagnostics]
    assert [d.span.line + 2 for d in before.diagnostics] == [d.span.line for d in after.diagnostics]
    fp_before = fingerprints([before])
    fp_after = fingerprints([after])
    assert [fp_before[id(d)] for d in before.diagnostics] == [fp_after[id(d)] for d in after.diagnostics]


def test_fingerprint_follows_the_offending_text() -> None:
    text = f"{QINGHE}\n正文中有**加粗**文字。\n另一行有**强调**文字。\n"
    first = _diag("r.txt", Span(2, 5, 2, 11), text="**加粗**")
    second = _diag("r.txt", Span(3, 5, 3, 11), text="**强调**")
    result = _with_report(text, "r.txt", [first, second])
    prints = fingerprints([result])
    assert prints[id(first)] != prints[id(second)]


def test_identical_findings_get_distinct_fingerprints() -> None:
    text = f"{QINGHE}\n重复的一行。\n重复的一行。\n"
    a = _diag("r.txt", Span(2, 1, 2, 7), text="")
    b = _diag("r.txt", Span(3, 1, 3, 7), text="")
    prints = fingerprints([_with_report(text, "r.txt", [a, b])])
    assert prints[id(a)] != prints[id(b)]


# --- GitHub workflow commands ---------------------------------------------------------------------

_PROPERTY_UNESCAPES = (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%"))
_DATA_UNESCAPES = (("%0D", "\r"), ("%0A", "\n"), ("%25", "%"))


def _unescape(text: str, table: tuple[tuple[str, str], ...]) -> str:
    for escaped, raw in table:
        text = text.replace(escaped, raw)
    return text


def parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """Parse one line the way the Actions runner does (ActionCommand.TryParseV2)."""
    assert line.startswith("::")
    end = line.index("::", 2)
    info, data = line[2:end], line[end + 2 :]
    command, _, props_text = info.partition(" ")
    props = {}
    for pair in filter(None, props_text.split(",")):
        key, sep, value = pair.partition("=")
        assert sep, f"property without '=': {pair!r}"
        props[key] = _unescape(value, _PROPERTY_UNESCAPES)
    return command, props, _unescape(data, _DATA_UNESCAPES)


def test_github_commands_parse_back(broken_results: list[FileResult]) -> None:
    out = github.render(broken_results, "zh")
    diags = sorted(
        (d for r in broken_results for d in r.diagnostics),
        key=lambda d: (d.path, d.span.line, d.span.column, d.code),
    )
    lines = out.splitlines()
    assert len(lines) == len(diags)
    for line, d in zip(lines, diags, strict=True):
        command, props, message = parse_workflow_command(line)
        assert command == {ERROR: "error", WARNING: "warning", INFO: "notice"}[d.severity]
        assert props["file"] == d.path
        assert props["line"] == str(d.span.line) and props["col"] == str(d.span.column)
        assert props["title"] == f"{d.code} {d.rule}"
        assert message == d.text("zh")


def test_github_escapes_properties_and_data() -> None:
    path = "reports/a,b:c%d.txt"
    d = _diag(
        path,
        Span(4, 2, 4, 9),
        severity=INFO,
        zh="第一行 50%\r\n第二行 a::b, c",
        en="x",
    )
    (line,) = github.render([FileResult(path, [d])], "zh").splitlines()
    assert line == (
        "::notice file=reports/a%2Cb%3Ac%25d.txt,line=4,col=2,endLine=4,endColumn=9,"
        "title=GIP702 markdown-residue::第一行 50%25%0D%0A第二行 a::b, c"
    )
    command, props, message = parse_workflow_command(line)
    assert command == "notice"
    assert props["file"] == path
    assert message == "第一行 50%\r\n第二行 a::b, c"


def test_github_multi_line_span_has_no_columns() -> None:
    d = _diag("r.txt", Span(3, 1, 7, None), severity=ERROR, text="x")
    _, props, _ = parse_workflow_command(github.render([FileResult("r.txt", [d])]).strip())
    assert props == {"file": "r.txt", "line": "3", "endLine": "7", "title": "GIP702 markdown-residue"}


# --- GitLab Code Quality ------------------------------------------------------------------------

GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def check_code_quality(report: Any) -> None:
    """The rules GitLab documents for a Code Quality report."""
    assert isinstance(report, list)
    for issue in report:
        for key in ("description", "check_name", "fingerprint", "severity", "location"):
            assert key in issue, key
        assert isinstance(issue["description"], str) and issue["description"]
        assert issue["severity"] in GITLAB_SEVERITIES
        path = issue["location"]["path"]
        assert path and not path.startswith(("/", "./")) and "\\" not in path
        begin = issue["location"]["lines"]["begin"]
        assert isinstance(begin, int) and begin >= 1
        assert issue["location"]["lines"]["end"] >= begin
    prints = [i["fingerprint"] for i in report]
    assert len(prints) == len(set(prints)), "GitLab needs a unique fingerprint per issue"


def test_gitlab_code_quality(broken_results: list[FileResult]) -> None:
    report = json.loads(gitlab.render(broken_results, "en"))
    check_code_quality(report)
    assert len(report) == sum(len(r.diagnostics) for r in broken_results)
    by_code = {i["check_name"]: i for i in report}
    assert by_code["GIP501"]["severity"] == "major"
    assert by_code["GIP703"]["severity"] == "minor"
    assert by_code["GIP501"]["location"] == {
        "path": "examples/broken-dates.txt",
        "lines": {"begin": 3, "end": 3},
    }
    sarif_prints = {
        res["partialFingerprints"][FINGERPRINT_KEY]
        for res in json.loads(sarif.render(broken_results))["runs"][0]["results"]
    }
    assert {i["fingerprint"] for i in report} == sarif_prints


def test_gitlab_info_severity_and_absolute_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    inside = str(tmp_path / "sub" / "r.txt")
    d = _diag(inside, Span(2), severity=INFO, text="x")
    (issue,) = json.loads(gitlab.render([FileResult(inside, [d])]))
    assert issue["severity"] == "info"
    assert issue["location"]["path"] == "sub/r.txt"
    dotted = _diag("./r.txt", Span(2), text="x")
    (issue,) = json.loads(gitlab.render([FileResult("./r.txt", [dotted])]))
    assert issue["location"]["path"] == "r.txt"


def test_gitlab_check_rejects_a_report_without_fingerprint(broken_results: list[FileResult]) -> None:
    report = json.loads(gitlab.render(broken_results))
    del report[0]["fingerprint"]
    with pytest.raises(AssertionError):
        check_code_quality(report)


# --- JUnit XML ----------------------------------------------------------------------------------


def check_junit(xml_text: str, results: list[FileResult]) -> ET.Element:
    root = ET.fromstring(xml_text.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "giplint"
    cases = suite.findall("testcase")
    assert len(cases) == len(results) == int(suite.get("tests", "-1"))
    assert [c.get("name") for c in cases] == sorted(r.path.replace("\\", "/") for r in results)
    assert all(c.get("classname") == "giplint" for c in cases)
    failed = sum(1 for c in cases if c.find("failure") is not None and c.find("error") is None)
    errored = sum(1 for c in cases if c.find("error") is not None)
    assert int(suite.get("failures", "-1")) == failed
    assert int(suite.get("errors", "-1")) == errored
    for key in ("tests", "failures", "errors"):
        assert root.get(key) == suite.get(key)
    return suite


def test_junit_one_testcase_per_file_and_a_failure_per_error(example_results: list[FileResult]) -> None:
    suite = check_junit(junit.render(example_results, "zh"), example_results)
    by_name = {c.get("name"): c for c in suite.findall("testcase")}
    for result in example_results:
        case = by_name[result.path]
        errors = [d for d in result.diagnostics if d.severity is ERROR]
        others = [d for d in result.diagnostics if d.severity is not ERROR]
        failures = case.findall("failure")
        assert [f.get("message") for f in failures] == [f"{d.code} {d.text('zh')}" for d in errors]
        for f, d in zip(failures, errors, strict=True):
            assert f.text == f"{result.path}:{d.span.line}:{d.span.column}: {d.code} {d.text('zh')}"
        out = case.find("system-out")
        if others:
            assert out is not None and len(out.text.splitlines()) == len(others)
        else:
            assert out is None
    clean = by_name[str(REPO / "examples" / "clean-county.txt")]
    assert list(clean) == []
    assert int(suite.get("failures")) == sum(
        1 for r in example_results if any(d.severity is ERROR for d in r.diagnostics)
    )


def test_junit_escapes_markup_and_control_characters() -> None:
    d = _diag("a&b<c>.txt", Span(1), severity=ERROR, zh="含有“<b>”与\x0c换页符\x00和 & 号", en="x")
    crash = InternalError().at_path("z.txt", Span(1), rule="GIP999 demo", error="KeyError: 'x'")
    xml_text = junit.render([FileResult("a&b<c>.txt", [d]), FileResult("z.txt", [crash])])
    assert "<b>" not in xml_text  # escaped, not raw markup
    suite = check_junit(xml_text, [FileResult("a&b<c>.txt", [d]), FileResult("z.txt", [crash])])
    first, second = suite.findall("testcase")
    assert first.get("name") == "a&b<c>.txt"
    assert first.find("failure").get("message") == "GIP702 含有“<b>”与\\x0c换页符\\x00和 & 号"
    assert second.find("error").get("type") == "GIP099"
    assert (suite.get("failures"), suite.get("errors")) == ("1", "1")


# --- CSV ----------------------------------------------------------------------------------------


def _read_csv(tmp_path: Path, text: str) -> list[dict[str, str]]:
    path = tmp_path / "out.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(text)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") and not path.read_bytes().startswith(
        b"\xef\xbb\xbf" * 2
    )
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_round_trips_chinese_text(tmp_path: Path, broken_results: list[FileResult]) -> None:
    text = csv_format.render(broken_results, "zh")
    assert text.startswith(
        "\ufeffpath,line,column,end_line,end_column,code,rule,severity,message,location\r\n"
    )
    rows = _read_csv(tmp_path, text)
    diags = sorted(
        (d for r in broken_results for d in r.diagnostics),
        key=lambda d: (d.path, d.span.line, d.span.column, d.code),
    )
    assert rows == [{"location": "", **{k: str(v) for k, v in d.as_dict("zh").items()}} for d in diags]
    assert any("表三" in row["message"] for row in rows)


def test_csv_quotes_commas_quotes_and_newlines(tmp_path: Path) -> None:
    message = '逗号,引号"双引号"，以及\n换行'
    d = _diag("白石县, 交通运输局.txt", Span(2, 1, 2, 5), zh=message, en="x")
    text = csv_format.render([FileResult("白石县, 交通运输局.txt", [d])], "zh")
    assert '"逗号,引号""双引号""，以及\n换行"' in text
    (row,) = _read_csv(tmp_path, text)
    assert row["message"] == message
    assert row["path"] == "白石县, 交通运输局.txt"


def test_csv_defuses_formulas(tmp_path: Path) -> None:
    d = _diag("=cmd.txt", Span(1), zh="+SUM(1,2)", en="x")
    (row,) = _read_csv(tmp_path, csv_format.render([FileResult("=cmd.txt", [d])]))
    assert (row["path"], row["message"]) == ("'=cmd.txt", "'+SUM(1,2)")


# --- statistics ---------------------------------------------------------------------------------


def test_statistics_counts_per_rule_most_frequent_first(broken_results: list[FileResult]) -> None:
    rows = statistics(broken_results)
    assert rows[0].code == "GIP702" and rows[0].count == 2
    assert [r.count for r in rows] == sorted((r.count for r in rows), reverse=True)
    assert sum(r.count for r in rows) == sum(len(r.diagnostics) for r in broken_results)
    text = render_statistics(broken_results, "en")
    first, *rest = text.splitlines()
    assert re.fullmatch(r"2  GIP702  markdown-residue +warning", first)
    assert len(rest) == len(rows) - 1
    assert "警告" in render_statistics(broken_results, "zh")


def test_statistics_of_no_findings_is_empty() -> None:
    assert render_statistics([FileResult("a.txt")], "zh") == ""


# --- every format, every example and seed -------------------------------------------------------


def check_format(name: str, results: list[FileResult]) -> None:
    out = get(name)(results, lang="zh")
    n = sum(len(r.diagnostics) for r in results)
    if name == "sarif":
        log = json.loads(out)
        _validate_sarif(log)
        assert len(log["runs"][0]["results"]) == n
    elif name == "github":
        lines = out.splitlines()
        assert len(lines) == n
        for line in lines:
            parse_workflow_command(line)
    elif name == "gitlab":
        report = json.loads(out)
        check_code_quality(report)
        assert len(report) == n
    elif name == "junit":
        check_junit(out, results)
    elif name == "csv":
        rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
        assert len(rows) == n


@pytest.mark.parametrize("name", MACHINE_FORMATS)
def test_every_format_for_the_examples(name: str, example_results: list[FileResult]) -> None:
    check_format(name, example_results)


@pytest.fixture(scope="module")
def seed_results() -> list[FileResult]:
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not seeds:
        pytest.skip("../shared/seeds is not present")
    # Paths relative to the checkout, as a CI job passes them.
    return [lint_bytes(p.read_bytes(), f"seeds/{p.name}") for p in seeds]


@pytest.mark.parametrize("name", MACHINE_FORMATS)
def test_every_format_for_the_seeds(name: str, seed_results: list[FileResult]) -> None:
    assert any(r.diagnostics for r in seed_results)
    check_format(name, seed_results)


@pytest.mark.parametrize("name", MACHINE_FORMATS)
def test_output_does_not_depend_on_the_order_of_files(name: str, example_results: list[FileResult]) -> None:
    render: Callable[..., str] = get(name)
    shuffled = example_results[:]
    random.Random(3).shuffle(shuffled)
    assert shuffled != example_results
    assert render(shuffled, lang="en") == render(example_results, lang="en")


# --- through the command line, once the lead has wired the new formats ---------------------------


def _cli_formats() -> list[str]:
    from giplint.cli import main

    check = main.commands.get("check") if hasattr(main, "commands") else None
    params = check.params if check is not None else []
    for p in params:
        if p.name == "fmt":
            return list(getattr(p.type, "choices", []))
    return []


@pytest.mark.skipif("sarif" not in _cli_formats(), reason="awaiting CLI wiring")
@pytest.mark.parametrize("name", MACHINE_FORMATS)
def test_cli_writes_each_format(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from giplint.cli import main

    monkeypatch.chdir(REPO)
    out = tmp_path / f"out.{name}"
    CliRunner().invoke(main, ["examples/broken-dates.txt", "--format", name, "--output", str(out)])
    data = out.read_bytes()
    results = [lint_path(Path("examples/broken-dates.txt"))]
    if name == "csv":
        assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf" * 2)
        assert b"\r\r\n" not in data
    assert data.decode("utf-8") == get(name)(results, lang="zh")
