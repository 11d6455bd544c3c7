"""FI204 setlastrun-before-incidents.

What it does:
    Checks the order of `demisto.setLastRun(...)` and `demisto.incidents(...)` in the
    `fetch-incidents` branch and the functions reachable from it: flags a setLastRun call
    that runs before an incidents call in the same function (same statements, not
    mutually exclusive arms such as `if`/`else` or `try`/`except`, and no `return` or
    `raise` after the setLastRun that leaves the function before the incidents call).

Why is this bad?
    If creating the incidents then fails after the position was saved, the next fetch
    starts after them and they are skipped forever. A warning, not an error: the server
    does not apply setLastRun when the fetch fails, and the HelloWorld template uses this
    order; the remaining risk is a failure that does not fail the run (an exception caught
    and logged).

Example:
    # in a function reachable from the 'fetch-incidents' branch
    demisto.setLastRun(next_run)
    demisto.incidents(incidents)

Use instead:
    demisto.incidents(incidents)
    demisto.setLastRun(next_run)

Fix safety:
    Not fixable: moving statements can change what the code between them sees.
"""

from __future__ import annotations

import re

from validator.rule import example, rule
from validator.rules._common import command_branch_calls, fetch_model, python_line
from validator.rules._fixtures import (
    FETCHER_PY,
    FETCHER_PY_CLIENT,
    FETCHER_PY_DICT,
    FETCHER_PY_MATCH,
    FETCHER_PY_PATH,
    FETCHER_YML,
    FETCHER_YML_PATH,
    UNIFIED_LINE_OFFSET,
    fetcher,
    unified,
)


def _swapped(py: str) -> str:
    """The incidents call and the setLastRun line right after it, in the other order."""
    return re.sub(r"( *demisto\.incidents\(incidents\)\n)( *demisto\.setLastRun\(.*\)\n)", r"\2\1", py)


SAVED_IN_HELPER = FETCHER_PY.replace("    return incidents, {'last_fetch': since}",
                                     "    demisto.setLastRun({'last_fetch': since})\n    return incidents, {}")

EARLY_RETURN = FETCHER_PY_DICT.replace("    demisto.incidents(incidents)\n", """\
    if not incidents:
        demisto.setLastRun(next_run)
        demisto.debug('no new alerts')
        return
    demisto.incidents(incidents)
""")


@rule(
    code="FI204",
    name="setlastrun-before-incidents",
    summary="setLastRun runs before demisto.incidents in a fetch",
    severity="warning",
    targets="integration",
    needs_code=True,
    examples=[
        example.valid(fetcher(), title="incidents first"),
        example.valid(fetcher(py=FETCHER_PY_CLIENT), title="Client method, incidents first"),
        example.valid(fetcher(py=SAVED_IN_HELPER), title="different functions"),
        example.valid(fetcher(py=EARLY_RETURN), title="saved on an early return"),
        example.valid(fetcher(py=_swapped(FETCHER_PY), yml=FETCHER_YML.replace("  isfetch: true\n", "")),
                      title="not a fetcher"),
        example.invalid(fetcher(py=_swapped(FETCHER_PY)), at=(FETCHER_PY_PATH, 31, 9), title="if-elif"),
        example.invalid(fetcher(py=_swapped(FETCHER_PY_MATCH)), at=(FETCHER_PY_PATH, 31, 13), title="match-case"),
        example.invalid(fetcher(py=_swapped(FETCHER_PY_DICT)), at=(FETCHER_PY_PATH, 25, 5),
                        title="dict dispatch to a helper"),
        example.invalid(fetcher(py=_swapped(FETCHER_PY_CLIENT)), at=(FETCHER_PY_PATH, 24, 9), title="Client method"),
        example.invalid(fetcher(yml=unified(_swapped(FETCHER_PY)), py=None),
                        at=(FETCHER_YML_PATH, UNIFIED_LINE_OFFSET + 31, 13), title="unified YAML"),
    ],
)
def check(ctx):
    model = fetch_model(ctx)
    if model is None:
        return
    saves = command_branch_calls(ctx, model, "fetch-incidents", "set_last_run")
    returns = command_branch_calls(ctx, model, "fetch-incidents", "incidents") if saves else None
    for save in saves or ():
        later = next((c for c in returns or () if model.precedes(save, c)), None)
        if later is not None:
            yield ctx.finding(save.node.func,
                              f"setLastRun runs before demisto.incidents (line {python_line(ctx, later.node)})")
