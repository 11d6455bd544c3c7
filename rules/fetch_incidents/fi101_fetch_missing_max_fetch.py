"""FI101 fetch-missing-max-fetch.

What it does:
    Checks that a fetch-incidents integration has a param whose `name` is in
    `max-fetch-names`, the limit of incidents created per fetch. Those params are the
    integration's *max-fetch params*, which FI102–FI104 check. A hidden param still counts.

Why is this bad?
    Without a limit one fetch can create thousands of incidents at once and overload the
    server; the fetching guide asks for a `max_fetch` param (200 or fewer per fetch) in
    every fetch integration.

Example:
    configuration:
    - {name: first_fetch, display: First fetch, type: 0}
    script: {isfetch: true}

Use instead:
    configuration:
    - {name: first_fetch, display: First fetch, type: 0}
    - {name: max_fetch, display: Maximum incidents per fetch, type: 0, defaultvalue: '50'}
    script: {isfetch: true}

Fix safety:
    Not fixable: the code must read the param, so adding it to the YAML alone does nothing.

Options:
    max-fetch-names: the param names that limit a fetch. FI102–FI104 use this option too,
    even when FI101 is deselected. Content also uses `limit`, `fetch_limit` and
    `max_fetch_incidents`; add the names your integrations use, e.g.
    `max-fetch-names = ["max_fetch", "limit", "fetch_limit", "max_fetch_incidents"]`.
"""

from __future__ import annotations

from validator.rules._common import configuration_key, fetcher, params_named, params_unknown
from validator.rules._fixtures import FETCHER_YML, FETCHER_YML_PATH
from validator.rules._fixtures import fetcher as fetcher_pack

from validator.rule import Option, example, rule

LIMIT = FETCHER_YML.replace("name: max_fetch", "name: limit")
NO_CONFIGURATION = FETCHER_YML[:FETCHER_YML.index("configuration:")] + FETCHER_YML[FETCHER_YML.index("script:"):]


@rule(
    code="FI101",
    name="fetch-missing-max-fetch",
    summary="a fetch integration without a max-fetch param",
    severity="error",
    targets="integration",
    sdk=["IN126"],
    options=[Option("max-fetch-names", "list[string]", ["max_fetch"], "names of params that limit a fetch")],
    examples=[
        example.valid(fetcher_pack()),
        example.valid(fetcher_pack(yml=FETCHER_YML.replace("  defaultvalue: '50'\n", "  hidden: true\n")),
                      title="hidden param still counts"),
        example.valid(fetcher_pack(yml=LIMIT), options={"max-fetch-names": ["max_fetch", "limit"]},
                      title="configured name"),
        example.valid(fetcher_pack(yml=LIMIT.replace("  isfetch: true\n", "")), title="not a fetcher"),
        example.invalid(fetcher_pack(yml=LIMIT), at=(FETCHER_YML_PATH, 8, 1), title="other name"),
        example.valid(fetcher_pack(yml=NO_CONFIGURATION.replace("script:", "configuration: {url: x}\nscript:", 1)),
                      title="configuration not a list is SX100's"),
        example.invalid(fetcher_pack(yml=NO_CONFIGURATION), at=(FETCHER_YML_PATH, 1, 1), title="no configuration"),
    ],
)
def check(ctx):
    names = ctx.options["max-fetch-names"]
    if not fetcher(ctx) or not names or params_unknown(ctx.root) or params_named(ctx.root, set(names)):
        return
    joined = "', '".join(names)
    yield ctx.finding(configuration_key(ctx.root), f"fetch integration has no max-fetch param ('{joined}')")
