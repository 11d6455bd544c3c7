"""Finds rule modules, checks their metadata, and selects rules by code or prefix."""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache

from validator.rule import DOC_SECTIONS, FIX_SAFETY, OPTION_TYPES, TARGETS, Rule

CODE_PATTERN = re.compile(r"^(SY|SX|EC|FI|CM|PK|SP)\d{3}$")
NAME_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Rules whose invalid case no content can trigger: it is tested by a dedicated test instead.
NO_INVALID_EXAMPLE = {"SY900": "only a bug in a rule triggers it (tests/test_safety.py registers a failing rule)"}


class RegistryError(Exception):
    """A rule module is malformed: a bug in the tool, reported at start-up."""


@lru_cache(maxsize=1)
def all_rules() -> dict[str, Rule]:
    """Every rule, keyed by code, in code order."""
    import validator.rules as package

    found: dict[str, Rule] = {}
    names: dict[str, str] = {}
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if info.name.rsplit(".", 1)[-1].startswith("_"):
            continue
        module = importlib.import_module(info.name)
        check = getattr(module, "check", None)
        rule = getattr(check, "__rule__", None)
        if rule is None:
            continue
        problems = validate_rule(rule)
        if rule.code in found:
            problems.append(f"duplicate code (also in {found[rule.code].module})")
        if rule.name in names:
            problems.append(f"duplicate name (also {names[rule.name]})")
        if problems:
            raise RegistryError(f"rule {rule.code} in {rule.module}: " + "; ".join(problems))
        found[rule.code] = rule
        names[rule.name] = rule.code
    return dict(sorted(found.items()))


def validate_rule(rule: Rule) -> list[str]:
    problems = []
    if not CODE_PATTERN.match(rule.code):
        problems.append("code must be two known letters and three digits")
    if not NAME_PATTERN.match(rule.name):
        problems.append("name must be kebab-case")
    if rule.targets not in TARGETS:
        problems.append(f"targets must be one of {TARGETS}")
    if rule.fix_safety not in FIX_SAFETY:
        problems.append(f"fix_safety must be one of {FIX_SAFETY}")
    if not rule.summary:
        problems.append("missing summary")
    missing = [s for s in DOC_SECTIONS if s not in rule.doc]
    if missing:
        problems.append(f"docstring lacks sections {missing}")
    if not any(e.valid for e in rule.examples):
        problems.append("no valid example")
    if not any(not e.valid for e in rule.examples) and rule.code not in NO_INVALID_EXAMPLE:
        problems.append("no invalid example")
    for opt in rule.options:
        if opt.type not in OPTION_TYPES:
            problems.append(f"option {opt.name} has unknown type {opt.type}")
    return problems


def matches(code: str, selector: str) -> bool:
    """``EC`` and ``EC1`` are prefixes, ``EC102`` is exact, ``ALL`` matches everything."""
    selector = selector.strip().upper()
    return selector == "ALL" or code.startswith(selector)


def check_selectors(selectors: list[str], what: str) -> None:
    codes = all_rules()
    for sel in selectors:
        if not any(matches(code, sel) for code in codes):
            raise ValueError(f"{what}: unknown rule code or prefix '{sel}'")
