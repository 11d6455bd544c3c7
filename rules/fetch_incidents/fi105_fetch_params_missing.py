"""FI105 fetch-params-missing.

What it does:
    Checks that a fetch-incidents integration has the two params the platform uses to run
    fetching: `isFetch` of type 8 (boolean) and `incidentType` of type 13 (incident type).
    `display` is not compared: "Fetch incidents" and "Fetch alerts" are both valid. A param
    counts when it is in `configuration` or in a marketplace's `configuration:M` list; its
    `type` is checked in the base key and in each variant (`type:marketplacev2`).

Why is this bad?
    Without `isFetch` the instance settings show no "Fetches incidents" checkbox, so the
    platform never calls `fetch-incidents`; without `incidentType` fetched incidents get no
    type and skip the playbook the user chose. A wrong type renders the wrong control.

Example:
    configuration:
    - {name: max_fetch, type: 0, defaultvalue: '50'}
    script: {isfetch: true}

Use instead:
    configuration:
    - {name: max_fetch, type: 0, defaultvalue: '50'}
    - {display: Fetch incidents, name: isFetch, type: 8, required: false}
    - {display: Incident type, name: incidentType, type: 13, required: false}
    script: {isfetch: true}

Fix safety:
    Unsafe: the fix appends the missing param (it changes the instance settings users see).
    A wrong type is not fixed.
"""

from __future__ import annotations

from validator.rules._common import configuration_key, fetcher, in_market, params_named, params_unknown
from validator.rules._fixtures import FETCHER_YML, FETCHER_YML_PATH
from validator.rules._fixtures import fetcher as fetcher_pack

from validator.finding import Fix
from validator.fixops import yaml_append
from validator.rule import example, rule
from validator.tree import Scalar

REQUIRED = (
    ("isFetch", 8, {"display": "Fetch incidents", "name": "isFetch", "type": 8, "required": False}),
    ("incidentType", 13, {"display": "Incident type", "name": "incidentType", "type": 13, "required": False}),
)
NO_INCIDENT_TYPE = FETCHER_YML.replace(
    "- display: Incident type\n  name: incidentType\n  type: 13\n  required: false\n", "")
SCRIPT = "\nscript:\n"
CONFIGURATION = FETCHER_YML[FETCHER_YML.index("configuration:\n"):FETCHER_YML.index(SCRIPT) + 1]
FLOW = FETCHER_YML.replace(CONFIGURATION, """configuration:
- {display: Server URL, name: url, type: 0, required: true}
- {display: Fetch incidents, name: isFetch, type: 8}  # the checkbox
- {display: Maximum incidents per fetch, name: max_fetch, type: 0, defaultvalue: '50'}
""")


def _appended(yml: str, item: str) -> str:
    """``yml`` with ``item`` (a line or lines of YAML) added as the last item of ``configuration``."""
    return yml.replace(SCRIPT, "\n" + item + SCRIPT[1:])


@rule(
    code="FI105",
    name="fetch-params-missing",
    summary="a fetch integration without the isFetch or incidentType param",
    severity="error",
    targets="integration",
    sdk=["IN121"],
    fix_safety="unsafe",
    examples=[
        example.valid(fetcher_pack()),
        example.valid(fetcher_pack(yml=FETCHER_YML.replace("display: Fetch incidents", "display: Fetch alerts")),
                      title="display not compared"),
        example.valid(fetcher_pack(yml=FETCHER_YML.replace("  type: 8\n", "  type: '8'\n")),
                      title="a quoted type is SX100's"),
        example.valid(fetcher_pack(yml=NO_INCIDENT_TYPE.replace("  isfetch: true\n", "")), title="not a fetcher"),
        example.valid(fetcher_pack(yml=NO_INCIDENT_TYPE + "configuration:marketplacev2:\n"
                                   "- {display: Alert type, name: incidentType, type: 13}\n"),
                      title="param in one marketplace's configuration only"),
        example.invalid(fetcher_pack(yml=NO_INCIDENT_TYPE), at=(FETCHER_YML_PATH, 8, 1), title="missing",
                        fixed={FETCHER_YML_PATH: _appended(
                            NO_INCIDENT_TYPE, "- display: Incident type\n  name: incidentType\n  type: 13\n"
                                              "  required: false\n")}),
        example.invalid(fetcher_pack(yml=FLOW), at=(FETCHER_YML_PATH, 8, 1), title="missing, flow-style params",
                        # the new item takes the flow style of its neighbours
                        fixed={FETCHER_YML_PATH: _appended(
                            FLOW, "- {display: Incident type, name: incidentType, type: 13, required: false}\n")}),
        example.invalid(fetcher_pack(yml=FETCHER_YML.replace("  type: 13\n", "  type: 0\n")),
                        at=(FETCHER_YML_PATH, 19, 9), title="wrong type"),
        example.invalid(fetcher_pack(yml=FETCHER_YML.replace("  type: 8\n", "  type: 8\n  type:marketplacev2: 0\n")),
                        at=(FETCHER_YML_PATH, 16, 23), title="wrong type in a variant"),
    ],
)
def check(ctx):
    if not fetcher(ctx) or params_unknown(ctx.root):
        return
    for name, expected, item in REQUIRED:
        found = params_named(ctx.root, {name})
        if not found:
            fix = Fix("unsafe", f"add the '{name}' param", ops=(yaml_append(("configuration",), item),))
            yield ctx.finding(configuration_key(ctx.root), f"fetch integration has no '{name}' param", fix=fix)
            continue
        for list_market, _key, _index, param in found:
            for market, _, node in param.variants("type"):
                code = _type_code(node)
                if code is not None and code != expected:
                    yield ctx.finding(node, f"'{name}' param has type {code}, expected {expected}"
                                            f"{in_market(market or list_market)}")


def _type_code(node) -> int | None:
    """The param type as a number; ``None`` when it is not one (left to SX100)."""
    if not isinstance(node, Scalar):
        return None
    value = node.value
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit() and value.strip().isascii():
        return int(value)
    return None
