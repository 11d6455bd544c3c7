"""FI210 setlastrun-in-except.

What it does:
    Checks the `demisto.setLastRun(...)` calls reachable from the `fetch-incidents` branch
    and flags one that lies in an `except` handler or a `finally` clause.

Why is this bad?
    The fetching guide says the last run must not move when the fetch fails. A setLastRun
    in a `finally` clause, or in an `except` handler that swallows the error, saves a
    position although the incidents were not created, so they are skipped for good. A
    warning: re-saving the old value there is harmless.

Example:
    # in a function reachable from the 'fetch-incidents' branch
    try:
        incidents, next_run = fetch(client, last_run)
    except Exception:
        demisto.setLastRun(next_run)

Use instead:
    incidents, next_run = fetch(client, last_run)
    demisto.incidents(incidents)
    demisto.setLastRun(next_run)

Fix safety:
    Not fixable: where the call belongs depends on the error handling.
"""

from __future__ import annotations

from validator.rule import example, rule
from validator.rules._common import command_branch_calls, fetch_model
from validator.rules._fixtures import (
    FETCHER_PY,
    FETCHER_PY_DICT,
    FETCHER_PY_PATH,
    FETCHER_YML,
    FETCHER_YML_PATH,
    UNIFIED_LINE_OFFSET,
    fetcher,
    unified,
)

IN_FINALLY = FETCHER_PY.replace("        demisto.incidents(incidents)\n        demisto.setLastRun(next_run)\n", """\
        try:
            demisto.incidents(incidents)
        finally:
            demisto.setLastRun(next_run)
""")
IN_EXCEPT = FETCHER_PY_DICT.replace("""\
    incidents, next_run = fetch_incidents(client, demisto.getLastRun(), params.get('first_fetch'),
                                          int(params.get('max_fetch', 50)))
""", """\
    last_run = demisto.getLastRun()
    try:
        incidents, next_run = fetch_incidents(client, last_run, params.get('first_fetch'),
                                              int(params.get('max_fetch', 50)))
    except Exception as error:
        demisto.error(f'Acme fetch failed: {error}')
        incidents, next_run = [], last_run
        demisto.setLastRun(next_run)
""")
IN_TRY = FETCHER_PY.replace("        demisto.incidents(incidents)\n        demisto.setLastRun(next_run)\n", """\
        try:
            demisto.incidents(incidents)
            demisto.setLastRun(next_run)
        except Exception as error:
            return_error(f'Failed to create the incidents: {error}')
""")


@rule(
    code="FI210",
    name="setlastrun-in-except",
    summary="setLastRun in an except or finally clause of the fetch",
    severity="warning",
    targets="integration",
    needs_code=True,
    examples=[
        example.valid(fetcher(), title="after the incidents"),
        example.valid(fetcher(py=IN_TRY), title="in the try body"),
        example.valid(fetcher(py=IN_FINALLY, yml=FETCHER_YML.replace("  isfetch: true\n", "")), title="not a fetcher"),
        example.invalid(fetcher(py=IN_FINALLY), at=(FETCHER_PY_PATH, 34, 13), title="finally"),
        example.invalid(fetcher(py=IN_EXCEPT), at=(FETCHER_PY_PATH, 30, 9), title="except in a dispatched helper"),
        example.invalid(fetcher(yml=unified(IN_FINALLY), py=None), at=(FETCHER_YML_PATH, UNIFIED_LINE_OFFSET + 34, 17),
                        title="unified YAML"),
    ],
)
def check(ctx):
    model = fetch_model(ctx)
    if model is None:
        return
    for call in command_branch_calls(ctx, model, "fetch-incidents", "set_last_run") or ():
        if call.in_except or call.in_finally:
            clause = "an except" if call.in_except else "a finally"
            yield ctx.finding(call.node.func, f"setLastRun runs in {clause} clause of the fetch")
