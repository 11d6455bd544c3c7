"""``json``: a JSON array of finding objects (a stable contract, see DESIGN.md section 6)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from validator.finding import Finding
from validator.reporters import Report


def render(findings: Sequence[Finding], report: Report) -> str:
    return json.dumps([f.to_json() for f in findings], indent=2, ensure_ascii=False) + "\n"
