"""Configuration: ``[tool.validate]`` in ``pyproject.toml``, or ``.validate.toml`` / ``validate.toml``.

DESIGN.md section 7, RULES.md sections 2.1, 5 and 6. The nearest configuration file at or
above the first path (the working directory when none is given) applies; in one directory
``.validate.toml`` wins over ``validate.toml``, which wins over ``pyproject.toml``, and a
``pyproject.toml`` without ``[tool.validate]`` is passed over. ``--config FILE`` names the
file, ``--isolated`` ignores every file. Command-line flags override the file.

Everything is validated here, before a file is read: unknown keys, unknown rule codes,
options that a rule does not declare and values of the wrong type are a ``UsageError``
(exit code 2) that names the file and the key.

Decisions where the spec is silent:

- Rule selection is layered like ruff's: the file, then the command line. A layer with
  ``select`` starts over from it (so ``--select`` replaces the file's ``select`` *and* the
  file's ``ignore``); a layer without it adds ``extend-select`` and removes ``ignore`` /
  ``extend-ignore``. Within a layer ``ignore`` wins over ``select``.
- ``exclude`` and ``extend-exclude`` both add to the directories discovery always skips
  (``.git``, ``node_modules``, ...). A pattern without ``/`` matches a directory name, one
  with ``/`` a path relative to the configuration file. Paths named on the command line
  are always checked.
- ``per-file-ignores`` globs are ruff-like: ``*`` also crosses ``/``, a leading ``**/`` may
  match no directory, a pattern without ``/`` also matches the file's name, and a pattern
  that matches a directory covers every file below it.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from pathlib import Path
from typing import TYPE_CHECKING, Any

from validator.api import UsageError
from validator.documents import display_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

if TYPE_CHECKING:
    from validator.finding import Finding
    from validator.pycode import AnalysisOptions
    from validator.rule import Rule

CONFIG_NAMES = (".validate.toml", "validate.toml", "pyproject.toml")
DEFAULT = "default"
COMMAND_LINE = "command line"
SEVERITIES = ("error", "warning", "info")
# The choices of --output-format (validator/cli.py); "auto" is github under GitHub Actions, else full.
OUTPUT_FORMATS = ("auto", "full", "concise", "json", "github", "sarif", "junit", "gitlab")
SELECTOR_KEYS = ("select", "ignore", "extend-select", "extend-ignore")
ANALYSIS_KEYS = ("send-events-functions", "set-last-run-functions", "get-last-run-functions",
                 "incidents-functions", "command-functions")
TOP_KEYS = (*SELECTOR_KEYS, "per-file-ignores", "fail-on", "output-format", "exclude", "extend-exclude",
            "rules", "analysis")
_DOTTED = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*")
_TYPE_WORDS = {"string": "a string", "int": "an integer", "bool": "a boolean", "list[string]": "a list of strings"}


# --- values ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layer:
    """One source of rule selection (a configuration file or the command line)."""

    source: str
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()


@dataclass(frozen=True)
class PerFileIgnore:
    """``pattern = [codes]`` of ``per-file-ignores``; ``base`` is the configuration file's directory."""

    pattern: str
    codes: tuple[str, ...]
    base: str
    source: str

    def covers(self, path: str) -> bool:
        rel = os.path.relpath(os.path.abspath(path), self.base)
        return glob_match(self.pattern, Path(rel).as_posix())

    def drops(self, finding: Finding) -> bool:
        from validator.registry import matches

        return any(matches(finding.code, c) for c in self.codes) and self.covers(finding.path)


@dataclass(frozen=True)
class Valued:
    """A setting's value and where it came from (a file path, ``default`` or ``command line``)."""

    value: Any
    source: str = DEFAULT


@dataclass
class Settings:
    """The effective configuration of a run. ``Settings()`` is the built-in defaults."""

    config_file: Path | None = None
    layers: list[Layer] = field(default_factory=list)
    per_file_ignores: list[PerFileIgnore] = field(default_factory=list)
    fail_on: Valued = field(default_factory=lambda: Valued("error"))
    output_format: Valued = field(default_factory=lambda: Valued("auto"))
    exclude: list[Valued] = field(default_factory=list)  # one per pattern, as discovery uses it
    rule_options: dict[str, dict[str, Valued]] = field(default_factory=dict)
    severities: dict[str, Valued] = field(default_factory=dict)
    analysis: dict[str, Valued] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    # --- what the run uses -------------------------------------------------------------

    def rules(self) -> list[Rule]:
        """The rules to run: each layer in order; always-on rules whatever it says."""
        from validator.registry import all_rules, matches

        rules = all_rules()
        chosen = set(rules)
        for layer in self.layers:
            if layer.select is not None:
                chosen = {c for c in rules if any(matches(c, s) for s in (*layer.select, *layer.extend_select))}
            else:
                chosen |= {c for c in rules if any(matches(c, s) for s in layer.extend_select)}
            chosen -= {c for c in rules if any(matches(c, s) for s in layer.ignore)}
        return [rule for code, rule in rules.items() if code in chosen or rule.always_on]

    def options(self, rules: Iterable[Rule]) -> dict[str, dict[str, Any]]:
        """Each rule's options: defaults, then the configured values; ``__severity__`` when set."""
        from validator.finding import Severity

        result = {}
        for rule in rules:
            values = {**rule.default_options(), **{k: v.value for k, v in self.rule_options.get(rule.code, {}).items()}}
            severity = self.severities.get(rule.code)
            if severity is not None and not rule.always_on:
                values["__severity__"] = Severity(severity.value)
            result[rule.code] = values
        return result

    def analysis_options(self) -> AnalysisOptions:
        from validator.pycode import AnalysisOptions

        return AnalysisOptions(**{k.replace("-", "_"): tuple(v.value) for k, v in self.analysis.items()})

    def exclude_patterns(self) -> list[str]:
        return [v.value for v in self.exclude]

    def drop_ignored(self, findings: Iterable[Finding]) -> list[Finding]:
        """Findings without those ``per-file-ignores`` drops (never SY100-SY105/SY900)."""
        from validator.registry import all_rules

        rules = all_rules()
        if not self.per_file_ignores:
            return list(findings)
        return [f for f in findings
                if (f.code in rules and rules[f.code].always_on) or not any(p.drops(f) for p in self.per_file_ignores)]

    # --- command line and API overrides --------------------------------------------------

    def override(
        self,
        *,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        extend_select: Sequence[str] | None = None,
        fail_on: str | None = None,
        output_format: str | None = None,
        exclude: Sequence[str] | None = None,
        rule_options: Mapping[str, Mapping[str, Any]] | None = None,
        source: str = COMMAND_LINE,
    ) -> Settings:
        """A copy with command-line (or API) values on top; unknown codes raise ``UsageError``."""
        from validator.registry import check_selectors

        try:
            check_selectors(list(select or []), "--select")
            check_selectors(list(ignore or []), "--ignore")
            check_selectors(list(extend_select or []), "--extend-select")
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        new = replace(self, layers=list(self.layers), exclude=list(self.exclude),
                      rule_options={k: dict(v) for k, v in self.rule_options.items()})
        if select or ignore or extend_select:
            new.layers.append(Layer(source, tuple(select) if select else None, tuple(ignore or ()),
                                    tuple(extend_select or ())))
        if fail_on is not None:
            new.fail_on = Valued(fail_on, source)
        if output_format is not None:
            new.output_format = Valued(output_format, source)
        new.exclude += [Valued(p, source) for p in exclude or ()]
        for code, values in (rule_options or {}).items():
            new.rule_options.setdefault(code, {}).update({k: Valued(v, source) for k, v in values.items()})
        return new

    # --- --show-settings and the cache -------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The effective values (no sources), e.g. for a cache key."""
        from validator.registry import all_rules

        rules = all_rules()
        return {
            "rules": [r.code for r in self.rules()],
            "options": {code: {k: v for k, v in opts.items() if k != "__severity__"}
                        for code, opts in self.options(rules.values()).items()},
            "severities": {code: v.value for code, v in sorted(self.severities.items())},
            "per-file-ignores": [[p.pattern, list(p.codes), p.base] for p in self.per_file_ignores],
            "exclude": self.exclude_patterns(),
            "analysis": {k: list(v) for k, v in vars(self.analysis_options()).items()},
            "fail-on": self.fail_on.value,
        }

    def fingerprint(self) -> str:
        """A stable hash of everything that changes findings (for the result cache)."""
        text = json.dumps(self.to_dict(), sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    def describe(self) -> str:
        """The effective configuration as TOML, each value followed by where it came from."""
        from validator.registry import all_rules

        lines = [f"# configuration file: {display_path(self.config_file) if self.config_file else 'none'}"]
        select, ignore, extend = self._effective_selection()
        lines += [_line("select", select.value, select.source), _line("extend-select", extend.value, extend.source),
                  _line("ignore", ignore.value, ignore.source)]
        pfi = {p.pattern: list(p.codes) for p in self.per_file_ignores}
        pfi_source = ", ".join(dict.fromkeys(p.source for p in self.per_file_ignores)) or DEFAULT
        lines.append(_line("per-file-ignores", pfi, pfi_source))
        lines.append(_line("fail-on", self.fail_on.value, self.fail_on.source))
        lines.append(_line("output-format", self.output_format.value, self.output_format.source))
        excl_source = ", ".join(dict.fromkeys(v.source for v in self.exclude)) or DEFAULT
        lines.append(_line("exclude", self.exclude_patterns(), excl_source))
        chosen = [r.code for r in self.rules()]
        lines.append(f"# selected rules ({len(chosen)}): {', '.join(chosen)}")
        lines += ["", "[analysis]"]
        defaults = vars(self.analysis_options().__class__())
        for key in ANALYSIS_KEYS:
            got = self.analysis.get(key)
            value = list(got.value) if got else list(defaults[key.replace("-", "_")])
            lines.append(_line(key, value, got.source if got else DEFAULT))
        for code, rule in all_rules().items():
            if not rule.options and code not in self.severities:
                continue
            lines += ["", f"[rules.{code}]"]
            configured = self.rule_options.get(code, {})
            for opt in rule.options:
                got = configured.get(opt.name)
                lines.append(_line(opt.name, got.value if got else opt.default, got.source if got else DEFAULT))
            sev = self.severities.get(code)
            lines.append(_line("severity", sev.value if sev else rule.severity.value, sev.source if sev else DEFAULT))
        return "\n".join(lines) + "\n"

    def _effective_selection(self) -> tuple[Valued, Valued, Valued]:
        start = max((i for i, layer in enumerate(self.layers) if layer.select is not None), default=-1)
        active = self.layers[max(start, 0):]
        select = Valued(list(self.layers[start].select or ()), self.layers[start].source) if start >= 0 \
            else Valued(["ALL"])
        ignore = [s for layer in active for s in layer.ignore]
        extend = [s for layer in active for s in layer.extend_select]

        def source(attr: str) -> str:
            return ", ".join(dict.fromkeys(layer.source for layer in active if getattr(layer, attr))) or DEFAULT

        return select, Valued(ignore, source("ignore")), Valued(extend, source("extend_select"))


def _line(key: str, value: Any, source: str) -> str:
    return f"{key} = {_toml(value)}  # {source}"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"
    return json.dumps(str(value))


# --- globs ---------------------------------------------------------------------------------


def glob_match(pattern: str, rel: str) -> bool:
    """Whether a POSIX path relative to the configuration file matches a per-file-ignores glob."""
    pattern = pattern.strip()
    while pattern.startswith("./"):
        pattern = pattern[2:]
    pattern = pattern.rstrip("/") or "*"
    patterns = [pattern, pattern[3:]] if pattern.startswith("**/") else [pattern]
    candidates = [rel]
    parent = posixpath.dirname(rel)
    while parent and parent not in (".", "/") and not parent.startswith(".."):
        candidates.append(parent)
        parent = posixpath.dirname(parent)
    for pat in patterns:
        for cand in candidates:
            if fnmatchcase(cand, pat) or ("/" not in pat and fnmatchcase(posixpath.basename(cand), pat)):
                return True
    return False


# --- finding and reading the file ------------------------------------------------------------


def find_config(start: Path) -> tuple[Path, dict[str, Any], str] | None:
    """The nearest configuration at or above ``start``: (file, its table, key prefix)."""
    start = Path(os.path.abspath(start))
    while not start.exists() and start != start.parent:
        start = start.parent
    if not start.is_dir():
        start = start.parent
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            path = folder / name
            if not path.is_file():
                continue
            data = _read_toml(path)
            if name != "pyproject.toml":
                return path, data, ""
            table = data.get("tool", {}).get("validate") if isinstance(data.get("tool"), dict) else None
            if table is not None:
                return path, _table(table, path, "tool.validate"), "tool.validate."
    return None


def load(path: Path) -> tuple[dict[str, Any], str]:
    """The table of an explicitly named file (``--config``): [tool.validate] of a pyproject.toml."""
    if not path.is_file():
        raise UsageError(f"--config: file not found: {path}")
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("validate", {}) if isinstance(tool, dict) else {}
        return _table(table, path, "tool.validate"), "tool.validate."
    return data, ""


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{display_path(path)}: invalid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses on nested arrays and inline tables
        raise UsageError(f"{display_path(path)}: invalid TOML: nested too deeply") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{display_path(path)}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None


def _table(value: Any, path: Path, key: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise UsageError(f"{display_path(path)}: {key}: expected a table, got {_describe(value)}")
    return value


def resolve(paths: Sequence[str], *, config: str | None = None, isolated: bool = False) -> Settings:
    """The settings of a run over ``paths``: the configuration file's, or the defaults."""
    if config and isolated:
        raise UsageError("--config and --isolated cannot be used together")
    if isolated:
        return Settings()
    if config:
        path = Path(config)
        table, prefix = load(path)
        return parse(table, Path(os.path.abspath(path)), prefix)
    found = find_config(Path(paths[0]) if paths else Path.cwd())
    if found is None:
        return Settings()
    path, table, prefix = found
    return parse(table, path, prefix)


# --- parsing and validating ------------------------------------------------------------------


def parse(table: Mapping[str, Any], path: Path, prefix: str = "") -> Settings:
    """Settings from a configuration table; any problem raises ``UsageError`` naming the key."""
    return _Parser(path, prefix).parse(table)


class _Parser:
    def __init__(self, path: Path, prefix: str) -> None:
        self.path = path
        self.name = display_path(path)
        self.source = self.name
        self.prefix = prefix
        self.base = str(path.parent)
        self.warnings: list[str] = []

    def error(self, key: str, problem: str) -> UsageError:
        return UsageError(f"{self.name}: {self.prefix}{key}: {problem}")

    def parse(self, table: Mapping[str, Any]) -> Settings:
        from validator.registry import all_rules

        for key in table:
            if key not in TOP_KEYS:
                raise self.error(key, f"unknown key (expected one of: {', '.join(TOP_KEYS)})")
        settings = Settings(config_file=self.path)
        sel = {key: self.selectors(table, key) for key in SELECTOR_KEYS}
        ignore = (sel["ignore"] or []) + (sel["extend-ignore"] or [])
        self.warn_always_on(ignore, "ignore")
        if any(v is not None for v in sel.values()):
            settings.layers.append(Layer(self.source, tuple(sel["select"]) if sel["select"] is not None else None,
                                         tuple(ignore), tuple(sel["extend-select"] or ())))
        settings.per_file_ignores = self.per_file_ignores(table.get("per-file-ignores"))
        for key, choices in (("fail-on", SEVERITIES), ("output-format", OUTPUT_FORMATS)):
            if key in table:
                value = table[key]
                if value not in choices or not isinstance(value, str):
                    raise self.error(key, f"expected one of {', '.join(choices)}, got {_describe(value)}")
                setattr(settings, key.replace("-", "_"), Valued(value, self.source))
        for key in ("exclude", "extend-exclude"):
            settings.exclude += [Valued(self.exclude_pattern(p), self.source) for p in self.strings(table, key) or []]
        rules_table = table.get("rules", {})
        if not isinstance(rules_table, dict):
            raise self.error("rules", f"expected a table of rule codes, got {_describe(rules_table)}")
        known = all_rules()
        for code, values in rules_table.items():
            self.rule_table(settings, code, values, known)
        analysis = table.get("analysis", {})
        if not isinstance(analysis, dict):
            raise self.error("analysis", f"expected a table, got {_describe(analysis)}")
        for key in analysis:
            if key not in ANALYSIS_KEYS:
                raise self.error(f"analysis.{key}", f"unknown key (expected one of: {', '.join(ANALYSIS_KEYS)})")
            names = self.strings(analysis, key, f"analysis.{key}")
            bad = [n for n in names or [] if not _DOTTED.fullmatch(n)]
            if bad:
                raise self.error(f"analysis.{key}", f"expected dotted names such as 'demisto.setLastRun', got {bad[0]!r}")
            settings.analysis[key] = Valued(tuple(names or ()), self.source)
        settings.warnings = self.warnings
        return settings

    def strings(self, table: Mapping[str, Any], key: str, label: str | None = None) -> list[str] | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(label or key, f"expected a list of strings, got {_describe(value)}")
        return [v.strip() for v in value]

    def selectors(self, table: Mapping[str, Any], key: str, label: str | None = None) -> list[str] | None:
        from validator.registry import check_selectors

        values = self.strings(table, key, label)
        if values is None:
            return None
        values = [v.upper() for v in values]
        try:
            check_selectors(values, "")
        except ValueError as exc:
            raise self.error(label or key, str(exc).lstrip(": ")) from None
        return values

    def warn_always_on(self, codes: Iterable[str], key: str) -> None:
        from validator.registry import all_rules

        rules = all_rules()
        for code in codes:
            if code in rules and rules[code].always_on:
                self.warnings.append(f"{self.name}: {self.prefix}{key}: {code} is always reported; "
                                     "ignoring it has no effect")

    def per_file_ignores(self, value: Any) -> list[PerFileIgnore]:
        if value is None:
            return []
        if not isinstance(value, dict):
            raise self.error("per-file-ignores", f"expected a table of glob = [codes], got {_describe(value)}")
        found = []
        for pattern in value:
            label = f"per-file-ignores.{json.dumps(pattern)}"
            codes = self.selectors(value, pattern, label) or []
            self.warn_always_on(codes, label)
            found.append(PerFileIgnore(pattern, tuple(codes), self.base, self.source))
        return found

    def exclude_pattern(self, pattern: str) -> str:
        """A name glob stays as written; a path glob becomes absolute (relative to the file)."""
        if "/" not in pattern.rstrip("/"):
            return pattern.rstrip("/")
        return Path(self.base, pattern.rstrip("/")).as_posix()

    def rule_table(self, settings: Settings, code: str, values: Any, known: Mapping[str, Rule]) -> None:
        key = f"rules.{code}"
        rule = known.get(code.upper())
        if rule is None:
            raise self.error(key, "unknown rule code")
        if not isinstance(values, dict):
            raise self.error(key, f"expected a table of options, got {_describe(values)}")
        allowed = [o.name for o in rule.options] + ["severity"]
        for name, value in values.items():
            if name == "severity":
                if value not in SEVERITIES or not isinstance(value, str):
                    raise self.error(f"{key}.severity", f"expected one of {', '.join(SEVERITIES)}, got {_describe(value)}")
                if rule.always_on:
                    self.warnings.append(f"{self.name}: {self.prefix}{key}.severity: the severity of {rule.code} "
                                         "cannot be changed; ignoring it")
                    continue
                settings.severities[rule.code] = Valued(value, self.source)
                continue
            if name not in allowed:
                raise self.error(f"{key}.{name}", f"unknown option (expected one of: {', '.join(allowed)})")
            option = rule.option(name)
            try:
                coerced = option.coerce(value)
            except ValueError:
                raise self.error(f"{key}.{name}", f"expected {_TYPE_WORDS[option.type]}, got {_describe(value)}") from None
            settings.rule_options.setdefault(rule.code, {})[name] = Valued(coerced, self.source)


def _describe(value: Any) -> str:
    kind = {bool: "boolean", int: "integer", float: "float", str: "string", list: "array", dict: "table"}.get(
        type(value), type(value).__name__)
    if isinstance(value, (dict, list)):
        return kind
    text = json.dumps(value) if isinstance(value, (str, bool, int, float)) else str(value)
    return f"{kind} {text}"
