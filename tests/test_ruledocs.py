"""Rule documentation: a Chinese doc for every built-in rule, the listing, and docs/rules.md kept fresh."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from giplint import plugins, ruledocs
from giplint.cli import main
from giplint.diagnostics import WARNING, Diagnostic, Message
from giplint.hookspecs import hookimpl
from giplint.model import Report
from giplint.resources import load_toml
from giplint.rule import Rule

REPO = Path(__file__).resolve().parents[1]
RULES_MD = REPO / "docs" / "rules.md"
REGENERATE = "python -m giplint.ruledocs > docs/rules.md"

BUILTIN = [cls for cls in plugins.all_rules() if cls.__module__.startswith("giplint.rules")]

# Citations that must survive translation verbatim: document numbers, articles, orders, sections.
CITATION = re.compile(r"〔\d{4}〕\d+号|国务院令第\d+号|第[一二三四五六七八九十]+条|§\d+(?:\.\d+)?|GB/T \d+")


class Borrowed(Rule):
    """A plugin rule with no Chinese doc.

    Why: to show the fallback.

    Source: none.

    Fails: always.

    Passes: never.
    """

    code = "XYZ201"
    name = "borrowed"
    severity = WARNING
    message = Message(zh="示例", en="example")
    enabled_by_default = False

    def check(self, report: Report) -> Iterator[Diagnostic]:
        yield from ()


class BorrowedPlugin:
    @hookimpl
    def giplint_rules(self) -> list[type[Rule]]:
        return [Borrowed]


@pytest.fixture
def plugin() -> Iterator[None]:
    pm = plugins.plugin_manager()
    pm.register(BorrowedPlugin(), name="ruledocs-test")
    plugins.all_rules.cache_clear()
    yield
    pm.unregister(name="ruledocs-test")
    plugins.all_rules.cache_clear()


def _zh_text(cls: type[Rule]) -> str:
    path = ruledocs.zh_doc_path(cls.code)
    assert path.is_file(), f"{cls.code} has no Chinese doc at {path}"
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("cls", BUILTIN, ids=lambda c: c.code)
def test_every_builtin_rule_has_a_chinese_doc_with_the_five_sections(cls: type[Rule]) -> None:
    text = _zh_text(cls)
    first = text.splitlines()[0]
    assert first.strip() and not first.startswith("#"), "the first line is the one-line summary"
    headings = [line[3:].strip() for line in text.splitlines() if line.startswith("## ")]
    assert tuple(headings) == ruledocs.ZH_SECTIONS
    sections = ruledocs.zh_sections(text)
    assert all(sections[title] for title in ruledocs.ZH_SECTIONS), sections
    assert "依据：" in sections["原因"], "原因 states the legal basis or source"


@pytest.mark.parametrize("cls", BUILTIN, ids=lambda c: c.code)
def test_chinese_doc_keeps_the_legal_citations_of_the_english_one(cls: type[Rule]) -> None:
    source = re.search(r"^Source:(.*?)(?:\n\n|\Z)", cls.doc(), re.MULTILINE | re.DOTALL)
    assert source, f"{cls.code}: the docstring has no Source paragraph"
    basis = ruledocs.zh_sections(_zh_text(cls))["原因"].split("依据：", 1)[1]
    missing = [c for c in CITATION.findall(source.group(1)) if c not in basis]
    assert not missing, f"{cls.code}: 依据 lacks {missing}"


def test_a_citation_dropped_from_the_chinese_doc_is_noticed() -> None:
    # The check above compares extracted citations; make sure the pattern finds real ones.
    assert CITATION.findall("条例 第四十九条; 国办公开办函〔2021〕30号; format reference §1.2, §9.5.") == [
        "第四十九条",
        "〔2021〕30号",
        "§1.2",
        "§9.5",
    ]


@pytest.mark.parametrize("cls", BUILTIN, ids=lambda c: c.code)
def test_summaries_are_one_non_empty_line_in_both_languages(cls: type[Rule]) -> None:
    for lang in ("zh", "en"):
        line = ruledocs.summary(cls, lang)
        assert line.strip() and "\n" not in line
    assert ruledocs.summary(cls, "zh") == _zh_text(cls).splitlines()[0].strip()
    assert ruledocs.summary(cls, "en") == cls.summary()


def test_rule_doc_is_the_docstring_in_english_and_the_file_in_chinese() -> None:
    cls = ruledocs.find_rule("GIP220")
    assert cls is not None
    en = ruledocs.rule_doc(cls, "en")
    assert en.startswith(cls.doc())
    assert "Settings: The identities of table 四" in en
    assert 'ignore = ["GIP220"]' in en and "t4-group-total" in en and "GIP2" in en
    zh = ruledocs.rule_doc(cls, "zh")
    assert zh.startswith(_zh_text(cls).strip())
    assert "## 相关设置" in zh and 'severity = { GIP220 = "warning" }' in zh
    assert "适用于 2019 年及以后的报告；默认启用" in zh


def test_settings_say_how_to_enable_a_rule_that_is_off_by_default() -> None:
    cls = ruledocs.find_rule("part-six-optional-items")
    assert cls is not None and not cls.enabled_by_default
    assert 'extend-select = ["GIP409"]' in ruledocs.rule_doc(cls, "zh")
    assert 'extend-select = ["GIP409"]' in ruledocs.rule_doc(cls, "en")
    on = ruledocs.find_rule("GIP220")
    assert on is not None and "extend-select" not in ruledocs.rule_doc(on, "en")


def test_english_settings_match_the_chinese_ones() -> None:
    english = load_toml(ruledocs.SETTINGS_EN_FILE)
    codes = {cls.code for cls in BUILTIN}
    assert set(english) <= codes, set(english) - codes
    for cls in BUILTIN:
        zh = ruledocs.zh_sections(_zh_text(cls))["相关设置"]
        zh_files = set(re.findall(r"rules/[\w.-]+\.toml", zh))
        en_files = set(re.findall(r"rules/[\w.-]+\.toml", english.get(cls.code, "")))
        assert zh_files == en_files, cls.code
        if "没有专门的设置" not in zh:
            assert cls.code in english, f"{cls.code}: 相关设置 has no English counterpart"


def test_find_rule_by_code_in_any_case_or_by_name() -> None:
    assert ruledocs.find_rule("gip301") is ruledocs.find_rule("narrative-received-mismatch")
    assert ruledocs.find_rule("GIP301") is not None
    assert ruledocs.find_rule("GIP999") is None


def test_listing_has_one_line_per_rule_with_code_name_severity_family_summary() -> None:
    for lang in ("zh", "en"):
        lines = ruledocs.rule_listing(lang).splitlines()
        assert len(lines) == len(plugins.all_rules())
        for cls, line in zip(plugins.all_rules(), lines, strict=True):
            assert line.split()[:4] == [cls.code, cls.name, str(cls.severity), cls.family()]
            assert ruledocs.summary(cls, lang) in line
            off = ("[默认关闭]" if lang == "zh" else "[off by default]") in line
            assert off is not cls.enabled_by_default, line


def test_a_plugin_rule_without_a_chinese_doc_is_shown_in_english(plugin: None) -> None:
    assert ruledocs.summary(Borrowed, "zh") == "A plugin rule with no Chinese doc."
    zh = ruledocs.rule_doc(Borrowed, "zh")
    assert zh.startswith(Borrowed.doc())
    assert "Settings:" in zh and 'extend-select = ["XYZ201"]' in zh
    listing = ruledocs.rule_listing("zh")
    assert "XYZ201  borrowed" in listing and "A plugin rule with no Chinese doc. [默认关闭]" in listing
    assert (
        ruledocs.rule_header(Borrowed, "en")
        == "XYZ201 borrowed: default severity warning, XYZ2, off by default"
    )


def test_rules_markdown_indexes_every_builtin_rule_and_documents_it_in_both_languages(plugin: None) -> None:
    text = ruledocs.render_rules_markdown()
    assert "XYZ201" not in text, "the repository's page does not depend on installed plugins"
    assert "XYZ201 borrowed" in ruledocs.render_rules_markdown(plugins.all_rules())
    for cls in BUILTIN:
        assert f"[{cls.code}](#{cls.code.lower()}-{cls.name})" in text
        section = text.split(f"\n### {cls.code} {cls.name}\n", 1)[1].split("\n### ", 1)[0]
        assert "#### 中文" in section and "#### English" in section
        assert "**相关设置**" in section and "**Settings:**" in section


def test_docs_rules_md_is_up_to_date() -> None:
    assert RULES_MD.is_file(), f"docs/rules.md is missing; generate it with `{REGENERATE}`"
    committed = RULES_MD.read_text(encoding="utf-8")
    assert committed == ruledocs.render_rules_markdown(), (
        f"docs/rules.md is stale: a rule or its documentation changed. Regenerate it with `{REGENERATE}`"
    )


def test_the_module_entry_point_prints_the_page_in_utf8() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "giplint.ruledocs"],
        capture_output=True,
        check=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO / "src"), "PYTHONIOENCODING": "ascii"},
    ).stdout
    assert out.decode("utf-8") == ruledocs.render_rules_markdown()


def test_cli_rules_prints_the_listing() -> None:
    result = CliRunner().invoke(main, ["rules", "--lang", "zh"])
    assert result.exit_code == 0
    assert result.output.strip() == ruledocs.rule_listing("zh")


def test_cli_rule_prints_the_doc_in_the_chosen_language() -> None:
    cls = ruledocs.find_rule("GIP220")
    assert cls is not None
    for lang in ("zh", "en"):
        result = CliRunner().invoke(main, ["rule", "GIP220", "--lang", lang])
        assert result.exit_code == 0
        assert ruledocs.rule_doc(cls, lang) in result.output
