"""``concise``: one line per finding, ``path:line:col: CODE [severity] message``."""

from __future__ import annotations

from collections.abc import Sequence

from validator.finding import Finding
from validator.reporters import Report


def headline(f: Finding) -> str:
    mark = " [*]" if f.fix else ""
    return f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity.value}] {f.message}{mark}"


def render(findings: Sequence[Finding], report: Report) -> str:
    return "".join(headline(f) + "\n" for f in findings)
