"""SX100 integration-schema.

What it does:
    Validates the integration YAML against the schema shipped with the tool (Draft
    2020-12): required top-level keys, types of `script` flags, commands, arguments and
    params, param type codes, known marketplaces, version strings, and a `display` for
    every param users can see. Keys suffixed with a marketplace (`display:xsoar`) are
    checked like their base key; an unknown suffix is reported.

Why is this bad?
    A malformed integration fails to upload or behaves differently from what you wrote:
    `type: '8'` is not a checkbox, `isfetch: 'yes'` is not a flag, and a param without
    `display` shows an empty label.

Example:
    configuration:
    - name: url
      display: Server URL
      type: '0'

Use instead:
    configuration:
    - name: url
      display: Server URL
      type: 0

Fix safety:
    Not fixable.
"""

from __future__ import annotations

from validator.rules._fixtures import COLLECTOR_YML, COLLECTOR_YML_PATH, collector
from validator.rule import example, rule
from validator.schema import unknown_suffixes, validate_tree
from validator.tree import Map, Scalar, Seq, is_true

NO_DISPLAY_TYPES = (17, 23)
NO_DISPLAY_NAMES = ("feedExpirationPolicy", "feedExpirationInterval")


@rule(
    code="SX100",
    name="integration-schema",
    summary="integration YAML that does not match the integration schema",
    severity="error",
    targets="integration",
    sdk=["ST110", "IN108", "IN118", "IN151", "IN156"],
    examples=[
        example.valid(collector()),
        example.invalid(collector(yml=COLLECTOR_YML.replace("  type: 0\n", "  type: '0'\n")),
                        at=(COLLECTOR_YML_PATH, 11, 9), title="param type as a string"),
        example.invalid(collector(yml=COLLECTOR_YML.replace("category: Analytics & SIEM\n", "")),
                        at=(COLLECTOR_YML_PATH, 1, 1), title="missing required key"),
        example.invalid(collector(yml=COLLECTOR_YML.replace("display: Okta Event Collector\n",
                                                            "display: Okta Event Collector\ndisplay:xsiam: Okta\n")),
                        at=(COLLECTOR_YML_PATH, 6, 1), title="unknown marketplace suffix"),
        example.invalid(collector(yml=COLLECTOR_YML.replace("- display: Server URL\n  name: url\n", "- name: url\n")),
                        at=(COLLECTOR_YML_PATH, 9, 3), title="param without display"),
        example.invalid(collector(yml=COLLECTOR_YML.replace("  isfetchevents: true\n",
                                                            "  isfetchevents: true\n  isfetchevents:xsoar: yes\n")),
                        at=(COLLECTOR_YML_PATH, 23, 24), title="variant checked like its base key"),
    ],
)
def check(ctx):
    root = ctx.root
    for error in validate_tree("integration.schema.json", root):
        yield ctx.finding(error.node, error.message)
    for key, market in unknown_suffixes(root):
        yield ctx.finding(key, f"{key.text}: unknown marketplace suffix '{market}'")
    yield from _params_without_display(ctx, root.get("configuration"))


def _params_without_display(ctx, configuration):
    if not isinstance(configuration, Seq):
        return
    for index, param in enumerate(configuration.items):
        if not isinstance(param, Map) or _display_optional(param):
            continue
        if not any(isinstance(v, Scalar) and isinstance(v.value, str) and v.value.strip()
                   for key in ("display", "displaypassword") for _, _, v in param.variants(key)):
            yield ctx.finding(param, f"configuration[{index}]: needs 'display' (param is not hidden)")


def _display_optional(param: Map) -> bool:
    hidden = param.get("hidden")
    if is_true(hidden) or (isinstance(hidden, Seq) and hidden.items):
        return True
    return param.value("type") in NO_DISPLAY_TYPES or param.value("name") in NO_DISPLAY_NAMES
