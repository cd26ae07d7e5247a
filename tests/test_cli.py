"""The command line, run as a real process where that is what users do."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from giplint.cli import main
from giplint.reportgen import generate

JSON_KEYS = {"path", "line", "column", "end_line", "end_column", "code", "rule", "severity", "message"}


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_clean_report_exits_zero(tmp_path: Path) -> None:
    p = _write(tmp_path, "ok.txt", generate(1, layout="A").text)
    result = CliRunner().invoke(main, [str(p)])
    assert result.exit_code == 0, result.output
    assert "未发现问题" in result.output


def test_error_exits_one_and_json_has_the_documented_schema(tmp_path: Path) -> None:
    report = generate(2, layout="B", defect="t4-group-total")
    p = _write(tmp_path, "bad.txt", report.text)
    result = CliRunner().invoke(main, [str(p), "--format", "json", "--lang", "en"])
    assert result.exit_code == 1
    items = json.loads(result.output)
    assert items and all(set(i) >= JSON_KEYS for i in items)
    hit = next(i for i in items if i["code"] == "GIP220")
    assert (
        hit["line"] == report.defect_line and hit["severity"] == "error" and hit["rule"] == "t4-group-total"
    )
    assert hit["column"] >= 1 and hit["end_line"] >= hit["line"]


def test_text_output_marks_the_span_and_uses_the_language(tmp_path: Path) -> None:
    report = generate(2, layout="A", defect="t4-group-total")
    p = _write(tmp_path, "bad.txt", report.text)
    out = CliRunner().invoke(main, [str(p), "--lang", "en"]).output
    assert f"bad.txt:{report.defect_line}:" in out and "GIP220" in out and "^" in out
    assert "error(s)" in out
    zh = CliRunner().invoke(main, [str(p)]).output
    assert "错误" in zh


def test_directories_are_searched_and_select_ignore_work(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub", "a.txt", generate(3, defect="t4-group-total").text)
    _write(tmp_path, "b.md", generate(4).text)
    _write(tmp_path, "c.pdf.bak", "not linted")
    _write(tmp_path, "README.md", "# notes about these reports")
    (tmp_path / ".git").mkdir()
    _write(tmp_path / ".git", "x.txt", "not a report")
    out = CliRunner().invoke(main, [str(tmp_path), "--format", "json"]).output
    assert {Path(i["path"]).name for i in json.loads(out)} <= {"a.txt", "b.md"}
    ignored = CliRunner().invoke(main, [str(tmp_path), "--ignore", "GIP2"])
    assert ignored.exit_code == 0
    only = CliRunner().invoke(main, [str(tmp_path), "--select", "t4-group-total", "--format", "json"])
    assert {i["code"] for i in json.loads(only.output)} == {"GIP220"}


def test_exit_zero_and_usage_errors(tmp_path: Path) -> None:
    p = _write(tmp_path, "bad.txt", generate(2, defect="t4-group-total").text)
    assert CliRunner().invoke(main, [str(p), "--exit-zero"]).exit_code == 0
    assert CliRunner().invoke(main, [str(p), "--format", "nope"]).exit_code == 2
    assert CliRunner().invoke(main, []).exit_code == 2


def test_missing_file_is_a_diagnostic_not_a_traceback(tmp_path: Path) -> None:
    good = _write(tmp_path, "ok.txt", generate(1).text)
    result = CliRunner().invoke(main, [str(tmp_path / "gone.txt"), str(good), "--format", "json"])
    items = json.loads(result.output)
    assert [(Path(i["path"]).name, i["code"]) for i in items] == [("gone.txt", "GIP001")]
    assert result.exit_code == 1


def test_rules_and_rule_and_parse_commands(tmp_path: Path) -> None:
    listing = CliRunner().invoke(main, ["rules"]).output
    assert "GIP211" in listing and "t3-outcome-sum" in listing
    doc = CliRunner().invoke(main, ["rule", "GIP211", "--lang", "en"]).output
    assert "Source:" in doc and "Fails:" in doc and "Passes:" in doc
    p = _write(tmp_path, "r.txt", generate(1, layout="B").text)
    tree = CliRunner().invoke(main, ["parse", str(p)]).output
    assert "part" in tree and "table" in tree and "HEADING" in tree


def test_every_rule_is_documented_and_bilingual() -> None:
    from giplint.plugins import all_rules

    for cls in all_rules():
        doc = cls.doc()
        for section in ("Why:", "Source:", "Fails:", "Passes:"):
            assert section in doc, (cls.code, section)
        assert cls.message.zh and cls.message.en and cls.message.zh != cls.message.en, cls.code


def _installed_command() -> str | None:
    # The console script beside this interpreter (a venv's bin/), else one on PATH.
    beside = Path(sys.executable).parent / "giplint"
    return str(beside) if beside.exists() else shutil.which("giplint")


@pytest.mark.skipif(_installed_command() is None, reason="giplint is not installed as a command")
def test_installed_command_runs_from_another_directory(tmp_path: Path) -> None:
    # The packaged grammar and rule data must be found without the source tree.
    _write(tmp_path, "bad.txt", generate(2, defect="t4-group-total").text)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run(
        [_installed_command() or "giplint", "bad.txt", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert any(i["code"] == "GIP220" for i in json.loads(proc.stdout))
    version = subprocess.run(
        [sys.executable, "-m", "giplint", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert "giplint" in version.stdout


def test_stdin_with_a_filename(tmp_path: Path) -> None:
    report = generate(2, layout="B", defect="t4-group-total")
    result = CliRunner().invoke(
        main,
        ["-", "--stdin-filename", "reports/piped.txt", "--format", "json"],
        input=report.text.encode("utf-8"),
    )
    items = json.loads(result.output)
    assert {(i["path"], i["code"], i["line"]) for i in items} >= {
        ("reports/piped.txt", "GIP220", report.defect_line)
    }
    assert result.exit_code == 1


def test_fail_on_quiet_and_statistics(tmp_path: Path) -> None:
    p = _write(tmp_path, "warn.txt", generate(6, layout="A", defect="bookmark").text)  # a warning only
    assert CliRunner().invoke(main, [str(p)]).exit_code == 0
    assert CliRunner().invoke(main, [str(p), "--fail-on", "warning"]).exit_code == 1
    quiet = CliRunner().invoke(main, [str(p), "--quiet", "--lang", "en"]).output
    assert "GIP701" in quiet and "Checked" not in quiet and "^" not in quiet
    clean = _write(tmp_path, "ok.txt", generate(1).text)
    assert CliRunner().invoke(main, [str(clean), "--quiet"]).output == ""
    stats = CliRunner().invoke(main, [str(p), "--statistics", "--lang", "en"]).output
    assert "GIP701" in stats and "1" in stats and "[bookmark" not in stats


def test_parallel_jobs_give_identical_output(tmp_path: Path) -> None:
    from giplint.reportgen import corpus

    for i, r in enumerate(corpus(40, seed=3)):
        _write(tmp_path, f"r{i:02}.txt", r.text)
    one = CliRunner().invoke(main, [str(tmp_path), "--format", "json", "-j", "1"]).output
    two = CliRunner().invoke(main, [str(tmp_path), "--format", "json", "-j", "2"]).output
    assert one == two and len(json.loads(one)) > 5


def test_show_settings_and_force_exclude(tmp_path: Path) -> None:
    (tmp_path / "giplint.toml").write_text('exclude = ["old-*.txt"]\nlang = "en"\n', encoding="utf-8")
    p = _write(tmp_path, "old-2019.txt", generate(2, defect="t4-group-total").text)
    shown = CliRunner().invoke(main, [str(p), "--show-settings"]).output
    assert 'lang = "en"' in shown and "giplint.toml:2" in shown
    assert CliRunner().invoke(main, [str(p)]).exit_code == 1  # named explicitly: linted
    assert CliRunner().invoke(main, [str(p), "--force-exclude"]).exit_code == 0
    assert CliRunner().invoke(main, [str(tmp_path)]).exit_code == 0  # found by the walk: excluded


def test_color_only_on_a_terminal_and_never_with_no_color(tmp_path: Path) -> None:
    from giplint.session import Options, run

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    p = _write(tmp_path, "bad.txt", generate(2, defect="t4-group-total").text)
    out = Tty()
    run(Options(paths=(str(p),)), out=out, err=io.StringIO())
    assert "\x1b[" in out.getvalue()
    out = Tty()
    run(Options(paths=(str(p),), no_color=True), out=out, err=io.StringIO())
    assert "\x1b[" not in out.getvalue()
    piped = io.StringIO()
    run(Options(paths=(str(p),)), out=piped, err=io.StringIO())
    assert "\x1b[" not in piped.getvalue()
