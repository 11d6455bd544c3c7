"""EC209 send-events-events-argument.

What it does:
    Checks the events argument of every send call (1st positional, `events=` or `data=`).
    Flags a call without one, and one that is a dict (a dict literal or comprehension, a
    `dict(...)` call, or a name whose every binding in the function is a dict literal or
    `dict(...)` call), a set literal, a number, a bool or `None`. Calls with `*args` or
    `**kwargs` are skipped when the argument is not found.

Why is this bad?
    `send_events_to_xsiam()` takes a list of events (strings or dicts) or one string of
    newline-separated events. A single dict is iterated as its keys, so XSIAM stores the
    key names as events; the other types fail or store nothing useful.

Example:
    send_events_to_xsiam({'_time': now, 'msg': 'login'}, vendor=VENDOR, product=PRODUCT)

Use instead:
    send_events_to_xsiam([{'_time': now, 'msg': 'login'}], vendor=VENDOR, product=PRODUCT)

Fix safety:
    Not fixable: wrapping the value in a list is right for one event, wrong for a dict of
    events keyed by id.
"""

from __future__ import annotations

import ast

from validator.rules._common import call_has_star_arguments, code_model
from validator.rules._fixtures import (
    COLLECTOR_PY_DICT,
    COLLECTOR_PY_PATH,
    COLLECTOR_UNIFIED_OFFSET,
    COLLECTOR_YML_PATH,
    unified_collector,
    with_send,
)
from validator.rules._fixtures import collector as collector_pack

from validator.rule import example, rule

AS_DICT = COLLECTOR_PY_DICT.replace("    events = get_events(client, int(params.get('max_fetch', 1000)))\n",
                                    "    events = {'_time': last_run.get('from'), 'message': 'poll'}\n")


@rule(
    code="EC209",
    name="send-events-events-argument",
    summary="send_events_to_xsiam without events, or with events that are not a list or a string",
    severity="error",
    targets="integration",
    needs_code=True,
    examples=[
        example.valid(collector_pack(), title="a name"),
        example.valid(collector_pack(py=with_send("send_events_to_xsiam(data='\\n'.join(events), vendor=VENDOR, "
                                                  "product=PRODUCT)")), title="data= string"),
        example.valid(collector_pack(py=with_send("send_events_to_xsiam([{'_time': 1, 'msg': 'x'}], VENDOR, PRODUCT)")),
                      title="list of dicts"),
        example.valid(collector_pack(py=with_send("send_events_to_xsiam(**SEND_ARGS)")), title="**kwargs skipped"),
        example.invalid(collector_pack(py=with_send("send_events_to_xsiam({'_time': 1, 'msg': 'login'}, vendor=VENDOR, "
                                                    "product=PRODUCT)")),
                        at=(COLLECTOR_PY_PATH, 25, 30), title="dict literal"),
        example.invalid(collector_pack(py=with_send("send_events_to_xsiam(vendor=VENDOR, product=PRODUCT)")),
                        at=(COLLECTOR_PY_PATH, 25, 9), title="missing"),
        example.invalid(collector_pack(py=with_send("send_events_to_xsiam(None, VENDOR, PRODUCT)")),
                        at=(COLLECTOR_PY_PATH, 25, 30), title="None"),
        example.invalid(collector_pack(py=AS_DICT), at=(COLLECTOR_PY_PATH, 24, 26),
                        title="a name bound to a dict, in a helper"),
        example.invalid(unified_collector(with_send("send_events_to_xsiam(events={'login', 'logout'}, "
                                                    "vendor=VENDOR, product=PRODUCT)")),
                        at=(COLLECTOR_YML_PATH, COLLECTOR_UNIFIED_OFFSET + 25, 41), title="set literal, unified YAML"),
    ],
)
def check(ctx):
    model = code_model(ctx)
    if model is None:
        return
    for call in model.calls("send"):
        events = model.collection_argument(call)
        if events is None:
            if not call_has_star_arguments(call.node):
                yield ctx.finding(call.node.func, f"{call.callee} has no events argument")
            continue
        kind = _wrong_kind(events)
        if kind is None and isinstance(events, ast.Name):
            values = model.bindings(call.function, events.id)
            if values and all(_wrong_kind(v) == "dict" and not isinstance(v, ast.DictComp) for v in values):
                kind = "dict"
        if kind is not None:
            yield ctx.finding(events, f"events argument is a {kind}, not a list or a string")


def _wrong_kind(node: ast.AST) -> str | None:
    if isinstance(node, (ast.Dict, ast.DictComp)):
        return "dict"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
        return "dict"
    if isinstance(node, ast.Set):
        return "set"
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool):
            return "bool"
        if isinstance(value, (int, float, complex)):
            return "number"
        if value is None:
            return "None value"
    return None
