"""EC100 collector-name-suffix.

What it does:
    Checks that an event collector's `commonfields.id`, `name` and `display` end with
    "Event Collector" (the `suffix` option), ignoring a trailing " (Deprecated)" and a
    version token such as " v2". `id` and `name` may also end with "EventCollector", the
    form `demisto-sdk init` generates. Reads the marketplacev2 view of each key.

Why is this bad?
    The platform documents this naming convention so that users can tell collectors from
    other integrations, and the content repository enforces it on review.

Example:
    commonfields:
      id: OktaCollector
    name: OktaCollector
    display: Okta Collector

Use instead:
    commonfields:
      id: Okta Event Collector
    name: Okta Event Collector
    display: Okta Event Collector

Fix safety:
    Not fixable: renaming an id breaks references to it.

Options:
    suffix: the required ending (case-sensitive). Teams with another convention change it
    or disable the rule.
"""

from __future__ import annotations

import re

from validator.rules._common import MARKET, collector
from validator.rules._fixtures import COLLECTOR_YML, COLLECTOR_YML_PATH
from validator.rules._fixtures import collector as collector_pack
from validator.rule import Option, example, rule
from validator.tree import Map, Scalar

_TAIL = (re.compile(r"\s*\(Deprecated\)$"), re.compile(r"\s?[vV]\d+$"))


def stripped(text: str) -> str:
    text = text.rstrip()
    for pattern in _TAIL:
        text = pattern.sub("", text)
    return text


def _renamed(old: str) -> str:
    return COLLECTOR_YML.replace(f"{old}: Okta Event Collector", f"{old}: Okta Collector")


@rule(
    code="EC100",
    name="collector-name-suffix",
    summary="a collector's id, name or display does not end with 'Event Collector'",
    severity="error",
    targets="integration",
    options=[Option("suffix", "string", "Event Collector", "the ending id, name and display need")],
    examples=[
        example.valid(collector_pack()),
        example.valid(collector_pack(yml=COLLECTOR_YML.replace("id: Okta Event Collector", "id: OktaEventCollector")
                                     .replace("name: Okta Event Collector", "name: Okta Event Collector v2")),
                      title="joined id and a version token"),
        example.invalid(collector_pack(yml=_renamed("display")), at=(COLLECTOR_YML_PATH, 5, 10), title="display"),
        example.invalid(collector_pack(yml=_renamed("id")), at=(COLLECTOR_YML_PATH, 2, 7), title="id"),
        example.invalid(collector_pack(yml=COLLECTOR_YML.replace(
            "display: Okta Event Collector\n", "display: Okta Event Collector\ndisplay:marketplacev2: Okta\n")),
            at=(COLLECTOR_YML_PATH, 6, 24), title="marketplacev2 variant"),
    ],
)
def check(ctx):
    if not collector(ctx):
        return
    suffix = ctx.options["suffix"]
    joined = suffix.replace(" ", "")
    common = ctx.root.get("commonfields")
    targets = [("id", common if isinstance(common, Map) else None), ("name", ctx.root), ("display", ctx.root)]
    for key, holder in targets:
        node = holder.view(key, MARKET) if holder is not None else None
        if not isinstance(node, Scalar) or not isinstance(node.value, str):
            continue  # left to SX100
        text = stripped(node.value)
        if text.endswith(suffix) or (key != "display" and text.endswith(joined)):
            continue
        alternative = f" or '{joined}'" if key != "display" and joined != suffix else ""
        yield ctx.finding(node, f"{key} '{node.value}' does not end with '{suffix}'{alternative}")
