"""Every rule example with ``fixed=`` texts is a fix test: write the tiny pack, run
``--fix --unsafe-fixes`` restricted to the rule, compare the files with ``fixed`` (files not
named there must be unchanged), then check that a second run has nothing left to fix for
the rule. Adding a fixable rule never touches this file."""

from __future__ import annotations

import pytest

from tests.conftest import write_pack
from validator.api import run
from validator.fix import apply_fixes
from validator.registry import all_rules

CASES = [
    pytest.param(rule, ex, id=f"{code}-{i}{'-' + ex.title.replace(' ', '_') if ex.title else ''}")
    for code, rule in all_rules().items()
    for i, ex in enumerate(rule.examples)
    if ex.fixed
]


def _analyse(rule, ex):
    options = {rule.code: dict(ex.options)} if ex.options else None
    return lambda targets: run(targets, select=[rule.code], rule_options=options)


@pytest.mark.parametrize(("rule", "ex"), CASES)
def test_fix_produces_the_fixed_text(rule, ex, in_tmp):
    root = write_pack(in_tmp, dict(ex.files))
    analyse = _analyse(rule, ex)
    report = apply_fixes(analyse([str(root)]), analyse, [str(root)], unsafe=True,
                         notify=lambda message: pytest.fail(f"fix notice: {message}"))
    assert report.fixed >= 1
    for rel, text in ex.files.items():
        got = (root / rel).read_bytes().decode("utf-8")
        want = ex.fixed.get(rel, text)
        assert got == want, f"{rel} after the fix differs from the example's fixed text"
    for finding in report.result.findings:
        assert finding.code != rule.code or finding.fix is None, f"still fixable after --fix: {finding}"

    again = apply_fixes(analyse([str(root)]), analyse, [str(root)], unsafe=True)
    assert again.fixed == 0 and not again.changes, "a second --fix run changed files again"


def test_fixed_texts_name_files_of_the_example():
    for code, rule in all_rules().items():
        for ex in rule.examples:
            for rel in ex.fixed or {}:
                assert rel in ex.files, f"{code}: fixed names '{rel}', which is not a file of the example"
            assert not ex.fixed or not ex.valid, f"{code}: a valid example has fixed texts"


def _missing_fixed_texts() -> list[str]:
    return sorted(code for code, rule in all_rules().items()
                  if rule.fix_safety != "none" and not any(ex.fixed and not ex.valid for ex in rule.examples))


def test_every_fixable_rule_has_an_example_with_fixed_texts():
    missing = _missing_fixed_texts()
    assert not missing, (f"fixable rules without an invalid example that has fixed= texts: {', '.join(missing)}; "
                         "add fixed={relative path: text after the fix} to one of their invalid examples")
