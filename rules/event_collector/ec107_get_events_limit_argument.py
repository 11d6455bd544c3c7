"""EC107 get-events-limit-argument.

What it does:
    Checks that each `*-get-events` command of an event collector has an argument that
    limits the number of events (one named in `limit-argument-names`).

Why is this bad?
    The platform's documents say this command fetches a limited number of events; without
    a limit a War Room call can pull a whole day of logs.

Example:
    - name: okta-get-events
      arguments:
      - name: from_date

Use instead:
    - name: okta-get-events
      arguments:
      - name: from_date
      - name: limit

Fix safety:
    Not fixable: the code must read the argument.

Options:
    limit-argument-names: argument names that count as a limit.
"""

from __future__ import annotations

from validator.rules._common import collector, commands
from validator.rules._fixtures import COLLECTOR_YML, COLLECTOR_YML_PATH
from validator.rules._fixtures import collector as collector_pack
from validator.rule import Option, example, rule
from validator.tree import Map, Seq

LIMIT_ARGS = ["limit", "max_fetch", "max_events", "max_results", "page_size"]


@rule(
    code="EC107",
    name="get-events-limit-argument",
    summary="a '*-get-events' command without an argument that limits the events",
    severity="info",
    targets="integration",
    options=[Option("limit-argument-names", "list[string]", LIMIT_ARGS, "argument names that limit the events")],
    examples=[
        example.valid(collector_pack()),
        example.invalid(collector_pack(yml=COLLECTOR_YML.replace("    - name: limit", "    - name: from_date")),
                        at=(COLLECTOR_YML_PATH, 24, 11)),
    ],
)
def check(ctx):
    if not collector(ctx):
        return
    wanted = set(ctx.options["limit-argument-names"])
    for command, name in commands(ctx.script):
        if not name.value.endswith("-get-events"):
            continue
        arguments = command.get("arguments")
        names = {a.value("name") for a in arguments.items if isinstance(a, Map)} if isinstance(arguments, Seq) else set()
        if not names & wanted:
            yield ctx.finding(name, f"'{name.value}' has no argument that limits the number of events")
