"""EC208 collector-no-setlastrun.

What it does:
    Checks that a setLastRun call (`demisto.setLastRun`, or a name listed in
    `[tool.validate.analysis] set-last-run-functions`) is reachable from the code's
    `fetch-events` branch: in the branch itself or in a module function or method it refers
    to, directly or through other functions.

    An absence rule: it stays silent when the dispatch cannot be resolved (an API-module or
    star import, `getattr(module, command)`, `exec`), when the branch is not known, and
    when it calls a method that several classes of the module define (`client.fetch()`
    with two classes defining `fetch`): which one runs is not known.

Why is this bad?
    Without `setLastRun` every fetch starts from the first-fetch time again: the same events
    are sent over and over, or, with a short window, events are missed. A warning, not an
    error: some collectors keep their position elsewhere (an integration context, a cursor
    stored by the API).

Example:
    elif command == 'fetch-events':
        send_events_to_xsiam(client.get_events(), vendor=VENDOR, product=PRODUCT)

Use instead:
    elif command == 'fetch-events':
        events, next_run = fetch_events(client, demisto.getLastRun())
        send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)
        demisto.setLastRun(next_run)

Fix safety:
    Not fixable: what marks the position of the next fetch depends on the product's API.
"""

from __future__ import annotations

from validator.rules._common import code_model, collector, command_branch_lacking
from validator.rules._fixtures import COLLECTOR_SET_LAST_RUN, collector_branch_examples, without_lines

from validator.rule import rule


def _unsaved(py: str) -> str:
    return without_lines(py, COLLECTOR_SET_LAST_RUN, "demisto.setLastRun(next_run)")


@rule(
    code="EC208",
    name="collector-no-setlastrun",
    summary="no setLastRun call is reachable from the 'fetch-events' branch",
    severity="warning",
    targets="integration",
    absence=True,
    needs_code=True,
    # with and without the call in each dispatch style (rules/_fixtures.py)
    examples=collector_branch_examples(_unsaved),
)
def check(ctx):
    model = code_model(ctx, absence=True, only=collector)
    branch = command_branch_lacking(ctx, model, "fetch-events", "set_last_run")
    if branch is not None:
        yield ctx.finding(branch.at, "no setLastRun call is reachable from the 'fetch-events' branch")
