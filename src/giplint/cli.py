"""The ``giplint`` command. ``giplint PATH…`` is short for ``giplint check PATH…``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from giplint import __version__

SUFFIXES = (".txt", ".md")
NOT_REPORTS = frozenset({"README", "CHANGELOG", "CONTRIBUTING", "LICENSE", "LICENCE"})
EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2


class DefaultCommandGroup(click.Group):
    """Routes anything that is not a sub-command name to ``check``, as Ruff does for ``ruff check``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        elif not args:
            args = ["check"]
        return super().parse_args(ctx, args)


@click.group(cls=DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="giplint")
def main() -> None:
    """Lint 政府信息公开工作年度报告 (government information disclosure annual reports).

    giplint PATH... checks reports (files, or directories searched for .txt and .md).
    """


def _wanted(path: Path, root: Path) -> bool:
    """In a directory walk: report files only, not README/CHANGELOG notes or hidden folders."""
    if path.suffix.lower() not in SUFFIXES or path.stem.upper() in NOT_REPORTS:
        return False
    return not any(part.startswith(".") for part in path.relative_to(root).parts) and path.is_file()


def collect_paths(paths: tuple[str, ...]) -> list[Path]:
    """Files as given; directories searched for .txt and .md (files named explicitly are always linted)."""
    out: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        found = sorted(q for q in p.rglob("*") if _wanted(q, p)) if p.is_dir() else [p]
        for q in found:
            if q not in seen:
                seen.add(q)
                out.append(q)
    return out


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Language of messages."
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write to FILE, not stdout."
)
@click.option(
    "--select", help="Comma-separated codes, families (GIP2) or names to run instead of the defaults."
)
@click.option("--ignore", help="Comma-separated codes, families or names to skip.")
@click.option("--no-color", is_flag=True, help="Plain text even on a terminal (NO_COLOR is honoured too).")
@click.option("--no-source", is_flag=True, help="Do not show the source line under each finding.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when errors are found.")
@click.option("-v", "--verbose", is_flag=True, help="Also print each file's detected encoding.")
def check(
    paths: tuple[str, ...],
    fmt: str,
    lang: str,
    output: str | None,
    select: str | None,
    ignore: str | None,
    no_color: bool,
    no_source: bool,
    exit_zero: bool,
    verbose: bool,
) -> None:
    """Check reports and print diagnostics (the default command)."""
    from giplint import formatters
    from giplint.diagnostics import Severity
    from giplint.linter import lint_path, select_rules

    if not paths:
        raise click.UsageError("no report given: giplint PATH...")
    files = collect_paths(paths)
    try:
        rules = select_rules(_split(select) if select else None, _split(ignore) if ignore else ())
    except Exception as exc:  # a broken plugin: say which, exit 2
        click.echo(f"giplint: cannot load rules: {exc}", err=True)
        sys.exit(EXIT_FAILURE)
    results = [lint_path(f, rules) for f in files]
    if verbose:
        for r in results:
            click.echo(f"{r.path}: encoding {r.encoding or 'unknown'}", err=True)
    color = (
        fmt == "text"
        and output is None
        and not no_color
        and sys.stdout.isatty()
        and "NO_COLOR" not in os.environ
    )
    text = formatters.get(fmt)(results, lang=lang, color=color, show_source=not no_source)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    diagnostics = [d for r in results for d in r.diagnostics]
    if any(d.code == "GIP099" for d in diagnostics):
        sys.exit(EXIT_FAILURE)
    if exit_zero:
        sys.exit(EXIT_OK)
    sys.exit(EXIT_FINDINGS if any(d.severity is Severity.ERROR for d in diagnostics) else EXIT_OK)


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def parse(path: str) -> None:
    """Print the parse tree of a report, with line numbers (for debugging the grammar)."""
    from giplint.linter import parse_text
    from giplint.loaders.text import UndecodableError, decode
    from giplint.treeview import render_tree

    try:
        decoded = decode(Path(path).read_bytes())
    except UndecodableError as exc:
        raise click.ClickException(f"cannot read {path}: {exc}") from exc
    report = parse_text(decoded.text, path, decoded.encoding)
    click.echo(render_tree(report))


@main.command("rules")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def list_rules(lang: str) -> None:
    """List every rule: code, name, default severity, summary."""
    from giplint.plugins import all_rules

    for cls in all_rules():
        default = "" if cls.enabled_by_default else (" (默认关闭)" if lang == "zh" else " (off by default)")
        click.echo(f"{cls.code}  {cls.name:<40} {cls.severity!s:<8} {cls.summary()}{default}")


@main.command("rule")
@click.argument("code")
def show_rule(code: str) -> None:
    """Print one rule's documentation."""
    from giplint.plugins import all_rules

    for cls in all_rules():
        if code.upper() == cls.code or code == cls.name:
            click.echo(f"{cls.code} {cls.name} (default severity: {cls.severity})\n")
            click.echo(cls.doc())
            return
    raise click.ClickException(f"no rule {code!r}; `giplint rules` lists them")


if __name__ == "__main__":  # pragma: no cover
    main()
