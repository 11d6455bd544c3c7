"""EC203 send-events-not-called.

What it does:
    Checks that a send call (`send_events_to_xsiam`, `send_data_to_xsiam`, or a name listed in
    `[tool.validate.analysis] send-events-functions`) is reachable from the code's
    `fetch-events` branch: in the branch itself or in a module function or method it refers
    to, directly or through other functions.

    An absence rule: it stays silent when the dispatch cannot be resolved (an API-module or
    star import, `getattr(module, command)`, `exec`), when the branch is not known, and
    when it calls a method that several classes of the module define (`client.fetch()`
    with two classes defining `fetch`): which one runs is not known.

Why is this bad?
    Events reach XSIAM only through `send_events_to_xsiam()`. A `fetch-events` that fetches
    but never sends loses every event, and the UI shows no fetched-events count.

Example:
    elif command == 'fetch-events':
        events, next_run = fetch_events(client, demisto.getLastRun())
        demisto.setLastRun(next_run)

Use instead:
    elif command == 'fetch-events':
        events, next_run = fetch_events(client, demisto.getLastRun())
        send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)
        demisto.setLastRun(next_run)

Fix safety:
    Not fixable: which events to send, and under which vendor and product, is not known.
"""

from __future__ import annotations

from validator.rules._common import code_model, collector, command_branch_lacking
from validator.rules._fixtures import COLLECTOR_PY, COLLECTOR_PY_PATH, collector_branch_examples, without_lines
from validator.rules._fixtures import COLLECTOR_SEND as SEND
from validator.rules._fixtures import collector as collector_pack

from validator.rule import example, rule


def _unsent(py: str) -> str:
    return without_lines(py, SEND)


NO_SEND = _unsent(COLLECTOR_PY)
SEND_IN_OTHER_BRANCH = NO_SEND.replace("        return_results(CommandResults(outputs=events))\n",
                                      f"        return_results(CommandResults(outputs=events))\n        {SEND}\n")


@rule(
    code="EC203",
    name="send-events-not-called",
    summary="no send_events_to_xsiam call is reachable from the 'fetch-events' branch",
    severity="error",
    targets="integration",
    absence=True,
    needs_code=True,
    # with and without the call in each dispatch style (rules/_fixtures.py), and:
    examples=collector_branch_examples(_unsent, valid=[
        example.valid(collector_pack(py=NO_SEND.replace("'fetch-events'", "'okta-fetch'")),
                      title="no fetch-events branch (EC200's)"),
    ], invalid=[
        example.invalid(collector_pack(py=SEND_IN_OTHER_BRANCH), at=(COLLECTOR_PY_PATH, 23, 21),
                        title="sent only from another command"),
    ]),
)
def check(ctx):
    model = code_model(ctx, absence=True, only=collector)
    branch = command_branch_lacking(ctx, model, "fetch-events", "send")
    if branch is not None:
        yield ctx.finding(branch.at, "no send_events_to_xsiam call is reachable from the 'fetch-events' branch")
