"""SY105 yaml-root-not-mapping.

What it does:
    Reports an integration YAML whose root is a sequence, a scalar or an empty document.

Why is this bad?
    An integration is a mapping of keys (`commonfields`, `script`, ...); anything else
    cannot be loaded.

Example:
    - name: url
      type: 0

Use instead:
    configuration:
    - name: url
      type: 0

Fix safety:
    Not fixable.
"""

from __future__ import annotations

from validator.rules._fixtures import COLLECTOR_YML_PATH, collector
from validator.context import problem_findings
from validator.rule import example, rule


@rule(
    code="SY105",
    name="yaml-root-not-mapping",
    summary="an integration YAML whose root is not a mapping",
    severity="error",
    targets="document",
    sdk=["BA102"],
    always_on=True,
    examples=[
        example.valid(collector()),
        example.invalid(collector(yml="- name: url\n  type: 0\n"), at=(COLLECTOR_YML_PATH, 1, 1)),
        example.invalid(collector(yml=""), at=(COLLECTOR_YML_PATH, 1, 1), title="empty file"),
    ],
)
def check(ctx):
    yield from problem_findings(ctx, "SY105")
