"""FI211 incidents-skipped-when-empty.

What it does:
    Checks the `demisto.incidents(N)` calls reachable from the `fetch-incidents` branch
    whose argument is a Name, and flags one that only runs when N is not empty: inside
    `if N:` (or `if len(N) > 0:` and the like), in the `else` of `if not N:`, or after an
    `if not N:` whose body returns, raises, continues or breaks without calling it.

Why is this bad?
    The fetching guide: when there is nothing new, call `demisto.incidents([])`. A fetch
    that returns without calling it leaves the run without a result (the server logs it
    as a failed or empty run and Fetch History shows no record of it).

Example:
    # in a function reachable from the 'fetch-incidents' branch
    if incidents:
        demisto.incidents(incidents)

Use instead:
    demisto.incidents(incidents)

Fix safety:
    Not fixable: the guard may also protect other statements.
"""

from __future__ import annotations

import ast

from validator.rule import example, rule
from validator.rules._common import command_branch_calls, fetch_model
from validator.rules._fixtures import (
    FETCHER_PY,
    FETCHER_PY_DICT,
    FETCHER_PY_PATH,
    FETCHER_YML,
    fetcher,
)

GUARDED = FETCHER_PY.replace("        demisto.incidents(incidents)\n",
                             "        if incidents:\n            demisto.incidents(incidents)\n")
EARLY_RETURN = FETCHER_PY_DICT.replace("    demisto.incidents(incidents)\n",
                                       "    if not incidents:\n        return\n    demisto.incidents(incidents)\n")
BOTH_ARMS = FETCHER_PY.replace("        demisto.incidents(incidents)\n",
                               "        if incidents:\n            demisto.incidents(incidents)\n"
                               "        else:\n            demisto.incidents([])\n")
BOTH_PATHS = FETCHER_PY_DICT.replace("    demisto.incidents(incidents)\n",
                                     "    if not incidents:\n        demisto.incidents([])\n        return\n"
                                     "    demisto.incidents(incidents)\n")


@rule(
    code="FI211",
    name="incidents-skipped-when-empty",
    summary="demisto.incidents is not called when there are no incidents",
    severity="warning",
    targets="integration",
    needs_code=True,
    examples=[
        example.valid(fetcher(), title="always called"),
        example.valid(fetcher(py=BOTH_PATHS), title="empty list on the early return"),
        example.valid(fetcher(py=BOTH_ARMS), title="empty list in the else"),
        example.valid(fetcher(py=GUARDED, yml=FETCHER_YML.replace("  isfetch: true\n", "")), title="not a fetcher"),
        example.invalid(fetcher(py=GUARDED), at=(FETCHER_PY_PATH, 32, 13), title="if N"),
        example.invalid(fetcher(py=EARLY_RETURN), at=(FETCHER_PY_PATH, 27, 5), title="early return in a helper"),
    ],
)
def check(ctx):
    model = fetch_model(ctx)
    if model is None:
        return
    for call in command_branch_calls(ctx, model, "fetch-incidents", "incidents") or ():
        argument = model.collection_argument(call)
        if isinstance(argument, ast.Name) and model.has_emptiness_guard(call):
            yield ctx.finding(call.node.func, f"demisto.incidents is not called when '{argument.id}' is empty")
