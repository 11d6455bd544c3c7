"""FI213 occurred-not-iso-string.

What it does:
    Checks the `occurred` value of each incident dict of a fetch integration (see FI206),
    and of each `N['occurred'] = v` on one: flags an int or float literal, an `int(...)`,
    `float(...)` or `time.time()` call, or a string literal that is not an ISO 8601 date
    and time (`2024-01-31T10:00:00Z`, optional seconds, fraction and offset). Other values
    pass: their format is not known.

Why is this bad?
    The guide: `occurred` "must be string of a format ISO8601". An epoch number or another
    date format is not parsed as the event time.

Example:
    incidents.append({'name': e['title'], 'occurred': int(e['epoch']),
                      'rawJSON': json.dumps(e)})

Use instead:
    incidents.append({'name': e['title'],
                      'occurred': timestamp_to_datestring(int(e['epoch']) * 1000),
                      'rawJSON': json.dumps(e)})

Fix safety:
    Not fixable: the unit and time zone of the value are not known.
"""

from __future__ import annotations

import ast
import re

from validator.pycode import dotted_name
from validator.rule import example, rule
from validator.rules._common import incident_values
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

ISO_8601 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
OCCURRED = "'occurred': alert['created']"
EPOCH = FETCHER_PY.replace(OCCURRED, "'occurred': int(alert['created_epoch'])")
NOW = FETCHER_PY_CLIENT.replace("import json\n", "import json\nimport time\n").replace(OCCURRED,
                                                                                      "'occurred': time.time()")
SLASHES = FETCHER_PY.replace(OCCURRED, "'occurred': '2024/01/31 10:00'")
ISO = FETCHER_PY.replace(OCCURRED, "'occurred': '2024-01-31T10:00:00.000+02:00'")
CONVERTED = FETCHER_PY.replace(OCCURRED, "'occurred': timestamp_to_datestring(int(alert['created_epoch']) * 1000)")


@rule(
    code="FI213",
    name="occurred-not-iso-string",
    summary="an incident's occurred that is a number or a non-ISO 8601 string",
    severity="warning",
    targets="integration",
    needs_code=True,
    examples=[
        example.valid(fetcher(), title="subscript not known"),
        example.valid(fetcher(py=ISO), title="ISO 8601 literal"),
        example.valid(fetcher(py=CONVERTED), title="converted"),
        example.valid(fetcher(py=EPOCH, yml=FETCHER_YML.replace("  isfetch: true\n", "")), title="not a fetcher"),
        example.invalid(fetcher(py=EPOCH), at=(FETCHER_PY_PATH, 13, 25), title="int call"),
        example.invalid(fetcher(py=NOW), at=(FETCHER_PY_PATH, 19, 29), title="time.time in a Client method"),
        example.invalid(fetcher(py=SLASHES), at=(FETCHER_PY_PATH, 13, 25), title="other date format"),
        example.invalid(fetcher(yml=unified(EPOCH), py=None), at=(FETCHER_YML_PATH, UNIFIED_LINE_OFFSET + 13, 29),
                        title="unified YAML"),
    ],
)
def check(ctx):
    for value in incident_values(ctx, "occurred"):
        kind = _kind(value)
        if kind is not None:
            yield ctx.finding(value, f"occurred is {kind}, not an ISO 8601 string")


def _kind(value: ast.expr) -> str | None:
    if isinstance(value, ast.UnaryOp) and isinstance(value.op, (ast.USub, ast.UAdd)):
        value = value.operand
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return None
    if isinstance(value, ast.Constant):
        if isinstance(value.value, str):
            return None if ISO_8601.fullmatch(value.value) else f"'{value.value}'"
        return "a number" if type(value.value) in (int, float) else None
    if isinstance(value, ast.Call):
        callee = dotted_name(value.func)
        if callee in ("int", "float"):
            return "a number"
        if callee == "time.time":
            return "a timestamp"
    return None
