"""Configuration: where it is found, what it may say, how files inherit it, and what it changes.

Files. ``[tool.giplint]`` in ``pyproject.toml``, or the top level of ``giplint.toml`` /
``.giplint.toml``. The closest file to a linted path wins: the search starts in the file's
directory and walks up; within one directory ``.giplint.toml`` is preferred to ``giplint.toml``,
which is preferred to ``pyproject.toml`` (a ``pyproject.toml`` without ``[tool.giplint]`` is not a
giplint config and the search goes on). ``--config FILE`` uses FILE for every path;
``--isolated`` reads no file at all. Globs are relative to the directory of the file that wrote
them.

Keys are kebab-case only, as in Ruff (``extend-select``, not ``extend_select``: the snake_case
spelling is reported as an unknown key with the right one suggested)::

    extend = "../base.toml"          # inherit another config (relative to this file)
    select = ["GIP2", "GIP3"]        # codes, families (GIP2), prefixes (GIP21), names, or "ALL"
    extend-select = ["GIP706"]       # add to the selection
    ignore = ["GIP705"]              # remove from it
    exclude = ["drafts", "old/**"]   # files not linted (see giplint.globs for the glob syntax)
    extend-exclude = [...]           # added to the inherited exclude
    lang = "zh"                      # zh | en
    format = "text"                  # text json sarif github gitlab junit csv
    deadline = "01-31"               # this body's publication deadline, MM-DD in year N+1
    issuer-kind = "department"       # department | government | township
    [per-file-ignores]               # glob -> selectors never reported for those files
    "notes/*.txt" = ["GIP003"]
    [extend-per-file-ignores]        # added to the inherited per-file-ignores
    [severity]                       # rule code or name -> error | warning | info
    GIP301 = "error"

Inheritance (``extend``, followed recursively, cycles refused). The parent is read first and the
child overrides it key by key: a key set in the child replaces the parent's value, except

* rule selection, which is layered as in Ruff: each file's ``select`` / ``extend-select`` /
  ``ignore`` is applied on top of the parent's result (a ``select`` starts afresh, ``extend-select``
  adds, ``ignore`` removes; within one layer the most specific selector wins, and ``ignore`` wins a
  tie), and the command line is the last layer;
* ``extend-exclude`` and ``extend-per-file-ignores`` add to the inherited lists;
* ``severity`` merges rule by rule (a child overriding one rule keeps the parent's others).

``per-file-ignores`` is applied after selection and always wins. ``deadline`` applies to the
report whatever its issuer kind is inferred to be, for reports under the 2019 条例 (year ≥ 2019);
reports of 2018 and earlier keep the single deadline of the 2007 条例. ``issuer-kind`` replaces the
kind inferred from the issuer's name, and makes GIP506 an error rather than a warning.

Everything is read and validated before anything is linted; every mistake is a
:class:`ConfigError` naming the file and line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from giplint.diagnostics import LANGS, Severity
from giplint.formatters import FORMATS
from giplint.globs import Glob, GlobError
from giplint.limits import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from giplint.plugins import all_rules
from giplint.settings import (
    ISSUER_KINDS,
    FileIgnore,
    Selection,
    Settings,
    apply_to_diagnostics,
    apply_to_report,
    enabled_codes,
    is_excluded,
    rules_for,
)
from giplint.tomllines import KeyLines

__all__ = [
    "ConfigError",
    "Resolver",
    "Selection",
    "Settings",
    "apply_to_diagnostics",
    "apply_to_report",
    "config_in",
    "describe",
    "enabled_codes",
    "find_config",
    "is_excluded",
    "load_config",
    "resolve",
    "rules_for",
    "selector_problem",
]

CONFIG_NAMES = (".giplint.toml", "giplint.toml", "pyproject.toml")  # preference within one directory
FAMILIES = tuple(f"GIP{n}" for n in range(8))  # the built-in families: valid even while empty
DEFAULT_LANG, DEFAULT_FORMAT = "zh", "text"

LIST_KEYS = ("select", "extend-select", "ignore", "exclude", "extend-exclude")
TABLE_KEYS = ("per-file-ignores", "extend-per-file-ignores", "severity")
CHOICE_KEYS: dict[str, tuple[str, ...]] = {"lang": LANGS, "format": FORMATS, "issuer-kind": ISSUER_KINDS}
KEYS = ("extend", *LIST_KEYS, *TABLE_KEYS, *CHOICE_KEYS, "deadline", "max-file-size", "timeout")


class ConfigError(Exception):
    """A mistake in the configuration; ``str()`` is ``path:line: message`` (as much as is known)."""

    def __init__(self, path: str | None, line: int | None, message: str) -> None:
        super().__init__(message)
        self.path, self.line, self.message = path, line, message

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


# ---------------------------------------------------------------------------------------------
# Discovery


def find_config(start: Path) -> Path | None:
    """The config closest to ``start`` (a file: search from its directory; a directory: from itself)."""
    start = start.resolve()
    directory = start if start.is_dir() else start.parent
    for d in (directory, *directory.parents):
        found = config_in(d)
        if found is not None:
            return found
    return None


def config_in(directory: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = directory / name
        if candidate.is_file() and (name != "pyproject.toml" or _has_giplint_table(candidate)):
            return candidate
    return None


def _has_giplint_table(pyproject: Path) -> bool:
    text = _read(pyproject)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        if "giplint" in text:  # meant for us: say so rather than silently skip it
            raise _toml_error(pyproject, exc) from None
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and "giplint" in tool


# ---------------------------------------------------------------------------------------------
# Reading one file


@dataclass
class _Where:
    """Where a table came from: a file (with line lookup) or the command line."""

    path: str | None  # displayed path; None for the command line
    lines: KeyLines | None
    prefix: tuple[str, ...]
    base: Path

    def source(self, *key: str) -> str:
        if self.path is None:
            return "command line"
        line = self.lines.line_of(self.prefix + key) if self.lines else None
        return f"{self.path}:{line}" if line else self.path

    def error(self, key: tuple[str, ...], message: str, item: str | None = None) -> ConfigError:
        if self.path is None:
            return ConfigError(None, None, f"--{key[0]}: {message}")
        line = None
        if self.lines is not None:
            full = self.prefix + key
            line = self.lines.line_of_item(full, item) if item is not None else self.lines.line_of(full)
        return ConfigError(self.path, line, message)


@dataclass
class _Layer:
    """What one table says; unset keys are absent from ``values``."""

    values: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    extend: tuple[str, int | None] | None = None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(_display(path), None, f"cannot read config: {exc}") from None


def _toml_error(path: Path, exc: tomllib.TOMLDecodeError) -> ConfigError:
    message = str(exc)
    m = re.search(r" \(at line (\d+), column \d+\)$", message)
    line = int(m.group(1)) if m else None
    if m:
        message = message[: m.start()]
    return ConfigError(_display(path), line, f"invalid TOML: {message}")


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _read_file(path: Path) -> _Layer:
    text = _read(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(path, exc) from None
    prefix: tuple[str, ...] = ()
    if path.name == "pyproject.toml":
        prefix = ("tool", "giplint")
        tool = data.get("tool")
        if not isinstance(tool, dict) or "giplint" not in tool:
            raise ConfigError(_display(path), None, "no [tool.giplint] table")
        data = tool["giplint"]
        if not isinstance(data, dict):
            raise ConfigError(_display(path), KeyLines(text).line_of(prefix), "tool.giplint must be a table")
    where = _Where(_display(path), KeyLines(text), prefix, path.parent)
    return _read_table(data, where)


def _read_table(table: Mapping[str, Any], where: _Where) -> _Layer:
    layer = _Layer()
    for key, value in table.items():
        if key not in KEYS or (key == "extend" and where.path is None):
            raise where.error((key,), _unknown_key(key))
        if key == "extend":
            if not isinstance(value, str) or not value.strip():
                raise where.error((key,), f"'extend' must be a path (a string), not {_kind(value)}")
            line = where.lines.line_of((*where.prefix, key)) if where.lines else None
            layer.extend = (value, line)
            continue
        layer.values[key] = _VALIDATORS[key](key, value, where)
        layer.sources[key] = where.source(key)
    return layer


def _unknown_key(key: str) -> str:
    kebab = key.replace("_", "-")
    if kebab in KEYS and kebab != key:
        return f"unknown key {key!r} (did you mean {kebab!r}? keys are kebab-case)"
    close = difflib.get_close_matches(key, KEYS, n=1)
    return f"unknown key {key!r}" + (f" (did you mean {close[0]!r}?)" if close else "")


def _kind(value: object) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "a list"}
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, dt.date | dt.time):
        return "a date"
    return names.get(type(value), type(value).__name__)


def _strings(key: tuple[str, ...], value: object, where: _Where) -> tuple[str, ...]:
    if isinstance(value, str) and where.path is None:  # --select GIP2,GIP3
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list):
        raise where.error(key, f"{'.'.join(key)!r} must be a list of strings, not {_kind(value)}")
    for item in value:
        if not isinstance(item, str):
            raise where.error(key, f"{'.'.join(key)!r} must be a list of strings; found {_kind(item)}")
    return tuple(value)


def _selectors(key: tuple[str, ...], value: object, where: _Where) -> tuple[str, ...]:
    items = _strings(key, value, where)
    for item in items:
        problem = selector_problem(item)
        if problem:
            raise where.error(key, problem, item)
    return tuple(item.strip() for item in items)


def _globs(key: str, value: object, where: _Where) -> tuple[Glob, ...]:
    out = []
    for item in _strings((key,), value, where):
        out.append(_glob((key,), item, where))
    return tuple(out)


def _glob(key: tuple[str, ...], pattern: str, where: _Where, item: bool = True) -> Glob:
    try:
        return Glob.compile(pattern, where.base)
    except GlobError as exc:
        raise where.error(key, f"bad glob {pattern!r}: {exc}", pattern if item else None) from None


def _table(key: str, value: object, where: _Where) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise where.error((key,), f"{key!r} must be a table, not {_kind(value)}")
    return value


def _file_ignores(key: str, value: object, where: _Where) -> tuple[FileIgnore, ...]:
    out = []
    for pattern, selectors in _table(key, value, where).items():
        glob = _glob((key, pattern), pattern, where, item=False)
        out.append(FileIgnore(glob, _selectors((key, pattern), selectors, where), where.source(key, pattern)))
    return tuple(out)


def _severities(key: str, value: object, where: _Where) -> dict[str, tuple[Severity, str]]:
    out: dict[str, tuple[Severity, str]] = {}
    by_name = {cls.name: cls.code for cls in all_rules()}
    codes = {cls.code for cls in all_rules()}
    for rule, level in _table(key, value, where).items():
        code = rule.upper() if rule.upper() in codes else by_name.get(rule)
        if code is None:
            problem = selector_problem(rule)
            if problem is None:  # a family or prefix: valid elsewhere, too broad here
                problem = f"severity keys name one rule (a code or a name), not a group: {rule!r}"
            raise where.error((key, rule), problem)
        if not isinstance(level, str) or level.strip().upper() not in Severity.__members__:
            shown = repr(level) if isinstance(level, str) else _kind(level)
            raise where.error(
                (key, rule), f"bad severity {shown} for {rule}: expected error, warning or info"
            )
        out[code] = (Severity.parse(level), where.source(key, rule))
    return out


def _choice(key: str, value: object, where: _Where) -> str:
    allowed = CHOICE_KEYS[key]
    if not isinstance(value, str):
        raise where.error((key,), f"{key!r} must be a string, not {_kind(value)}")
    if value not in allowed:
        raise where.error((key,), f"bad {key} {value!r}: expected one of {', '.join(allowed)}")
    return value


def _deadline(key: str, value: object, where: _Where) -> str:
    if not isinstance(value, str):
        raise where.error((key,), f"'deadline' must be a string \"MM-DD\", not {_kind(value)}")
    if not re.fullmatch(r"[0-9]{2}-[0-9]{2}", value):
        raise where.error((key,), f'bad deadline {value!r}: expected "MM-DD", e.g. "01-31" or "03-31"')
    try:
        dt.date(2023, int(value[:2]), int(value[3:]))  # not a leap year: the date must exist every year
    except ValueError:
        raise where.error((key,), f"bad deadline {value!r}: no such day of the year") from None
    return value


_SIZE = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*([KMG]?B)?", re.I)
_UNITS = {None: 1, "B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}


def _size(key: str, value: object, where: _Where) -> int:
    """``max-file-size``: bytes as an integer, or a string like "50MB" / "500KB"."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    m = _SIZE.fullmatch(value.strip()) if isinstance(value, str) else None
    if m is None or float(m.group(1)) <= 0:
        raise where.error(
            (key,), f'bad {key} {value!r}: expected a size such as "50MB", "500KB" or a number of bytes'
        )
    return int(float(m.group(1)) * _UNITS[m.group(2).upper() if m.group(2) else None])


def _seconds(key: str, value: object, where: _Where) -> float:
    """``timeout``: a positive number of seconds."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    raise where.error((key,), f"bad {key} {value!r}: expected a positive number of seconds, such as 60")


_VALIDATORS: dict[str, Any] = {
    "select": lambda k, v, w: _selectors((k,), v, w),
    "extend-select": lambda k, v, w: _selectors((k,), v, w),
    "ignore": lambda k, v, w: _selectors((k,), v, w),
    "exclude": _globs,
    "extend-exclude": _globs,
    "per-file-ignores": _file_ignores,
    "extend-per-file-ignores": _file_ignores,
    "severity": _severities,
    "lang": _choice,
    "format": _choice,
    "issuer-kind": _choice,
    "deadline": _deadline,
    "max-file-size": _size,
    "timeout": _seconds,
}


def selector_problem(selector: str) -> str | None:
    """Why ``selector`` selects nothing (None when it is a code, prefix, family, name or ``ALL``)."""
    s = selector.strip()
    rules = all_rules()
    if s == "ALL" or s.upper() in FAMILIES or any(cls.name == s for cls in rules):
        return None
    if re.fullmatch(r"[A-Z]{3}[0-9]{1,3}", s.upper()) and any(
        cls.code.startswith(s.upper()) for cls in rules
    ):
        return None
    known = ["ALL", *FAMILIES, *(cls.code for cls in rules), *(cls.name for cls in rules)]
    close = difflib.get_close_matches(s, known, n=1, cutoff=0.7) or difflib.get_close_matches(
        s.upper(), known, n=1, cutoff=0.7
    )
    return f"unknown rule {selector!r}" + (f" (did you mean {close[0]!r}?)" if close else "")


# ---------------------------------------------------------------------------------------------
# Inheritance and merging


def load_config(path: Path) -> Settings:
    """The settings of one config file and the files it extends (validated; raises ConfigError)."""
    path = path.resolve()
    if not path.is_file():
        raise ConfigError(_display(path), None, "config file not found")
    chain = _chain(path, ())
    settings = Settings(config=path, extends=tuple(p for p, _ in reversed(chain[:-1])), root=path.parent)
    for _, layer in chain:
        settings = _apply(settings, layer)
    return settings


def _chain(path: Path, seen: tuple[Path, ...]) -> list[tuple[Path, _Layer]]:
    """``path`` and its ancestors, the farthest ancestor first."""
    layer = _read_file(path)
    if layer.extend is None:
        return [(path, layer)]
    raw, line = layer.extend
    target = (path.parent / Path(raw).expanduser()).resolve()
    visited = (*seen, path)
    if target in visited:
        loop = " -> ".join(_display(p) for p in (*visited[visited.index(target) :], target))
        raise ConfigError(_display(path), line, f"extend cycle: {loop}")
    if not target.is_file():
        raise ConfigError(_display(path), line, f"extend target {raw!r} not found ({_display(target)})")
    return [*_chain(target, (*seen, path)), (path, layer)]


def _apply(settings: Settings, layer: _Layer) -> Settings:
    v = layer.values
    changes: dict[str, Any] = {}
    sources = dict(settings.sources)
    if any(k in v for k in ("select", "extend-select", "ignore")):
        sel = Selection(
            v.get("select"),
            v.get("extend-select", ()),
            v.get("ignore", ()),
            {k: layer.sources[k] for k in ("select", "extend-select", "ignore") if k in v},
        )
        changes["selection"] = (*settings.selection, sel)
    if "per-file-ignores" in v or "extend-per-file-ignores" in v:
        kept = v.get("per-file-ignores", settings.per_file_ignores)
        changes["per_file_ignores"] = (*kept, *v.get("extend-per-file-ignores", ()))
    if "exclude" in v or "extend-exclude" in v:
        if "exclude" in v:
            sources = {k: s for k, s in sources.items() if not k.startswith("exclude.")}
        kept = v.get("exclude", settings.exclude)
        changes["exclude"] = (*kept, *v.get("extend-exclude", ()))
        for key in ("exclude", "extend-exclude"):
            for glob in v.get(key, ()):
                sources[f"exclude.{glob.pattern}"] = layer.sources[key]
    if "severity" in v:
        severity = dict(settings.severity)
        for code, (level, source) in v["severity"].items():
            severity[code] = level
            sources[f"severity.{code}"] = source
        changes["severity"] = severity
    for key in ("lang", "format", "deadline", "issuer-kind", "max-file-size", "timeout"):
        if key in v:
            changes[key.replace("-", "_")] = v[key]
            sources[key] = layer.sources[key]
    return replace(settings, sources=sources, **changes)


# ---------------------------------------------------------------------------------------------
# Resolution per linted file


class Resolver:
    """Settings per linted path, for one run: configs found per directory and loaded once each.

    ``overrides`` are the command-line settings (keys as in TOML, ``_`` or ``-``; list values may be
    comma-separated strings); they apply over whatever file is used. Validation happens here and in
    :meth:`settings_for`, so resolving every path before linting any means nothing is linted with
    half a config.
    """

    def __init__(
        self,
        *,
        config: Path | None = None,
        isolated: bool = False,
        overrides: Mapping[str, Any] | None = None,
    ) -> None:
        if config is not None and isolated:
            raise ConfigError(None, None, "--config and --isolated cannot be used together")
        self.config = config
        self.isolated = isolated
        given = {k.replace("_", "-"): v for k, v in (overrides or {}).items() if v is not None}
        self._overrides = _read_table(given, _Where(None, None, (), Path.cwd()))
        self._dirs: dict[Path, Path | None] = {}
        self._settings: dict[Path | None, Settings] = {}

    def config_for(self, path: Path) -> Path | None:
        if self.isolated:
            return None
        if self.config is not None:
            return self.config.resolve()
        # The folder a file is named in decides, resolved; the file itself is not resolved, so a
        # symlink loop or a dangling link reaches the linter and gets its GIP001.
        folder = path if path.is_dir() else path.parent
        return self._config_from(folder.resolve())

    def _config_from(self, directory: Path) -> Path | None:
        """find_config with a cache per directory, shared by every file below it."""
        if directory not in self._dirs:
            own = config_in(directory)
            if own is None and directory.parent != directory:
                own = self._config_from(directory.parent)
            self._dirs[directory] = own
        return self._dirs[directory]

    def settings_for(self, path: Path) -> Settings:
        key = self.config_for(path)
        if key not in self._settings:
            base = load_config(key) if key is not None else Settings()
            self._settings[key] = _apply(base, self._overrides)
        return self._settings[key]


def resolve(
    path: Path,
    *,
    config: Path | None = None,
    isolated: bool = False,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """The settings for one path (a :class:`Resolver` caches across many paths)."""
    return Resolver(config=config, isolated=isolated, overrides=overrides).settings_for(path)


# ---------------------------------------------------------------------------------------------
# giplint config PATH


def describe(settings: Settings, file: Path | None = None) -> str:
    """Each resolved setting as ``key = value  # where it was set``, TOML-like, for ``giplint config``."""
    rows: list[tuple[str, str]] = []
    if settings.config is None:
        rows.append(("# config file: none (defaults)", ""))
    else:
        chain = ", ".join(_display(p) for p in settings.extends)
        rows.append(
            (f"# config file: {_display(settings.config)}" + (f" (extends {chain})" if chain else ""), "")
        )
    if not settings.selection:
        rows.append(("select = (rules enabled by default)", "default"))
    for layer in settings.selection:
        for key, value in (
            ("select", layer.select),
            ("extend-select", layer.extend_select),
            ("ignore", layer.ignore),
        ):
            if key in layer.sources:
                rows.append((f"{key} = {_toml_list(value or ())}", layer.sources[key]))
    if not settings.per_file_ignores:
        rows.append(("per-file-ignores = {}", "default"))
    for entry in settings.per_file_ignores:
        rows.append(
            (
                f"per-file-ignores.{_toml_str(entry.glob.pattern)} = {_toml_list(entry.selectors)}",
                entry.source,
            )
        )
    if not settings.severity:
        rows.append(("severity = {}", "default"))
    for code, level in sorted(settings.severity.items()):
        rows.append((f'severity.{code} = "{level}"', settings.sources[f"severity.{code}"]))
    rows.append(
        (f"lang = {_toml_str(settings.lang or DEFAULT_LANG)}", settings.sources.get("lang", "default"))
    )
    rows.append(
        (
            f"format = {_toml_str(settings.format or DEFAULT_FORMAT)}",
            settings.sources.get("format", "default"),
        )
    )
    if settings.deadline is None:
        rows.append(("deadline = (by issuer kind: department 01-31, government 03-31)", "default"))
    else:
        rows.append((f"deadline = {_toml_str(settings.deadline)}", settings.sources["deadline"]))
    if settings.issuer_kind is None:
        rows.append(("issuer-kind = (inferred from the issuer's name)", "default"))
    else:
        rows.append((f"issuer-kind = {_toml_str(settings.issuer_kind)}", settings.sources["issuer-kind"]))
    if settings.max_file_size is None:
        rows.append((f"max-file-size = {DEFAULT_MAX_BYTES}", "default"))
    else:
        rows.append((f"max-file-size = {settings.max_file_size}", settings.sources["max-file-size"]))
    if settings.timeout is None:
        rows.append((f"timeout = {DEFAULT_TIMEOUT:g}", "default"))
    else:
        rows.append((f"timeout = {settings.timeout:g}", settings.sources["timeout"]))
    if not settings.exclude:
        rows.append(("exclude = []", "default"))
    for glob in settings.exclude:
        rows.append((f"exclude = {_toml_str(glob.pattern)}", settings.sources[f"exclude.{glob.pattern}"]))
    if file is not None:
        codes = sorted(enabled_codes(settings, file))
        state = "excluded" if is_excluded(settings, file) else f"{len(codes)} rules"
        rows.append((f"# {file}: {state}: {' '.join(codes)}", ""))
    width = max(len(text) for text, source in rows if source)
    return "".join(f"{text:<{width}}  # {source}\n" if source else f"{text}\n" for text, source in rows)


def _toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _toml_list(values: Iterable[str]) -> str:
    return "[" + ", ".join(_toml_str(v) for v in values) + "]"
