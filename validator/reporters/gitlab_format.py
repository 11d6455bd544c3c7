"""``gitlab``: a GitLab Code Quality report (a JSON array in the Code Climate issue format)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from validator.finding import Finding
from validator.reporters import SEVERITY_LEVELS, Report


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """One fingerprint per finding, in order.

    GitLab compares fingerprints between the base and the merge-request pipeline to tell
    new findings from old ones, so a fingerprint leaves out the line and column (a finding
    must survive lines shifting above it). Identical code/path/message triples are told
    apart by their occurrence number, which is stable because findings arrive sorted.
    """
    seen: dict[tuple[str, str, str], int] = {}
    out = []
    for f in findings:
        key = (f.code, f.path, f.message)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        # NUL separators keep ("a", "bc") and ("ab", "c") from hashing alike.
        raw = "\0".join((*key, str(occurrence)))
        out.append(hashlib.sha256(raw.encode("utf-8")).hexdigest())
    return out


def _issue(f: Finding, fingerprint: str) -> dict[str, Any]:
    return {
        "description": f"{f.code} {f.message}",
        "check_name": f.code,
        "fingerprint": fingerprint,
        "severity": SEVERITY_LEVELS["gitlab"][f.severity],
        "location": {"path": f.path, "lines": {"begin": max(1, f.line)}},
    }


def render(findings: Sequence[Finding], report: Report) -> str:
    issues = [_issue(f, fp) for f, fp in zip(findings, fingerprints(findings))]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
