"""CM103 duplicate-command.

What it does:
    Checks that no two items of `script.commands` have the same `name`.

Why is this bad?
    The platform keeps one of the two definitions (which one is not documented): the other
    one's arguments, outputs and description silently disappear, and the docs generated
    from the YAML list the command twice.

Example:
    script:
      commands:
      - name: okta-get-events
        arguments:
        - name: limit
      - name: okta-get-events
        arguments:
        - name: from_date

Use instead:
    script:
      commands:
      - name: okta-get-events
        arguments:
        - name: limit
        - name: from_date

Fix safety:
    Not fixable: the two definitions must be merged by hand.
"""

from __future__ import annotations

from validator.rules._common import commands, live_integration, repeated_names
from validator.rules._fixtures import COLLECTOR_YML_PATH, FETCHER_YML, FETCHER_YML_PATH, commands_appended
from validator.rules._fixtures import collector as collector_pack
from validator.rules._fixtures import fetcher as fetcher_pack

from validator.rule import example, rule


def _add_command(name: str) -> str:
    return commands_appended(f"  - name: {name}\n    description: Gets events.\n")


@rule(
    code="CM103",
    name="duplicate-command",
    summary="two commands with the same name",
    severity="error",
    targets="integration",
    examples=[
        example.valid(collector_pack()),
        example.valid(collector_pack(yml=_add_command("okta-get-event"))),
        example.valid(collector_pack(yml=_add_command("okta-get-events") + "deprecated: true\n"), title="deprecated"),
        example.invalid(collector_pack(yml=_add_command("okta-get-events")), at=(COLLECTOR_YML_PATH, 29, 11)),
        example.invalid(fetcher_pack(yml=FETCHER_YML.replace(
            "fromversion: 6.0.0\n", "  - {name: acme-get-alert, description: Gets it again.}\nfromversion: 6.0.0\n")),
            at=(FETCHER_YML_PATH, 47, 12), title="a fetcher, flow mapping"),
    ],
)
def check(ctx):
    if not live_integration(ctx):
        return
    for name, first in repeated_names(commands(ctx.script)):
        yield ctx.finding(name, f"command '{name.value}' is declared more than once (first at line {first})")
