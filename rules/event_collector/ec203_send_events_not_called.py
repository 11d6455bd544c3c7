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

from validator.rules._common import code_model
from validator.rules._fixtures import (
    COLLECTOR_PY,
    COLLECTOR_PY_API_MODULE,
    COLLECTOR_PY_CLIENT,
    COLLECTOR_PY_DICT,
    COLLECTOR_PY_GETATTR,
    COLLECTOR_PY_MATCH,
    COLLECTOR_PY_PATH,
    COLLECTOR_PY_TWO_CLIENTS,
    COLLECTOR_UNIFIED_OFFSET,
    COLLECTOR_YML_PATH,
    unified_collector,
)
from validator.rules._fixtures import collector as collector_pack

from validator.rule import example, rule

SEND = "send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)"
NO_SEND = COLLECTOR_PY.replace(f"        {SEND}\n", "")
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
    examples=[
        example.valid(collector_pack(), title="if-elif"),
        example.valid(collector_pack(py=COLLECTOR_PY_MATCH), title="match-case, through a helper"),
        example.valid(collector_pack(py=COLLECTOR_PY_DICT), title="dict of commands"),
        example.valid(collector_pack(py=COLLECTOR_PY_CLIENT), title="catch-all else, through a method"),
        example.valid(unified_collector(), title="unified YAML"),
        example.valid(collector_pack(py=COLLECTOR_PY_API_MODULE), title="API module import: not resolved"),
        example.valid(collector_pack(py=COLLECTOR_PY_GETATTR), title="getattr dispatch: not resolved"),
        example.valid(collector_pack(py=COLLECTOR_PY_TWO_CLIENTS), title="a method two classes define: not known"),
        example.valid(collector_pack(py=NO_SEND.replace("'fetch-events'", "'okta-fetch'")),
                      title="no fetch-events branch (EC200's)"),
        example.invalid(collector_pack(py=NO_SEND), at=(COLLECTOR_PY_PATH, 22, 21), title="if-elif"),
        example.invalid(collector_pack(py=SEND_IN_OTHER_BRANCH), at=(COLLECTOR_PY_PATH, 23, 21),
                        title="sent only from another command"),
        example.invalid(collector_pack(py=COLLECTOR_PY_MATCH.replace(f"    {SEND}\n", "")),
                        at=(COLLECTOR_PY_PATH, 31, 14), title="match-case, through a helper"),
        example.invalid(collector_pack(py=COLLECTOR_PY_DICT.replace(f"    {SEND}\n", "")),
                        at=(COLLECTOR_PY_PATH, 30, 5), title="dict of commands"),
        example.invalid(collector_pack(py=COLLECTOR_PY_CLIENT.replace(f"        {SEND}\n", "")),
                        at=(COLLECTOR_PY_PATH, 29, 5), title="catch-all else, through a method"),
        example.invalid(unified_collector(NO_SEND), at=(COLLECTOR_YML_PATH, COLLECTOR_UNIFIED_OFFSET + 22, 25),
                        title="unified YAML"),
    ],
)
def check(ctx):
    model = code_model(ctx, absence=True, collectors_only=True)
    if model is None:
        return
    branches = model.branches_for("fetch-events")
    if not branches:
        return  # not handled: EC200's finding
    calls = model.reachable_calls(branches, "send")
    if calls is None or (not calls and model.reaches_ambiguous_method(branches)):
        ctx.skip()  # a branch or a method call whose target is not known
        return
    if not calls:
        yield ctx.finding(branches[0].at, "no send_events_to_xsiam call is reachable from the 'fetch-events' branch")
