"""CM104 duplicate-argument.

What it does:
    Checks that no two arguments of one command (`script.commands[].arguments`) have the
    same `name`.

Why is this bad?
    The platform keeps one of the two definitions: the other one's default, options or
    `required` flag silently disappear, and the War Room offers the argument twice.

Example:
    - name: okta-get-events
      arguments:
      - name: limit
      - name: limit

Use instead:
    - name: okta-get-events
      arguments:
      - name: limit
      - name: from_date

Fix safety:
    Not fixable: the two definitions must be merged by hand.
"""

from __future__ import annotations

from validator.rules._common import commands, live_integration, named, repeated_names
from validator.rules._fixtures import COLLECTOR_YML_PATH, commands_appended
from validator.rules._fixtures import collector as collector_pack

from validator.rule import example, rule


def _add_argument(name: str) -> str:
    return commands_appended(f"    - name: {name}\n      description: Again.\n")


@rule(
    code="CM104",
    name="duplicate-argument",
    summary="two arguments of one command with the same name",
    severity="error",
    targets="integration",
    sdk=["IN113"],
    examples=[
        example.valid(collector_pack()),
        example.valid(collector_pack(yml=_add_argument("from_date"))),
        example.valid(collector_pack(yml=commands_appended(
            "  - name: okta-search-events\n    description: Searches events.\n    arguments:\n"
            "    - name: limit\n      description: Maximum number of events to return.\n")),
            title="the same argument in two commands"),
        example.invalid(collector_pack(yml=_add_argument("limit")), at=(COLLECTOR_YML_PATH, 29, 13)),
    ],
)
def check(ctx):
    if not live_integration(ctx):
        return
    for command, command_name in commands(ctx.script):
        for name, first in repeated_names(named(command.get("arguments"))):
            yield ctx.finding(name, f"argument '{name.value}' of '{command_name.value}' is declared more than once "
                                    f"(first at line {first})")
