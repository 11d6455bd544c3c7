"""EC104 collector-get-events-command.

What it does:
    Checks that an event collector declares a command whose name ends with
    `-get-events` (`<product-prefix>-get-events`).

Why is this bad?
    The platform's documents require every collector to offer this command: it fetches a
    limited number of events into the War Room, so users can check the connection and see
    what the collector would send before enabling fetching.

Example:
    script:
      isfetchevents: true
      commands:
      - name: okta-list-logs

Use instead:
    script:
      isfetchevents: true
      commands:
      - name: okta-get-events

Fix safety:
    Not fixable: the command must be implemented.
"""

from __future__ import annotations

from validator.rules._common import collector, commands
from validator.rules._fixtures import COLLECTOR_YML, COLLECTOR_YML_PATH
from validator.rules._fixtures import collector as collector_pack
from validator.rule import example, rule
from validator.tree import Seq


@rule(
    code="EC104",
    name="collector-get-events-command",
    summary="a collector without a '<prefix>-get-events' command",
    severity="error",
    targets="integration",
    examples=[
        example.valid(collector_pack()),
        example.invalid(collector_pack(yml=COLLECTOR_YML.replace("okta-get-events", "okta-list-logs")),
                        at=(COLLECTOR_YML_PATH, 23, 3)),
    ],
)
def check(ctx):
    if not collector(ctx):
        return
    if any(name.value.endswith("-get-events") for _, name in commands(ctx.script)):
        return
    items = ctx.script.get("commands") if ctx.script is not None else None
    has_items = isinstance(items, Seq) and items.items
    at = ctx.script.key_node("commands") if has_items else ctx.root.key_node("script")
    yield ctx.finding(at, "no '<prefix>-get-events' command is declared")
