"""CM105 duplicate-param.

What it does:
    Checks that no two params of `configuration` have the same `name` (each marketplace's
    `configuration:M` list is checked on its own).

Why is this bad?
    Instance settings are keyed by param name: the platform shows one of the two (which one
    is not documented), and `demisto.params()` returns a single value for both, so one of
    the settings users see is ignored.

Example:
    configuration:
    - {name: url, display: Server URL, type: 0}
    - {name: url, display: Base URL, type: 0}

Use instead:
    configuration:
    - {name: url, display: Server URL, type: 0}

Fix safety:
    Not fixable: which definition to keep is a choice.
"""

from __future__ import annotations

from validator.rules._common import live_integration, named, repeated_names
from validator.rules._fixtures import COLLECTOR_YML, COLLECTOR_YML_PATH
from validator.rules._fixtures import collector as collector_pack

from validator.rule import example, rule

MAX_FETCH = "- display: Maximum number of events per fetch\n  name: max_fetch\n"


@rule(
    code="CM105",
    name="duplicate-param",
    summary="two params with the same name",
    severity="error",
    targets="integration",
    sdk=["IN114"],
    examples=[
        example.valid(collector_pack()),
        example.valid(collector_pack(yml=COLLECTOR_YML + "configuration:marketplacev2:\n"
                                     "- {display: Server URL, name: url, type: 0}\n"),
                      title="the same param in a marketplace's own list"),
        example.invalid(collector_pack(yml=COLLECTOR_YML.replace(MAX_FETCH, "- {display: Base URL, name: url, type: 0}\n"
                                                                 + MAX_FETCH)),
                        at=(COLLECTOR_YML_PATH, 13, 29)),
        example.invalid(collector_pack(yml=COLLECTOR_YML + "configuration:marketplacev2:\n"
                                       "- {display: Limit, name: max_fetch, type: 0}\n"
                                       "- {display: Maximum, name: max_fetch, type: 0}\n"),
                        at=(COLLECTOR_YML_PATH, 34, 28), title="in a marketplace's list"),
    ],
)
def check(ctx):
    if not live_integration(ctx):
        return
    for _market, _key, params in ctx.root.variants("configuration"):
        for name, first in repeated_names(named(params)):
            yield ctx.finding(name, f"param '{name.value}' is declared more than once (first at line {first})")
