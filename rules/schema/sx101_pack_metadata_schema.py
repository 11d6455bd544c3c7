"""SX101 pack-metadata-schema.

What it does:
    Validates `pack_metadata.json`: an object with non-empty `name` and `description`,
    `support` one of xsoar, partner, developer, community, `currentVersion` like 1.2.3,
    `author`, at least one category, and `marketplaces` (when given) a list of known
    marketplaces without repeats. Unknown keys are allowed.

Why is this bad?
    The marketplace rejects a pack whose metadata is incomplete, and a misspelled
    marketplace silently publishes the pack nowhere.

Example:
    {"name": "Okta", "description": "Okta logs.", "support": "xsoar",
     "currentVersion": "1.0", "author": "Cortex",
     "categories": ["Analytics & SIEM"], "marketplaces": ["xsiam"]}

Use instead:
    {"name": "Okta", "description": "Okta logs.", "support": "xsoar",
     "currentVersion": "1.0.0", "author": "Cortex",
     "categories": ["Analytics & SIEM"], "marketplaces": ["marketplacev2"]}

Fix safety:
    Not fixable.
"""

from __future__ import annotations

from validator.rules._fixtures import METADATA, collector
from validator.rule import example, rule
from validator.schema import validate_tree


@rule(
    code="SX101",
    name="pack-metadata-schema",
    summary="pack_metadata.json that does not match the pack metadata schema",
    severity="error",
    targets="pack",
    sdk=["PA107", "PA108", "PA109", "PA117", "PA130"],
    examples=[
        example.valid(collector()),
        example.invalid(collector(metadata=METADATA.replace('"1.0.0"', '"1.0"')),
                        at=("pack_metadata.json", 5, 21), title="bad version"),
        example.invalid(collector(metadata=METADATA.replace('"marketplacev2"', '"xsiam"')),
                        at=("pack_metadata.json", 8, 29), title="unknown marketplace"),
        example.invalid(collector(metadata="[]\n"), at=("pack_metadata.json", 1, 1), title="not an object"),
    ],
)
def check(ctx):
    doc = ctx.pack.metadata
    if doc is None or doc.blocked or doc.json is None:
        return
    for error in validate_tree("pack_metadata.schema.json", doc.json):
        yield ctx.finding(error.node, error.message, document=doc)
