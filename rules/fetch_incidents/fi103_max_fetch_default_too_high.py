"""FI103 max-fetch-default-too-high.

What it does:
    Checks the `defaultvalue` of each max-fetch param of a fetch-incidents integration (a
    param named in FI101's `max-fetch-names`): a positive integer above `max-fetch-limit` is
    flagged. The base key and each marketplace variant (`defaultvalue:xsoar`) are checked
    separately; a param hidden in every marketplace the integration ships to is skipped.

Why is this bad?
    Every fetched incident runs playbooks; the fetching guide recommends at most 200
    incidents per fetch to keep the server's load optimal, and a larger default is what
    every new instance gets.

Example:
    - name: max_fetch
      type: 0
      defaultvalue: '1000'

Use instead:
    - name: max_fetch
      type: 0
      defaultvalue: '200'

Fix safety:
    Not fixable: the right value depends on the product and on how the code pages.

Options:
    max-fetch-limit: the highest recommended default. Which params are checked is FI101's
    `max-fetch-names`.
"""

from __future__ import annotations

from validator.rules._common import in_market, max_fetch_defaults, positive_int
from validator.rules._fixtures import FETCHER_YML, FETCHER_YML_PATH
from validator.rules._fixtures import fetcher as fetcher_pack

from validator.rule import Option, example, rule


def _default(text: str) -> str:
    return FETCHER_YML.replace("  defaultvalue: '50'\n", text)


@rule(
    code="FI103",
    name="max-fetch-default-too-high",
    summary="a fetch limit whose default is above the recommended maximum",
    severity="warning",
    targets="integration",
    options=[Option("max-fetch-limit", "int", 200, "the highest recommended max-fetch default")],
    examples=[
        example.valid(fetcher_pack()),
        example.valid(fetcher_pack(yml=_default("  defaultvalue: 200\n")), title="at the limit"),
        example.valid(fetcher_pack(yml=_default("  defaultvalue: '1000'\n")), options={"max-fetch-limit": 1000},
                      title="configured limit"),
        example.valid(fetcher_pack(yml=_default("  defaultvalue: fifty\n")), title="not numeric is FI104's"),
        example.valid(fetcher_pack(yml=_default("  defaultvalue: '1000'\n  hidden: true\n")),
                      title="hidden everywhere"),
        example.valid(fetcher_pack(yml=_default("  defaultvalue: '1000'\n  defaultvalue:xsiam: '5000'\n"
                                                ).replace("'1000'", "'100'", 1)),
                      title="unknown suffix ignored"),
        example.invalid(fetcher_pack(yml=_default("  defaultvalue: '1000'\n")), at=(FETCHER_YML_PATH, 29, 17),
                        title="too high"),
        example.invalid(fetcher_pack(yml=_default("  defaultvalue: ' 500 '\n")), at=(FETCHER_YML_PATH, 29, 17),
                        title="digits with whitespace"),
        example.invalid(fetcher_pack(yml=_default("  defaultvalue: '50'\n  defaultvalue:marketplacev2: 1000\n")),
                        at=(FETCHER_YML_PATH, 30, 31), title="too high in a variant"),
    ],
)
def check(ctx):
    limit = ctx.options["max-fetch-limit"]
    for name, node, market in max_fetch_defaults(ctx):
        number = positive_int(node)
        if number is not None and number > limit:
            yield ctx.finding(node, f"'{name}' default {number} is above the recommended {limit} per fetch"
                                    f"{in_market(market)}")
