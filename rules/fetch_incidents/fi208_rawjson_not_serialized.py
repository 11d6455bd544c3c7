"""FI208 rawjson-not-serialized.

What it does:
    Checks the `rawJSON` value of each incident dict of a fetch integration (see FI206), and
    of each `N['rawJSON'] = v` on one: flags a value that is certainly not a string: a
    dict or list literal or comprehension, a `dict(...)`, `list(...)`, `json.loads(...)`
    or `.json()` call, or a Name whose every binding in the function is one of these.
    Loop variables, subscripts and other calls pass: their type is not known.

Why is this bad?
    The server reads `rawJSON` as a JSON string (the guide: "don't forget to
    `json.dumps`"); a dict or list there breaks classification and mapping of the incident.

Example:
    raw = response.json()
    incidents.append({'name': raw['title'], 'rawJSON': raw})

Use instead:
    raw = response.json()
    incidents.append({'name': raw['title'], 'rawJSON': json.dumps(raw)})

Fix safety:
    Unsafe: wraps the value in `json.dumps(...)`, offered only when the module binds
    `json` (`import json` or the CommonServerPython star import). A value that cannot be
    serialized (e.g. holding a datetime) then raises at run time.
"""

from __future__ import annotations

import ast

from validator.finding import Fix
from validator.fixops import py_wrap
from validator.pycode import dotted_name
from validator.rule import example, rule
from validator.rules._common import incident_values, python_span
from validator.rules._fixtures import (
    FETCHER_PY,
    FETCHER_PY_CLIENT,
    FETCHER_PY_PATH,
    FETCHER_YML,
    FETCHER_YML_PATH,
    UNIFIED_LINE_OFFSET,
    fetcher,
    unified,
)

RAW = "'rawJSON': json.dumps(alert)"
DICT_CALL = FETCHER_PY.replace(RAW, "'rawJSON': dict(alert)")
DICT_CALL_FIXED = FETCHER_PY.replace(RAW, "'rawJSON': json.dumps(dict(alert))")
LOOP_VARIABLE = FETCHER_PY.replace(RAW, "'rawJSON': alert")


def _response(raw: str) -> str:
    """A Client method whose incident's rawJSON is ``raw``, with ``raw`` bound to a ``.json()`` call."""
    return FETCHER_PY_CLIENT.replace(RAW, f"'rawJSON': {raw}").replace("            incidents.append({\n", """\
            raw = self._http_request('GET', f"/v2/alerts/{alert['id']}", resp_type='response').json()
            incidents.append({
""")


def _assigned(value: str) -> str:
    """A fetcher that sets ``incident['rawJSON'] = value`` after building the dict."""
    return FETCHER_PY.replace(f"            {RAW},\n        }})\n", f"""\
        }}
        incident['rawJSON'] = {value}
        incidents.append(incident)
""").replace("        incidents.append({\n", "        incident = {\n")


RESPONSE = _response("raw")
ASSIGNED = _assigned("{'alert': alert, 'source': 'acme'}")
NO_JSON = DICT_CALL.replace("import json\n\n", "").replace("from CommonServerPython import *\n", "")
OTHER = FETCHER_PY.replace(RAW, "'rawJSON': alert['raw']").replace(
    "'details': alert['summary']", "'details': format_details(alert)")


@rule(
    code="FI208",
    name="rawjson-not-serialized",
    summary="an incident's rawJSON that is a dict or list, not a JSON string",
    severity="error",
    targets="integration",
    fix_safety="unsafe",
    needs_code=True,
    examples=[
        example.valid(fetcher(), title="json.dumps"),
        example.valid(fetcher(py=LOOP_VARIABLE), title="loop variable type not known"),
        example.valid(fetcher(py=OTHER), title="subscript not known"),
        example.valid(fetcher(py=DICT_CALL, yml=FETCHER_YML.replace("  isfetch: true\n", "")), title="not a fetcher"),
        example.invalid(fetcher(py=DICT_CALL), at=(FETCHER_PY_PATH, 16, 24), title="dict call",
                        fixed=fetcher(py=DICT_CALL_FIXED)),
        example.invalid(fetcher(py=RESPONSE), at=(FETCHER_PY_PATH, 22, 28), title="Name bound to a json() call",
                        fixed=fetcher(py=_response("json.dumps(raw)"))),
        example.invalid(fetcher(py=ASSIGNED), at=(FETCHER_PY_PATH, 17, 31), title="subscript assignment",
                        fixed=fetcher(py=_assigned("json.dumps({'alert': alert, 'source': 'acme'})"))),
        example.invalid(fetcher(yml=unified(DICT_CALL), py=None), at=(FETCHER_YML_PATH, UNIFIED_LINE_OFFSET + 16, 28),
                        title="unified YAML", fixed=fetcher(yml=unified(DICT_CALL_FIXED), py=None)),
        example.invalid(fetcher(py=NO_JSON), at=(FETCHER_PY_PATH, 13, 24), title="no json import: no fix"),
    ],
)
def check(ctx):
    for value in incident_values(ctx, "rawJSON"):
        model = ctx.model  # the fetcher's code model, which incident_values read
        kind = _value_kind(model, value)
        if kind is None:
            continue
        fix = None
        if _binds_json(model):
            fix = Fix("unsafe", "wrap the value in json.dumps(...)",
                      ops=(py_wrap(python_span(ctx, value), "json.dumps"),))
        yield ctx.finding(value, f"rawJSON is a {kind}, not a JSON string", fix=fix)


def _value_kind(model, value: ast.expr) -> str | None:  # noqa: ANN001
    if not isinstance(value, ast.Name):
        return _kind(value)
    bound = model.bindings(model.enclosing_function(value), value.id)
    kinds = [_kind(b) for b in bound]
    if not kinds or None in kinds:
        return None
    return " or ".join(dict.fromkeys(kinds))  # type: ignore[arg-type]


def _kind(value: ast.expr) -> str | None:
    if isinstance(value, (ast.Dict, ast.DictComp)):
        return "dict"
    if isinstance(value, (ast.List, ast.ListComp)):
        return "list"
    if isinstance(value, ast.Call):
        callee = dotted_name(value.func)
        if callee in ("dict", "list"):
            return callee
        if callee == "json.loads" or (isinstance(value.func, ast.Attribute) and value.func.attr == "json"):
            return "parsed JSON value"
    return None


def _binds_json(model) -> bool:  # noqa: ANN001
    """``import json`` at module level, or the CommonServerPython star import (which has it)."""
    if model.bindings(None, "json"):
        return True
    return any(isinstance(node, ast.ImportFrom) and node.module == "CommonServerPython"
               and any(alias.name == "*" for alias in node.names) for node in model.tree.body)
