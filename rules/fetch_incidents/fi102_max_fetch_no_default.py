"""FI102 max-fetch-no-default.

What it does:
    Checks that each max-fetch param of a fetch-incidents integration (a param named in
    FI101's `max-fetch-names`) has a non-empty `defaultvalue` in the base key or in some
    marketplace variant (`defaultvalue:xsoar`). A param hidden in every marketplace the
    integration ships to is skipped: users never see it.

Why is this bad?
    A blank fetch limit fails the Test button, and code that reads it as `None` either
    fails every fetch or asks the API for everything at once. The fetching guide requires
    the `max_fetch` param to have a default value.

Example:
    - display: Maximum incidents per fetch
      name: max_fetch
      type: 0

Use instead:
    - display: Maximum incidents per fetch
      name: max_fetch
      type: 0
      defaultvalue: '50'

Fix safety:
    Unsafe: it changes what new instances fetch. The fix adds `defaultvalue: '{fix-default}'`
    as the last key of the param (or fills a blank one).

Options:
    fix-default: the default value the fix writes. `50` is the sdk `max_fetch` template value
    and within every documented recommendation (50 or fewer in the design guide, 200 or
    fewer in the fetching guide). Which params are checked is FI101's `max-fetch-names`.
"""

from __future__ import annotations

from validator.rules._common import has_default, in_market, max_fetch_params
from validator.rules._fixtures import FETCHER_YML, FETCHER_YML_PATH, METADATA
from validator.rules._fixtures import fetcher as fetcher_pack

from validator.finding import Fix
from validator.fixops import yaml_insert, yaml_set
from validator.rule import Option, example, rule

NO_DEFAULT = FETCHER_YML.replace("  defaultvalue: '50'\n", "")
HIDDEN_IN_V2 = "  hidden:\n  - marketplacev2\n"
SHOWN_IN_XSOAR = "  hidden: true\n  hidden:xsoar: false\n"


def _after_name(text: str) -> str:
    """The param without a default, with ``text`` added after its name."""
    return NO_DEFAULT.replace("  name: max_fetch\n", "  name: max_fetch\n" + text)


def _default_last(yml: str, default: str = "50") -> str:
    """``yml`` after the fix: ``defaultvalue: '{default}'`` added as the max_fetch param's last key."""
    next_param = "- display: Incidents Fetch Interval\n"
    return yml.replace(next_param, f"  defaultvalue: '{default}'\n" + next_param)


@rule(
    code="FI102",
    name="max-fetch-no-default",
    summary="a fetch limit param without a default value",
    severity="error",
    targets="integration",
    sdk=["IN125"],
    fix_safety="unsafe",
    options=[Option("fix-default", "string", "50", "the defaultvalue the fix adds")],
    examples=[
        example.valid(fetcher_pack()),
        example.valid(fetcher_pack(yml=FETCHER_YML.replace("  defaultvalue: '50'\n", "  defaultvalue:xsoar: '50'\n")),
                      title="default in a variant only"),
        example.valid(fetcher_pack(yml=_after_name("  hidden: true\n")),
                      title="hidden everywhere"),
        example.valid(fetcher_pack(yml=_after_name("  hidden:\n  - xpanse\n  - marketplacev2\n"),
                                   metadata=METADATA.replace('"xsoar", ', '"xpanse", ')),
                      title="hidden in every effective marketplace"),
        example.valid(fetcher_pack(yml=NO_DEFAULT + "deprecated: true\n"), title="deprecated"),
        example.invalid(fetcher_pack(yml=NO_DEFAULT), at=(FETCHER_YML_PATH, 26, 3), title="missing",
                        fixed={FETCHER_YML_PATH: _default_last(NO_DEFAULT)}),
        example.invalid(fetcher_pack(yml=NO_DEFAULT), at=(FETCHER_YML_PATH, 26, 3), title="fix-default option",
                        options={"fix-default": "25"},
                        fixed={FETCHER_YML_PATH: _default_last(NO_DEFAULT, "25")}),
        example.invalid(fetcher_pack(yml=FETCHER_YML.replace("defaultvalue: '50'", "defaultvalue: ''")),
                        at=(FETCHER_YML_PATH, 26, 3), title="blank",
                        # a blank value is filled in place, keeping its quoting
                        fixed=fetcher_pack()),
        example.invalid(fetcher_pack(yml=_after_name(HIDDEN_IN_V2)),
                        at=(FETCHER_YML_PATH, 26, 3), title="hidden in one marketplace only",
                        fixed={FETCHER_YML_PATH: _default_last(_after_name(HIDDEN_IN_V2))}),
        example.invalid(fetcher_pack(yml=_after_name(SHOWN_IN_XSOAR)),
                        at=(FETCHER_YML_PATH, 26, 3), title="shown in one marketplace by a variant",
                        fixed={FETCHER_YML_PATH: _default_last(_after_name(SHOWN_IN_XSOAR))}),
    ],
)
def check(ctx):
    default = ctx.options["fix-default"]
    for market, key, index, param in max_fetch_params(ctx):
        if has_default(param):
            continue
        if "defaultvalue" in param:  # present but blank: fill it
            op = yaml_set((key, index, "defaultvalue"), default)
        else:
            op = yaml_insert((key, index), "defaultvalue", default)
        fix = Fix("unsafe", f"add defaultvalue: '{default}'", ops=(op,))
        yield ctx.finding(param, f"'{param.value('name')}' has no defaultvalue{in_market(market)}", fix=fix)
