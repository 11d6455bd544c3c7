"""FI100 fetch-missing-first-fetch.

What it does:
    Checks that a fetch-incidents integration (`script.isfetch: true` in the base key or
    any marketplace variant) has a param whose `name` is in `first-fetch-names`, so the user
    chooses how far back the first fetch reaches. A hidden param still counts, and so does
    a param that exists in one marketplace's `configuration:M` list only.

Why is this bad?
    On the first run there is no last run yet; without the param the code has to guess a
    start time (all history, or nothing), and users cannot change it. The fetching guide
    asks for a `first_fetch` param in every fetch integration.

Example:
    configuration:
    - {name: url, display: Server URL, type: 0}
    script: {isfetch: true}

Use instead:
    configuration:
    - {name: url, display: Server URL, type: 0}
    - {name: first_fetch, display: First fetch time, type: 0, defaultvalue: 3 days}
    script: {isfetch: true}

Fix safety:
    Not fixable: the code must read the param, so adding it to the YAML alone does nothing.

Options:
    first-fetch-names: the param names that set the first-fetch time (add the name your
    code reads, e.g. `fetch_time`, if it is not `first_fetch`).
"""

from __future__ import annotations

from validator.rules._common import configuration_key, fetcher, params_named, params_unknown
from validator.rules._fixtures import FETCHER_YML, FETCHER_YML_PATH
from validator.rules._fixtures import fetcher as fetcher_pack

from validator.rule import Option, example, rule

RENAMED = FETCHER_YML.replace("name: first_fetch", "name: fetch_time")
VARIANT_LIST = "configuration:xsoar:\n- {name: first_fetch, display: First fetch, type: 0}\n"
VARIANT_NAME = "  name: fetch_time\n  name:xsoar: first_fetch\n"


@rule(
    code="FI100",
    name="fetch-missing-first-fetch",
    summary="a fetch integration without a first-fetch param",
    severity="error",
    targets="integration",
    sdk=["IN126"],
    options=[Option("first-fetch-names", "list[string]", ["first_fetch"], "names of first-fetch params")],
    examples=[
        example.valid(fetcher_pack()),
        example.valid(fetcher_pack(yml=FETCHER_YML.replace("  defaultvalue: 3 days\n", "  hidden: true\n")),
                      title="hidden param still counts"),
        example.valid(fetcher_pack(yml=RENAMED), options={"first-fetch-names": ["first_fetch", "fetch_time"]},
                      title="configured name"),
        example.valid(fetcher_pack(yml=RENAMED.replace("isfetch: true", "isfetch: false")), title="not a fetcher"),
        example.valid(fetcher_pack(yml=RENAMED + "deprecated: true\n"), title="deprecated"),
        example.valid(fetcher_pack(yml=RENAMED + VARIANT_LIST),
                      title="param in one marketplace's configuration only"),
        example.invalid(fetcher_pack(yml=RENAMED), at=(FETCHER_YML_PATH, 8, 1), title="other name"),
        example.invalid(fetcher_pack(yml=RENAMED.replace("isfetch: true", "isfetch: false\n  isfetch:xsoar: true")),
                        at=(FETCHER_YML_PATH, 8, 1), title="fetcher in one marketplace only"),
        example.invalid(fetcher_pack(yml=RENAMED.replace("  name: fetch_time\n", VARIANT_NAME)),
                        at=(FETCHER_YML_PATH, 8, 1), title="identity uses the base name"),
    ],
)
def check(ctx):
    names = ctx.options["first-fetch-names"]
    if not fetcher(ctx) or not names or params_unknown(ctx.root) or params_named(ctx.root, set(names)):
        return
    joined = "', '".join(names)
    yield ctx.finding(configuration_key(ctx.root), f"fetch integration has no first-fetch param ('{joined}')")
