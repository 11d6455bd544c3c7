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
from validator.rules._common import command_branch_lacking, fetch_model
from validator.rules._fixtures import FETCHER_PY_SAMPLES, FETCHER_YML_LONG_RUNNING, fetch_branch_examples, fetcher


def _forgotten(py: str) -> str:
    return py.replace("demisto.getLastRun()", "get_integration_context()")


@rule(
    code="FI203",
    name="getlastrun-missing",
    summary="no getLastRun call is reachable from the fetch-incidents branch",
    severity="warning",
    targets="integration",
    absence=True,
    needs_code=True,
    # with and without the call in each dispatch style (rules/_fixtures.py), and:
    examples=fetch_branch_examples(_forgotten, valid=[
        example.valid(fetcher(py=FETCHER_PY_SAMPLES, yml=FETCHER_YML_LONG_RUNNING),
                      title="long-running fetcher returning samples"),
    ]),
)
def check(ctx):
    if ctx.integration is not None and ctx.integration.flag("longRunning"):
        ctx.skip()  # a long-running fetcher keeps its position in the integration context
        return
    model = fetch_model(ctx, absence=True)
    branch = command_branch_lacking(ctx, model, "fetch-incidents", "get_last_run")
    if branch is not None:
        yield ctx.finding(branch.at, "no getLastRun call is reachable from the 'fetch-incidents' branch")
