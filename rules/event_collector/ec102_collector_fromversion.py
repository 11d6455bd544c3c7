"""EC102 collector-fromversion.

What it does:
    Checks that an event collector declares a top-level `fromversion` of at least
    `min-fromversion` (6.8.0). Versions compare part by part (`6.10.0` > `6.8.0`).
    Reads the marketplacev2 view (`fromversion:marketplacev2` wins).

Why is this bad?
    Collectors run only on server 6.8.0 and later; an older or missing fromversion
    publishes the integration to servers that cannot run it.

Example:
    fromversion: 6.5.0
    script:
      isfetchevents: true

Use instead:
    fromversion: 6.8.0
    script:
      isfetchevents: true

Fix safety:
    Safe when the key is missing (inserted after `marketplaces`, else last). Unsafe when
    raising an existing value: that changes which servers get already-published content.

Options:
    min-fromversion: the lowest acceptable version.
"""

from __future__ import annotations

from validator.rules._common import MARKET, collector, version_lower
from validator.rules._fixtures import COLLECTOR_YML, COLLECTOR_YML_PATH
from validator.rules._fixtures import collector as collector_pack
from validator.finding import Fix
from validator.fixops import yaml_insert, yaml_set
from validator.rule import Option, example, rule
from validator.tree import Scalar


@rule(
    code="EC102",
    name="collector-fromversion",
    summary="a collector whose fromversion is missing or below 6.8.0",
    severity="error",
    targets="integration",
    sdk=["BA106"],
    fix_safety="safe-or-unsafe",
    options=[Option("min-fromversion", "string", "6.8.0", "the lowest fromversion a collector may declare")],
    examples=[
        example.valid(collector_pack()),
        example.valid(collector_pack(yml=COLLECTOR_YML.replace("fromversion: 6.8.0", "fromversion: 6.10.0")),
                      title="compared numerically"),
        example.invalid(collector_pack(yml=COLLECTOR_YML.replace("fromversion: 6.8.0", "fromversion: 6.5.0")),
                        at=(COLLECTOR_YML_PATH, 29, 14), title="too low", fixed=collector_pack()),
        example.invalid(collector_pack(yml=COLLECTOR_YML.replace("fromversion: 6.8.0\n", "")),
                        at=(COLLECTOR_YML_PATH, 1, 1), title="missing",
                        # inserted after marketplaces, which is the last key here
                        fixed=collector_pack(yml=COLLECTOR_YML.replace("fromversion: 6.8.0\n", "")
                                             + "fromversion: 6.8.0\n")),
    ],
)
def check(ctx):
    if not collector(ctx):
        return
    minimum = ctx.options["min-fromversion"]
    node = ctx.root.view("fromversion", MARKET)
    if node is None:
        after = "marketplaces" if "marketplaces" in ctx.root else None
        fix = Fix("safe", f"add fromversion: {minimum}",
                  ops=(yaml_insert((), "fromversion", minimum, after),))
        yield ctx.finding(None, f"fromversion is missing (collectors need {minimum} or later)", fix=fix)
        return
    if not isinstance(node, Scalar) or node.value is None:
        return
    text = node.text if not isinstance(node.value, str) else node.value
    if version_lower(str(text), minimum):
        key = "fromversion:marketplacev2" if ctx.root.pair("fromversion:marketplacev2") else "fromversion"
        fix = Fix("unsafe", f"raise fromversion to {minimum}", ops=(yaml_set((key,), minimum),))
        yield ctx.finding(node, f"fromversion '{text}' is lower than {minimum}", fix=fix)
