"""PK102 collector-pack-marketplace.

What it does:
    Checks that a pack holding an event collector (section 1 of the catalog: declared,
    named or coded, and not deprecated) lists `marketplacev2` in the `marketplaces` of its
    `pack_metadata.json`, when that key is present (absent means every marketplace). Reads
    the marketplacev2 view (`marketplaces:marketplacev2` wins). One finding per pack.

Why is this bad?
    A pack is published only to its own marketplaces; collectors run only in XSIAM
    (`marketplacev2`), so the collector is never published where it can run.

Example:
    pack_metadata.json: {"name": "Okta", "marketplaces": ["xsoar"]}
    Integrations/OktaEventCollector/OktaEventCollector.yml (script.isfetchevents: true)

Use instead:
    pack_metadata.json: {"name": "Okta", "marketplaces": ["xsoar", "marketplacev2"]}

Fix safety:
    Unsafe: it changes where the whole pack is published. The fix appends
    `"marketplacev2"` to the list with a text edit that keeps the file's formatting.
"""

from __future__ import annotations

from validator.rules._common import MARKET, in_market
from validator.rules._fixtures import COLLECTOR_PY, COLLECTOR_YML, METADATA, collector, fetcher

from validator.finding import Fix
from validator.fixops import json_append
from validator.rule import example, rule
from validator.tree import Scalar, Seq

XSOAR_ONLY = METADATA.replace('["xsoar", "marketplacev2"]', '["xsoar"]')
MULTI_LINE = METADATA.replace('["xsoar", "marketplacev2"]', '[\n    "xsoar"\n  ]')
MULTI_LINE_FIXED = MULTI_LINE.replace('"xsoar"\n', '"xsoar",\n    "marketplacev2"\n')
V2_LACKS = METADATA.replace("]\n}", '],\n  "marketplaces:marketplacev2": ["xsoar"]\n}')
V2_LACKS_FIXED = METADATA.replace("]\n}", '],\n  "marketplaces:marketplacev2": ["xsoar", "marketplacev2"]\n}')
V2_VARIANT = '  "marketplaces:marketplacev2": ["marketplacev2"]'
SECOND_COLLECTOR = {"Integrations/DuoEventCollector/DuoEventCollector.yml": COLLECTOR_YML.replace("Okta", "Duo"),
                    "Integrations/DuoEventCollector/DuoEventCollector.py": COLLECTOR_PY}


@rule(
    code="PK102",
    name="collector-pack-marketplace",
    summary="a pack with an event collector whose marketplaces lack marketplacev2",
    severity="error",
    targets="pack",
    sdk=["IN161"],
    fix_safety="unsafe",
    examples=[
        example.valid(collector()),
        example.valid(fetcher(metadata=XSOAR_ONLY), title="no collector"),
        example.valid(collector(metadata=METADATA.replace(',\n  "marketplaces": ["xsoar", "marketplacev2"]', "")),
                      title="pack without marketplaces"),
        example.valid(collector(yml=COLLECTOR_YML + "deprecated: true\n", metadata=XSOAR_ONLY),
                      title="deprecated collector"),
        example.valid(collector(metadata=XSOAR_ONLY.replace('["xsoar"]', '["xsoar"],\n' + V2_VARIANT)),
                      title="marketplacev2 view"),
        example.invalid(collector(metadata=XSOAR_ONLY), at=("pack_metadata.json", 8, 3), fixed=collector()),
        example.invalid(collector(metadata=XSOAR_ONLY, extra=SECOND_COLLECTOR), at=("pack_metadata.json", 8, 3),
                        title="one finding per pack", fixed=collector(extra=SECOND_COLLECTOR)),
        example.invalid(collector(metadata=MULTI_LINE), at=("pack_metadata.json", 8, 3), title="multi-line list",
                        # the new item gets its own line with the last item's indentation
                        fixed={"pack_metadata.json": MULTI_LINE_FIXED}),
        example.invalid(collector(metadata=V2_LACKS), at=("pack_metadata.json", 9, 3),
                        title="marketplacev2 variant lacks it", fixed={"pack_metadata.json": V2_LACKS_FIXED}),
    ],
)
def check(ctx):
    pack = ctx.pack
    meta = pack.metadata_map if pack.root is not None and pack.has_metadata else None
    pair = meta.view_pair("marketplaces", MARKET) if meta is not None else None
    if pair is None:
        return
    key, node = pair
    if not isinstance(node, Seq) or any(isinstance(i, Scalar) and i.value == MARKET for i in node.items):
        return
    found = next((i for i in pack.integrations if i.root is not None and not i.deprecated and i.is_collector), None)
    if found is None:
        return
    market = None if key.text == "marketplaces" else MARKET
    fix = Fix("unsafe", "add 'marketplacev2' to the pack's marketplaces", ops=(json_append((key.text,), MARKET),))
    yield ctx.finding(key, f"pack holds collector '{found.integration_id}' but its marketplaces lack 'marketplacev2'"
                           f"{in_market(market)}", document=pack.metadata, fix=fix)
