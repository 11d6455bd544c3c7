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

SET_LAST_RUN = "demisto.setLastRun({'from': last_run.get('from', '')})"
NO_SET_LAST_RUN = COLLECTOR_PY.replace(f"        {SET_LAST_RUN}\n", "")


@rule(
    code="EC208",
    name="collector-no-setlastrun",
    summary="no setLastRun call is reachable from the 'fetch-events' branch",
    severity="warning",
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
        example.invalid(collector_pack(py=NO_SET_LAST_RUN), at=(COLLECTOR_PY_PATH, 22, 21), title="if-elif"),
        example.invalid(collector_pack(py=COLLECTOR_PY_MATCH.replace("    demisto.setLastRun(next_run)\n", "")),
                        at=(COLLECTOR_PY_PATH, 31, 14), title="match-case, through a helper"),
        example.invalid(collector_pack(py=COLLECTOR_PY_DICT.replace(f"    {SET_LAST_RUN}\n", "")),
                        at=(COLLECTOR_PY_PATH, 30, 5), title="dict of commands"),
        example.invalid(collector_pack(py=COLLECTOR_PY_CLIENT.replace(f"        {SET_LAST_RUN}\n", "")),
                        at=(COLLECTOR_PY_PATH, 29, 5), title="catch-all else, through a method"),
        example.invalid(unified_collector(NO_SET_LAST_RUN),
                        at=(COLLECTOR_YML_PATH, COLLECTOR_UNIFIED_OFFSET + 22, 25), title="unified YAML"),
    ],
)
def check(ctx):
    model = code_model(ctx, absence=True, collectors_only=True)
    if model is None:
        return
    branches = model.branches_for("fetch-events")
    if not branches:
        return  # not handled: EC200's finding
    calls = model.reachable_calls(branches, "set_last_run")
    if calls is None or (not calls and model.reaches_ambiguous_method(branches)):
        ctx.skip()  # a branch or a method call whose target is not known
        return
    if not calls:
        yield ctx.finding(branches[0].at, "no setLastRun call is reachable from the 'fetch-events' branch")
