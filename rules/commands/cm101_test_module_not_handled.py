"""CM101 test-module-not-handled.

What it does:
    Checks that the Python code handles `test-module`, the command the platform runs when a
    user clicks Test in the instance settings: an explicit branch or a catch-all that does
    not just raise.

    An absence rule: it stays silent when the dispatch cannot be resolved (an API-module or
    star import, `getattr(module, command)`, `exec`, a syntax error).

Why is this bad?
    Without it the Test button always fails, so users cannot check the URL and credentials
    before saving an instance; for a collector they only learn at the first fetch.

Example:
    command = demisto.command()
    if command == 'fetch-events':
        fetch_events(client)

Use instead:
    command = demisto.command()
    if command == 'test-module':
        return_results(test_module(client))
    elif command == 'fetch-events':
        fetch_events(client)

Fix safety:
    Not fixable: what a meaningful test calls depends on the product's API.
"""

from __future__ import annotations

from validator.rules._common import code_model
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
    COLLECTOR_YML_PATH,
    FETCHER_PY,
    FETCHER_PY_PATH,
    unified_collector,
)
from validator.rules._fixtures import collector as collector_pack
from validator.rules._fixtures import fetcher as fetcher_pack

from validator.rule import example, rule


def _no_test(py: str) -> str:
    return py.replace("'test-module'", "'okta-test'")


@rule(
    code="CM101",
    name="test-module-not-handled",
    summary="code that does not handle 'test-module'",
    severity="error",
    targets="integration",
    sdk=["E9011"],
    absence=True,
    needs_code=True,
    examples=[
        example.valid(collector_pack(), title="if-elif"),
        example.valid(collector_pack(py=COLLECTOR_PY_MATCH), title="match-case"),
        example.valid(collector_pack(py=COLLECTOR_PY_DICT), title="dict of commands"),
        example.valid(collector_pack(py=COLLECTOR_PY_CLIENT), title="command in (...)"),
        example.valid(collector_pack(py=COLLECTOR_PY_CLIENT.replace("('test-module', 'okta-get-events')",
                                                                    "('okta-get-events',)")),
                      title="catch-all else handles it"),
        example.valid(unified_collector(), title="unified YAML"),
        example.valid(collector_pack(py=_no_test(COLLECTOR_PY_API_MODULE)), title="API module import: not resolved"),
        example.valid(collector_pack(py=_no_test(COLLECTOR_PY_GETATTR)), title="getattr dispatch: not resolved"),
        example.valid(collector_pack(py=COLLECTOR_PY_DICT_EXTENDED.replace("    'test-module': test_module,\n", "")
                                     .replace("COMMANDS['okta-get-events']", "COMMANDS['test-module'] = test_module\nCOMMANDS['okta-get-events']")),
                      title="dict of commands extended: not resolved"),
        example.invalid(collector_pack(py=_no_test(COLLECTOR_PY)), at=(COLLECTOR_PY_PATH, 15, 15), title="if-elif"),
        example.invalid(collector_pack(py=_no_test(COLLECTOR_PY_MATCH)), at=(COLLECTOR_PY_PATH, 26, 11),
                        title="match-case whose case _ raises"),
        example.invalid(collector_pack(py=COLLECTOR_PY_DICT.replace("    'test-module': test_module,\n", "")),
                        at=(COLLECTOR_PY_PATH, 36, 15), title="dict of commands"),
        example.invalid(fetcher_pack(py=_no_test(FETCHER_PY)), at=(FETCHER_PY_PATH, 25, 15), title="a fetcher"),
        example.invalid(unified_collector(_no_test(COLLECTOR_PY)),
                        at=(COLLECTOR_YML_PATH, COLLECTOR_UNIFIED_OFFSET + 15, 19), title="unified YAML"),
    ],
)
def check(ctx):
    model = code_model(ctx, absence=True)
    if model is None:
        return
    if not model.handles("test-module"):
        yield ctx.finding(model.first_command_expression, "the code does not handle 'test-module'")
