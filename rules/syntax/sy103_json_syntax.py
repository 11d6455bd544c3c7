"""SY103 json-syntax.

What it does:
    Reports `pack_metadata.json` and the pack's other JSON files when they are not strict
    RFC 8259 JSON (comments, trailing commas, `NaN`), or nest deeper than 500 levels.

Why is this bad?
    The platform's loaders are strict: the pack fails to upload or the item is dropped.

Example:
    {"name": "Okta", "support": "xsoar",}

Use instead:
    {"name": "Okta", "support": "xsoar"}

Fix safety:
    Not fixable.
"""

from __future__ import annotations

from validator.rules._fixtures import collector
from validator.context import problem_findings
from validator.rule import example, rule


@rule(
    code="SY103",
    name="json-syntax",
    summary="a JSON file that is not strict JSON",
    severity="error",
    targets="document",
    always_on=True,
    examples=[
        example.valid(collector()),
        example.invalid(collector(metadata='{"name": "Okta", "support": "xsoar",}\n'),
                        at=("pack_metadata.json", 1, 37)),
        example.invalid(collector(extra={"Layouts/layout-okta.json": '{"id": NaN}'}),
                        at=("Layouts/layout-okta.json", 1, 8), title="other JSON"),
    ],
)
def check(ctx):
    yield from problem_findings(ctx, "SY103")
