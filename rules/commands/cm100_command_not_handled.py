"""CM100 command-not-handled.

What it does:
    Checks that the Python code handles every command declared in `script.commands`: an
    explicit branch (`command == 'x'`, `command in (...)`, `case 'x':`, a key of a dict of
    commands) or a catch-all (`else:`, `case _:`, a `.get()` default) that does not just
    raise.

    An absence rule: it stays silent when the dispatch cannot be resolved (an API-module or
    star import, `getattr(module, command)`, `exec`, a dict of commands changed after its
    literal, a syntax error).

Why is this bad?
    Users see every declared command in the War Room and in playbooks. One the code does not
    handle fails with "command not implemented", or silently does nothing.

Example:
    script:
      commands:
      - name: okta-get-events
      - name: okta-reset-cursor   # no branch in the code

Use instead:
    elif command == 'okta-reset-cursor':
        return_results(reset_cursor_command())

Fix safety:
    Not fixable: either the command must be implemented or its declaration removed.
"""

from __future__ import annotations

from validator.rules._common import code_model, commands
from validator.rules._fixtures import (
    COLLECTOR_PY,
    COLLECTOR_PY_API_MODULE,
    COLLECTOR_PY_CLIENT,
    COLLECTOR_PY_DICT,
    COLLECTOR_PY_DICT_EXTENDED,
    COLLECTOR_PY_GETATTR,
    COLLECTOR_PY_MATCH,
    COLLECTOR_YML_PATH,
    commands_appended,
    unified_collector,
)
from validator.rules._fixtures import collector as collector_pack

from validator.rule import example, rule

TWO_COMMANDS = commands_appended("  - name: okta-reset-cursor\n    description: Resets the fetch position.\n")


@rule(
    code="CM100",
    name="command-not-handled",
    summary="a command declared in the YAML that the code does not handle",
    severity="error",
    targets="integration",
    sdk=["E9010"],
    absence=True,
    needs_code=True,
    examples=[
        example.valid(collector_pack(), title="if-elif"),
        example.valid(collector_pack(py=COLLECTOR_PY_MATCH), title="match-case"),
        example.valid(collector_pack(py=COLLECTOR_PY_DICT), title="dict of commands"),
        example.valid(collector_pack(py=COLLECTOR_PY_CLIENT), title="command in (...)"),
        example.valid(collector_pack(yml=TWO_COMMANDS, py=COLLECTOR_PY_CLIENT), title="catch-all else handles it"),
        example.valid(unified_collector(), title="unified YAML"),
        example.valid(collector_pack(py=COLLECTOR_PY_API_MODULE), title="API module import: not resolved"),
        example.valid(collector_pack(py=COLLECTOR_PY_GETATTR), title="getattr dispatch: not resolved"),
        example.valid(collector_pack(py=COLLECTOR_PY_DICT_EXTENDED), title="dict of commands extended: not resolved"),
        example.valid(collector_pack(yml=TWO_COMMANDS + "deprecated: true\n"), title="deprecated"),
        example.invalid(collector_pack(yml=TWO_COMMANDS), at=(COLLECTOR_YML_PATH, 29, 11), title="if-elif"),
        example.invalid(collector_pack(yml=TWO_COMMANDS, py=COLLECTOR_PY_MATCH), at=(COLLECTOR_YML_PATH, 29, 11),
                        title="match-case whose case _ raises"),
        example.invalid(collector_pack(py=COLLECTOR_PY_DICT.replace("    'okta-get-events': get_events_command,\n", "")),
                        at=(COLLECTOR_YML_PATH, 24, 11), title="dict of commands"),
        example.invalid(unified_collector(COLLECTOR_PY, TWO_COMMANDS),
                        at=(COLLECTOR_YML_PATH, 29 + len(COLLECTOR_PY.splitlines()), 11), title="unified YAML"),
    ],
)
def check(ctx):
    model = code_model(ctx, absence=True)
    if model is None:
        return
    for _command, name in commands(ctx.script):
        if not model.handles(name.value):
            yield ctx.finding(name, f"command '{name.value}' is declared but not handled in the code")
