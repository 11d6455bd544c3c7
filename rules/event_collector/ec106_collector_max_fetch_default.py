"""EC106 collector-max-fetch-default.

What it does:
    Checks that each fetch-limit param of an event collector (a param named in
    `limit-param-names`) has a non-empty `defaultvalue` in the marketplacev2 view. Params
    hidden in every marketplace the integration ships to are skipped.

Why is this bad?
    A blank limit reaches the code as `None`: depending on the code the fetch fails, or
    it asks the API for everything at once.

Example:
    - name: max_fetch
      display: Maximum events per fetch
      type: 0

Use instead:
    - name: max_fetch
      display: Maximum events per fetch
      type: 0
      defaultvalue: '1000'

Fix safety:
    Not fixable: no single default fits every product.

Options:
    limit-param-names: the param names that set a fetch limit.
"""

from __future__ import annotations

from validator.rules._common import MARKET, collector, has_default, hidden_everywhere, params
from validator.rules._fixtures import COLLECTOR_YML, COLLECTOR_YML_PATH
from validator.rules._fixtures import collector as collector_pack
from validator.rule import Option, example, rule

LIMIT_NAMES = ["max_fetch", "max_events_per_fetch", "max_events", "fetch_limit", "limit"]


@rule(
    code="EC106",
    name="collector-max-fetch-default",
    summary="a collector's fetch-limit param without a default value",
    severity="error",
    targets="integration",
    options=[Option("limit-param-names", "list[string]", LIMIT_NAMES, "names of fetch-limit params")],
    examples=[
        example.valid(collector_pack()),
        example.invalid(collector_pack(yml=COLLECTOR_YML.replace("  defaultvalue: '1000'\n", "")),
                        at=(COLLECTOR_YML_PATH, 13, 3)),
        example.invalid(collector_pack(yml=COLLECTOR_YML.replace("  defaultvalue: '1000'\n",
                                                                 "  defaultvalue: '1000'\n  defaultvalue:marketplacev2: ''\n")),
                        at=(COLLECTOR_YML_PATH, 13, 3), title="blank marketplacev2 variant"),
    ],
)
def check(ctx):
    if not collector(ctx):
        return
    names = set(ctx.options["limit-param-names"])
    for _, param in params(ctx.root):
        name = param.value("name")
        if name not in names or hidden_everywhere(param, ctx.integration):
            continue
        if not has_default(param, MARKET):
            yield ctx.finding(param, f"fetch limit param '{name}' has no defaultvalue")
