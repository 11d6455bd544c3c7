"""EC200 fetch-events-not-handled.

What it does:
    Checks that the code of an event collector handles the `fetch-events` command: an
    explicit branch (`command == 'fetch-events'`, `command in (...)`, `case 'fetch-events':`,
    a key of a dict of commands) or a catch-all (`else:`, `case _:`, a `.get()` default)
    that does not just raise.

    An absence rule: it stays silent when the dispatch cannot be resolved (an API-module or
    star import, `getattr(module, command)`, `exec`, a syntax error).

Why is this bad?
    The platform runs `fetch-events` at every fetch interval. A collector whose code does not
    handle it never sends an event; the instance only logs errors.

Example:
    command = demisto.command()
    if command == 'test-module':
        return_results('ok')
    elif command == 'okta-get-events':
        return_results(get_events_command(client, demisto.args()))

Use instead:
    command = demisto.command()
    if command == 'test-module':
        return_results('ok')
    elif command == 'okta-get-events':
        return_results(get_events_command(client, demisto.args()))
    elif command == 'fetch-events':
        fetch_events(client, demisto.getLastRun())

Fix safety:
    Not fixable: the command must be implemented.
"""

from __future__ import annotations

from validator.rules._common import code_model, collector
from validator.rules._fixtures import (
    COLLECTOR_PY,
    COLLECTOR_PY_API_MODULE,
    COLLECTOR_PY_CLIENT,
    COLLECTOR_PY_DICT,
    COLLECTOR_PY_DICT_EXTENDED,
    COLLECTOR_PY_GETATTR,
    COLLECTOR_PY_MATCH,
    COLLECTOR_PY_PATH,
    COLLECTOR_UNIFIED_OFFSET,
    COLLECTOR_YML,
    COLLECTOR_YML_PATH,
    unified_collector,
)
from validator.rules._fixtures import collector as collector_pack

from validator.rule import example, rule

NO_FETCH = COLLECTOR_PY.replace("elif command == 'fetch-events':", "elif command == 'okta-fetch':")


@rule(
    code="EC200",
    name="fetch-events-not-handled",
    summary="a collector whose code does not handle 'fetch-events'",
    severity="error",
    targets="integration",
    absence=True,
    needs_code=True,
    examples=[
        example.valid(collector_pack(), title="if-elif"),
        example.valid(collector_pack(py=COLLECTOR_PY_MATCH), title="match-case"),
        example.valid(collector_pack(py=COLLECTOR_PY_DICT), title="dict of commands"),
        example.valid(collector_pack(py=COLLECTOR_PY_CLIENT), title="catch-all else"),
        example.valid(unified_collector(), title="unified YAML"),
        example.valid(collector_pack(py=COLLECTOR_PY_API_MODULE.replace("'fetch-events'", "'okta-get-events'")),
                      title="API module import: not resolved"),
        example.valid(collector_pack(py=COLLECTOR_PY_GETATTR.replace("'fetch-events'", "'okta-get-events'")),
                      title="getattr dispatch: not resolved"),
        example.valid(collector_pack(py=COLLECTOR_PY_DICT_EXTENDED.replace("    'fetch-events': fetch_events_command,\n", "")
                                     .replace("COMMANDS['okta-get-events']", "COMMANDS['fetch-events'] = fetch_events_command\nCOMMANDS['okta-get-events']")),
                      title="dict of commands extended: not resolved"),
        example.valid(collector_pack(yml=COLLECTOR_YML + "deprecated: true\n", py=NO_FETCH), title="deprecated"),
        example.invalid(collector_pack(py=NO_FETCH), at=(COLLECTOR_PY_PATH, 15, 15), title="if-elif"),
        example.invalid(collector_pack(py=COLLECTOR_PY_MATCH.replace("case 'fetch-events':", "case 'okta-fetch':")),
                        at=(COLLECTOR_PY_PATH, 26, 11), title="match-case whose case _ raises"),
        example.invalid(collector_pack(py=COLLECTOR_PY_DICT.replace("'fetch-events': ", "'okta-fetch': ")),
                        at=(COLLECTOR_PY_PATH, 37, 15), title="dict of commands"),
        example.invalid(unified_collector(NO_FETCH), at=(COLLECTOR_YML_PATH, COLLECTOR_UNIFIED_OFFSET + 15, 19),
                        title="unified YAML"),
    ],
)
def check(ctx):
    model = code_model(ctx, absence=True, only=collector)
    if model is None:
        return
    if not model.handles("fetch-events"):
        yield ctx.finding(model.first_command_expression, "the code does not handle the 'fetch-events' command")
