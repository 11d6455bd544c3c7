"""``sarif``: a SARIF 2.1.0 log with one run, for GitHub code scanning and other viewers."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from validator.finding import Finding
from validator.reporters import SEVERITY_LEVELS, Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/validate-xsoar/validate"


def _text(value: str) -> dict[str, str]:
    return {"text": value}


def _descriptor(code: str, first: Finding, report: Report) -> dict[str, Any]:
    """A reportingDescriptor; codes unknown to the registry still get id, name and level."""
    rule = report.rules.get(code)
    entry: dict[str, Any] = {"id": code, "name": rule.name if rule else first.name}
    if rule is not None:
        # multiformatMessageString requires text, so empty sections are left out.
        for key, value in (
            ("shortDescription", rule.summary),
            ("fullDescription", rule.doc_section("What it does:")),
            ("help", rule.doc),
        ):
            if value:
                entry[key] = _text(value)
    entry["helpUri"] = rule.url if rule else first.url
    severity = rule.severity if rule else first.severity
    entry["defaultConfiguration"] = {"level": SEVERITY_LEVELS["sarif"][severity]}
    return entry


def artifact_uri(path: str) -> str:
    """Relative paths stay relative (percent-encoded where URIs need it); absolute ones become file URIs."""
    if PurePosixPath(path).is_absolute():
        return PurePosixPath(path).as_uri()
    if PureWindowsPath(path).is_absolute():
        return PureWindowsPath(path).as_uri()
    return quote(path.replace("\\", "/"), safe="/")


def _region(f: Finding) -> dict[str, int]:
    # SARIF requires positive positions; a whole-file finding may carry 0.
    region = {"startLine": max(1, f.line), "startColumn": max(1, f.column)}
    if f.end_line is not None:
        region["endLine"] = max(1, f.end_line)
    if f.end_column is not None:
        region["endColumn"] = max(1, f.end_column)
    return region


def _result(f: Finding, index: int) -> dict[str, Any]:
    return {
        "ruleId": f.code,
        "ruleIndex": index,
        "level": SEVERITY_LEVELS["sarif"][f.severity],
        "message": _text(f.message),
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(f.path)},
                    "region": _region(f),
                }
            }
        ],
    }


def build(findings: Sequence[Finding], report: Report) -> dict[str, Any]:
    first_of: dict[str, Finding] = {}
    for f in findings:
        first_of.setdefault(f.code, f)
    codes = sorted(first_of)
    index = {code: i for i, code in enumerate(codes)}
    driver = {
        "name": "validate",
        "version": report.version,
        "informationUri": INFORMATION_URI,
        "rules": [_descriptor(code, first_of[code], report) for code in codes],
    }
    run = {
        "tool": {"driver": driver},
        # Our columns count characters (code points), not SARIF's default UTF-16 units.
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.code]) for f in findings],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(findings: Sequence[Finding], report: Report) -> str:
    return json.dumps(build(findings, report), indent=2, ensure_ascii=False) + "\n"
