"""FI205 lastrun-non-string-values.

What it does:
    Checks the values saved by `demisto.setLastRun(...)` calls reachable from the
    `fetch-incidents` branch (every setLastRun call of a fetch integration when the dispatch
    is not resolved). When the argument is a dict literal, or a Name bound once in the
    function to one (plus its `N['k'] = v` assignments before the call), flags each value
    that is an int, float, bool or None literal, or an `int(...)`, `float(...)` or
    `len(...)` call. Lists, dicts and other values pass.

Why is this bad?
    The fetching guide says the values of the last-run dict must be strings. A warning,
    not an error: the server stores the last run as JSON and CommonServerPython's own
    lookback helpers save numbers and lists, so working integrations do it too.

Example:
    # in a function reachable from the 'fetch-incidents' branch
    demisto.setLastRun({'last_id': 1042, 'time': int(last_time)})

Use instead:
    demisto.setLastRun({'last_id': '1042', 'time': str(last_time)})

Fix safety:
    Not fixable: the code reading the last run may expect the number.
"""

from __future__ import annotations

import ast

from validator.rule import example, rule
from validator.rules._common import fetch_model
from validator.rules._fixtures import (
    FETCHER_PY,
    FETCHER_PY_CLIENT,
    FETCHER_PY_MATCH,
    FETCHER_PY_PATH,
    FETCHER_YML,
    fetcher,
    getattr_dispatch,
)

COUNTED = FETCHER_PY.replace("demisto.setLastRun(next_run)",
                             "demisto.setLastRun({'last_fetch': next_run['last_fetch'], 'fetched': len(incidents)})")
PAGED = FETCHER_PY_MATCH.replace("demisto.setLastRun(next_run)",
                                 "demisto.setLastRun({'last_fetch': next_run['last_fetch'], 'page': 1, 'done': True})")
NAMED = FETCHER_PY_CLIENT.replace("        demisto.setLastRun({'last_fetch': since})\n", """\
        next_run = {'last_fetch': since}
        next_run['total'] = len(incidents)
        demisto.setLastRun(next_run)
""")
STRINGS = FETCHER_PY.replace("demisto.setLastRun(next_run)", "demisto.setLastRun({'last_fetch': str(next_run), "
                             "'ids': [1, 2], 'count': str(len(incidents)), 'page': None if incidents else ''})")
LATER = NAMED.replace("        next_run['total'] = len(incidents)\n        demisto.setLastRun(next_run)\n",
                      "        demisto.setLastRun(next_run)\n        next_run['total'] = len(incidents)\n")


@rule(
    code="FI205",
    name="lastrun-non-string-values",
    summary="a lastRun value that is a number, bool or None",
    severity="warning",
    targets="integration",
    needs_code=True,
    examples=[
        example.valid(fetcher(), title="a Name bound by unpacking"),
        example.valid(fetcher(py=STRINGS), title="strings lists and other expressions"),
        example.valid(fetcher(py=LATER), title="assigned after the call"),
        example.valid(fetcher(py=COUNTED, yml=FETCHER_YML.replace("  isfetch: true\n", "")), title="not a fetcher"),
        example.invalid(fetcher(py=COUNTED), at=(FETCHER_PY_PATH, 32, 78), title="len call in a dict literal"),
        example.invalid(fetcher(py=PAGED), at=[(FETCHER_PY_PATH, 32, 79), (FETCHER_PY_PATH, 32, 90)],
                        title="literals in a match-case branch"),
        example.invalid(fetcher(py=NAMED), at=(FETCHER_PY_PATH, 26, 29), title="Name bound once, then subscripted"),
        example.invalid(fetcher(py=getattr_dispatch(COUNTED)), at=(FETCHER_PY_PATH, 32, 78),
                        title="unresolved dispatch: every setLastRun call"),
    ],
)
def check(ctx):
    model = fetch_model(ctx)
    if model is None:
        return
    for call in _calls(model):
        for key, value in _saved(model, call):
            kind = _kind(value)
            if kind is not None:
                label = _label(key)
                yield ctx.finding(value, f"lastRun value for '{label}' is a {kind}, not a string")


def _label(key: ast.expr) -> str:
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value
    try:
        return ast.unparse(key)
    except RecursionError:  # a pathologically deep key expression: name it by position instead
        return f"key at line {key.lineno}"


def _calls(model):  # noqa: ANN001, ANN202
    """Reachable from the branch when the dispatch is resolved and the branch known, else all."""
    calls = None
    if model.resolved:
        branches = model.branches_for("fetch-incidents")
        calls = model.reachable_calls(branches, "set_last_run") if branches else []
    return model.calls("set_last_run") if calls is None else calls


def _saved(model, call) -> list[tuple[ast.expr, ast.expr]]:  # noqa: ANN001
    """``(key, value)`` pairs of the saved dict, when it is known."""
    args = call.node.args
    argument = args[0] if args and not isinstance(args[0], ast.Starred) else None
    if isinstance(argument, ast.Dict):
        return [(k, v) for k, v in zip(argument.keys, argument.values) if k is not None]
    if not isinstance(argument, ast.Name):
        return []
    bound = model.bindings(call.function, argument.id)
    if len(bound) != 1 or not isinstance(bound[0], ast.Dict):
        return []
    pairs = [(k, v) for k, v in zip(bound[0].keys, bound[0].values) if k is not None]
    start = (call.node.lineno, call.node.col_offset)
    for key, value in model.subscript_assignments(call.function, argument.id, after=bound[0]):
        if (value.lineno, value.col_offset) < start:
            pairs.append((key, value))
    return pairs


def _kind(value: ast.expr) -> str | None:
    if isinstance(value, ast.UnaryOp) and isinstance(value.op, (ast.USub, ast.UAdd)):
        value = value.operand
        if not (isinstance(value, ast.Constant) and type(value.value) in (int, float)):
            return None
    if isinstance(value, ast.Constant):
        if value.value is None:
            return "None"
        if isinstance(value.value, bool):
            return "boolean"
        if isinstance(value.value, (int, float)):
            return "number"
        return None
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in ("int", "float", "len"):
        return "number"
    return None
