"""FI200 fetch-incidents-not-handled.

What it does:
    Checks that the code of a fetch integration (`script.isfetch: true`) handles the
    `fetch-incidents` command: an `if`/`elif` test, a `match` case or a dispatch-dict key
    names it, or a catch-all (`else:`, `case _:`, a `.get(command, default)`) runs for it.
    An absence rule: it stays silent when the dispatch cannot be fully read (RULES.md 2.3),
    e.g. a star import from an API module or a `getattr(module, command)` dispatch.

Why is this bad?
    The server runs `fetch-incidents` every fetch interval because `isfetch` is set; code
    that does not handle it either fails each run or silently creates no incidents.

Example:
    # the YAML sets script.isfetch: true
    command = demisto.command()
    if command == 'test-module':
        return_results(test_module(client))
    elif command == 'acme-get-alert':
        return_results(get_alert(client, demisto.args()))

Use instead:
    command = demisto.command()
    if command == 'test-module':
        return_results(test_module(client))
    elif command == 'fetch-incidents':
        incidents, next_run = fetch_incidents(client, demisto.getLastRun())
        demisto.incidents(incidents)
        demisto.setLastRun(next_run)

Fix safety:
    Not fixable: the fetch logic has to be written.
"""

from __future__ import annotations

from validator.rule import example, rule
from validator.rules._common import fetch_model
from validator.rules._fixtures import (
    FETCHER_PY,
    FETCHER_PY_CATCH_ALL,
    FETCHER_PY_DICT,
    FETCHER_PY_MATCH,
    FETCHER_PY_PATH,
    FETCHER_YML,
    FETCHER_YML_PATH,
    UNIFIED_LINE_OFFSET,
    api_module,
    fetcher,
    getattr_dispatch,
    unified,
)


def _renamed(py: str) -> str:
    return py.replace("'fetch-incidents'", "'fetch_incidents'")


NO_FETCH = FETCHER_PY.replace(FETCHER_PY[FETCHER_PY.index("    elif command == 'fetch-incidents':"):
                                          FETCHER_PY.index("    elif command == 'acme-get-alert':")], "")


@rule(
    code="FI200",
    name="fetch-incidents-not-handled",
    summary="a fetch integration whose code does not handle fetch-incidents",
    severity="error",
    targets="integration",
    absence=True,
    needs_code=True,
    examples=[
        example.valid(fetcher(), title="if-elif"),
        example.valid(fetcher(py=FETCHER_PY_MATCH), title="match-case"),
        example.valid(fetcher(py=FETCHER_PY_DICT), title="dict dispatch"),
        example.valid(fetcher(py=FETCHER_PY_CATCH_ALL), title="catch-all else"),
        example.valid(fetcher(yml=unified(), py=None), title="unified YAML"),
        example.valid(fetcher(py=_renamed(FETCHER_PY), yml=FETCHER_YML.replace("  isfetch: true\n", "")),
                      title="not a fetcher"),
        example.valid(fetcher(py=_renamed(FETCHER_PY), yml=FETCHER_YML + "deprecated: true\n"), title="deprecated"),
        example.valid(fetcher(py=api_module(NO_FETCH)), title="API module star import: not resolved"),
        example.valid(fetcher(py=getattr_dispatch(NO_FETCH)), title="getattr dispatch: not resolved"),
        example.invalid(fetcher(py=NO_FETCH), at=(FETCHER_PY_PATH, 25, 15), title="no branch"),
        example.invalid(fetcher(py=_renamed(FETCHER_PY)), at=(FETCHER_PY_PATH, 25, 15), title="misspelled"),
        example.invalid(fetcher(py=_renamed(FETCHER_PY_MATCH)), at=(FETCHER_PY_PATH, 25, 11),
                        title="match-case without the case"),
        example.invalid(fetcher(py=_renamed(FETCHER_PY_DICT)), at=(FETCHER_PY_PATH, 39, 14),
                        title="dict without the key"),
        example.invalid(fetcher(yml=unified(_renamed(FETCHER_PY)), py=None),
                        at=(FETCHER_YML_PATH, UNIFIED_LINE_OFFSET + 25, 19), title="unified YAML"),
    ],
)
def check(ctx):
    model = fetch_model(ctx, absence=True)
    if model is None or model.handles("fetch-incidents"):
        return
    yield ctx.finding(model.first_command_expression, "the code does not handle the 'fetch-incidents' command")
