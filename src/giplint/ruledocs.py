"""Rule documentation in English and Chinese: ``giplint rules``, ``giplint rule CODE``, docs/rules.md.

The English documentation of a rule is its docstring. The Chinese one is ``rules/docs/zh/<code>.md``,
a file with the same content in five sections (规则说明, 原因, 不合规示例, 合规示例, 相关设置) whose first
line is the one-line summary; a plugin rule without such a file is shown in English. Both languages
end with the settings every rule shares (whether it is on by default, the years it applies to, how to
switch it off or change its severity), generated here so that the configuration syntax is written in
one place.

``python -m giplint.ruledocs > docs/rules.md`` regenerates the documentation page of the repository;
a test fails when the committed page is stale.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from giplint.plugins import all_rules
from giplint.resources import data_dir, load_toml
from giplint.rule import Rule

ZH_SECTIONS = ("规则说明", "原因", "不合规示例", "合规示例", "相关设置")

# Built-in families; a plugin's family is shown by its code prefix alone.
FAMILIES: dict[str, tuple[str, str]] = {
    "GIP0": ("输入与解析", "input and parsing"),
    "GIP1": ("结构与模板", "structure and template"),
    "GIP2": ("表格数值与算术", "table cells and arithmetic"),
    "GIP3": ("正文与表格一致", "narrative against tables"),
    "GIP4": ("必备内容", "required content"),
    "GIP5": ("日期、年份与期限", "dates, years and deadlines"),
    "GIP6": ("跨报告检查", "cross-report checks"),
    "GIP7": ("文本规范", "text hygiene"),
}

# English counterparts of the rule-specific part of the zh files' 相关设置 section.
SETTINGS_EN_FILE = "docs/settings-en.toml"

_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def _is_builtin(cls: type[Rule]) -> bool:
    # A plugin may reuse a built-in family's prefix, never its data files.
    return cls.__module__.startswith("giplint.rules")


def zh_doc_path(code: str) -> Path:
    return data_dir("rules") / "docs" / "zh" / f"{code}.md"


@functools.cache
def _zh_file(code: str) -> str | None:
    path = zh_doc_path(code)
    return path.read_text(encoding="utf-8").strip() if path.is_file() else None


def zh_sections(text: str) -> dict[str, str]:
    """The ``## 标题`` sections of a Chinese rule doc, by title (the summary line is not one)."""
    sections: dict[str, str] = {}
    title: str | None = None
    body: list[str] = []
    for line in text.splitlines():
        if line.startswith("## "):
            if title is not None:
                sections[title] = "\n".join(body).strip()
            title, body = line[3:].strip(), []
        elif title is not None:
            body.append(line)
    if title is not None:
        sections[title] = "\n".join(body).strip()
    return sections


def summary(cls: type[Rule], lang: str) -> str:
    """The one-line summary: the docstring's first line, or the first line of the Chinese doc."""
    if lang == "zh":
        text = _zh_file(cls.code)
        if text:
            return text.splitlines()[0].strip()
    return cls.summary()


def _years(cls: type[Rule], lang: str) -> str:
    since, until = cls.since, cls.until
    if lang == "zh":
        if since is None and until is None:
            return "适用于各年度的报告"
        if until is None:
            return f"适用于 {since} 年及以后的报告"
        if since is None:
            return f"适用于 {until} 年及以前的报告"
        return f"适用于 {since}–{until} 年的报告"
    if since is None and until is None:
        return "Applies to reports of every year"
    if until is None:
        return f"Applies to reports for {since} and later"
    if since is None:
        return f"Applies to reports for {until} and earlier"
    return f"Applies to reports for {since}–{until}"


def common_settings(cls: type[Rule], lang: str) -> str:
    """What every rule can be configured with, in ``[tool.giplint]`` or ``giplint.toml``."""
    code, name, family = cls.code, cls.name, cls.family()
    if lang == "zh":
        state = "默认启用" if cls.enabled_by_default else f'默认关闭，用 `extend-select = ["{code}"]` 启用'
        lines = [
            f"{_years(cls, 'zh')}；{state}。",
            f'关闭：`ignore = ["{code}"]`（也可写规则名 `{name}` 或整族 `{family}`），'
            f'只对部分文件关闭：`per-file-ignores = {{ "存档/*.txt" = ["{code}"] }}`。',
            f'调整严重级别（默认 {cls.severity}）：`severity = {{ {code} = "warning" }}`。',
        ]
        return "\n".join(f"- {line}" for line in lines)
    state = (
        "on by default"
        if cls.enabled_by_default
        else f'off by default; enable it with `extend-select = ["{code}"]`'
    )
    lines = [
        f"{_years(cls, 'en')}; {state}.",
        f'Switch it off with `ignore = ["{code}"]` (or the name `{name}`, or the family `{family}`), '
        f'for some files only with `per-file-ignores = {{ "archive/*.txt" = ["{code}"] }}`.',
        f'Change its severity (default {cls.severity}) with `severity = {{ {code} = "warning" }}`.',
    ]
    return "\n".join(f"- {line}" for line in lines)


def rule_doc(cls: type[Rule], lang: str) -> str:
    """The full documentation of a rule in ``lang`` ("zh" or "en"), ending with its settings."""
    zh = _zh_file(cls.code) if lang == "zh" else None
    if zh is not None:
        return f"{zh}\n\n{common_settings(cls, 'zh')}"
    specific = load_toml(SETTINGS_EN_FILE).get(cls.code) if _is_builtin(cls) else None
    head = f"Settings: {specific}" if specific else "Settings:"
    return f"{cls.doc()}\n\n{head}\n\n{common_settings(cls, 'en')}"


def rule_header(cls: type[Rule], lang: str) -> str:
    """One line naming a rule, its default severity and family, to print above :func:`rule_doc`."""
    family = cls.family()
    names = FAMILIES.get(family)
    if lang == "zh":
        label = f"{family}（{names[0]}）" if names else family
        severity = _SEVERITY_ZH.get(str(cls.severity), str(cls.severity))
        off = "，默认关闭" if not cls.enabled_by_default else ""
        return f"{cls.code} {cls.name}：默认级别 {severity}（{cls.severity}），{label}{off}"
    label = f"{family} ({names[1]})" if names else family
    off = ", off by default" if not cls.enabled_by_default else ""
    return f"{cls.code} {cls.name}: default severity {cls.severity}, {label}{off}"


def find_rule(code_or_name: str) -> type[Rule] | None:
    """The rule with this code (any case) or name, among built-in and plugin rules."""
    for cls in all_rules():
        if code_or_name.upper() == cls.code or code_or_name == cls.name:
            return cls
    return None


def rule_listing(lang: str) -> str:
    """``giplint rules``: one line per rule — code, name, default severity, family, summary."""
    rules = all_rules()
    width = max((len(cls.name) for cls in rules), default=0)
    off = " [默认关闭]" if lang == "zh" else " [off by default]"
    lines = [
        f"{cls.code}  {cls.name:<{width}}  {cls.severity!s:<7}  {cls.family():<4}  "
        f"{summary(cls, lang)}{'' if cls.enabled_by_default else off}"
        for cls in rules
    ]
    return "\n".join(lines)


# --- docs/rules.md -------------------------------------------------------------------------------

_EN_LABEL = re.compile(r"^(Why|Source|Fails|Passes|Settings|Markers|Examples):", re.MULTILINE)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _anchor(cls: type[Rule]) -> str:
    return f"{cls.code.lower()}-{cls.name}"


def render_rules_markdown(rules: Sequence[type[Rule]] | None = None) -> str:
    """docs/rules.md: an index of the rules, then each rule's documentation in Chinese and English.

    By default the built-in rules only: the page documents this repository, and must not change
    with the plugins that happen to be installed next to it.
    """
    if rules is None:
        rules = [cls for cls in all_rules() if _is_builtin(cls)]
    out = [
        "# giplint 规则 / Rules",
        "",
        "<!-- Generated by `python -m giplint.ruledocs > docs/rules.md`; do not edit by hand. -->",
        "",
        "每条规则的中文说明在 `rules/docs/zh/`，英文说明是规则类的文档字符串。"
        "`giplint rule CODE --lang zh|en` 在命令行显示同样的内容。",
        "",
        "The Chinese documentation of each rule is in `rules/docs/zh/`, the English one is the rule "
        "class's docstring. `giplint rule CODE --lang zh|en` prints the same text on the command line.",
        "",
        "| 代码 Code | 名称 Name | 级别 Severity | 族 Family | 说明 | Summary |",
        "|---|---|---|---|---|---|",
    ]
    for cls in rules:
        off = "（默认关闭）" if not cls.enabled_by_default else ""
        off_en = " (off by default)" if not cls.enabled_by_default else ""
        out.append(
            f"| [{cls.code}](#{_anchor(cls)}) | `{cls.name}` | {cls.severity} | {cls.family()} | "
            f"{_cell(summary(cls, 'zh'))}{off} | {_cell(cls.summary())}{off_en} |"
        )
    family = None
    for cls in rules:
        if cls.family() != family:
            family = cls.family()
            names = FAMILIES.get(family)
            out += ["", f"## {family}xx" + (f" {names[0]} / {names[1]}" if names else "")]
        zh = rule_doc(cls, "zh")
        # The Chinese file's sections become bold labels under this page's rule headings.
        zh = re.sub(r"^## (.+)$", r"**\1**", zh, flags=re.MULTILINE)
        en = _EN_LABEL.sub(r"**\1:**", rule_doc(cls, "en"))
        out += [
            "",
            f"### {cls.code} {cls.name}",
            "",
            f"{rule_header(cls, 'zh')}",
            "",
            "#### 中文",
            "",
            zh,
            "",
            "#### English",
            "",
            en,
        ]
    return "\n".join(out) + "\n"


def main() -> None:
    sys.stdout.reconfigure(encoding="utf-8", newline="\n")  # type: ignore[attr-defined]
    sys.stdout.write(render_rules_markdown())


if __name__ == "__main__":
    main()
