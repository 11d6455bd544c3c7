"""EC205 send-events-skipped-when-empty.

What it does:
    Checks the send calls reachable from the `fetch-events` branch whose events argument is a
    name, and flags one that runs only when the events are not empty: inside `if events:`
    (also `bool(events)`, `len(events)`, `len(events) > 0`, `events != []`), in the `else` of
    `if not events:`, or after an `if not events: return` in the same or an enclosing block.

Why is this bad?
    The platform's documents ask collectors to always call `send_events_to_xsiam()`, even with
    no events: the call also updates the fetched-events count in the UI, which should show 0
    rather than nothing. Empty data is not forwarded to the database.

Example:
    if events:
        send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)
    demisto.setLastRun(next_run)

Use instead:
    send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)
    demisto.setLastRun(next_run)

Fix safety:
    Not fixable: removing the guard may change what else runs in its block.
"""

from __future__ import annotations

from validator.rules._common import code_model, collector, command_branch_calls
from validator.rules._fixtures import (
    COLLECTOR_PY,
    COLLECTOR_PY_CLIENT,
    COLLECTOR_PY_MATCH,
    COLLECTOR_PY_PATH,
    COLLECTOR_UNIFIED_OFFSET,
    COLLECTOR_YML_PATH,
    unified_collector,
)
from validator.rules._fixtures import COLLECTOR_SEND as SEND
from validator.rules._fixtures import collector as collector_pack

from validator.rule import example, rule

GUARDED = COLLECTOR_PY.replace(f"        {SEND}\n", f"        if events:\n            {SEND}\n")
EARLY_RETURN = COLLECTOR_PY.replace(f"        {SEND}\n", f"        if not events:\n            return\n        {SEND}\n")
IN_ELSE = COLLECTOR_PY.replace(f"        {SEND}\n", f"        if len(events) == 0:\n            demisto.debug('no events')\n"
                               f"        else:\n            {SEND}\n")


@rule(
    code="EC205",
    name="send-events-skipped-when-empty",
    summary="send_events_to_xsiam is not called when there are no events",
    severity="warning",
    targets="integration",
    needs_code=True,
    examples=[
        example.valid(collector_pack(), title="if-elif"),
        example.valid(collector_pack(py=COLLECTOR_PY_MATCH), title="match-case, through a helper"),
        example.valid(collector_pack(py=COLLECTOR_PY.replace(
            f"        {SEND}\n", f"        if events:\n            demisto.debug('got events')\n        {SEND}\n")),
            title="a guard that does not hold the call"),
        example.valid(collector_pack(py=COLLECTOR_PY.replace(
            "    elif command == 'okta-get-events':\n", f"    elif command == 'okta-get-events':\n"
            f"        events = []\n        if events:\n            {SEND}\n")),
            title="a guarded call outside the fetch-events branch"),
        example.invalid(collector_pack(py=GUARDED), at=(COLLECTOR_PY_PATH, 26, 13), title="if events"),
        example.invalid(collector_pack(py=EARLY_RETURN), at=(COLLECTOR_PY_PATH, 27, 9), title="early return"),
        example.invalid(collector_pack(py=IN_ELSE), at=(COLLECTOR_PY_PATH, 28, 13), title="else of len == 0"),
        example.invalid(collector_pack(py=COLLECTOR_PY_CLIENT.replace(
            f"        {SEND}\n", f"        if len(events) > 0:\n            {SEND}\n")),
            at=(COLLECTOR_PY_PATH, 20, 13), title="catch-all else, through a method"),
        example.invalid(unified_collector(GUARDED), at=(COLLECTOR_YML_PATH, COLLECTOR_UNIFIED_OFFSET + 26, 17),
                        title="unified YAML"),
    ],
)
def check(ctx):
    model = code_model(ctx, only=collector)
    if model is None:
        return
    for call in command_branch_calls(ctx, model, "fetch-events", "send") or ():
        if model.has_emptiness_guard(call):
            name = model.collection_argument(call).id
            yield ctx.finding(call.node.func, f"{call.callee} is not called when '{name}' is empty")
