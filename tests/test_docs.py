"""docs/rules.md is generated from the registry (validator/docs.py) and must not be stale;
every rule's url anchor exists; --explain prints every part of a rule's documentation."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import REPO
from validator.docs import COMMAND, render
from validator.explain import explain
from validator.registry import all_rules

RULES = list(all_rules().values())
RENDERED = render()


def github_slug(heading: str) -> str:
    """How GitHub turns a Markdown heading into an anchor."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_docs_rules_md_is_up_to_date():
    path = REPO / "docs" / "rules.md"
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    assert current == render(), f"docs/rules.md is stale: regenerate it with `{COMMAND}`"


def test_python_m_validator_docs_prints_the_same():
    result = subprocess.run([sys.executable, "-m", "validator.docs"], cwd=REPO, capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0 and result.stdout == render()


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_url_points_at_its_heading(rule):
    headings = [ln[4:] for ln in RENDERED.splitlines() if ln.startswith("### ")]
    anchors = {github_slug(h) for h in headings}
    assert rule.url.rsplit("#", 1)[1] in anchors
    assert f"{rule.code} {rule.name}" in headings


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_explain_prints_docs_options_fix_safety_and_examples(rule):
    text = explain(rule)
    assert text.startswith(f"{rule.code} {rule.name} ({rule.severity.value}")
    for part in ("What it does:", "Why is this bad?", "Example:", "Use instead:", "Fix safety:",
                 f"Options ([tool.validate.rules.{rule.code}]):", "Examples", rule.url):
        assert part in text, part
    for opt in rule.options:
        assert f"- {opt.name} ({opt.type}, default {opt.default!r})" in text
    assert text.count("\n    valid") + text.count("\n    invalid") == len(rule.examples)


def test_stale_docs_fail_with_the_command_to_run(tmp_path):
    rules = dict(all_rules())
    fewer = dict(list(rules.items())[1:])
    assert render(fewer) != render(rules)  # a rule added or removed changes the file
    assert "python -m validator.docs > docs/rules.md" in COMMAND
