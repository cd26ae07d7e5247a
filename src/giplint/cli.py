"""The ``giplint`` command. ``giplint PATH…`` is short for ``giplint check PATH…``.

Only option parsing lives here; a run is :func:`giplint.session.run`, output formats are in
:mod:`giplint.formatters`, rule documentation in :mod:`giplint.ruledocs`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from giplint import __version__
from giplint.diagnostics import LANGS
from giplint.formatters import FORMATS

EXIT_BROKEN_PIPE = 128 + 13  # what a shell reports for a process killed by SIGPIPE


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


def _config_options(f):
    f = click.option("--isolated", is_flag=True, help="Ignore every configuration file.")(f)
    f = click.option(
        "--config",
        type=click.Path(exists=True, dir_okay=False),
        help="Use this configuration file for every path.",
    )(f)
    return f


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@_config_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format (default: text, or `format` in the config).",
)
@click.option(
    "--lang", type=click.Choice(LANGS), help="Language of messages (default: zh, or `lang` in the config)."
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to FILE, not standard output.")
@click.option(
    "--select", help="Comma-separated codes, families (GIP2) or names to run instead of the configured ones."
)
@click.option("--extend-select", help="Comma-separated codes, families or names to run in addition.")
@click.option("--ignore", help="Comma-separated codes, families or names to skip.")
@click.option(
    "--statistics", is_flag=True, help="Print the number of findings per rule instead of the findings."
)
@click.option("--quiet", "-q", is_flag=True, help="Print the findings only: no source lines, no summary.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default="error",
    show_default=True,
    help="The lowest severity that makes the exit status 1.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False),
    help="Report only findings not recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    help="Record today's findings in this file and exit 0.",
)
@click.option("--stdin-filename", help="With PATH '-': the name of the report read from standard input.")
@click.option("--jobs", "-j", type=int, help="Worker processes for many files (default: one per core).")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds one file may take before it is stopped with GIP014 (default: 60, or `timeout`).",
)
@click.option("--force-exclude", is_flag=True, help="Apply `exclude` to files named on the command line too.")
@click.option(
    "--show-settings", is_flag=True, help="Print the resolved settings for the first path and exit."
)
@click.option("--no-color", is_flag=True, help="Plain text even on a terminal (NO_COLOR is honoured too).")
@click.option("--no-source", is_flag=True, help="Do not show the source line under each finding.")
@click.option("-v", "--verbose", is_flag=True, help="Also print each file's detected encoding.")
def check(paths: tuple[str, ...], show_settings: bool, **options: object) -> None:
    """Check reports and print diagnostics (the default command)."""
    from giplint.session import Options, UsageError, run

    if show_settings:
        _show_settings(paths[0] if paths else ".", options.get("config"), bool(options.get("isolated")))  # type: ignore[arg-type]
        return
    try:
        status = run(Options(paths=paths, **options))  # type: ignore[arg-type]
        sys.stdout.flush()
    except UsageError as exc:
        raise click.UsageError(str(exc)) from exc
    except BrokenPipeError:
        # The reader went away (`giplint … | head`): stop quietly, as a tool killed by SIGPIPE
        # would, and keep Python from complaining when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_BROKEN_PIPE)
    sys.exit(status)


@main.command("config")
@click.argument("path", default=".", type=click.Path())
@_config_options
def show_config(path: str, config: str | None, isolated: bool) -> None:
    """Print the resolved settings for PATH and where each came from."""
    _show_settings(path, config, isolated)


def _show_settings(path: str, config: str | None, isolated: bool) -> None:
    from giplint.config import ConfigError, Resolver, describe

    try:
        resolver = Resolver(config=Path(config) if config else None, isolated=isolated)
        click.echo(describe(resolver.settings_for(Path(path)), Path(path)))
    except ConfigError as exc:
        click.echo(f"giplint: {exc}", err=True)
        sys.exit(2)


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
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True)
def list_rules(lang: str) -> None:
    """List every rule, plugins' included: code, name, default severity, family, summary."""
    from giplint.ruledocs import rule_listing

    click.echo(rule_listing(lang))


@main.command("rule")
@click.argument("code")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True)
def show_rule(code: str, lang: str) -> None:
    """Print one rule's documentation (by code or name)."""
    from giplint.ruledocs import find_rule, rule_doc, rule_header

    cls = find_rule(code)
    if cls is None:
        raise click.ClickException(f"no rule {code!r}; `giplint rules` lists them")
    click.echo(rule_header(cls, lang) + "\n")
    click.echo(rule_doc(cls, lang))


if __name__ == "__main__":  # pragma: no cover
    main()
