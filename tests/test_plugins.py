"""Rules arrive through pluggy; a rule that raises is reported and does not stop the others."""

from __future__ import annotations

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
