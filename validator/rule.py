"""The ``@rule`` decorator, rule options and examples: everything a rule module declares.

A rule module is flat (yamllint style): a docstring in the ruff sections, one ``@rule(...)``
decorated ``check(ctx)`` generator, and its examples beside it (Fixit style). The registry
finds the decorated function and refuses rules whose metadata is incomplete.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from validator.finding import Finding, Severity, rule_url

TARGETS = ("document", "integration", "pack")
FIX_SAFETY = ("none", "safe", "unsafe", "safe-or-unsafe")
OPTION_TYPES = ("string", "int", "list[string]", "bool")
DOC_SECTIONS = ("What it does:", "Why is this bad?", "Example:", "Use instead:")


@dataclass(frozen=True)
class Option:
    """A rule option: its name as written in configuration, its type name and default."""

    name: str
    type: str
    default: Any
    help: str = ""

    def coerce(self, value: Any) -> Any:
        """Return ``value`` if it fits the declared type, else raise ``ValueError``."""
        ok = {
            "string": isinstance(value, str),
            "int": isinstance(value, int) and not isinstance(value, bool),
            "bool": isinstance(value, bool),
            "list[string]": isinstance(value, list) and all(isinstance(v, str) for v in value),
        }[self.type]
        if not ok:
            raise ValueError(f"expected {self.type}, got {type(value).__name__}")
        return list(value) if isinstance(value, list) else value


@dataclass(frozen=True)
class Expected:
    """Where an invalid example must produce the rule's finding (path relative to the pack)."""

    path: str | None
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Example:
    """A tiny pack ``{relative path: text}`` that the rule must accept or flag."""

    files: Mapping[str, str]
    valid: bool
    expected: tuple[Expected, ...] = ()
    fixed: Mapping[str, str] | None = None
    title: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)


class example:  # noqa: N801 - used as a namespace: example.valid(...), example.invalid(...)
    @staticmethod
    def valid(files: Mapping[str, str], *, title: str = "", options: Mapping[str, Any] | None = None) -> Example:
        return Example(files=files, valid=True, title=title, options=options or {})

    @staticmethod
    def invalid(
        files: Mapping[str, str],
        *,
        at: Iterable[tuple[Any, ...]] | tuple[Any, ...] = (),
        fixed: Mapping[str, str] | None = None,
        title: str = "",
        options: Mapping[str, Any] | None = None,
    ) -> Example:
        """``at`` is ``(path, line, col)``, ``(line, col)`` (first YAML of the pack) or a list of those."""
        points: list[tuple[Any, ...]] = (
            [at] if isinstance(at, tuple) and at and not isinstance(at[0], (tuple, list)) else list(at)
        )
        expected = []
        for point in points:
            if len(point) == 3:
                expected.append(Expected(point[0], point[1], point[2]))
            else:
                expected.append(Expected(None, point[0], point[1]))
        return Example(
            files=files, valid=False, expected=tuple(expected), fixed=fixed, title=title, options=options or {}
        )


CheckFn = Callable[[Any], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    """A rule's metadata and its check, as the registry and the runner see it."""

    code: str
    name: str
    summary: str
    severity: Severity
    targets: str
    check: CheckFn
    doc: str
    module: str
    examples: tuple[Example, ...]
    options: tuple[Option, ...] = ()
    fix_safety: str = "none"
    sdk: tuple[str, ...] = ()
    always_on: bool = False
    absence: bool = False
    needs_code: bool = False

    @property
    def url(self) -> str:
        return rule_url(self.code, self.name)

    @property
    def fixable(self) -> bool:
        return self.fix_safety != "none"

    def option(self, name: str) -> Option:
        for opt in self.options:
            if opt.name == name:
                return opt
        raise KeyError(name)

    def default_options(self) -> dict[str, Any]:
        return {opt.name: opt.default for opt in self.options}

    def doc_section(self, title: str) -> str:
        """The text of one docstring section (``What it does:`` ...), dedented, or ``''``."""
        return _doc_sections(self.doc).get(title, "")


def _doc_sections(doc: str) -> dict[str, str]:
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in doc.splitlines():
        stripped = line.strip()
        if stripped.endswith((":", "?")) and not line.startswith(" ") and stripped:
            current = stripped
            sections[current] = []
        elif current is not None:
            sections[current].append(line[4:] if line.startswith("    ") else line.strip())
    return {k: "\n".join(v).strip("\n") for k, v in sections.items()}


def rule(
    *,
    code: str,
    name: str,
    summary: str,
    severity: str,
    targets: str,
    examples: Iterable[Example],
    options: Iterable[Option] = (),
    fix_safety: str = "none",
    sdk: Iterable[str] = (),
    always_on: bool = False,
    absence: bool = False,
    needs_code: bool = False,
) -> Callable[[CheckFn], CheckFn]:
    """Declare ``check`` as the rule ``code``; the module docstring is the rule's docs."""

    def decorate(check: CheckFn) -> CheckFn:
        import sys

        module = sys.modules[check.__module__]
        check.__rule__ = Rule(  # type: ignore[attr-defined]
            code=code,
            name=name,
            summary=summary,
            severity=Severity(severity),
            targets=targets,
            check=check,
            doc=(module.__doc__ or "").strip(),
            module=check.__module__,
            examples=tuple(examples),
            options=tuple(options),
            fix_safety=fix_safety,
            sdk=tuple(sdk),
            always_on=always_on,
            absence=absence,
            needs_code=needs_code,
        )
        return check

    return decorate
