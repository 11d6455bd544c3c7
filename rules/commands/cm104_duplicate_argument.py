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

from validator.rules._common import commands
from validator.rules._fixtures import COLLECTOR_YML, COLLECTOR_YML_PATH
from validator.rules._fixtures import collector as collector_pack

from validator.rule import example, rule
from validator.tree import Map, Scalar, Seq

LAST_ARGUMENT = "      description: Maximum number of events to return.\n"


def _add_argument(name: str) -> str:
    return COLLECTOR_YML.replace(LAST_ARGUMENT, LAST_ARGUMENT + f"    - name: {name}\n      description: Again.\n")


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
        example.valid(collector_pack(yml=COLLECTOR_YML.replace(LAST_ARGUMENT, LAST_ARGUMENT + (
            "  - name: okta-search-events\n    description: Searches events.\n    arguments:\n"
            "    - name: limit\n      description: Maximum number of events to return.\n"))),
            title="the same argument in two commands"),
        example.invalid(collector_pack(yml=_add_argument("limit")), at=(COLLECTOR_YML_PATH, 29, 13)),
    ],
)
def check(ctx):
    integ = ctx.integration
    if integ is None or integ.root is None or integ.deprecated:
        return
    for command, command_name in commands(ctx.script):
        arguments = command.get("arguments")
        if not isinstance(arguments, Seq):
            continue
        first: dict[str, int] = {}
        for item in arguments.items:
            name = item.get("name") if isinstance(item, Map) else None
            if not (isinstance(name, Scalar) and isinstance(name.value, str)):
                continue
            if name.value in first:
                yield ctx.finding(name, f"argument '{name.value}' of '{command_name.value}' is declared more than once "
                                        f"(first at line {first[name.value]})")
            else:
                first[name.value] = name.line
