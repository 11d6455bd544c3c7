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
from validator.rules._common import command_branch_lacking, fetch_model
from validator.rules._fixtures import FETCHER_PY_CLIENT, fetch_branch_examples, fetcher, unified


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
    # with and without the call in each dispatch style (rules/_fixtures.py), and:
    examples=fetch_branch_examples(_lost, valid=[
        example.valid(fetcher(yml=unified(), py=None), title="unified YAML"),
        example.valid(fetcher(py=TWO_CLASSES), title="method defined by two classes: target not known"),
    ]),
)
def check(ctx):
    model = fetch_model(ctx, absence=True)
    branch = command_branch_lacking(ctx, model, "fetch-incidents", "incidents")
    if branch is not None:
        yield ctx.finding(branch.at, "no demisto.incidents call is reachable from the 'fetch-incidents' branch")
