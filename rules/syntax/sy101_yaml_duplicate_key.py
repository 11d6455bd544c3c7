"""SY101 yaml-duplicate-key.

What it does:
    Reports a key that appears twice in one YAML mapping. `display` and
    `display:xsoar` are different keys.

Why is this bad?
    YAML loaders disagree on which value wins; the platform may read a different value
    than the one you edited. Other rules read the first occurrence.

Example:
    name: Okta Event Collector
    name: Okta

Use instead:
    name: Okta Event Collector

Fix safety:
    Not fixable: which value is meant cannot be known.
"""

from __future__ import annotations

from validator.rules._fixtures import COLLECTOR_YML, COLLECTOR_YML_PATH, collector
from validator.context import problem_findings
from validator.rule import example, rule


@rule(
    code="SY101",
    name="yaml-duplicate-key",
    summary="a key repeated in one YAML mapping",
    severity="error",
    targets="document",
    always_on=True,
    examples=[
        example.valid(collector()),
        example.invalid(collector(yml=COLLECTOR_YML.replace("display: Okta Event Collector\n",
                                                            "display: Okta Event Collector\nname: Okta\n")),
                        at=(COLLECTOR_YML_PATH, 6, 1)),
    ],
)
def check(ctx):
    yield from problem_findings(ctx, "SY101")
