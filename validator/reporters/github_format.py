"""``github``: workflow commands that GitHub Actions turns into pull-request annotations.

Each finding becomes ``::error file=...,line=...,col=...,title=...::message``, and the
findings of one file sit inside a ``::group::`` so the log folds per file.
"""

from __future__ import annotations

from collections.abc import Sequence

from validator.finding import Finding
from validator.reporters import SEVERITY_LEVELS, Report

# GitHub's runner decodes these escapes; '%' goes first so the others are not re-escaped.
_DATA_ESCAPES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
# Property values are also split on ',' and end at '::', so those two need escaping too.
_PROPERTY_ESCAPES = _DATA_ESCAPES + ((":", "%3A"), (",", "%2C"))


def escape_data(text: str) -> str:
    for raw, escaped in _DATA_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def escape_property(text: str) -> str:
    for raw, escaped in _PROPERTY_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def _title(f: Finding, report: Report) -> str:
    rule = report.rules.get(f.code)
    return f"{f.code} {rule.name if rule else f.name}"


def annotation(f: Finding, report: Report) -> str:
    props = [("file", f.path), ("line", str(f.line)), ("col", str(f.column))]
    if f.end_line is not None:
        props.append(("endLine", str(f.end_line)))
    if f.end_column is not None:
        props.append(("endColumn", str(f.end_column)))
    props.append(("title", _title(f, report)))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    level = SEVERITY_LEVELS["github"][f.severity]
    return f"::{level} {joined}::{escape_data(f.message)}"


def render(findings: Sequence[Finding], report: Report) -> str:
    # Group by path in first-seen order: findings come sorted, but a group must never
    # be split in two even if a caller hands them over unsorted.
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    out: list[str] = []
    for path, group in by_path.items():
        out.append(f"::group::{escape_data(path)}")
        out.extend(annotation(f, report) for f in group)
        out.append("::endgroup::")
    return "".join(line + "\n" for line in out)
