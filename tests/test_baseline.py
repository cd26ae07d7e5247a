"""Baselines (``--write-baseline`` / ``--baseline``) and the fingerprints they key findings by.

Every test lints real files written to ``tmp_path`` from generated fictional reports.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from giplint.baseline import (
    Baseline,
    BaselineError,
    Entry,
    describe_stale,
    load_baseline,
    write_baseline,
)
from giplint.diagnostics import Diagnostic, Severity, Span
from giplint.fingerprint import fingerprint, fingerprints, normalise_path, offending_text
from giplint.linter import FileResult, lint_path, lint_source
from giplint.reportgen import generate
from giplint.rules.input import InternalError

# --- helpers ----------------------------------------------------------------------------------


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _save(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines), encoding="utf-8")


def _codes(results: list[FileResult]) -> list[tuple[str, int]]:
    return [(d.code, d.span.line) for r in results for d in r.diagnostics]


def _only(result: FileResult, code: str) -> Diagnostic:
    found = [d for d in result.diagnostics if d.code == code]
    assert len(found) == 1, [(d.code, d.span.line) for d in result.diagnostics]
    return found[0]


def _part_one_heading(lines: list[str]) -> int:
    """0-based index of the 一、 heading line."""
    return next(i for i, line in enumerate(lines) if line.startswith("一、"))


def _bad_total(tmp_path: Path, name: str = "reports/a.txt", seed: int = 3) -> Path:
    """A report whose table 三 总计/总计 cell is one too high: GIP210, GIP211 and GIP212 on that cell."""
    return _write(tmp_path / name, generate(seed, layout="B", defect="t3-outcome-sum").text)


def _placeholders(tmp_path: Path, name: str = "reports/p.txt") -> Path:
    """A valid report whose issuer name is replaced by the placeholder XX in every line: three
    identical GIP703 findings (same code, same offending text)."""
    report = generate(3, layout="B")
    text = report.text.replace(report.issuer, "XX" + report.issuer[-1])
    return _write(tmp_path / name, text)


def _set_total(path: Path, span: Span, change: int) -> None:
    """Change the table 三 总计 cell at ``span`` by ``change``, and the 办结 figure the prose states with
    it, so that only the table identities are affected."""
    lines = _lines(path)
    row = lines[span.line - 1]
    old = row[span.column - 1 : span.end_column - 1]
    new = str(int(old) + change)
    lines[span.line - 1] = row[: span.column - 1] + new + row[span.end_column - 1 :]
    prose = next(i for i, line in enumerate(lines) if f"办结{old}件" in line)
    lines[prose] = lines[prose].replace(f"办结{old}件", f"办结{new}件")
    _save(path, lines)


def _baseline_of(paths: list[Path], baseline: Path) -> Baseline:
    count = write_baseline([lint_path(p) for p in paths], baseline)
    loaded = load_baseline(baseline)
    assert count == len(loaded.entries) > 0
    return loaded


# --- write, then filter -----------------------------------------------------------------------


def test_write_then_filter_reports_nothing(tmp_path: Path) -> None:
    files = [
        _bad_total(tmp_path),
        _write(tmp_path / "reports/b.txt", generate(5, layout="A", defect="t4-group-total").text),
        _write(tmp_path / "reports/c.txt", generate(6, defect="bookmark").text),
        _placeholders(tmp_path),
    ]
    results = [lint_path(p) for p in files]
    total = sum(len(r.diagnostics) for r in results)
    assert total >= 7

    baseline = tmp_path / "giplint-baseline.json"
    assert write_baseline(results, baseline) == total
    kept, stale = load_baseline(baseline).filter([lint_path(p) for p in files])
    assert _codes(kept) == []
    assert stale == []
    assert [r.path for r in kept] == [str(p) for p in files]


def test_filter_does_not_modify_its_input(tmp_path: Path) -> None:
    path = _bad_total(tmp_path)
    baseline = _baseline_of([path], tmp_path / "b.json")
    results = [lint_path(path)]
    before = _codes(results)
    baseline.filter(results)
    assert _codes(results) == before


def test_lines_inserted_above_a_finding_keep_it_suppressed(tmp_path: Path) -> None:
    path = _bad_total(tmp_path)
    old_line = _only(lint_path(path), "GIP211").span.line
    baseline = _baseline_of([path], tmp_path / "b.json")

    lines = _lines(path)
    at = _part_one_heading(lines) + 1
    lines[at:at] = ["本年度，本机关另行组织了两次政务公开业务培训，进一步规范了信息发布审核流程。", ""]
    _save(path, lines)

    result = lint_path(path)
    assert _only(result, "GIP211").span.line == old_line + 2  # the finding really moved
    kept, stale = baseline.filter([result])
    assert _codes(kept) == []
    assert stale == []


def test_changing_the_offending_text_resurrects_the_finding(tmp_path: Path) -> None:
    path = _bad_total(tmp_path)
    first = lint_path(path)
    baseline = _baseline_of([path], tmp_path / "b.json")

    # A different wrong total in the same cell: still wrong, but not the finding that was accepted.
    span = _only(first, "GIP211").span
    _set_total(path, span, +5)

    kept, stale = baseline.filter([lint_path(path)])
    assert sorted(_codes(kept)) == [("GIP210", span.line), ("GIP211", span.line), ("GIP212", span.line)]
    assert sorted(e.code for e in stale) == ["GIP210", "GIP211", "GIP212"]


def test_a_new_defect_is_reported_and_the_old_ones_stay_suppressed(tmp_path: Path) -> None:
    path = _bad_total(tmp_path)
    baseline = _baseline_of([path], tmp_path / "b.json")

    lines = _lines(path)
    at = _part_one_heading(lines) + 1
    lines[at] = "[bookmark: _GoBack]" + lines[at]
    _save(path, lines)

    kept, stale = baseline.filter([lint_path(path)])
    assert _codes(kept) == [("GIP701", at + 1)]
    assert stale == []


def test_fixing_a_defect_makes_its_entries_stale(tmp_path: Path) -> None:
    path = _bad_total(tmp_path)
    first = lint_path(path)
    baseline = _baseline_of([path], tmp_path / "b.json")
    span = _only(first, "GIP211").span
    _set_total(path, span, -1)

    fixed = lint_path(path)
    assert _codes([fixed]) == []  # the fix is real
    kept, stale = baseline.filter([fixed])
    assert _codes(kept) == []
    assert [(e.code, e.path, e.line) for e in stale] == [
        ("GIP210", "reports/a.txt", span.line),
        ("GIP211", "reports/a.txt", span.line),
        ("GIP212", "reports/a.txt", span.line),
    ]


def test_identical_findings_are_counted(tmp_path: Path) -> None:
    path = _placeholders(tmp_path)
    first = lint_path(path)
    placeholder_lines = [d.span.line for d in first.diagnostics if d.code == "GIP703"]
    assert len(placeholder_lines) == 3
    assert {offending_text(first, d) for d in first.diagnostics if d.code == "GIP703"} == {"XX"}
    baseline = _baseline_of([path], tmp_path / "b.json")
    assert len(baseline.entries) == 3
    assert len({e.fingerprint for e in baseline.entries}) == 3

    # A fourth identical placeholder: exactly one new finding.
    lines = _lines(path)
    at = _part_one_heading(lines) + 1
    lines[at:at] = ["XX局负责本机关政府信息公开的日常工作。"]
    _save(path, lines)
    kept, stale = baseline.filter([lint_path(path)])
    assert [c for c, _ in _codes(kept)] == ["GIP703"]
    assert stale == []

    # Back to two placeholders: one entry no longer has a finding to absorb.
    lines = _lines(path)
    del lines[at]
    first_line = placeholder_lines[0] - 1
    lines[first_line] = lines[first_line].replace("XX", "青禾", 1)
    _save(path, lines)
    kept, stale = baseline.filter([lint_path(path)])
    assert _codes(kept) == []
    assert [e.code for e in stale] == ["GIP703"]


def test_entries_for_files_outside_the_run_are_neither_matched_nor_stale(tmp_path: Path) -> None:
    a = _bad_total(tmp_path, "reports/a.txt")
    b = _bad_total(tmp_path, "reports/b.txt", seed=4)
    baseline = _baseline_of([a, b], tmp_path / "b.json")
    assert {e.path for e in baseline.entries} == {"reports/a.txt", "reports/b.txt"}

    kept, stale = baseline.filter([lint_path(a)])
    assert _codes(kept) == []
    assert stale == []


def test_a_file_linted_without_findings_makes_all_its_entries_stale(tmp_path: Path) -> None:
    path = _bad_total(tmp_path)
    baseline = _baseline_of([path], tmp_path / "b.json")
    _write(path, generate(8, layout="A").text)
    kept, stale = baseline.filter([lint_path(path)])
    assert _codes(kept) == []
    assert len(stale) == len(baseline.entries) == 3


def test_a_finding_in_another_file_is_not_absorbed(tmp_path: Path) -> None:
    # Same report content under two names: the baseline of one does not cover the other.
    a = _bad_total(tmp_path, "reports/a.txt")
    b = _bad_total(tmp_path, "reports/copy.txt")
    baseline = _baseline_of([a], tmp_path / "b.json")
    kept, stale = baseline.filter([lint_path(a), lint_path(b)])
    assert [c for c, _ in _codes(kept)] == ["GIP210", "GIP211", "GIP212"]
    assert {r.path for r in kept if r.diagnostics} == {str(b)}
    assert stale == []


def test_internal_errors_are_never_baselined(tmp_path: Path) -> None:
    path = _bad_total(tmp_path)
    result = lint_path(path)
    crash = InternalError().at_path(str(path), Span(1), rule="GIP999 example", error="ValueError: x")
    result.diagnostics.append(crash)
    count = write_baseline([result], tmp_path / "b.json")
    assert count == 3
    kept, _ = load_baseline(tmp_path / "b.json").filter([result])
    assert [d.code for r in kept for d in r.diagnostics] == ["GIP099"]


# --- paths --------------------------------------------------------------------------------------


def test_paths_are_relative_to_the_baseline_and_work_from_another_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    _bad_total(project, "reports/2023/a.txt")
    monkeypatch.chdir(project)
    baseline_path = Path("ci/giplint-baseline.json")
    baseline_path.parent.mkdir()
    write_baseline([lint_path(Path("reports/2023/a.txt"))], baseline_path)

    stored = json.loads((project / "ci/giplint-baseline.json").read_text(encoding="utf-8"))
    assert {e["path"] for e in stored["entries"]} == {"../reports/2023/a.txt"}

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    baseline = load_baseline(Path("../project/ci/giplint-baseline.json"))
    for spelling in ("../project/reports/2023/a.txt", str(project / "reports/2023/a.txt")):
        kept, stale = baseline.filter([lint_path(Path(spelling))])
        assert _codes(kept) == [], spelling
        assert stale == [], spelling


def test_moving_the_reports_and_the_baseline_together_keeps_it_valid(tmp_path: Path) -> None:
    path = _bad_total(tmp_path / "old", "reports/a.txt")
    write_baseline([lint_path(path)], tmp_path / "old/baseline.json")
    (tmp_path / "old").rename(tmp_path / "new")
    kept, stale = load_baseline(tmp_path / "new/baseline.json").filter(
        [lint_path(tmp_path / "new/reports/a.txt")]
    )
    assert _codes(kept) == []
    assert stale == []


# --- the file ---------------------------------------------------------------------------------


def test_the_file_is_stable_sorted_and_readable(tmp_path: Path) -> None:
    files = [_bad_total(tmp_path, "reports/z.txt"), _placeholders(tmp_path, "reports/a.txt")]
    first = tmp_path / "one.json"
    second = tmp_path / "two.json"
    write_baseline([lint_path(p) for p in files], first)
    write_baseline([lint_path(p) for p in reversed(files)], second)
    text = first.read_text(encoding="utf-8")
    assert text == second.read_text(encoding="utf-8")
    assert text.endswith("}\n")

    document = json.loads(text)
    assert document["version"] == 1
    assert document["tool"] == "giplint"
    entries = document["entries"]
    assert [(e["path"], e["line"]) for e in entries] == sorted((e["path"], e["line"]) for e in entries)
    assert entries[0]["path"] == "reports/a.txt"
    english = {d.text("en") for p in files for d in lint_path(p).diagnostics}
    for e in entries:
        assert list(e) == ["path", "line", "code", "rule", "message", "fingerprint"]
        assert e["message"] in english  # English, for reviewers
    total = next(e for e in entries if e["code"] == "GIP211")
    assert total["rule"] == "t3-outcome-sum"
    assert total["message"].startswith("table 三")
    assert "\n" + " " * 6 + '"code": "GIP211"' in text  # one key per line: diffs show what changed


def test_empty_run_writes_an_empty_baseline(tmp_path: Path) -> None:
    clean = _write(tmp_path / "ok.txt", generate(8, layout="A").text)
    assert write_baseline([lint_path(clean)], tmp_path / "b.json") == 0
    assert load_baseline(tmp_path / "b.json").entries == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "not found"),
        (b'{\n  "version": 1,\n  "tool": "giplint",\n  "entries": [\n}', "invalid JSON at line 5"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[]", "expected a JSON object"),
        (b'{"version": 2, "tool": "giplint", "entries": []}', "unsupported baseline version 2"),
        (b'{"tool": "giplint", "entries": []}', "unsupported baseline version None"),
        (b'{"version": 1, "tool": "eslint", "entries": []}', "not a giplint baseline"),
        (b'{"version": 1, "tool": "giplint", "entries": {}}', "'entries' must be a list"),
        (b'{"version": 1, "tool": "giplint", "entries": [3]}', "entry 1 is not an object"),
        (
            b'{"version": 1, "tool": "giplint", "entries": [{"path": "a.txt", "code": "GIP211"}]}',
            "entry 1 has no valid 'fingerprint'",
        ),
        (
            b'{"version": 1, "tool": "giplint", "entries": '
            b'[{"path": "a.txt", "code": "GIP211", "fingerprint": "ab", "line": "61"}]}',
            "entry 1: 'line' must be an integer",
        ),
    ],
)
def test_a_bad_baseline_is_a_clear_error(tmp_path: Path, content: bytes | None, reason: str) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(BaselineError) as caught:
        load_baseline(path)
    assert reason in str(caught.value)
    assert str(caught.value).startswith(str(path))
    assert caught.value.path == str(path)


def test_a_baseline_with_a_bom_and_only_required_keys_loads(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_bytes(
        b'\xef\xbb\xbf{"version": 1, "tool": "giplint", "entries": '
        b'[{"path": "a.txt", "code": "GIP211", "fingerprint": "ab"}]}'
    )
    assert load_baseline(path).entries == [Entry("a.txt", "GIP211", "ab")]


def test_writing_into_a_missing_directory_is_a_baseline_error(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="cannot write"):
        write_baseline([], tmp_path / "no/such/dir/b.json")


# --- stale entries --------------------------------------------------------------------------------


def test_describe_stale_names_the_file_code_path_and_line(tmp_path: Path) -> None:
    entry = Entry("reports/a.txt", "GIP211", "ab", line=61, origin="baseline.json")
    assert describe_stale([entry], "en") == [
        "baseline.json: entry GIP211 for reports/a.txt (line 61 when recorded) no longer matches"
        " — remove it or re-run --write-baseline"
    ]
    (zh,) = describe_stale([entry], "zh")
    assert zh.startswith("baseline.json：基线条目 GIP211（reports/a.txt，记录时第 61 行）")
    assert "--write-baseline" in zh


def test_describe_stale_for_real_stale_entries_names_the_loaded_file(tmp_path: Path) -> None:
    path = _bad_total(tmp_path)
    baseline_path = tmp_path / "giplint-baseline.json"
    baseline = _baseline_of([path], baseline_path)
    _write(path, generate(8, layout="A").text)
    _, stale = baseline.filter([lint_path(path)])
    described = describe_stale(stale, "en")
    assert len(described) == 3
    assert all(d.startswith(f"{baseline_path}: entry GIP21") for d in described)
    assert all("for reports/a.txt (line " in d for d in described)


# --- fingerprints -------------------------------------------------------------------------------

_REPORT = generate(3, layout="B", defect="t3-outcome-sum").text


def _result_with(text: str, *spans: Span, path: str = "r.txt", code: str = "GIP703") -> FileResult:
    """A linted ``text`` whose diagnostics are replaced by one synthetic diagnostic per span."""
    result = lint_source(text, path, "UTF-8")
    template = result.diagnostics[0]
    result.diagnostics = [
        Diagnostic(path, span, code, "x", Severity.ERROR, template.message, template.params) for span in spans
    ]
    return result


def _append(text: str, *lines: str) -> str:
    return text + "\n" + "\n".join(lines)


def test_same_text_on_another_line_has_the_same_fingerprint() -> None:
    n = len(_REPORT.split("\n"))
    one = _result_with(_append(_REPORT, "附：联系电话 0000-1234567"), Span(n + 1, 3, n + 1, 7))
    two = _result_with(_append(_REPORT, "", "", "附：联系电话 0000-1234567"), Span(n + 3, 3, n + 3, 7))
    assert offending_text(one, one.diagnostics[0]) == "联系电话"
    assert fingerprints(one) == fingerprints(two)


def test_whitespace_amount_inside_the_span_does_not_matter_but_its_presence_does() -> None:
    """Decision: runs of whitespace (TAB, U+3000, spaces, line breaks) count as one space and the
    ends are trimmed, so re-flowing a table row keeps the fingerprint; removing the whitespace
    altogether changes the text (``1 2`` and ``12`` are different figures)."""
    n = len(_REPORT.split("\n")) + 1

    def fp(line: str) -> str:
        return fingerprints(_result_with(_append(_REPORT, line), Span(n, 1, n, len(line) + 1)))[0]

    assert fp("合计\t12") == fp("合计 \u3000 12") == fp("  合计  12\t")
    assert fp("合计\t12") != fp("合计12")
    assert fp("合计\t12") != fp("合计\t13")


def test_a_multi_line_span_takes_the_text_between_its_ends() -> None:
    n = len(_REPORT.split("\n")) + 1
    result = _result_with(_append(_REPORT, "甲乙丙", "丁戊", "己庚辛"), Span(n, 2, n + 2, 3))
    assert offending_text(result, result.diagnostics[0]) == "乙丙 丁戊 己庚"


def test_code_and_path_are_part_of_the_fingerprint(tmp_path: Path) -> None:
    span = Span(3, 1, 3, 5)
    base = fingerprints(_result_with(_REPORT, span))
    assert fingerprints(_result_with(_REPORT, span, code="GIP704")) != base
    assert fingerprints(_result_with(_REPORT, span, path="other.txt")) != base
    assert fingerprints(_result_with(_REPORT, span, path="./r.txt")) == base
    assert fingerprints(_result_with(_REPORT, span, path=str(Path.cwd() / "r.txt"))) == base


def test_identical_findings_get_occurrence_indices() -> None:
    spans = (Span(3, 1, 3, 5), Span(3, 1, 3, 5), Span(3, 1, 3, 4))
    result = _result_with(_REPORT, *spans)
    fps = fingerprints(result)
    assert len(set(fps)) == 3
    assert [fingerprint(result, d) for d in result.diagnostics] == fps
    # Identical findings are numbered in list order: the first always gets occurrence 0.
    assert fingerprints(_result_with(_REPORT, spans[0]))[0] == fps[0]
    outsider = replace(result.diagnostics[0])  # equal, but not in the list: occurrence 0
    assert fingerprint(result, outsider) == fps[0]


def test_empty_span_or_missing_report_falls_back_to_the_english_message(tmp_path: Path) -> None:
    missing = lint_path(tmp_path / "absent.txt")
    assert missing.report is None
    (diag,) = missing.diagnostics
    assert offending_text(missing, diag) == ""
    other = lint_path(tmp_path / "also-absent.txt")
    other.path = missing.path
    assert fingerprints(missing) == fingerprints(other)

    empty = _write(tmp_path / "empty.txt", "")
    assert fingerprints(lint_path(empty)) != fingerprints(
        FileResult(str(empty), [*missing.diagnostics])
    )  # "empty file" and "No such file" are different findings

    point = _result_with(_REPORT, Span(3, 2, 3, 2), Span(3))
    assert [offending_text(point, d) for d in point.diagnostics] == ["", ""]
    a, b = fingerprints(point)
    assert a != b  # same message, so the occurrence index tells them apart


def test_fingerprints_are_hex_and_independent_of_severity() -> None:
    result = _result_with(_REPORT, Span(3, 1, 3, 5))
    (fp,) = fingerprints(result)
    assert len(fp) == 32 and int(fp, 16) >= 0
    result.diagnostics[0].severity = Severity.INFO
    assert fingerprints(result) == [fp]


def test_normalise_path_uses_forward_slashes_and_the_root(tmp_path: Path) -> None:
    assert normalise_path(tmp_path / "a" / "b.txt", tmp_path) == "a/b.txt"
    assert normalise_path(tmp_path / "b.txt", tmp_path / "ci") == "../b.txt"
    assert normalise_path(os.path.join(str(tmp_path), "a", "..", "c.txt"), tmp_path) == "c.txt"


# --- through the command line (enabled once the lead wires the options) ----------------------------


def test_cli_write_baseline_then_baseline_exits_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from giplint.cli import main

    _bad_total(tmp_path)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    wrote = runner.invoke(main, ["reports", "--write-baseline", "giplint-baseline.json"])
    assert wrote.exit_code == 0, wrote.output
    assert Path("giplint-baseline.json").is_file()
    checked = runner.invoke(main, ["reports", "--baseline", "giplint-baseline.json", "--lang", "en"])
    assert checked.exit_code == 0, checked.output


def test_cli_reports_new_findings_and_stale_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from giplint.cli import main

    path = _bad_total(tmp_path)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    runner.invoke(main, ["reports", "--write-baseline", "b.json"])
    _write(path, generate(6, layout="A", defect="fee-missing").text)  # an error-severity finding
    result = runner.invoke(main, ["reports", "--baseline", "b.json", "--lang", "en"])
    assert result.exit_code == 1
    assert "GIP401" in result.output
    assert "b.json: entry GIP211 for reports/a.txt" in result.output + (result.stderr or "")


def test_cli_bad_baseline_exits_two(tmp_path: Path) -> None:
    from giplint.cli import main

    path = _bad_total(tmp_path)
    (tmp_path / "b.json").write_text("{", encoding="utf-8")
    result = CliRunner().invoke(main, [str(path), "--baseline", str(tmp_path / "b.json")])
    assert result.exit_code == 2
    assert "invalid JSON" in result.output + (result.stderr or "")
