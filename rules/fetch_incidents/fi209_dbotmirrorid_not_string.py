"""FI209 dbotmirrorid-not-string.

What it does:
    Checks the `dbotMirrorId` value of each incident dict of a fetch integration (see
    FI206), and of each `N['dbotMirrorId'] = v` on one: flags a value that is an int or
    float literal, an `int(...)`, `float(...)` or `len(...)` call, or arithmetic made only
    of those. Other values pass: their type is not known.

Why is this bad?
    The fetching guide requires `dbotMirrorId` to be a string set in the code; it fills the
    Source IDs column of Fetch History and identifies the incident for mirroring.

Example:
    incident = {'name': e['title'], 'rawJSON': json.dumps(e),
                'dbotMirrorId': int(e['id'])}
    incidents.append(incident)

Use instead:
    incident = {'name': e['title'], 'rawJSON': json.dumps(e),
                'dbotMirrorId': str(e['id'])}
    incidents.append(incident)

Fix safety:
    Safe: wraps the value in `str(...)`; a number becomes the same digits as a string.
"""

from __future__ import annotations

import ast

from validator.finding import Fix
from validator.fixops import py_wrap
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

MIRROR = "'dbotMirrorId': str(alert['id'])"
INT_CALL = FETCHER_PY.replace(MIRROR, "'dbotMirrorId': int(alert['id'])")
INT_CALL_FIXED = FETCHER_PY.replace(MIRROR, "'dbotMirrorId': str(int(alert['id']))")
ARITHMETIC = FETCHER_PY_CLIENT.replace(MIRROR, "'dbotMirrorId': int(alert['id']) * 1000 + len(incidents)")
ARITHMETIC_FIXED = FETCHER_PY_CLIENT.replace(MIRROR, "'dbotMirrorId': str(int(alert['id']) * 1000 + len(incidents))")
UNKNOWN = FETCHER_PY.replace(MIRROR, "'dbotMirrorId': alert['id']")


@rule(
    code="FI209",
    name="dbotmirrorid-not-string",
    summary="an incident's dbotMirrorId that is a number, not a string",
    severity="error",
    targets="integration",
    fix_safety="safe",
    needs_code=True,
    examples=[
        example.valid(fetcher(), title="str call"),
        example.valid(fetcher(py=UNKNOWN), title="subscript type not known"),
        example.valid(fetcher(py=FETCHER_PY.replace(MIRROR, "'dbotMirrorId': f\"{alert['id']}\"")), title="f-string"),
        example.valid(fetcher(py=INT_CALL, yml=FETCHER_YML.replace("  isfetch: true\n", "")), title="not a fetcher"),
        example.invalid(fetcher(py=INT_CALL), at=(FETCHER_PY_PATH, 15, 29), title="int call",
                        fixed=fetcher(py=INT_CALL_FIXED)),
        example.invalid(fetcher(py=ARITHMETIC), at=(FETCHER_PY_PATH, 20, 33), title="arithmetic in a Client method",
                        # the whole expression is wrapped, not each operand
                        fixed=fetcher(py=ARITHMETIC_FIXED)),
        example.invalid(fetcher(yml=unified(INT_CALL), py=None), at=(FETCHER_YML_PATH, UNIFIED_LINE_OFFSET + 15, 33),
                        title="unified YAML", fixed=fetcher(yml=unified(INT_CALL_FIXED), py=None)),
    ],
)
def check(ctx):
    for value in incident_values(ctx, "dbotMirrorId"):
        if _numeric(value):
            fix = Fix("safe", "wrap the value in str(...)", ops=(py_wrap(python_span(ctx, value), "str"),))
            yield ctx.finding(value, "dbotMirrorId is a number, not a string", fix=fix)


def _numeric(value: ast.expr) -> bool:
    """An int/float literal, an int/float/len call, or arithmetic made only of those."""
    if isinstance(value, ast.Constant):
        return type(value.value) in (int, float)
    if isinstance(value, ast.Call):
        return isinstance(value.func, ast.Name) and value.func.id in ("int", "float", "len")
    if isinstance(value, ast.BinOp):
        return _numeric(value.left) and _numeric(value.right)
    if isinstance(value, ast.UnaryOp):
        return isinstance(value.op, (ast.USub, ast.UAdd)) and _numeric(value.operand)
    return False
