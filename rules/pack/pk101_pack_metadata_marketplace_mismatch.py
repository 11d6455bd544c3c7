"""PK101 pack-metadata-marketplace-mismatch.

What it does:
    Checks that each marketplace listed in an integration's `marketplaces` is covered by
    the `marketplaces` of its pack's `pack_metadata.json` (a pack value `xsoar` also covers
    `xsoar_saas` and `xsoar_on_prem`). Runs only when both lists exist; unknown marketplace
    names are left to SX100, and a `marketplaces:M` variant is checked like the base key.

Why is this bad?
    A pack is published only to its own marketplaces; an integration that lists another
    one is never published there, which is rarely what its author meant.

Example:
    # pack_metadata.json: "marketplaces": ["xsoar"]
    marketplaces:
    - xsoar
    - xpanse

Use instead:
    # pack_metadata.json: "marketplaces": ["xsoar", "xpanse"]
    marketplaces:
    - xsoar
    - xpanse

Fix safety:
    Not fixable: either list may be the wrong one.
"""

from __future__ import annotations

from validator.rules._common import in_market
from validator.rules._fixtures import FETCHER_YML, FETCHER_YML_PATH, METADATA
from validator.rules._fixtures import fetcher as fetcher_pack

from validator.rule import example, rule
from validator.tree import MARKETPLACES, Scalar, Seq

XSOAR_ONLY = METADATA.replace('["xsoar", "marketplacev2"]', '["xsoar"]')
NO_PACK_LIST = METADATA.replace(',\n  "marketplaces": ["xsoar", "marketplacev2"]', "")


def _listing(*markets: str) -> str:
    return FETCHER_YML + "marketplaces:\n" + "".join(f"- {m}\n" for m in markets)


@rule(
    code="PK101",
    name="pack-metadata-marketplace-mismatch",
    summary="an integration marketplace that its pack does not list",
    severity="warning",
    targets="integration",
    examples=[
        example.valid(fetcher_pack(yml=_listing("xsoar", "marketplacev2"))),
        example.valid(fetcher_pack(yml=_listing("xsoar_saas", "xsoar_on_prem"), metadata=XSOAR_ONLY),
                      title="pack xsoar covers xsoar_saas and xsoar_on_prem"),
        example.valid(fetcher_pack(yml=_listing("xpanse"), metadata=NO_PACK_LIST), title="pack without marketplaces"),
        example.valid(fetcher_pack(yml=_listing("xsoar", "xsiam"), metadata=XSOAR_ONLY),
                      title="unknown marketplace left to SX100"),
        example.valid(fetcher_pack(yml=_listing("xpanse"), metadata=None), title="no metadata"),
        example.invalid(fetcher_pack(yml=_listing("xsoar", "xpanse"), metadata=XSOAR_ONLY),
                        at=(FETCHER_YML_PATH, 50, 3), title="not in the pack"),
        example.invalid(fetcher_pack(yml=_listing("xsoar", "marketplacev2"), metadata=XSOAR_ONLY),
                        at=(FETCHER_YML_PATH, 50, 3), title="collector marketplace not in the pack"),
    ],
)
def check(ctx):
    pack = ctx.pack
    if pack.root is None or not pack.has_metadata or pack.marketplaces is None:
        return
    allowed = pack.marketplaces
    covered = set(allowed) | ({"xsoar_saas", "xsoar_on_prem"} if "xsoar" in allowed else set())
    shown = ", ".join(f"'{m}'" for m in allowed) or "none"
    for market, _key, node in ctx.root.variants("marketplaces"):
        if not isinstance(node, Seq):
            continue
        for item in node.items:
            value = item.value if isinstance(item, Scalar) else None
            if value in MARKETPLACES and value not in covered:
                yield ctx.finding(item, f"marketplace '{value}' is not in the pack's marketplaces ({shown})"
                                        f"{in_market(market)}")
