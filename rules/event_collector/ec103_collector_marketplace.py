"""EC103 collector-marketplace.

What it does:
    Checks that an event collector's YAML has a top-level `marketplaces` list that
    includes `marketplacev2`. The pack's marketplaces do not count: the platform's
    documents require the key in the integration YAML.

Why is this bad?
    Collectors run only in XSIAM (`marketplacev2`); without it the collector is never
    published there.

Example:
    marketplaces:
    - xsoar
    script:
      isfetchevents: true

Use instead:
    marketplaces:
    - marketplacev2
    script:
      isfetchevents: true

Fix safety:
    Unsafe: it changes where the item is published.
"""

from __future__ import annotations

from validator.rules._common import MARKET, collector
from validator.rules._fixtures import COLLECTOR_YML, COLLECTOR_YML_PATH
from validator.rules._fixtures import collector as collector_pack
from validator.finding import Fix
from validator.fixops import yaml_append, yaml_set
from validator.rule import example, rule
from validator.tree import Scalar, Seq


@rule(
    code="EC103",
    name="collector-marketplace",
    summary="a collector whose marketplaces lack marketplacev2",
    severity="error",
    targets="integration",
    sdk=["IN161"],
    fix_safety="unsafe",
    examples=[
        example.valid(collector_pack()),
        example.invalid(collector_pack(yml=COLLECTOR_YML.replace("- marketplacev2", "- xsoar")),
                        at=(COLLECTOR_YML_PATH, 31, 1), title="list without marketplacev2",
                        fixed=collector_pack(yml=COLLECTOR_YML.replace("- marketplacev2", "- xsoar\n- marketplacev2"))),
        example.invalid(collector_pack(yml=COLLECTOR_YML.replace("marketplaces:\n- marketplacev2\n", "")),
                        at=(COLLECTOR_YML_PATH, 1, 1), title="missing",
                        fixed=collector_pack(yml=COLLECTOR_YML.replace("marketplaces:\n- marketplacev2\n", "")
                                             + "marketplaces:\n- marketplacev2\n")),
    ],
)
def check(ctx):
    if not collector(ctx):
        return
    node = ctx.root.view("marketplaces", MARKET)
    if node is None:
        fix = Fix("unsafe", "add marketplaces: [marketplacev2]", ops=(yaml_set(("marketplaces",), [MARKET]),))
        yield ctx.finding(None, "marketplaces is missing (collectors run only in marketplacev2)", fix=fix)
    elif isinstance(node, Seq) and not any(isinstance(i, Scalar) and i.value == MARKET for i in node.items):
        fix = Fix("unsafe", "add 'marketplacev2' to marketplaces", ops=(yaml_append(("marketplaces",), MARKET),))
        yield ctx.finding(node, "marketplaces does not include 'marketplacev2'", fix=fix)
