"""Every example of every rule is a test case: valid examples yield no finding of the rule,
invalid ones yield it (at the stated position). Adding a rule never touches this file."""

from __future__ import annotations

import pytest

from tests.conftest import write_pack
from validator.api import run
from validator.registry import all_rules

CASES = [
    pytest.param(rule, ex, id=f"{code}-{'valid' if ex.valid else 'invalid'}-{i}{'-' + ex.title.replace(' ', '_') if ex.title else ''}")
    for code, rule in all_rules().items()
    for i, ex in enumerate(rule.examples)
]


def _first_yaml(files: dict[str, str]) -> str:
    return next(p for p in files if p.endswith((".yml", ".yaml")))


@pytest.mark.parametrize(("rule", "ex"), CASES)
def test_example(rule, ex, in_tmp):
    root = write_pack(in_tmp, dict(ex.files))
    options = {rule.code: dict(ex.options)} if ex.options else None
    findings = [f for f in run([str(root)], select=[rule.code], rule_options=options).findings if f.code == rule.code]
    rendered = "\n".join(f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}" for f in findings)
    if ex.valid:
        assert not findings, f"valid example produced findings:\n{rendered}"
        return
    assert findings, "invalid example produced no finding"
    for want in ex.expected:
        rel = want.path or _first_yaml(dict(ex.files))
        path = f"Packs/Okta/{rel}"
        at = [(f.line, f.column) for f in findings if f.path == path]
        assert at, f"no finding in {path}; got:\n{rendered}"
        if want.line is not None:
            assert (want.line, want.column) in at, f"expected {path}:{want.line}:{want.column}; got:\n{rendered}"


def test_every_rule_has_both_kinds_of_example():
    from validator.registry import NO_INVALID_EXAMPLE

    for code, rule in all_rules().items():
        assert any(e.valid for e in rule.examples), code
        assert any(not e.valid for e in rule.examples) or code in NO_INVALID_EXAMPLE, code
