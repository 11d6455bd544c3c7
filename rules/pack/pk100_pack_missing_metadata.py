"""PK100 pack-missing-metadata.

What it does:
    Flags a directory that holds `Integrations/` but no `pack_metadata.json`. Its
    integrations are still checked; the other pack rules are skipped for it.

Why is this bad?
    Without metadata the directory is not a pack: it cannot be uploaded, installed or
    published, and the marketplace rules cannot be checked.

Example:
    Packs/Okta/Integrations/OktaEventCollector/OktaEventCollector.yml
    Packs/Okta/README.md        (no Packs/Okta/pack_metadata.json)

Use instead:
    Packs/Okta/pack_metadata.json
    Packs/Okta/Integrations/OktaEventCollector/OktaEventCollector.yml

Fix safety:
    Not fixable: the metadata (support, author, categories) must be written by you.
"""

from __future__ import annotations

from validator.rules._fixtures import collector
from validator.documents import Document, display_path
from validator.rule import example, rule


@rule(
    code="PK100",
    name="pack-missing-metadata",
    summary="a pack directory without pack_metadata.json",
    severity="error",
    targets="pack",
    examples=[
        example.valid(collector()),
        example.invalid(collector(metadata=None), at=("pack_metadata.json", 1, 1)),
    ],
)
def check(ctx):
    pack = ctx.pack
    if pack.root is None or pack.has_metadata:
        return
    missing = Document(pack.root / "pack_metadata.json")  # not pack.document(): it is never read
    yield ctx.finding(None, f"pack '{display_path(pack.root)}' has no pack_metadata.json", document=missing)
