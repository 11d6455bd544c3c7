"""EC207 setlastrun-before-send.

What it does:
    In the `fetch-events` branch and every function reachable from it, flags a setLastRun
    call that runs before a send call of the same function: its statement ends before the
    send call's starts and the two are not in exclusive arms (`if`/`else`, two `case` blocks,
    a `try` body and its `except` handler).

Why is this bad?
    If the send then fails (a timeout, a rejected payload), the next fetch starts after
    events that never reached XSIAM: they are lost. Collector reviews in the content
    repository require sending first and saving the position after.

Example:
    demisto.setLastRun(next_run)
    send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)

Use instead:
    send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)
    demisto.setLastRun(next_run)

Fix safety:
    Not fixable: moving the call past the statements between the two calls can change
    what they see (a cursor, a count).
"""

from __future__ import annotations

from validator.rules._common import code_model, collector, command_branch_calls, python_line
from validator.rules._fixtures import (
    COLLECTOR_PY,
    COLLECTOR_PY_CLIENT,
    COLLECTOR_PY_DICT,
    COLLECTOR_PY_MATCH,
    COLLECTOR_PY_PATH,
    COLLECTOR_UNIFIED_OFFSET,
    COLLECTOR_YML_PATH,
    unified_collector,
)
from validator.rules._fixtures import COLLECTOR_SEND as SEND
from validator.rules._fixtures import COLLECTOR_SET_LAST_RUN as SET_LAST_RUN
from validator.rules._fixtures import collector as collector_pack

from validator.rule import example, rule


def _swap(py: str, indent: str, send: str = SEND, set_last_run: str = SET_LAST_RUN) -> str:
    return py.replace(f"{indent}{send}\n{indent}{set_last_run}\n", f"{indent}{set_last_run}\n{indent}{send}\n")


SWAPPED = _swap(COLLECTOR_PY, " " * 8)


@rule(
    code="EC207",
    name="setlastrun-before-send",
    summary="setLastRun runs before send_events_to_xsiam",
    severity="error",
    targets="integration",
    needs_code=True,
    examples=[
        example.valid(collector_pack(), title="if-elif"),
        example.valid(collector_pack(py=COLLECTOR_PY_MATCH), title="match-case, through a helper"),
        example.valid(collector_pack(py=COLLECTOR_PY_DICT), title="dict of commands"),
        example.valid(collector_pack(py=COLLECTOR_PY_CLIENT), title="catch-all else, through a method"),
        example.valid(collector_pack(py=COLLECTOR_PY.replace(
            f"        {SEND}\n        {SET_LAST_RUN}\n",
            f"        try:\n            {SEND}\n        except DemistoException:\n            {SET_LAST_RUN}\n"
            f"            raise\n        {SET_LAST_RUN}\n")), title="in an except handler of the send"),
        example.invalid(collector_pack(py=SWAPPED), at=(COLLECTOR_PY_PATH, 25, 9), title="if-elif"),
        example.invalid(collector_pack(py=_swap(COLLECTOR_PY_MATCH, "    ", set_last_run="demisto.setLastRun(next_run)")),
                        at=(COLLECTOR_PY_PATH, 19, 5), title="match-case, through a helper"),
        example.invalid(collector_pack(py=_swap(COLLECTOR_PY_DICT, "    ")), at=(COLLECTOR_PY_PATH, 24, 5),
                        title="dict of commands"),
        example.invalid(collector_pack(py=_swap(COLLECTOR_PY_CLIENT, " " * 8)), at=(COLLECTOR_PY_PATH, 19, 9),
                        title="catch-all else, through a method"),
        example.invalid(unified_collector(SWAPPED), at=(COLLECTOR_YML_PATH, COLLECTOR_UNIFIED_OFFSET + 25, 13),
                        title="unified YAML"),
    ],
)
def check(ctx):
    model = code_model(ctx, only=collector)
    if model is None:
        return
    sends = command_branch_calls(ctx, model, "fetch-events", "send")
    if not sends:
        return
    for set_last_run in command_branch_calls(ctx, model, "fetch-events", "set_last_run") or ():
        send = next((s for s in sends if model.precedes(set_last_run, s)), None)
        if send is not None:
            yield ctx.finding(set_last_run.node.func,
                              f"setLastRun runs before {send.callee} (line {python_line(ctx, send.node)})")
