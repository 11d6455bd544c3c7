"""``full``: the headline, the source line with a caret under the span, and the fix title."""

from __future__ import annotations

from collections.abc import Sequence

from validator.finding import Finding
from validator.reporters import Report
from validator.reporters.concise_format import headline


def _snippet(f: Finding, lines: list[str] | None) -> list[str]:
    if not lines or not 1 <= f.line <= len(lines):
        return []
    source = lines[f.line - 1].rstrip("\r\n").expandtabs(1)
    if len(source) > 200:
        return []
    width = 1
    if f.end_line == f.line and f.end_column and f.end_column > f.column:
        width = f.end_column - f.column
    width = max(1, min(width, len(source) - f.column + 1))
    gutter = f"{f.line:>5} | "
    return [gutter + source, " " * (len(gutter) + f.column - 1) + "^" * width]


def render(findings: Sequence[Finding], report: Report) -> str:
    out: list[str] = []
    for f in findings:
        out.append(headline(f))
        out.extend(_snippet(f, report.read_lines(f.path)))
        if f.fix:
            safety = "" if f.fix.applicability == "safe" else " (unsafe)"
            out.append(f"  help: {f.fix.message}{safety}")
        out.append("")
    return "\n".join(out) + ("\n" if out else "")
