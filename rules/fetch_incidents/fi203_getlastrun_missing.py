"""FI203 getlastrun-missing.

What it does:
    Checks that a `demisto.getLastRun()` call (or a configured `get-last-run-functions`
    wrapper) is reachable from the `fetch-incidents` branch of a fetch integration: in the
    branch itself or in a module function or method it refers to, transitively. An absence
    rule: silent when the dispatch cannot be fully read (RULES.md 2.3), and on long-running
    fetchers (`script.longRunning: true`), whose fetch-incidents often only returns the samples
    the long-running execution saved for mapping, the position being kept in the context.

Why is this bad?
    Without the last run, each fetch cannot know where the previous one stopped, so it
    fetches the same window again and creates duplicate incidents. A warning, not an error:
    an integration may keep its position elsewhere (e.g. in the integration context).

Example:
    elif command == 'fetch-incidents':
        incidents, next_run = fetch_incidents(client, first_fetch)
        demisto.setLastRun(next_run)
        demisto.incidents(incidents)

Use instead:
    elif command == 'fetch-incidents':
        incidents, next_run = fetch_incidents(client, demisto.getLastRun(), first_fetch)
        demisto.incidents(incidents)
        demisto.setLastRun(next_run)

Fix safety:
    Not fixable: how the fetch uses the last run is not known.
"""

from __future__ import annotations

from validator.rule import example, rule
from validator.rules._common import fetch_branch_lacking
from validator.rules._fixtures import (
    FETCHER_PY,
    FETCHER_PY_CATCH_ALL,
    FETCHER_PY_CLIENT,
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


def _forgotten(py: str) -> str:
    return py.replace("demisto.getLastRun()", "get_integration_context()")


LONG_RUNNING = FETCHER_YML.replace("  isfetch: true\n", "  isfetch: true\n  longRunning: true\n")
SAMPLES = FETCHER_PY.replace("""\
        incidents, next_run = fetch_incidents(client, demisto.getLastRun(), params.get('first_fetch'),
                                              int(params.get('max_fetch', 50)))
        demisto.incidents(incidents)
        demisto.setLastRun(next_run)
""", """\
        # for mapping only: the long-running execution saves samples of what it created
        demisto.incidents(get_integration_context().get('samples', []))
""")


@rule(
    code="FI203",
    name="getlastrun-missing",
    summary="no getLastRun call is reachable from the fetch-incidents branch",
    severity="warning",
    targets="integration",
    absence=True,
    needs_code=True,
    examples=[
        example.valid(fetcher(), title="if-elif"),
        example.valid(fetcher(py=FETCHER_PY_MATCH), title="match-case"),
        example.valid(fetcher(py=FETCHER_PY_DICT), title="dict dispatch to a helper"),
        example.valid(fetcher(py=FETCHER_PY_CATCH_ALL), title="catch-all else"),
        example.valid(fetcher(py=FETCHER_PY_CLIENT), title="Client method"),
        example.valid(fetcher(py=_forgotten(FETCHER_PY), yml=FETCHER_YML.replace("  isfetch: true\n", "")),
                      title="not a fetcher"),
        example.valid(fetcher(py=SAMPLES, yml=LONG_RUNNING), title="long-running fetcher returning samples"),
        example.valid(fetcher(py=api_module(_forgotten(FETCHER_PY))), title="API module star import: not resolved"),
        example.valid(fetcher(py=getattr_dispatch(_forgotten(FETCHER_PY))), title="getattr dispatch: not resolved"),
        example.invalid(fetcher(py=_forgotten(FETCHER_PY)), at=(FETCHER_PY_PATH, 28, 21), title="if-elif"),
        example.invalid(fetcher(py=_forgotten(FETCHER_PY_MATCH)), at=(FETCHER_PY_PATH, 28, 14), title="match-case"),
        example.invalid(fetcher(py=_forgotten(FETCHER_PY_DICT)), at=(FETCHER_PY_PATH, 31, 5), title="dict dispatch"),
        example.invalid(fetcher(py=_forgotten(FETCHER_PY_CATCH_ALL)), at=(FETCHER_PY_PATH, 30, 5),
                        title="catch-all reported at else"),
        example.invalid(fetcher(py=_forgotten(FETCHER_PY_CLIENT)), at=(FETCHER_PY_PATH, 34, 21),
                        title="Client method"),
        example.invalid(fetcher(yml=unified(_forgotten(FETCHER_PY)), py=None),
                        at=(FETCHER_YML_PATH, UNIFIED_LINE_OFFSET + 28, 25), title="unified YAML"),
    ],
)
def check(ctx):
    if ctx.integration is not None and ctx.integration.flag("longRunning"):
        ctx.skip()  # a long-running fetcher keeps its position in the integration context
        return
    branch = fetch_branch_lacking(ctx, "get_last_run")
    if branch is not None:
        yield ctx.finding(branch.at, "no getLastRun call is reachable from the 'fetch-incidents' branch")
