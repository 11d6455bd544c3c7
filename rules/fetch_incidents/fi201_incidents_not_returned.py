"""FI201 incidents-not-returned.

What it does:
    Checks that a `demisto.incidents(...)` call (or a configured `incidents-functions`
    wrapper) is reachable from the `fetch-incidents` branch of a fetch integration: in the
    branch itself or in a module function or method it refers to, transitively. An absence
    rule: silent when the dispatch cannot be fully read (RULES.md 2.3).

Why is this bad?
    `demisto.incidents()` is the only way a fetch hands incidents to the server;
    `return_results()` or `CommandResults` output from a fetch is not turned into
    incidents, so nothing is ever created.

Example:
    elif command == 'fetch-incidents':
        return_results(fetch_incidents(client, demisto.getLastRun()))

Use instead:
    elif command == 'fetch-incidents':
        incidents, next_run = fetch_incidents(client, demisto.getLastRun())
        demisto.incidents(incidents)
        demisto.setLastRun(next_run)

Fix safety:
    Not fixable: which value holds the incidents is not known.
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


def _lost(py: str) -> str:
    return py.replace("demisto.incidents(incidents)", "return_results(incidents)")


# `client.fetch_incidents(...)` may run either class's method: reachability follows neither.
TWO_CLASSES = FETCHER_PY_CLIENT.replace("\n\ndef main():", """

class LegacyAcmeClient(AcmeClient):
    def fetch_incidents(self, first_fetch, max_fetch):
        demisto.incidents([])
        demisto.setLastRun(demisto.getLastRun())


def main():""")


@rule(
    code="FI201",
    name="incidents-not-returned",
    summary="no demisto.incidents call is reachable from the fetch-incidents branch",
    severity="error",
    targets="integration",
    absence=True,
    needs_code=True,
    examples=[
        example.valid(fetcher(), title="if-elif"),
        example.valid(fetcher(py=FETCHER_PY_MATCH), title="match-case"),
        example.valid(fetcher(py=FETCHER_PY_DICT), title="dict dispatch to a helper"),
        example.valid(fetcher(py=FETCHER_PY_CATCH_ALL), title="catch-all else"),
        example.valid(fetcher(py=FETCHER_PY_CLIENT), title="Client method"),
        example.valid(fetcher(yml=unified(), py=None), title="unified YAML"),
        example.valid(fetcher(py=_lost(FETCHER_PY), yml=FETCHER_YML.replace("  isfetch: true\n", "")),
                      title="not a fetcher"),
        example.valid(fetcher(py=api_module(_lost(FETCHER_PY))), title="API module star import: not resolved"),
        example.valid(fetcher(py=getattr_dispatch(_lost(FETCHER_PY))), title="getattr dispatch: not resolved"),
        example.valid(fetcher(py=TWO_CLASSES), title="method defined by two classes: target not known"),
        example.invalid(fetcher(py=_lost(FETCHER_PY)), at=(FETCHER_PY_PATH, 28, 21), title="if-elif"),
        example.invalid(fetcher(py=_lost(FETCHER_PY_MATCH)), at=(FETCHER_PY_PATH, 28, 14), title="match-case"),
        example.invalid(fetcher(py=_lost(FETCHER_PY_DICT)), at=(FETCHER_PY_PATH, 31, 5), title="dict dispatch"),
        example.invalid(fetcher(py=_lost(FETCHER_PY_CATCH_ALL)), at=(FETCHER_PY_PATH, 30, 5),
                        title="catch-all reported at else"),
        example.invalid(fetcher(py=_lost(FETCHER_PY_CLIENT)), at=(FETCHER_PY_PATH, 34, 21), title="Client method"),
        example.invalid(fetcher(yml=unified(_lost(FETCHER_PY)), py=None),
                        at=(FETCHER_YML_PATH, UNIFIED_LINE_OFFSET + 28, 25), title="unified YAML"),
    ],
)
def check(ctx):
    branch = fetch_branch_lacking(ctx, "incidents")
    if branch is not None:
        yield ctx.finding(branch.at, "no demisto.incidents call is reachable from the 'fetch-incidents' branch")
