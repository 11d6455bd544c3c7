"""CM102 command-not-declared.

What it does:
    Flags a command name the code handles explicitly (`command == 'x'`, `command in (...)`,
    `case 'x':`, a key of a dict of commands) that is neither declared in `script.commands`
    nor one of the `builtin-commands` the platform runs by itself (`test-module`,
    `fetch-events`, ...). Works even when the rest of the dispatch cannot be resolved: each
    literal is a fact on its own.

Why is this bad?
    Users can only run declared commands, so the branch is dead code: usually a typo in the
    literal or in the YAML (then the declared command is not handled either), or a command
    removed from the YAML but not from the code.

Example:
    elif command == 'okta-reset-password':  # not in script.commands
        return_results(reset_password(client, args))

Use instead:
    script:
      commands:
      - name: okta-reset-password

Fix safety:
    Not fixable: either the command must be declared (with its arguments and outputs) or the
    branch removed.

Options:
    builtin-commands: commands the platform runs without a declaration.
"""

from __future__ import annotations

from validator.rules._common import code_model, named
from validator.rules._fixtures import (
    COLLECTOR_PY,
    COLLECTOR_PY_CLIENT,
    COLLECTOR_PY_DICT,
    COLLECTOR_PY_MATCH,
    COLLECTOR_PY_PATH,
    COLLECTOR_UNIFIED_OFFSET,
    COLLECTOR_YML_PATH,
    unified_collector,
)
from validator.rules._fixtures import collector as collector_pack

from validator.rule import Option, example, rule
from validator.tree import Seq

BUILTINS = ["test-module", "fetch-incidents", "fetch-events", "fetch-indicators", "fetch-assets",
            "fetch-credentials", "long-running-execution", "get-mapping-fields", "get-remote-data",
            "get-modified-remote-data", "update-remote-system"]
RESET = COLLECTOR_PY.replace("    elif command == 'fetch-events':\n", "    elif command == 'okta-reset-cursor':\n"
                             "        demisto.setLastRun({})\n    elif command == 'fetch-events':\n")


@rule(
    code="CM102",
    name="command-not-declared",
    summary="a command the code handles that the YAML does not declare",
    severity="warning",
    targets="integration",
    needs_code=True,
    options=[Option("builtin-commands", "list[string]", BUILTINS, "commands the platform runs without a declaration")],
    examples=[
        example.valid(collector_pack(), title="if-elif"),
        example.valid(collector_pack(py=COLLECTOR_PY_MATCH), title="match-case"),
        example.valid(collector_pack(py=COLLECTOR_PY_DICT), title="dict of commands"),
        example.valid(collector_pack(py=COLLECTOR_PY_CLIENT), title="command in (...)"),
        example.valid(collector_pack(py=COLLECTOR_PY.replace("'okta-get-events'", "'okta-get-events', 'fetch-incidents'")
                                     .replace("command == 'okta-get", "command in ('okta-get")
                                     .replace("'fetch-incidents':", "'fetch-incidents'):")),
                      title="a built-in command"),
        example.valid(collector_pack(py=RESET), options={"builtin-commands": [*BUILTINS, "okta-reset-cursor"]},
                      title="listed in builtin-commands"),
        example.invalid(collector_pack(py=RESET), at=(COLLECTOR_PY_PATH, 22, 21), title="if-elif"),
        example.invalid(collector_pack(py=COLLECTOR_PY_MATCH.replace("case 'okta-get-events':",
                                                                     "case 'okta-get-events' | 'okta-list-logs':")),
                        at=(COLLECTOR_PY_PATH, 30, 34), title="match-case alternative"),
        example.invalid(collector_pack(py=COLLECTOR_PY_DICT.replace("'okta-get-events': ", "'okta-get-event': ")),
                        at=(COLLECTOR_PY_PATH, 30, 5), title="dict key with a typo"),
        example.invalid(collector_pack(py=COLLECTOR_PY_CLIENT.replace("'okta-get-events')", "'okta-list-logs')")),
                        at=(COLLECTOR_PY_PATH, 28, 35), title="command in (...)"),
        example.invalid(unified_collector(RESET), at=(COLLECTOR_YML_PATH, COLLECTOR_UNIFIED_OFFSET + 22, 25),
                        title="unified YAML"),
    ],
)
def check(ctx):
    model = code_model(ctx)
    if model is None:
        return
    declared = _declared(ctx.script)
    if declared is None:
        return  # script.commands is not a list: SX100's finding
    builtins = set(ctx.options["builtin-commands"])
    for literal, nodes in model.literal_nodes.items():
        if literal in declared or literal in builtins:
            continue
        for node in nodes:
            yield ctx.finding(node, f"command '{literal}' is handled in the code but not declared in the YAML")


def _declared(script) -> set[str] | None:
    """Command names of ``script.commands`` and its marketplace variants; None when one of
    them is not a list (the declared commands are not known)."""
    names: set[str] = set()
    for _market, _key, value in script.variants("commands") if script is not None else ():
        if not isinstance(value, Seq):
            return None
        names.update(name.value for _item, name in named(value))
    return names
