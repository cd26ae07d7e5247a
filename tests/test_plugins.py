"""Rules arrive through pluggy; a rule that raises is reported and does not stop the others."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from giplint import plugins
from giplint.cli import main
from giplint.diagnostics import ERROR, Diagnostic, Message
from giplint.hookspecs import hookimpl
from giplint.linter import lint_text, select_rules
from giplint.model import Report
from giplint.reportgen import generate
from giplint.rule import Rule


class Explodes(Rule):
    """A rule with a bug.

    Why: to test isolation. Source: none. Fails: always. Passes: never.
    """

    code = "XYZ001"
    name = "explodes"
    severity = ERROR
    message = Message(zh="不会出现", en="never shown")

    def check(self, report: Report) -> Iterator[Diagnostic]:
        raise ZeroDivisionError("division by zero in a plugin")


class ThirdParty:
    @hookimpl
    def giplint_rules(self) -> list[type[Rule]]:
        return [Explodes]


@pytest.fixture
def plugin() -> Iterator[None]:
    pm = plugins.plugin_manager()
    pm.register(ThirdParty(), name="third-party-test")
    plugins.all_rules.cache_clear()
    yield
    pm.unregister(name="third-party-test")
    plugins.all_rules.cache_clear()


def test_builtin_rules_come_through_the_entry_point_door() -> None:
    names = [name for name, _ in plugins.plugin_manager().list_name_plugin()]
    assert "builtin" in names
    assert len(plugins.all_rules()) >= 60


def test_a_raising_plugin_rule_becomes_gip099_and_the_others_still_run(plugin: None) -> None:
    rules = select_rules()
    assert any(r.code == "XYZ001" for r in rules)
    text = generate(2, defect="t4-group-total").text
    diags = lint_text(text, rules=rules)
    internal = [d for d in diags if d.code == "GIP099"]
    assert len(internal) == 1
    assert "XYZ001 explodes" in internal[0].text("en") and "ZeroDivisionError" in internal[0].text("en")
    assert "GIP220" in {d.code for d in diags}


def test_cli_exits_2_when_a_rule_failed(plugin: None, tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_text(generate(1).text, encoding="utf-8")
    result = CliRunner().invoke(main, [str(p), "--lang", "en"])
    assert result.exit_code == 2
    assert "GIP099" in result.output


def test_duplicate_codes_are_refused() -> None:
    class Twin(Explodes):
        """A second rule with the same code. Why: -. Source: -. Fails: -. Passes: -."""

        name = "twin"

    class Both:
        @hookimpl
        def giplint_rules(self) -> list[type[Rule]]:
            return [Explodes, Twin]

    pm = plugins.plugin_manager()
    pm.register(Both(), name="dup-test")
    plugins.all_rules.cache_clear()
    try:
        with pytest.raises(plugins.DuplicateRuleError):
            plugins.all_rules()
    finally:
        pm.unregister(name="dup-test")
        plugins.all_rules.cache_clear()


_THIRD_PARTY_MODULE = '''
from giplint.diagnostics import INFO, Message
from giplint.hookspecs import hookimpl
from giplint.rule import Rule


class Shout(Rule):
    """Says hello. Why: -. Source: -. Fails: -. Passes: -."""

    code = "XYZ002"
    name = "shout"
    severity = INFO
    message = Message(zh="你好", en="hello")

    def check(self, report):
        yield from ()


@hookimpl
def giplint_rules():
    return [Shout]
'''


def _distribution(root: Path, entry_points: str) -> None:
    (root / "giplint_shout.py").write_text(_THIRD_PARTY_MODULE, encoding="utf-8")
    info = root / "giplint_shout-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: giplint-shout\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def _codes_seen_with(path: Path) -> str:
    import subprocess
    import sys

    env = {"PYTHONPATH": os.pathsep.join([str(path), *sys.path]), "PATH": os.environ.get("PATH", "")}
    code = "from giplint.plugins import all_rules; print(' '.join(r.code for r in all_rules()))"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return done.stdout


def test_an_installed_third_party_entry_point_is_loaded(tmp_path: Path) -> None:
    _distribution(tmp_path, "[console_scripts]\nx = y:z\n\n[giplint]\nshout = giplint_shout\n")
    codes = _codes_seen_with(tmp_path).split()
    assert "XYZ002" in codes and "GIP220" in codes


def test_a_distribution_without_a_giplint_entry_point_is_not_loaded(tmp_path: Path) -> None:
    _distribution(tmp_path, "[console_scripts]\nshout = giplint_shout:giplint_rules\n")
    codes = _codes_seen_with(tmp_path).split()
    assert "XYZ002" not in codes and "GIP220" in codes


def test_the_entry_point_pre_check_reads_the_group_only(tmp_path: Path) -> None:
    _distribution(
        tmp_path, "[giplint.extra]\nnot = this\n\n[giplint]\n shout = giplint_shout \n[other]\na = b\n"
    )
    import sys

    sys.path.insert(0, str(tmp_path))
    try:
        declared = plugins.declared_entry_points()
    finally:
        sys.path.remove(str(tmp_path))
    assert declared is not None and ("shout", "giplint_shout") in declared
    assert ("not", "this") not in declared and ("a", "b") not in declared


def test_a_zip_on_the_path_leaves_the_search_to_importlib_metadata(tmp_path: Path) -> None:
    import sys

    archive = tmp_path / "plugins.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    sys.path.append(str(archive))
    try:
        assert plugins.declared_entry_points() is None
    finally:
        sys.path.remove(str(archive))
