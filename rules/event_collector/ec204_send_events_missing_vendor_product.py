"""EC204 send-events-missing-vendor-product.

What it does:
    Checks that every send call (`send_events_to_xsiam`, `send_data_to_xsiam`, or a name
    listed in `[tool.validate.analysis] send-events-functions`) passes a `vendor` (2nd
    positional or keyword argument) and a `product` (3rd positional or keyword argument),
    and that neither is an empty string literal. Calls with `*args` or `**kwargs` are
    skipped: which argument is which cannot be known.

Why is this bad?
    XSIAM stores the events in the dataset `<vendor>_<product>_raw`. Without either value the
    call fails at run time; with an empty one the events land in a dataset nobody queries.

Example:
    send_events_to_xsiam(events, vendor=VENDOR)

Use instead:
    send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)

Fix safety:
    Not fixable: the vendor and product names are not known.
"""

from __future__ import annotations

import ast

from validator.rules._common import call_has_star_arguments, code_model
from validator.rules._fixtures import (
    COLLECTOR_PY_MATCH,
    COLLECTOR_PY_PATH,
    COLLECTOR_UNIFIED_OFFSET,
    COLLECTOR_YML_PATH,
    unified_collector,
    with_send,
)
from validator.rules._fixtures import collector as collector_pack

from validator.rule import example, rule

ARGUMENTS = ((1, "vendor"), (2, "product"))


@rule(
    code="EC204",
    name="send-events-missing-vendor-product",
    summary="a send_events_to_xsiam call without a vendor or product",
    severity="error",
    targets="integration",
    needs_code=True,
    examples=[
        example.valid(collector_pack(), title="keywords"),
        example.valid(collector_pack(py=with_send("send_events_to_xsiam(events, VENDOR, PRODUCT)")),
                      title="positional"),
        example.valid(collector_pack(
            py=with_send("send_events_to_xsiam(events=events, product=PRODUCT, vendor=VENDOR)"))),
        example.valid(collector_pack(py=with_send("send_events_to_xsiam(events, **DATASET)")),
                      title="**kwargs skipped"),
        example.valid(collector_pack(py=COLLECTOR_PY_MATCH), title="in a helper"),
        example.invalid(collector_pack(py=with_send("send_events_to_xsiam(events, vendor=VENDOR)")),
                        at=(COLLECTOR_PY_PATH, 25, 9), title="no product"),
        example.invalid(collector_pack(py=with_send("send_events_to_xsiam(events, product=PRODUCT)")),
                        at=(COLLECTOR_PY_PATH, 25, 9), title="no vendor"),
        example.invalid(collector_pack(py=with_send("send_events_to_xsiam(events, VENDOR, '')")),
                        at=(COLLECTOR_PY_PATH, 25, 9), title="empty product"),
        example.invalid(collector_pack(py=COLLECTOR_PY_MATCH.replace(", product=PRODUCT)", ")")),
                        at=(COLLECTOR_PY_PATH, 19, 5), title="in a helper"),
        example.invalid(collector_pack(py=with_send("csp.send_data_to_xsiam(events, vendor='')")),
                        at=(COLLECTOR_PY_PATH, 25, 9), title="send_data_to_xsiam through a module"),
        example.invalid(unified_collector(with_send("send_events_to_xsiam(events)")),
                        at=(COLLECTOR_YML_PATH, COLLECTOR_UNIFIED_OFFSET + 25, 13), title="unified YAML"),
    ],
)
def check(ctx):
    model = code_model(ctx)
    if model is None:
        return
    for call in model.calls("send"):
        node = call.node
        if call_has_star_arguments(node):
            continue
        keywords = {k.arg: k.value for k in node.keywords}
        for index, name in ARGUMENTS:
            value = node.args[index] if len(node.args) > index else keywords.get(name)
            if value is None:
                yield ctx.finding(node.func, f"{call.callee} call has no {name} argument")
            elif isinstance(value, ast.Constant) and isinstance(value.value, str) and not value.value.strip():
                yield ctx.finding(node.func, f"{call.callee} call has an empty {name}")
