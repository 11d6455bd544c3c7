"""CM106 builtin-command-declared.

What it does:
    Flags an item of `script.commands` named `test-module`, `fetch-incidents`,
    `fetch-events`, `fetch-indicators`, `fetch-assets`, `fetch-credentials` or
    `long-running-execution`.

Why is this bad?
    The platform runs these commands by itself, from the instance settings (the Test button,
    the fetch and long-running flags); the docs say they need not be declared. Declaring
    one exposes it as a command users can run from the War Room or a playbook, outside the
    fetch cycle, which moves the last-run position or sends events twice.

Example:
    script:
      commands:
      - name: fetch-incidents
        description: Fetches incidents.

Use instead:
    script:
      isfetch: true

Fix safety:
    Unsafe: the fix removes the item, which breaks playbooks or scripts that call the
    command directly.
"""

from __future__ import annotations

from validator.rules._common import live_integration
from validator.rules._fixtures import COLLECTOR_YML, COLLECTOR_YML_PATH, FETCHER_YML, FETCHER_YML_PATH
from validator.rules._fixtures import collector as collector_pack
from validator.rules._fixtures import fetcher as fetcher_pack

from validator.finding import Fix
from validator.fixops import yaml_remove
from validator.rule import example, rule
from validator.tree import Map, Scalar, Seq

BUILTINS = frozenset({"test-module", "fetch-incidents", "fetch-events", "fetch-indicators", "fetch-assets",
                      "fetch-credentials", "long-running-execution"})
COMMANDS = "  commands:\n"
ONLY_COMMAND = COMMANDS + ("  - name: acme-get-alert\n    description: Gets one alert.\n    arguments:\n"
                           "    - name: alert_id\n      required: true\n")
BUILTIN_ONLY = "  - name: fetch-incidents  # kept from the template\n    description: Fetches incidents.\n"


@rule(
    code="CM106",
    name="builtin-command-declared",
    summary="a built-in command such as fetch-incidents declared in script.commands",
    severity="warning",
    targets="integration",
    fix_safety="unsafe",
    examples=[
        example.valid(collector_pack()),
        example.valid(collector_pack(yml=COLLECTOR_YML.replace("okta-get-events", "okta-fetch-events")),
                      title="a prefixed name"),
        example.invalid(fetcher_pack(yml=FETCHER_YML.replace(
            COMMANDS, COMMANDS + "  - name: fetch-incidents\n    description: Fetches incidents.\n")),
            at=(FETCHER_YML_PATH, 42, 11), title="fetch-incidents", fixed=fetcher_pack()),
        example.invalid(collector_pack(yml=COLLECTOR_YML.replace("fromversion:", "  - name: test-module\nfromversion:")),
                        at=(COLLECTOR_YML_PATH, 29, 11), title="test-module, last item", fixed=collector_pack()),
        example.invalid(fetcher_pack(yml=FETCHER_YML.replace(ONLY_COMMAND, COMMANDS + BUILTIN_ONLY)),
                        at=(FETCHER_YML_PATH, 42, 11), title="the only command",
                        # a list left empty becomes []
                        fixed={FETCHER_YML_PATH: FETCHER_YML.replace(ONLY_COMMAND, "  commands: []\n")}),
    ],
)
def check(ctx):
    if not live_integration(ctx) or ctx.script is None:
        return
    items = ctx.script.get("commands")
    if not isinstance(items, Seq):
        return
    for index, item in enumerate(items.items):
        name = item.get("name") if isinstance(item, Map) else None
        if isinstance(name, Scalar) and name.value in BUILTINS:
            fix = Fix("unsafe", f"remove the '{name.value}' command", ops=(yaml_remove(("script", "commands", index)),))
            yield ctx.finding(name, f"'{name.value}' is a built-in command declared in script.commands", fix=fix)
