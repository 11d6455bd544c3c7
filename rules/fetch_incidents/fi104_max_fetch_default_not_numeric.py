"""FI104 max-fetch-default-not-numeric.

What it does:
    Checks that the non-empty `defaultvalue` of each max-fetch param of a fetch-incidents
    integration (a param named in FI101's `max-fetch-names`) is a positive integer: an
    integer of at least 1 (not a boolean), or a string of decimal digits (whitespace around
    allowed) whose value is at least 1. The base key and each marketplace variant
    (`defaultvalue:xsoar`) are checked separately; a param hidden in every marketplace the
    integration ships to is skipped.

Why is this bad?
    The code turns the limit into a number (`arg_to_number`, `int()`); `fifty`, `0` or
    `-1` fails the Test button or every fetch of a new instance.

Example:
    - name: max_fetch
      type: 0
      defaultvalue: fifty

Use instead:
    - name: max_fetch
      type: 0
      defaultvalue: '50'

Fix safety:
    Not fixable: the intended number cannot be guessed.
"""

from __future__ import annotations

import json

from validator.rules._common import in_market, max_fetch_defaults, positive_int
from validator.rules._fixtures import FETCHER_YML, FETCHER_YML_PATH
from validator.rules._fixtures import fetcher as fetcher_pack

from validator.rule import example, rule
from validator.tree import Scalar, is_blank, to_python


def _default(text: str) -> str:
    return FETCHER_YML.replace("  defaultvalue: '50'\n", text)


@rule(
    code="FI104",
    name="max-fetch-default-not-numeric",
    summary="a fetch limit whose default is not a positive integer",
    severity="error",
    targets="integration",
    examples=[
        example.valid(fetcher_pack()),
        example.valid(fetcher_pack(yml=_default("  defaultvalue: 50\n")), title="integer"),
        example.valid(fetcher_pack(yml=_default("  defaultvalue: ' 50 '\n")), title="digits with whitespace"),
        example.valid(fetcher_pack(yml=_default("  defaultvalue: ''\n")), title="blank is FI102's"),
        example.valid(fetcher_pack(yml=_default("  defaultvalue: fifty\n  hidden: true\n")), title="hidden everywhere"),
        example.valid(fetcher_pack(yml=_default("  defaultvalue: fifty\n  hidden: [xsoar, xsoar_saas, xsoar_on_prem,"
                                                " marketplacev2]\n")),
                      title="hidden in every effective marketplace"),
        example.valid(fetcher_pack(yml=_default("  defaultvalue: '50'\n  defaultvalue:xsiam: fifty\n")),
                      title="unknown suffix ignored"),
        example.invalid(fetcher_pack(yml=_default("  defaultvalue: fifty\n")), at=(FETCHER_YML_PATH, 29, 17),
                        title="word"),
        example.invalid(fetcher_pack(yml=_default("  defaultvalue: 0\n")), at=(FETCHER_YML_PATH, 29, 17), title="zero"),
        example.invalid(fetcher_pack(yml=_default("  defaultvalue: '-5'\n")), at=(FETCHER_YML_PATH, 29, 17),
                        title="negative"),
        example.invalid(fetcher_pack(yml=_default("  defaultvalue: true\n")), at=(FETCHER_YML_PATH, 29, 17),
                        title="boolean"),
        example.invalid(fetcher_pack(yml=_default("  defaultvalue: '50'\n  defaultvalue:xsoar: fifty\n")),
                        at=(FETCHER_YML_PATH, 30, 23), title="variant names its marketplace"),
    ],
)
def check(ctx):
    for name, node, market in max_fetch_defaults(ctx):
        if is_blank(node) or positive_int(node) is not None:
            continue
        yield ctx.finding(node, f"'{name}' default '{_shown(node)}' is not a positive integer{in_market(market)}")


def _shown(node) -> str:
    if isinstance(node, Scalar):
        return node.value if isinstance(node.value, str) else node.text
    return json.dumps(to_python(node), separators=(",", ":"))[:40]
