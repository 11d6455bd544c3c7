"""FI106 fetch-interval.

What it does:
    Checks that a fetch-incidents integration has a param named `incidentFetchInterval`
    (shown as "Incidents Fetch Interval"), in `configuration` or in a marketplace's
    `configuration:M` list.

Why is this bad?
    The fetching guide says to configure this param whenever an integration fetches: it
    lets users choose how often `fetch-incidents` runs (default 1 minute). Without it every
    instance fetches every minute, however slow or rate-limited the API is.

Example:
    configuration:
    - {name: isFetch, display: Fetch incidents, type: 8}
    script: {isfetch: true}

Use instead:
    configuration:
    - {name: isFetch, display: Fetch incidents, type: 8}
    - {display: Incidents Fetch Interval, name: incidentFetchInterval, type: 19, defaultvalue: '1', required: false}
    script: {isfetch: true}

Fix safety:
    Unsafe: the fix appends the param (with `section: Collect` when the YAML has
    `sectionorder`/`sectionOrder`), which changes the instance settings users see.
"""

from __future__ import annotations

from validator.rules._common import configuration_key, fetcher, params_named, params_unknown
from validator.rules._fixtures import FETCHER_YML, FETCHER_YML_PATH
from validator.rules._fixtures import fetcher as fetcher_pack

from validator.finding import Fix
from validator.fixops import yaml_append
from validator.rule import example, rule

NAME = "incidentFetchInterval"
PARAM = {"display": "Incidents Fetch Interval", "name": NAME, "type": 19, "defaultvalue": "1", "required": False}
NO_INTERVAL = FETCHER_YML.replace("- display: Incidents Fetch Interval\n  name: incidentFetchInterval\n  type: 19\n"
                                  "  defaultvalue: '1'\n  required: false\n", "")
SECTIONS = "sectionorder:\n- Connect\n- Collect\n"


@rule(
    code="FI106",
    name="fetch-interval",
    summary="a fetch integration without the incidentFetchInterval param",
    severity="info",
    targets="integration",
    sdk=["BA133"],
    fix_safety="unsafe",
    examples=[
        example.valid(fetcher_pack()),
        example.valid(fetcher_pack(yml=NO_INTERVAL.replace("  isfetch: true\n", "  isfetch: false\n")),
                      title="not a fetcher"),
        example.valid(fetcher_pack(yml=NO_INTERVAL + "deprecated: true\n"), title="deprecated"),
        # the fixture's interval param is the last item: the fix restores it as it was
        example.invalid(fetcher_pack(yml=NO_INTERVAL), at=(FETCHER_YML_PATH, 8, 1), fixed=fetcher_pack()),
        example.invalid(fetcher_pack(yml=NO_INTERVAL.replace("isfetch: true", "isfetch: 'True'")),
                        at=(FETCHER_YML_PATH, 8, 1), title="string true",
                        fixed=fetcher_pack(yml=FETCHER_YML.replace("isfetch: true", "isfetch: 'True'"))),
        example.invalid(fetcher_pack(yml=NO_INTERVAL + SECTIONS), at=(FETCHER_YML_PATH, 8, 1),
                        title="with sectionorder",
                        fixed={FETCHER_YML_PATH: FETCHER_YML.replace("  required: false\nscript:\n",
                                                                     "  required: false\n  section: Collect\nscript:\n")
                               + SECTIONS}),
    ],
)
def check(ctx):
    if not fetcher(ctx) or params_unknown(ctx.root) or params_named(ctx.root, {NAME}):
        return
    param = dict(PARAM)
    if "sectionorder" in ctx.root or "sectionOrder" in ctx.root:
        param["section"] = "Collect"
    fix = Fix("unsafe", f"add the '{NAME}' param", ops=(yaml_append(("configuration",), param),))
    yield ctx.finding(configuration_key(ctx.root), f"fetch integration has no '{NAME}' param", fix=fix)
