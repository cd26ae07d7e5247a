"""Configuration: discovery, inheritance, validation (file and line of each mistake), resolution,
rule selection, per-file-ignores, severity and deadline overrides, exclude, and `giplint config`."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from giplint.config import (
    ConfigError,
    Resolver,
    Settings,
    apply_to_diagnostics,
    apply_to_report,
    describe,
    enabled_codes,
    find_config,
    is_excluded,
    load_config,
    resolve,
    rules_for,
    selector_problem,
)
from giplint.diagnostics import Severity, Span
from giplint.globs import Glob, GlobError
from giplint.linter import lint_report, lint_text, parse_text
from giplint.plugins import all_rules
from giplint.reportgen import generate
from giplint.rules.input import InternalError

ALL_CODES = {cls.code for cls in all_rules()}
DEFAULT_CODES = {cls.code for cls in all_rules() if cls.enabled_by_default}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if text.startswith("\n "):  # an indented triple-quoted block
        text = textwrap.dedent(text)[1:]
    path.write_text(text, encoding="utf-8")
    return path


def lint_with(settings: Settings, path: Path, text: str) -> list:
    """The whole configured pipeline for one file, as the CLI is to run it."""
    report = parse_text(text, str(path))
    apply_to_report(settings, report)
    diagnostics = lint_report(report, rules_for(settings, path))
    return apply_to_diagnostics(settings, path, diagnostics)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Error messages show paths relative to the working directory.
    monkeypatch.chdir(tmp_path)


# ---------------------------------------------------------------------------------------------
# Discovery


def test_closest_config_wins_across_nested_directories(tmp_path: Path) -> None:
    outer = write(tmp_path / "giplint.toml", 'select = ["GIP2"]\n')
    inner = write(tmp_path / "sub" / "giplint.toml", 'select = ["GIP3"]\n')
    (tmp_path / "sub" / "deep" / "deeper").mkdir(parents=True)
    assert find_config(tmp_path / "sub" / "deep" / "deeper" / "r.txt") == inner.resolve()
    assert find_config(tmp_path / "sub" / "r.txt") == inner.resolve()
    assert find_config(tmp_path / "r.txt") == outer.resolve()
    resolver = Resolver()
    deep = resolver.settings_for(tmp_path / "sub" / "deep" / "r.txt")
    top = resolver.settings_for(tmp_path / "other" / "r.txt")
    assert enabled_codes(deep, tmp_path / "x.txt") == {c for c in DEFAULT_CODES if c.startswith("GIP3")}
    assert enabled_codes(top, tmp_path / "x.txt") == {c for c in DEFAULT_CODES if c.startswith("GIP2")}


def test_a_directory_starts_the_search_in_itself(tmp_path: Path) -> None:
    inner = write(tmp_path / "sub" / "giplint.toml", "")
    write(tmp_path / "giplint.toml", "")
    assert find_config(tmp_path / "sub") == inner.resolve()


def test_preference_within_one_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.giplint]\n")
    assert find_config(tmp_path / "r.txt") == (tmp_path / "pyproject.toml").resolve()
    write(tmp_path / "giplint.toml", "")
    assert find_config(tmp_path / "r.txt") == (tmp_path / "giplint.toml").resolve()
    write(tmp_path / ".giplint.toml", "")
    assert find_config(tmp_path / "r.txt") == (tmp_path / ".giplint.toml").resolve()


def test_pyproject_without_tool_giplint_is_not_a_config(tmp_path: Path) -> None:
    outer = write(tmp_path / "giplint.toml", 'lang = "en"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n[tool.ruff]\nline-length = 100\n')
    assert find_config(tmp_path / "sub" / "r.txt") == outer.resolve()


def test_pyproject_tool_giplint_is_read_with_its_own_line_numbers(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        """
        [project]
        name = "reports"

        [tool.giplint]
        lang = "en"
        ignore = ["GIP7"]

        [tool.giplint.severity]
        GIP301 = "error"
        """,
    )
    settings = resolve(tmp_path / "r.txt")
    assert settings.lang == "en" and settings.severity == {"GIP301": Severity.ERROR}
    assert settings.sources["lang"] == "pyproject.toml:5"
    assert settings.sources["severity.GIP301"] == "pyproject.toml:9"
    assert settings.selection[0].sources["ignore"] == "pyproject.toml:6"


def test_broken_pyproject_is_an_error_only_when_it_is_meant_for_giplint(tmp_path: Path) -> None:
    write(tmp_path / "a" / "pyproject.toml", "[project\nname = 1\n")
    assert find_config(tmp_path / "a" / "r.txt") is None
    write(tmp_path / "b" / "pyproject.toml", "[tool.giplint]\nlang = \n")
    with pytest.raises(ConfigError) as err:
        find_config(tmp_path / "b" / "r.txt")
    assert str(err.value).startswith(f"{Path('b', 'pyproject.toml')}:2: invalid TOML")


def test_no_config_means_defaults(tmp_path: Path) -> None:
    settings = resolve(tmp_path / "r.txt")
    assert settings.config is None
    assert enabled_codes(settings, tmp_path / "r.txt") == DEFAULT_CODES
    assert "GIP706" not in DEFAULT_CODES  # off by default, so the line above tests the default


# ---------------------------------------------------------------------------------------------
# --config and --isolated


def test_config_option_uses_that_file_for_every_path(tmp_path: Path) -> None:
    chosen = write(tmp_path / "ci" / "strict.toml", 'select = ["GIP5"]\n')
    write(tmp_path / "reports" / "giplint.toml", 'select = ["GIP2"]\n')
    resolver = Resolver(config=chosen)
    for path in (tmp_path / "reports" / "a.txt", tmp_path / "elsewhere" / "b.txt"):
        settings = resolver.settings_for(path)
        assert settings.config == chosen.resolve()
        assert enabled_codes(settings, path) == {c for c in DEFAULT_CODES if c.startswith("GIP5")}


def test_config_option_with_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        Resolver(config=tmp_path / "nope.toml").settings_for(tmp_path / "r.txt")


def test_isolated_ignores_config_files_but_keeps_command_line_settings(tmp_path: Path) -> None:
    write(tmp_path / "giplint.toml", 'select = ["GIP2"]\nlang = "en"\n')
    settings = Resolver(isolated=True, overrides={"ignore": "GIP7"}).settings_for(tmp_path / "r.txt")
    assert settings.config is None and settings.lang is None
    assert enabled_codes(settings, tmp_path / "r.txt") == {
        c for c in DEFAULT_CODES if not c.startswith("GIP7")
    }


def test_config_and_isolated_together_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be used together"):
        Resolver(config=tmp_path / "giplint.toml", isolated=True)


def test_command_line_is_the_last_layer(tmp_path: Path) -> None:
    write(tmp_path / "giplint.toml", 'select = ["GIP2"]\nignore = ["GIP211"]\nlang = "en"\n')
    settings = resolve(tmp_path / "r.txt", overrides={"select": ["GIP21"], "lang": "zh", "format": None})
    assert enabled_codes(settings, tmp_path / "r.txt") == {"GIP210", "GIP211", "GIP212"}
    assert settings.lang == "zh" and settings.sources["lang"] == "command line"
    assert settings.format is None  # an option left unset does not override


def test_command_line_values_are_validated(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        Resolver(overrides={"select": "GIP2,GIP999"})
    assert str(err.value) == "--select: unknown rule 'GIP999' (did you mean 'GIP099'?)"
    with pytest.raises(ConfigError, match="--deadline: bad deadline"):
        Resolver(overrides={"deadline": "1-31"})


# ---------------------------------------------------------------------------------------------
# extend


def test_extend_inherits_and_the_child_overrides(tmp_path: Path) -> None:
    write(
        tmp_path / "base.toml",
        """
        lang = "en"
        deadline = "01-31"
        format = "json"
        [severity]
        GIP301 = "error"
        GIP220 = "warning"
        """,
    )
    child = write(
        tmp_path / "team" / "giplint.toml",
        """
        extend = "../base.toml"
        lang = "zh"
        [severity]
        GIP220 = "info"
        """,
    )
    settings = load_config(child)
    assert settings.lang == "zh" and settings.sources["lang"] == f"{Path('team', 'giplint.toml')}:2"
    assert settings.deadline == "01-31" and settings.sources["deadline"] == "base.toml:2"
    assert settings.format == "json"
    # severity merges rule by rule
    assert settings.severity == {"GIP301": Severity.ERROR, "GIP220": Severity.INFO}
    assert settings.extends == ((tmp_path / "base.toml").resolve(),)


def test_extend_chain_of_three_and_absolute_target(tmp_path: Path) -> None:
    root = write(tmp_path / "org.toml", 'issuer-kind = "department"\n')
    write(tmp_path / "mid" / "giplint.toml", f'extend = "{root.as_posix()}"\nlang = "en"\n')
    leaf = write(tmp_path / "mid" / "leaf" / "giplint.toml", 'extend = "../giplint.toml"\nformat = "csv"\n')
    settings = load_config(leaf)
    assert (settings.issuer_kind, settings.lang, settings.format) == ("department", "en", "csv")
    assert settings.extends == ((tmp_path / "mid" / "giplint.toml").resolve(), root.resolve())


def test_selection_is_layered_parent_first(tmp_path: Path) -> None:
    write(tmp_path / "base.toml", 'ignore = ["GIP7"]\n')
    child = write(tmp_path / "giplint.toml", 'extend = "base.toml"\nextend-select = ["GIP705"]\n')
    codes = enabled_codes(load_config(child), tmp_path / "r.txt")
    assert "GIP705" in codes and "GIP701" not in codes and "GIP211" in codes
    # a child's select starts afresh: the parent's ignore no longer applies
    write(tmp_path / "fresh.toml", 'extend = "base.toml"\nselect = ["GIP7"]\n')
    codes = enabled_codes(load_config(tmp_path / "fresh.toml"), tmp_path / "r.txt")
    assert codes == {c for c in ALL_CODES if c.startswith("GIP7")}


def test_exclude_replaces_and_extend_exclude_adds(tmp_path: Path) -> None:
    write(tmp_path / "base.toml", 'exclude = ["drafts"]\n[per-file-ignores]\n"notes/*" = ["GIP003"]\n')
    write(
        tmp_path / "adds.toml",
        'extend = "base.toml"\nextend-exclude = ["old"]\n[extend-per-file-ignores]\n"scans/*" = ["GIP009"]\n',
    )
    write(tmp_path / "replaces.toml", 'extend = "base.toml"\nexclude = ["old"]\n[per-file-ignores]\n')
    adds, replaces = load_config(tmp_path / "adds.toml"), load_config(tmp_path / "replaces.toml")
    assert is_excluded(adds, tmp_path / "drafts" / "a.txt") and is_excluded(adds, tmp_path / "old" / "a.txt")
    assert not is_excluded(replaces, tmp_path / "drafts" / "a.txt")
    assert is_excluded(replaces, tmp_path / "old" / "a.txt")
    assert [e.glob.pattern for e in adds.per_file_ignores] == ["notes/*", "scans/*"]
    assert replaces.per_file_ignores == ()


def test_globs_are_relative_to_the_file_that_wrote_them(tmp_path: Path) -> None:
    write(tmp_path / "shared" / "base.toml", 'exclude = ["drafts/*.txt"]\n')
    child = write(tmp_path / "proj" / "giplint.toml", 'extend = "../shared/base.toml"\n')
    settings = load_config(child)
    assert is_excluded(settings, tmp_path / "shared" / "drafts" / "a.txt")
    assert not is_excluded(settings, tmp_path / "proj" / "drafts" / "a.txt")


def test_extend_cycle_is_an_error_at_the_extend_line(tmp_path: Path) -> None:
    write(tmp_path / "a.toml", 'lang = "en"\nextend = "b.toml"\n')
    write(tmp_path / "b.toml", '\n\nextend = "a.toml"\n')
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path / "a.toml")
    assert str(err.value) == "b.toml:3: extend cycle: a.toml -> b.toml -> a.toml"
    write(tmp_path / "self.toml", 'extend = "self.toml"\n')
    with pytest.raises(ConfigError, match=r"^self.toml:1: extend cycle: self.toml -> self.toml$"):
        load_config(tmp_path / "self.toml")


def test_extend_target_missing(tmp_path: Path) -> None:
    write(tmp_path / "giplint.toml", '# team settings\nextend = "../nowhere/base.toml"\n')
    with pytest.raises(ConfigError) as err:
        resolve(tmp_path / "r.txt")
    assert str(err.value).startswith("giplint.toml:2: extend target '../nowhere/base.toml' not found")


def test_an_error_in_the_parent_names_the_parent(tmp_path: Path) -> None:
    write(tmp_path / "base.toml", 'lang = "en"\nselect = ["GIP2", "GIP9999"]\n')
    write(tmp_path / "giplint.toml", 'extend = "base.toml"\n')
    with pytest.raises(ConfigError, match=r"^base.toml:2: unknown rule 'GIP9999'"):
        resolve(tmp_path / "r.txt")


# ---------------------------------------------------------------------------------------------
# Validation: every mistake with its file and line


INVALID = [
    ("bad-toml", 'lang = "en"\nselect = ["GIP2"\nignore = []\n', 3, "invalid TOML"),
    ("unknown-key", 'lang = "en"\n\n\nselct = ["GIP2"]\n', 4, "unknown key 'selct' (did you mean 'select'?)"),
    ("snake-case", 'extend_select = ["GIP2"]\n', 1, "did you mean 'extend-select'? keys are kebab-case"),
    ("select-not-list", '\nselect = "GIP2"\n', 2, "'select' must be a list of strings, not a string"),
    ("item-not-string", 'ignore = ["GIP2", 7]\n', 1, "must be a list of strings; found an integer"),
    ("unknown-code", 'select = [\n  "GIP2",\n  "GIP299",\n]\n', 3, "unknown rule 'GIP299'"),
    ("unknown-name", 'extend-select = ["late-publicaton"]\n', 1, "(did you mean 'late-publication'?)"),
    ("unknown-ignore", 'lang = "zh"\nignore = ["GIP8"]\n', 2, "unknown rule 'GIP8'"),
    ("lang", 'format = "text"\nlang = "fr"\n', 2, "bad lang 'fr': expected one of zh, en"),
    ("format", 'format = "xml"\n', 1, "bad format 'xml': expected one of text, json, sarif"),
    (
        "issuer-kind",
        'issuer-kind = "ministry"\n',
        1,
        "bad issuer-kind 'ministry': expected one of department",
    ),
    ("deadline-shape", '\ndeadline = "1-31"\n', 2, "bad deadline '1-31': expected \"MM-DD\""),
    ("deadline-day", 'deadline = "02-30"\n', 1, "bad deadline '02-30': no such day of the year"),
    ("deadline-leap", 'deadline = "02-29"\n', 1, "no such day of the year"),
    ("deadline-type", "deadline = 131\n", 1, "'deadline' must be a string \"MM-DD\", not an integer"),
    ("exclude-glob", 'exclude = [\n  "ok/*",\n  "bad[",\n]\n', 3, "bad glob 'bad[': unclosed '['"),
    ("exclude-starstar", 'exclude = ["a**"]\n', 1, "'**' must be a whole path component"),
    ("exclude-backslash", 'exclude = ["drafts\\\\*.txt"]\n', 1, "backslash in pattern"),
    ("exclude-range", 'exclude = ["[z-a].txt"]\n', 1, "bad glob '[z-a].txt': bad character class"),
    ("pfi-not-table", 'per-file-ignores = ["GIP7"]\n', 1, "'per-file-ignores' must be a table, not a list"),
    ("pfi-glob", '[per-file-ignores]\n"ok/*" = ["GIP7"]\n"x[" = ["GIP7"]\n', 3, "bad glob 'x['"),
    (
        "pfi-rule",
        '[per-file-ignores]\n"notes/*" = [\n  "GIP003",\n  "GIP03",\n]\n',
        4,
        "unknown rule 'GIP03'",
    ),
    ("severity-rule", '[severity]\nGIP301 = "error"\nGIP399 = "error"\n', 3, "unknown rule 'GIP399'"),
    ("severity-family", '[severity]\nGIP3 = "error"\n', 2, "severity keys name one rule"),
    (
        "severity-value",
        '[severity]\n\nlate-publication = "fatal"\n',
        3,
        "bad severity 'fatal' for late-publication",
    ),
    ("severity-type", "[severity]\nGIP301 = 2\n", 2, "bad severity an integer for GIP301"),
    ("severity-inline", 'lang = "en"\nseverity = { GIP301 = "error", GIP999 = "info" }\n', 2, "'GIP999'"),
    ("extend-type", "extend = 3\n", 1, "'extend' must be a path (a string), not an integer"),
]


@pytest.mark.parametrize(("text", "line", "message"), [c[1:] for c in INVALID], ids=[c[0] for c in INVALID])
def test_invalid_config_names_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    write(tmp_path / "giplint.toml", text)
    with pytest.raises(ConfigError) as err:
        Resolver().settings_for(tmp_path / "report.txt")
    assert (err.value.path, err.value.line) == ("giplint.toml", line), str(err.value)
    assert str(err.value).startswith(f"giplint.toml:{line}: ")
    assert message in err.value.message


def test_pyproject_errors_count_lines_of_the_whole_file(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.giplint]\nlang = "en"\nselct = []\n')
    with pytest.raises(ConfigError, match=r"^pyproject.toml:6: unknown key 'selct'"):
        resolve(tmp_path / "r.txt")


def test_dotted_keys_are_located(tmp_path: Path) -> None:
    write(tmp_path / "giplint.toml", 'lang = "en"\nseverity.GIP301 = "error"\nseverity.GIP302 = "loud"\n')
    with pytest.raises(ConfigError, match=r"^giplint.toml:3: bad severity 'loud'"):
        resolve(tmp_path / "r.txt")


@pytest.mark.parametrize("selector", ["ALL", "GIP6", "GIP2", "gip2", "GIP21", "GIP211", "late-publication"])
def test_valid_selectors(selector: str) -> None:
    assert selector_problem(selector) is None


@pytest.mark.parametrize("selector", ["GIP", "GIP999", "GIP2111", "XYZ1", "Late-Publication", "", "all"])
def test_invalid_selectors(selector: str) -> None:
    assert selector_problem(selector) is not None


def test_empty_families_are_valid(tmp_path: Path) -> None:
    assert not any(c.startswith("GIP6") for c in ALL_CODES)  # the premise: family 6 has no rule yet
    write(tmp_path / "giplint.toml", 'select = ["GIP6"]\n')
    assert enabled_codes(resolve(tmp_path / "r.txt"), tmp_path / "r.txt") == frozenset()


# ---------------------------------------------------------------------------------------------
# Rule selection


def _codes(tmp_path: Path, toml: str, file: str = "r.txt") -> frozenset[str]:
    write(tmp_path / "giplint.toml", toml)
    return enabled_codes(resolve(tmp_path / file), tmp_path / file)


def test_the_most_specific_selector_wins_within_a_layer(tmp_path: Path) -> None:
    codes = _codes(tmp_path, 'select = ["GIP7"]\nignore = ["GIP705"]\n')
    assert codes == {c for c in ALL_CODES if c.startswith("GIP7")} - {"GIP705"}
    codes = _codes(tmp_path, 'ignore = ["GIP7"]\nextend-select = ["GIP705"]\n')
    assert "GIP705" in codes and "GIP701" not in codes
    codes = _codes(tmp_path, 'ignore = ["GIP7"]\nextend-select = ["GIP7"]\n')
    assert not any(c.startswith("GIP7") for c in codes)  # a tie: ignore wins


def test_names_and_all_select_rules(tmp_path: Path) -> None:
    assert _codes(tmp_path, 'select = ["late-publication", "GIP211"]\n') == {"GIP506", "GIP211"}
    assert _codes(tmp_path, 'select = ["ALL"]\n') == ALL_CODES
    assert _codes(tmp_path, 'extend-select = ["GIP706"]\n') == DEFAULT_CODES | {"GIP706"}


def test_rules_for_returns_fresh_configured_instances(tmp_path: Path) -> None:
    write(tmp_path / "giplint.toml", 'select = ["GIP5"]\ndeadline = "02-15"\n[severity]\nGIP507 = "error"\n')
    settings = resolve(tmp_path / "r.txt")
    rules = {r.code: r for r in rules_for(settings, tmp_path / "r.txt")}
    assert set(rules) == {c for c in DEFAULT_CODES if c.startswith("GIP5")}
    assert rules["GIP507"].severity is Severity.ERROR
    assert type(rules["GIP507"]).severity is Severity.WARNING  # the class is untouched
    assert rules["GIP506"].deadline_overrides["department"] == "02-15"  # type: ignore[attr-defined]
    assert rules["GIP508"].deadline_overrides["unknown"] == "02-15"  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------------
# per-file-ignores and exclude, through the pipeline


def test_per_file_ignores_apply_only_to_matching_files(tmp_path: Path) -> None:
    write(tmp_path / "giplint.toml", '[per-file-ignores]\n"drafts/**" = ["t4-group-total"]\n')
    report = generate(4, defect="t4-group-total")
    settings = resolve(tmp_path / "r.txt")
    kept = lint_with(settings, tmp_path / "final" / "r.txt", report.text)
    assert [d.span.line for d in kept if d.code == "GIP220"] == [report.defect_line]
    ignored = lint_with(settings, tmp_path / "drafts" / "2024" / "r.txt", report.text)
    assert not [d for d in ignored if d.code == "GIP220"]


def test_per_file_ignores_drop_input_diagnostics_but_never_internal_errors(tmp_path: Path) -> None:
    write(tmp_path / "giplint.toml", '[per-file-ignores]\n"notes/*.txt" = ["GIP003", "GIP099"]\n')
    settings = resolve(tmp_path / "r.txt")
    notes = tmp_path / "notes" / "todo.txt"
    diagnostics = lint_text("明天开会，带上材料。", str(notes))
    assert [d.code for d in diagnostics] == ["GIP003"]
    assert apply_to_diagnostics(settings, notes, diagnostics) == []
    assert [d.code for d in apply_to_diagnostics(settings, tmp_path / "r.txt", diagnostics)] == ["GIP003"]
    crash = InternalError().at_path(str(notes), Span(1), rule="GIP999 x", error="boom")
    assert apply_to_diagnostics(settings, notes, [crash]) == [crash]


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("drafts", "drafts/a.txt", True),
        ("drafts", "x/drafts/y/a.txt", True),  # a component pattern matches at any depth
        ("drafts", "drafts-old/a.txt", False),
        ("drafts/", "drafts/a.txt", True),
        ("*.md", "x/y/a.md", True),
        ("*.md", "x/y/a.txt", False),
        ("x/*.txt", "x/a.txt", True),
        ("x/*.txt", "y/x/a.txt", False),  # a pattern with '/' is anchored at the config's directory
        ("x/*.txt", "x/y/a.txt", False),
        ("x/**/*.txt", "x/a.txt", True),
        ("x/**/*.txt", "x/y/z/a.txt", True),
        ("**/old/*", "a/b/old/r.txt", True),
        ("**/old/*", "a/bold/r.txt", False),
        ("x/**/a.txt", "x/ya.txt", False),
        ("x/**", "x/y/a.txt", True),
        ("reports/2024", "reports/2024/a.txt", True),
        ("r?.txt", "r1.txt", True),
        ("r?.txt", "r12.txt", False),
        ("[!a]*.txt", "b.txt", True),
        ("[!a]*.txt", "a.txt", False),
        ("[a-c]1.txt", "b1.txt", True),
        ("[[]x].txt", "[x].txt", True),
        ("./drafts/*.txt", "drafts/a.txt", True),
    ],
)
def test_glob_semantics(tmp_path: Path, pattern: str, path: str, expected: bool) -> None:
    assert Glob.compile(pattern, tmp_path).matches(tmp_path / path) is expected


def test_absolute_glob_and_files_outside_the_base(tmp_path: Path) -> None:
    base = tmp_path / "proj"
    assert Glob.compile(f"{tmp_path.resolve().as_posix()}/other/**", base).matches(
        tmp_path / "other" / "a.txt"
    )
    assert Glob.compile("*.md", base).matches(tmp_path / "elsewhere" / "a.md")
    assert not Glob.compile("elsewhere/*.md", base).matches(tmp_path / "elsewhere" / "a.md")


@pytest.mark.parametrize("pattern", ["", "  ", "a[b", "[]", "[!]", "a**", "**b/c", "a\\b", "[z-a]"])
def test_bad_globs(tmp_path: Path, pattern: str) -> None:
    with pytest.raises(GlobError):
        Glob.compile(pattern, tmp_path)


def test_exclude(tmp_path: Path) -> None:
    write(tmp_path / "giplint.toml", 'exclude = ["drafts", "archive/20[01]?/**", "*.bak.txt"]\n')
    settings = resolve(tmp_path / "r.txt")
    assert is_excluded(settings, tmp_path / "drafts" / "a.txt")
    assert is_excluded(settings, tmp_path / "archive" / "2019" / "a.txt")
    assert is_excluded(settings, tmp_path / "x" / "a.bak.txt")
    assert not is_excluded(settings, tmp_path / "archive" / "2021" / "a.txt")
    assert not is_excluded(settings, tmp_path / "reports" / "a.txt")


# ---------------------------------------------------------------------------------------------
# Severity, deadline and issuer kind, through the pipeline


def test_severity_override_changes_the_diagnostic(tmp_path: Path) -> None:
    report = generate(5, defect="t4-group-total")
    plain = lint_with(resolve(tmp_path / "r.txt"), tmp_path / "r.txt", report.text)
    assert [d.severity for d in plain if d.code == "GIP220"] == [Severity.ERROR]
    write(tmp_path / "giplint.toml", '[severity]\nt4-group-total = "warning"\n')
    settings = resolve(tmp_path / "r.txt")
    assert settings.severity == {"GIP220": Severity.WARNING}
    # the rule instance alone already carries it (no post-processing)
    raw = lint_report(parse_text(report.text), rules_for(settings, tmp_path / "r.txt"))
    assert [d.severity for d in raw if d.code == "GIP220"] == [Severity.WARNING]
    configured = lint_with(settings, tmp_path / "r.txt", report.text)
    assert [(d.severity, d.span.line) for d in configured if d.code == "GIP220"] == [
        (Severity.WARNING, report.defect_line)
    ]


def test_severity_override_also_applies_to_a_rule_that_picks_its_own(tmp_path: Path) -> None:
    text = generate(0, issuer_kind="government", year=2023).text  # signed 2024-03-27
    write(tmp_path / "giplint.toml", 'deadline = "01-31"\n[severity]\nGIP506 = "info"\n')
    found = [
        d for d in lint_with(resolve(tmp_path / "r.txt"), tmp_path / "r.txt", text) if d.code == "GIP506"
    ]
    assert [d.severity for d in found] == [Severity.INFO]


def test_deadline_and_issuer_kind(tmp_path: Path) -> None:
    text = generate(0, issuer_kind="government", year=2023).text
    signed = parse_text(text).signature
    assert signed is not None and str(signed.date) == "2024-03-27"
    path = tmp_path / "r.txt"

    def gip506(toml: str) -> list[tuple[Severity, int]]:
        write(tmp_path / "giplint.toml", toml)
        return [(d.severity, d.span.line) for d in lint_with(resolve(path), path, text) if d.code == "GIP506"]

    assert gip506("") == []  # a government's report: due 03-31
    # a configured deadline applies whatever kind is inferred; the kind is still a guess: warning
    assert gip506('deadline = "01-31"\n') == [(Severity.WARNING, signed.span.line)]
    assert gip506('deadline = "03-31"\n') == []
    # a configured kind: that kind's deadline, and a certain finding: error
    assert gip506('issuer-kind = "department"\n') == [(Severity.ERROR, signed.span.line)]
    assert gip506('issuer-kind = "department"\ndeadline = "04-30"\n') == []


def test_apply_to_report_sets_the_kind_only_when_configured(tmp_path: Path) -> None:
    report = parse_text(generate(1, issuer_kind="department").text)
    apply_to_report(Settings(), report)
    assert (report.issuer_kind, report.issuer_kind_configured) == ("department", False)
    apply_to_report(Settings(issuer_kind="township"), report)
    assert (report.issuer_kind, report.issuer_kind_configured) == ("township", True)


def test_deadline_leaves_the_pre_2019_deadline_alone() -> None:
    overrides = Settings(deadline="01-31").deadline_overrides
    assert overrides is not None and "legacy" not in overrides
    assert set(overrides) == {"department", "government", "township", "unknown"}
    assert Settings().deadline_overrides is None


# ---------------------------------------------------------------------------------------------
# giplint config: describe()


def test_describe_names_every_setting_and_its_source(tmp_path: Path) -> None:
    write(tmp_path / "base.toml", 'deadline = "01-31"\nexclude = ["drafts"]\n')
    write(
        tmp_path / "giplint.toml",
        """
        extend = "base.toml"
        select = ["GIP2", "GIP3"]
        ignore = ["GIP211"]

        [per-file-ignores]
        "notes/*" = ["GIP003"]

        [severity]
        GIP301 = "error"
        """,
    )
    settings = Resolver(overrides={"lang": "en", "extend_select": "GIP706"}).settings_for(tmp_path / "r.txt")
    out = describe(settings, tmp_path / "r.txt")
    lines = {line.split("#")[0].strip(): line.rsplit("# ", 1)[1] for line in out.splitlines() if "=" in line}
    assert lines['select = ["GIP2", "GIP3"]'] == "giplint.toml:2"
    assert lines['ignore = ["GIP211"]'] == "giplint.toml:3"
    assert lines['extend-select = ["GIP706"]'] == "command line"
    assert lines['per-file-ignores."notes/*" = ["GIP003"]'] == "giplint.toml:6"
    assert lines['severity.GIP301 = "error"'] == "giplint.toml:9"
    assert lines['lang = "en"'] == "command line"
    assert lines['deadline = "01-31"'] == "base.toml:1"
    assert lines['exclude = "drafts"'] == "base.toml:2"
    assert lines['format = "text"'] == "default"
    assert lines["issuer-kind = (inferred from the issuer's name)"] == "default"
    assert out.startswith("# config file: giplint.toml (extends base.toml)\n")
    assert "GIP706" in out.splitlines()[-1] and "GIP211" not in out.splitlines()[-1]


def test_describe_without_a_config(tmp_path: Path) -> None:
    out = describe(resolve(tmp_path / "r.txt", isolated=True), tmp_path / "drafts" / "r.txt")
    assert out.startswith("# config file: none (defaults)\n")
    assert "select = (rules enabled by default)" in out
    assert f"{len(DEFAULT_CODES)} rules" in out


# ---------------------------------------------------------------------------------------------
# Through the command line, once cli.py wires the module in


def test_cli_exits_2_on_a_bad_config_and_lints_nothing(tmp_path: Path) -> None:
    from giplint.cli import main

    write(tmp_path / "giplint.toml", 'lang = "en"\nselect = ["GIP299"]\n')
    write(tmp_path / "r.txt", generate(6, defect="t4-group-total").text)
    result = CliRunner().invoke(main, [str(tmp_path / "r.txt")])
    assert result.exit_code == 2
    assert "giplint.toml:2: unknown rule 'GIP299'" in result.output
    assert "GIP220" not in result.output


def test_cli_config_isolated_and_show_settings(tmp_path: Path) -> None:
    from giplint.cli import main

    report = generate(6, defect="t4-group-total")
    write(tmp_path / "r.txt", report.text)
    write(tmp_path / "giplint.toml", 'ignore = ["GIP220"]\n')
    write(tmp_path / "ci.toml", 'select = ["GIP220"]\n')
    runner = CliRunner()
    assert runner.invoke(main, [str(tmp_path / "r.txt")]).exit_code == 0
    assert runner.invoke(main, ["--isolated", str(tmp_path / "r.txt")]).exit_code == 1
    assert (
        runner.invoke(main, ["--config", str(tmp_path / "ci.toml"), str(tmp_path / "r.txt")]).exit_code == 1
    )
    shown = runner.invoke(main, ["config", str(tmp_path / "r.txt")])
    assert shown.exit_code == 0 and 'ignore = ["GIP220"]' in shown.output and "giplint.toml:1" in shown.output


def test_cli_excluded_files_are_not_linted(tmp_path: Path) -> None:
    from giplint.cli import main

    write(tmp_path / "giplint.toml", 'exclude = ["drafts"]\n')
    write(tmp_path / "drafts" / "r.txt", generate(6, defect="t4-group-total").text)
    write(tmp_path / "ok.txt", generate(7).text)
    result = CliRunner().invoke(main, [str(tmp_path)])
    assert result.exit_code == 0 and "GIP220" not in result.output
