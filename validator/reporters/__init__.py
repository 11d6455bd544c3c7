"""Output formats. Each module here has ``render(findings, report) -> str``.

Modules are imported only when their format is used, so start-up stays light.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from validator.finding import Finding, Severity

if TYPE_CHECKING:
    from validator.rule import Rule

FORMATS = ("full", "concise", "json", "github", "sarif", "junit", "gitlab")

# One table for every format that maps our severities onto another tool's levels.
SEVERITY_LEVELS: dict[str, dict[Severity, str]] = {
    "github": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"},
    "sarif": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"},
    "gitlab": {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"},
    "junit": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}


@dataclass
class Report:
    """What a reporter may need besides the findings."""

    rules: Mapping[str, Rule]
    version: str
    read_lines: Callable[[str], list[str] | None] = lambda path: None
    files_checked: Sequence[str] = field(default_factory=list)
    color: bool = False


def render(fmt: str, findings: Sequence[Finding], report: Report) -> str:
    module = importlib.import_module(f"validator.reporters.{fmt}_format")
    return module.render(findings, report)
