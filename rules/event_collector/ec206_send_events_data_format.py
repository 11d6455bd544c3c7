"""EC206 send-events-data-format.

What it does:
    Checks the `data_format` argument of every send call (keyword or 4th positional; a
    literal `None` counts as not given). Flags it when it is a string literal other than
    `cef` or `leef` (any case), or when the events are a list of dicts: a list literal whose
    every item is a dict literal or `dict(...)` call, a list comprehension that builds one,
    or a name whose every binding in the function is one of these. A `data_format` that is
    not a literal is flagged only in the second case. A list whose items are not known (a
    list of CEF lines built with `.append()`, `list(...)`) is not flagged: the function joins
    a list of strings with newlines, so CEF or LEEF lines in a list are valid.

Why is this bad?
    `data_format` tells XSIAM how to parse a string of raw events. The documents allow it
    only for CEF or LEEF text; every other format is set automatically (`json` for a list
    of dicts, `text` otherwise), and another value overrides that detection with a format
    the events may not have. For a list of dicts the function ignores the argument and
    sends JSON: it claims a format the events do not have, so either it is dead or the
    events are not what the author meant to send.

Example:
    send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT, data_format='json')

Use instead:
    send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)

Fix safety:
    Unsafe: the fix removes the argument, so the format is detected again. When the value
    was deliberate (a string of JSON lines sent as `json`), the events are then parsed as
    text; sending a list of dicts may be the right change instead.
"""

from __future__ import annotations

import ast

from validator.rules._common import code_model, python_span
from validator.rules._fixtures import (
    COLLECTOR_PY_CLIENT,
    COLLECTOR_PY_DICT,
    COLLECTOR_PY_PATH,
    COLLECTOR_UNIFIED_OFFSET,
    COLLECTOR_YML_PATH,
    unified_collector,
    with_send,
)
from validator.rules._fixtures import collector as collector_pack

from validator.finding import Fix
from validator.fixops import py_remove_argument
from validator.rule import example, rule

POSITIONAL = "send_events_to_xsiam(events, VENDOR, PRODUCT)"
FORMATS = ("cef", "leef")
DATA_FORMAT_INDEX = 3
AS_LIST = COLLECTOR_PY_DICT.replace("    events = get_events(client, int(params.get('max_fetch', 1000)))\n",
                                    "    events = list(get_events(client, int(params.get('max_fetch', 1000))))\n")
AS_DICTS = COLLECTOR_PY_DICT.replace("    events = get_events(client, int(params.get('max_fetch', 1000)))\n",
                                     "    events = [{'raw': line} for line in get_events(client, 1000)]\n")


@rule(
    code="EC206",
    name="send-events-data-format",
    summary="a send_events_to_xsiam data_format that is not cef/leef or is given with a list of dicts",
    severity="error",
    targets="integration",
    fix_safety="unsafe",
    needs_code=True,
    examples=[
        example.valid(collector_pack(), title="no data_format"),
        example.valid(collector_pack(py=with_send("send_events_to_xsiam('\\n'.join(events), vendor=VENDOR, "
                                                  "product=PRODUCT, data_format='CEF')")), title="cef text"),
        example.valid(collector_pack(py=with_send("send_events_to_xsiam(events, VENDOR, PRODUCT, None)")),
                      title="literal None"),
        example.valid(collector_pack(py=with_send("send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT, "
                                                  "data_format=params.get('format'))")),
                      title="non-literal format, events not known to be a list"),
        example.invalid(collector_pack(py=with_send("send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT, "
                                                    "data_format='json')")),
                        at=(COLLECTOR_PY_PATH, 25, 70), title="not cef or leef", fixed=collector_pack()),
        example.invalid(collector_pack(py=with_send("send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT,\n"
                                                    "                             data_format='json')")),
                        at=(COLLECTOR_PY_PATH, 26, 30), title="on its own line",
                        # the separating comma and the line break go with the argument
                        fixed=collector_pack()),
        example.invalid(collector_pack(py=with_send("send_events_to_xsiam(events, VENDOR, PRODUCT, 'xml')")),
                        at=(COLLECTOR_PY_PATH, 25, 55), title="4th positional",
                        fixed=collector_pack(py=with_send(POSITIONAL))),
        example.valid(collector_pack(py=with_send("send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT, "
                                                  "data_format='cef')", AS_LIST)),
                      title="a list of unknown items (CEF lines are valid)"),
        example.valid(collector_pack(py=with_send("send_events_to_xsiam([str(e) for e in events], vendor=VENDOR, "
                                                  "product=PRODUCT, data_format='leef')", COLLECTOR_PY_CLIENT)),
                      title="a list of strings"),
        example.invalid(collector_pack(py=with_send("send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT, "
                                                    "data_format=params.get('format'))", AS_DICTS)),
                        at=(COLLECTOR_PY_PATH, 24, 66), title="events bound to a list of dicts, in a helper",
                        fixed=collector_pack(py=AS_DICTS)),
        example.invalid(collector_pack(py=with_send("send_events_to_xsiam([{'_time': 1, 'raw': e} for e in events], "
                                                    "vendor=VENDOR, product=PRODUCT, data_format='leef')",
                                                    COLLECTOR_PY_CLIENT)),
                        at=(COLLECTOR_PY_PATH, 19, 104), title="a comprehension of dicts, in a method",
                        fixed=collector_pack(py=with_send("send_events_to_xsiam([{'_time': 1, 'raw': e} "
                                                          "for e in events], vendor=VENDOR, product=PRODUCT)",
                                                          COLLECTOR_PY_CLIENT))),
        example.invalid(collector_pack(py=with_send("send_events_to_xsiam([{'msg': 'login'}, dict(msg='logout')], "
                                                    "VENDOR, PRODUCT, 'cef')")),
                        at=(COLLECTOR_PY_PATH, 25, 87), title="a list literal of dicts",
                        fixed=collector_pack(py=with_send("send_events_to_xsiam([{'msg': 'login'}, "
                                                          "dict(msg='logout')], VENDOR, PRODUCT)"))),
        example.invalid(unified_collector(with_send("send_events_to_xsiam(events, VENDOR, PRODUCT, 'json')")),
                        at=(COLLECTOR_YML_PATH, COLLECTOR_UNIFIED_OFFSET + 25, 59), title="unified YAML",
                        fixed=unified_collector(with_send(POSITIONAL))),
    ],
)
def check(ctx):
    model = code_model(ctx)
    if model is None:
        return
    for call in model.calls("send"):
        found = _data_format(call.node)
        if found is None:
            continue
        argument, value, keyword, index = found
        literal = value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None
        if literal is not None and literal.lower() not in FORMATS:
            message = f"data_format '{literal}' is not 'cef' or 'leef'"
        elif _is_list_of_dicts(model, call):
            message = "data_format is given but the events are a list"
        else:
            continue
        fix = Fix("unsafe", "remove the data_format argument",
                  ops=(py_remove_argument(python_span(ctx, call.node), keyword, index),))
        yield ctx.finding(argument, message, fix=fix)


def _data_format(node: ast.Call) -> tuple[ast.AST, ast.expr, str | None, int | None] | None:
    """``(argument node, value, keyword, index)`` of a given data_format, else None."""
    for keyword in node.keywords:
        if keyword.arg == "data_format":
            return None if _is_none(keyword.value) else (keyword, keyword.value, "data_format", None)
    positional = node.args[: DATA_FORMAT_INDEX + 1]
    if len(positional) <= DATA_FORMAT_INDEX or any(isinstance(a, ast.Starred) for a in positional):
        return None
    value = positional[DATA_FORMAT_INDEX]
    return None if _is_none(value) else (value, value, None, DATA_FORMAT_INDEX)


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _is_dict(node: ast.AST) -> bool:
    return isinstance(node, (ast.Dict, ast.DictComp)) or (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict")


def _dict_list(node: ast.AST) -> bool:
    """A list literal of dicts or a list comprehension building dicts."""
    if isinstance(node, ast.List):
        return bool(node.elts) and all(_is_dict(e) for e in node.elts)
    return isinstance(node, ast.ListComp) and _is_dict(node.elt)


def _is_list_of_dicts(model, call) -> bool:
    events = model.collection_argument(call)
    if isinstance(events, ast.Name):
        values = model.bindings(call.function, events.id)
        return bool(values) and all(_dict_list(v) for v in values)
    return events is not None and _dict_list(events)
