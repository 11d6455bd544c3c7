"""Tests of the Python code model (RULES.md section 2): one table per behaviour."""

from __future__ import annotations

import ast
import gc
from collections.abc import Callable
import re
import sys
import textwrap
import time

import pytest

from validator.pycode import AnalysisOptions, CodeModel, build_model, char_column, dotted_name

DEFAULTS = AnalysisOptions()


def model(source: str, options: AnalysisOptions = DEFAULTS) -> CodeModel:
    source = textwrap.dedent(source)
    return build_model(ast.parse(source), options, source=source)


def catch_all_state(m: CodeModel) -> str | None:
    """'handles' when a handling catch-all exists, 'raises' when only raising ones do."""
    if m.catch_all is not None:
        return "handles"
    return "raises" if m.all_catch_alls else None


def where(call) -> str:
    return call.function.name if call.function is not None else "<module>"


# --------------------------------------------------------------------------- dispatch shapes
# (source, H in source order, resolved, catch-all state)

DISPATCH = [
    pytest.param(
        """
        def main():
            command = demisto.command()
            if command == 'test-module':
                pass
            elif command == 'fetch-incidents':
                pass
        """,
        ["test-module", "fetch-incidents"],
        True,
        None,
        id="if-elif-eq",
    ),
    pytest.param(
        """
        if demisto.command() == 'test-module':
            pass
        elif 'fetch-events' == demisto.command():
            pass
        """,
        ["test-module", "fetch-events"],
        True,
        None,
        id="inline-command-expression-both-sides",
    ),
    pytest.param(
        """
        def main():
            cmd: str = demisto.command()
            if cmd == 'test-module':
                pass
        """,
        ["test-module"],
        True,
        None,
        id="annotated-binding-any-name",
    ),
    pytest.param(
        """
        def main():
            if (command := demisto.command()) == 'test-module':
                pass
            elif command == 'fetch-events':
                pass
        """,
        ["test-module", "fetch-events"],
        True,
        None,
        id="walrus",
    ),
    pytest.param(
        """
        def main():
            command = demisto.command()
            cmd = command
            if cmd == 'a':
                pass
        """,
        ["a"],
        True,
        None,
        id="variable-bound-to-variable",
    ),
    pytest.param(
        """
        COMMAND = demisto.command()
        def main():
            if COMMAND == 'a':
                pass
        """,
        ["a"],
        True,
        None,
        id="module-variable-read-in-function",
    ),
    pytest.param(
        """
        command = demisto.command()
        if command in ('a', 'b'):
            pass
        elif command in ['c']:
            pass
        elif command in {'d', 'e'}:
            pass
        """,
        ["a", "b", "c", "d", "e"],
        True,
        None,
        id="in-tuple-list-set",
    ),
    pytest.param(
        """
        READ = ('a', 'b')
        def main():
            command = demisto.command()
            writes = {'c': write}
            if command in READ:
                pass
            elif command in writes:
                pass
        """,
        ["a", "b", "c"],
        True,
        None,
        id="in-name-bound-once-and-dict-keys",
    ),
    pytest.param(
        """
        FETCH = 'fetch-incidents'
        TEST = 'test-module'
        def main():
            command = demisto.command()
            if command == FETCH:
                pass
            elif command in (TEST, 'x'):
                pass
        """,
        ["fetch-incidents", "test-module", "x"],
        True,
        None,
        id="module-constant-literals",
    ),
    pytest.param(
        """
        def main():
            command = demisto.command()
            match command:
                case 'test-module':
                    pass
                case 'a' | 'b':
                    pass
                case ('c' | 'd') as chosen:
                    pass
        """,
        ["test-module", "a", "b", "c", "d"],
        True,
        None,
        id="match-case-or-as",
    ),
    pytest.param(
        """
        def main():
            match demisto.command():
                case 'test-module':
                    pass
                case _:
                    raise NotImplementedError('no')
        """,
        ["test-module"],
        True,
        "raises",
        id="match-wildcard-raises",
    ),
    pytest.param(
        """
        def main():
            match demisto.command():
                case 'a':
                    pass
                case other:
                    run(other)
        """,
        ["a"],
        True,
        "handles",
        id="match-capture-handles",
    ),
    pytest.param(
        """
        def main():
            command = demisto.command()
            commands = {'a': a_command, 'b': lambda c, r: b_command(c, r)}
            return_results(commands[command](client, args))
        """,
        ["a", "b"],
        True,
        None,
        id="dict-subscript",
    ),
    pytest.param(
        """
        COMMANDS = {'a': a_command}
        def main():
            command = demisto.command()
            func = COMMANDS.get(command)
            other = COMMANDS.get(command, None)
        """,
        ["a"],
        True,
        None,
        id="dict-get-module-level",
    ),
    pytest.param(
        """
        def main():
            command = demisto.command()
            commands = {'a': a_command}
            commands.get(command, unknown_command)(client)
        """,
        ["a"],
        True,
        "handles",
        id="dict-get-default-is-catch-all",
    ),
    pytest.param(
        """
        def handle(cmd, client):
            if cmd == 'a':
                pass
            elif cmd == 'b':
                pass
        def main():
            command = demisto.command()
            handle(command, Client())
        """,
        ["a", "b"],
        True,
        None,
        id="parameter-of-module-function",
    ),
    pytest.param(
        """
        def handle(client, *, name):
            if name == 'a':
                pass
        def main():
            handle(Client(), name=demisto.command())
        """,
        ["a"],
        True,
        None,
        id="keyword-parameter",
    ),
    pytest.param(
        """
        class Runner:
            def run(self, command):
                if command == 'a':
                    pass
        def main():
            Runner().run(demisto.command())
        """,
        ["a"],
        True,
        None,
        id="parameter-of-method",
    ),
    pytest.param(
        """
        def main():
            command = demisto.command()
            if command == 'a':
                pass
            else:
                run_other()
        """,
        ["a"],
        True,
        "handles",
        id="else-handles",
    ),
    pytest.param(
        """
        def main():
            command = demisto.command()
            if command == 'a':
                pass
            elif command == 'b':
                pass
            else:
                raise NotImplementedError(f'{command} is not implemented')
        """,
        ["a", "b"],
        True,
        "raises",
        id="else-raises",
    ),
    pytest.param(
        """
        def main():
            command = demisto.command()
            if command == 'a':
                pass
            else:
                return_error('unknown command')
        """,
        ["a"],
        True,
        "raises",
        id="else-return-error",
    ),
    pytest.param(
        """
        def main():
            command = demisto.command()
            if command == 'a':
                pass
            else:
                if command == 'b':
                    pass
                x = 1
        """,
        ["a", "b"],
        True,
        "handles",
        id="nested-if-in-else-is-not-elif",
    ),
    pytest.param(
        """
        def main():
            command = demisto.command()
            if command == 'a':
                pass
            else:
                if command == 'b':
                    pass
                else:
                    raise ValueError(command)
        """,
        ["a", "b"],
        True,
        "handles",
        id="else-holding-only-an-if-is-its-own-chain",
    ),
    pytest.param(
        """
        def main():
            command = demisto.command()
            if command == 'a':
                pass
            elif command == 'b':
                pass
            else:
                raise ValueError(command)
        """,
        ["a", "b"],
        True,
        "raises",
        id="elif-chain-final-else",
    ),
    pytest.param(
        """
        def main():
            command = demisto.command()
            result = a() if command == 'a' else b() if command == 'b' else c()
        """,
        ["a", "b"],
        True,
        "handles",
        id="conditional-expression-chain",
    ),
    pytest.param(
        """
        def main():
            command = demisto.command()
            if command == 'a' or command == 'b' and flag:
                pass
        """,
        ["a", "b"],
        True,
        None,
        id="and-or-share-branch",
    ),
]


@pytest.mark.parametrize(("source", "handled", "resolved", "catch_all"), DISPATCH)
def test_dispatch_shapes(source: str, handled: list[str], resolved: bool, catch_all: str | None) -> None:
    m = model(source)
    assert list(m.handled) == handled
    assert m.resolved is resolved, m.unresolved_uses
    assert catch_all_state(m) == catch_all


# --------------------------------------------------------------------------- precision (section 2.3)
# (source, resolved, complete)

PRECISION = [
    pytest.param("x = 1\n", False, True, id="no-command-expression"),
    pytest.param(
        """
        from CommonServerPython import *
        from CommonServerUserPython import *
        from demistomock import *
        if demisto.command() == 'a':
            pass
        """,
        True,
        True,
        id="allowed-star-imports",
    ),
    pytest.param(
        """
        from CommonServerPython import *
        from MicrosoftApiModule import *
        if demisto.command() == 'a':
            pass
        """,
        False,
        False,
        id="star-import-of-api-module",
    ),
    pytest.param(
        """
        from FooApiModule import helper
        if demisto.command() == 'a':
            pass
        """,
        False,
        False,
        id="import-from-api-module",
    ),
    pytest.param(
        """
        from other import *
        if demisto.command() == 'a':
            pass
        """,
        False,
        False,
        id="other-star-import",
    ),
    pytest.param("exec(code)\nif demisto.command() == 'a':\n    pass\n", False, False, id="exec"),
    pytest.param("x = eval(code)\nif demisto.command() == 'a':\n    pass\n", False, False, id="eval"),
    pytest.param(
        """
        command = demisto.command()
        if command.startswith('okta-'):
            pass
        """,
        False,
        True,
        id="startswith",
    ),
    pytest.param("command = demisto.command()\ngetattr(module, command)()\n", False, True, id="getattr"),
    pytest.param(
        """
        from helpers import run
        command = demisto.command()
        run(command)
        """,
        False,
        True,
        id="passed-to-imported-function",
    ),
    pytest.param(
        """
        def handle(*args):
            pass
        handle(demisto.command())
        """,
        False,
        True,
        id="passed-to-star-args",
    ),
    pytest.param("if demisto.command() == get_name():\n    pass\n", False, True, id="compared-to-non-literal"),
    pytest.param(
        """
        X = 'a'
        X = 'b'
        if demisto.command() == X:
            pass
        """,
        False,
        True,
        id="constant-bound-twice",
    ),
    pytest.param(
        """
        command = demisto.command()
        commands = {'a': f}
        commands = {'b': g}
        commands[command]()
        """,
        False,
        True,
        id="dict-bound-twice",
    ),
    pytest.param(
        """
        command = demisto.command()
        match command:
            case Commands.FETCH:
                pass
        """,
        False,
        True,
        id="match-dotted-pattern",
    ),
    pytest.param("command = demisto.command()\nself.command = command\n", False, True, id="attribute-target"),
    pytest.param("class A(metaclass=demisto.command()):\n    pass\n", False, True, id="class-keyword"),
    pytest.param(
        """
        class Log:
            def info(self, msg):
                if msg.startswith('x'):
                    pass
        command = demisto.command()
        LOGGER.info(command)
        """,
        True,
        True,
        id="logging-call-wins-over-same-named-method",
    ),
    pytest.param("command = demisto.command()\nif command != 'a':\n    pass\n", False, True, id="ne-not-guarding"),
    pytest.param(
        """
        def main():
            command = demisto.command()
            demisto.debug(f'Command being called is {command}')
            demisto.info('command %s' % command)
            LOG('command %s %s' % (command, 1))
            print('command: ' + command)
            text = 'cmd {}'.format(command)
            if command not in ('a', 'b'):
                raise ValueError(command)
            if command != 'a':
                return_error('only a')
            try:
                pass
            except Exception as e:
                return_error(f'Failed to execute {command} command. Error: {e}')
            raise DemistoException(command)
        """,
        True,
        True,
        id="harmless-uses",
    ),
    pytest.param(
        """
        def main():
            command = demisto.command()
            is_fetch = command == 'fetch-incidents'
        """,
        True,
        True,
        id="form-elsewhere-stays-resolved",
    ),
    pytest.param(
        """
        def main():
            command = demisto.command()
            command = 'x'
        """,
        True,
        True,
        id="rebinding-is-not-a-use",
    ),
]


@pytest.mark.parametrize(("source", "resolved", "complete"), PRECISION)
def test_precision(source: str, resolved: bool, complete: bool) -> None:
    m = model(source)
    assert m.complete is complete
    assert m.resolved is resolved


def test_unresolved_forms_still_fill_h() -> None:
    m = model(
        """
        from FooApiModule import *
        command = demisto.command()
        if command == 'okta-get-events':
            pass
        getattr(m, command)()
        """
    )
    assert not m.resolved
    assert list(m.handled) == ["okta-get-events"]
    assert [ast.unparse(n) for n in m.unresolved_uses] == ["command"]


# --------------------------------------------------------------------------- branches


def test_use_elsewhere_gives_unknown_branch() -> None:
    m = model("command = demisto.command()\nok = command == 'fetch-incidents'\n")
    assert [b.known for b in m.branches_for("fetch-incidents")] == [False]
    assert m.reachable_calls(m.branches_for("fetch-incidents"), "set_last_run") is None


def test_several_forms_union_branches() -> None:
    m = model(
        """
        command = demisto.command()
        commands = {'a': run_a}
        if command in commands:
            commands[command]()
        """
    )
    bodies = [b.body for b in m.branches_for("a")]
    assert len(bodies) == 2
    assert isinstance(bodies[0], list) and isinstance(bodies[1], ast.Name)


def test_branches_fall_back_to_catch_all() -> None:
    m = model(
        """
        command = demisto.command()
        if command == 'a':
            pass
        else:
            other()
        """
    )
    assert m.handles("zzz") and m.handles("a")
    assert [b.catch_all for b in m.branches_for("zzz")] == [True]
    assert [b.catch_all for b in m.branches_for("a")] == [False]


def test_raising_catch_all_handles_nothing() -> None:
    m = model("command = demisto.command()\nif command == 'a':\n    pass\nelse:\n    raise ValueError()\n")
    assert not m.handles("zzz")
    assert m.branches_for("zzz") == []


# --------------------------------------------------------------------------- locations
# (source, literal, expected (line, col) of each node in literal_nodes)

LITERAL_NODES = [
    pytest.param("if demisto.command() == 'a':\n    pass\n", "a", [(1, 24)], id="compare"),
    pytest.param(
        "CMDS = ('x', 'a')\nif demisto.command() in CMDS:\n    pass\n", "a", [(1, 13)], id="element-of-bound-tuple"
    ),
    pytest.param(
        "match demisto.command():\n    case 'x' | 'a':\n        pass\n", "a", [(2, 15)], id="case-alternative"
    ),
    pytest.param("d = {\n    'a': f}\nd[demisto.command()]()\n", "a", [(2, 4)], id="dict-key"),
    pytest.param(
        "c = demisto.command()\nif c == 'a':\n    pass\nif c == 'a':\n    pass\n", "a", [(2, 8), (4, 8)], id="twice"
    ),
]


@pytest.mark.parametrize(("source", "literal", "positions"), LITERAL_NODES)
def test_literal_nodes(source: str, literal: str, positions: list[tuple[int, int]]) -> None:
    m = model(source)
    nodes = m.literal_nodes[literal]
    assert [(n.lineno, n.col_offset) for n in nodes] == positions  # type: ignore[attr-defined]


# (source, (line, col) of the catch-all's clause token)
CATCH_ALL_TOKEN = [
    pytest.param(
        "c = demisto.command()\nif c == 'a':\n    pass\n# note\nelse:\n    other()\n", (5, 0), id="else-after-comment"
    ),
    pytest.param(
        "c = demisto.command()\nif c == 'a':\n    pass\nelif c == 'b':\n    pass\nelse: other()\n",
        (6, 0),
        id="else-inline",
    ),
    pytest.param(
        "def main():\n    match demisto.command():\n        case 'a':\n            pass\n        case   _:\n            x()\n",
        (5, 8),
        id="case-underscore",
    ),
    pytest.param("c = demisto.command()\nr = a() if c == 'a' else b()\n", (2, 20), id="conditional-expression"),
]


@pytest.mark.parametrize(("source", "position"), CATCH_ALL_TOKEN)
def test_catch_all_token(source: str, position: tuple[int, int]) -> None:
    branch = model(source).catch_all
    assert branch is not None
    assert (branch.line, branch.col_offset) == position
    assert (branch.at.lineno, branch.at.col_offset) == position  # type: ignore[attr-defined]


def test_catch_all_token_without_source() -> None:
    source = "c = demisto.command()\nif c == 'a':\n    pass\nelse:\n    other()\n"
    branch = build_model(ast.parse(source)).catch_all
    assert branch is not None and (branch.line, branch.col_offset) == (4, 0)


def test_explicit_branch_is_reported_at_its_selector() -> None:
    (branch,) = model("if demisto.command() == 'a':\n    pass\n").branches_for("a")
    assert branch.at is branch.selector and (branch.line, branch.col_offset) == (1, 24)


def test_first_command_expression_is_first_in_source() -> None:
    m = model("def f():\n    return demisto.command()\n\nx = demisto.command()\n")
    assert m.first_command_expression is not None
    assert m.first_command_expression.lineno == 2
    assert len(m.command_expressions) == 2


# --------------------------------------------------------------------------- calls (section 2.1)

CALL_NAMES = [
    pytest.param("send_events_to_xsiam(e, 'v', 'p')", "send", "send_events_to_xsiam", id="bare-send"),
    pytest.param(
        "csp.send_events_to_xsiam(e, 'v', 'p')", "send", "csp.send_events_to_xsiam", id="undotted-matches-last"
    ),
    pytest.param("send_data_to_xsiam(e, 'v', 'p')", "send", "send_data_to_xsiam", id="send-data"),
    pytest.param("demisto.setLastRun(x)", "set_last_run", "demisto.setLastRun", id="dotted-exact"),
    pytest.param("other.setLastRun(x)", None, None, id="dotted-needs-exact-match"),
    pytest.param("demisto.getLastRun()", "get_last_run", "demisto.getLastRun", id="getlastrun"),
    pytest.param("demisto.incidents([])", "incidents", "demisto.incidents", id="incidents"),
]


@pytest.mark.parametrize(("source", "kind", "callee"), CALL_NAMES)
def test_call_kinds(source: str, kind: str | None, callee: str | None) -> None:
    m = model(source)
    found = [(k, c.callee) for k in ("send", "set_last_run", "get_last_run", "incidents") for c in m.calls(k)]
    assert found == ([(kind, callee)] if kind else [])


def test_configured_wrapper_counts() -> None:
    options = AnalysisOptions(set_last_run_functions=("demisto.setLastRun", "save_state"))
    m = model("save_state(x)\nhelpers.save_state(y)\n", options)
    assert [c.callee for c in m.calls("set_last_run")] == ["save_state", "helpers.save_state"]


@pytest.mark.parametrize(
    ("expr", "name"),
    [("a.b.c", "a.b.c"), ("f().a.b", "a.b"), ("x", "x"), ("f()()", "")],
    ids=["chain", "trailing-attributes", "name", "nothing"],
)
def test_dotted_name(expr: str, name: str) -> None:
    assert dotted_name(ast.parse(expr, mode="eval").body) == name


def test_except_and_finally_flags() -> None:
    m = model(
        """
        def f():
            try:
                demisto.setLastRun(a)
            except Exception:
                demisto.setLastRun(b)
            finally:
                demisto.setLastRun(c)
            def later():
                demisto.setLastRun(d)
        """
    )
    assert [(c.in_except, c.in_finally) for c in m.calls("set_last_run")] == [
        (False, False),
        (True, False),
        (False, True),
        (False, False),
    ]


# --------------------------------------------------------------------------- reachability (section 2.4)
# (source, command, kind, functions holding the reachable calls)

REACH = [
    pytest.param(
        """
        def save(n):
            demisto.setLastRun(n)
        def fetch(client):
            save(client.next())
        def unrelated():
            demisto.setLastRun({})
        def main():
            command = demisto.command()
            if command == 'fetch-incidents':
                fetch(client)
        """,
        "fetch-incidents",
        "set_last_run",
        ["save"],
        id="helper-chain",
    ),
    pytest.param(
        """
        def main():
            if demisto.command() == 'fetch-incidents':
                demisto.setLastRun({})
        """,
        "fetch-incidents",
        "set_last_run",
        ["main"],
        id="in-branch",
    ),
    pytest.param(
        """
        class Client:
            def fetch(self):
                return self._save()
            def _save(self):
                demisto.setLastRun({})
        class Other:
            def _save(self):
                demisto.setLastRun({})
        def main():
            if demisto.command() == 'fetch-incidents':
                client.fetch()
        """,
        "fetch-incidents",
        "set_last_run",
        ["_save"],
        id="self-method-prefers-own-class",
    ),
    pytest.param(
        """
        class A:
            def run(self):
                demisto.setLastRun({})
        class B:
            def run(self):
                pass
        def main():
            if demisto.command() == 'fetch-incidents':
                client.run()
        """,
        "fetch-incidents",
        "set_last_run",
        [],
        id="method-defined-by-two-classes",
    ),
    pytest.param(
        """
        class Client:
            def __init__(self):
                demisto.setLastRun({})
        def main():
            if demisto.command() == 'fetch-incidents':
                Client()
        """,
        "fetch-incidents",
        "set_last_run",
        ["__init__"],
        id="class-reaches-init",
    ),
    pytest.param(
        """
        def fetch(callback):
            callback()
        def save():
            demisto.setLastRun({})
        if demisto.command() == 'fetch-incidents':
            fetch(save)
        """,
        "fetch-incidents",
        "set_last_run",
        ["save"],
        id="name-not-called",
    ),
    pytest.param(
        """
        def save():
            demisto.setLastRun({'outer': '1'})
        def main():
            def save():
                demisto.setLastRun({'inner': '1'})
            if demisto.command() == 'fetch-incidents':
                save()
        """,
        "fetch-incidents",
        "set_last_run",
        ["save"],
        id="nested-definition-first",
    ),
    pytest.param(
        """
        def fetch():
            def inner():
                demisto.setLastRun({})
            return None
        def main():
            if demisto.command() == 'fetch-incidents':
                fetch()
        """,
        "fetch-incidents",
        "set_last_run",
        ["inner"],
        id="nested-definitions-belong-to-body",
    ),
    pytest.param(
        """
        def main():
            command = demisto.command()
            commands = {'fetch-incidents': lambda: save(), 'x': other}
            commands[command]()
        def save():
            demisto.setLastRun({})
        def other():
            demisto.setLastRun({})
        """,
        "fetch-incidents",
        "set_last_run",
        ["save"],
        id="lambda-dict-value",
    ),
    pytest.param(
        """
        def a():
            demisto.setLastRun({})
        def a():
            pass
        if demisto.command() == 'fetch-incidents':
            a()
        """,
        "fetch-incidents",
        "set_last_run",
        ["a"],
        id="defined-twice-keeps-both",
    ),
    pytest.param(
        """
        def f():
            g()
        def g():
            f()
            demisto.incidents([])
        if demisto.command() == 'fetch-incidents':
            f()
        """,
        "fetch-incidents",
        "incidents",
        ["g"],
        id="recursion",
    ),
    pytest.param(
        """
        def main():
            command = demisto.command()
            if command == 'test-module':
                pass
            else:
                fetch()
        def fetch():
            demisto.incidents([])
        """,
        "fetch-incidents",
        "incidents",
        ["fetch"],
        id="through-catch-all",
    ),
]


@pytest.mark.parametrize(("source", "command", "kind", "functions"), REACH)
def test_reachable_calls(source: str, command: str, kind: str, functions: list[str]) -> None:
    m = model(source)
    calls = m.reachable_calls(m.branches_for(command), kind)
    assert calls is not None
    assert [where(c) for c in calls] == functions


def test_reachable_functions_closure() -> None:
    m = model(
        """
        class Client:
            def __init__(self):
                pass
            def get(self):
                return helper()
        def helper():
            pass
        def lonely():
            pass
        def main():
            if demisto.command() == 'x':
                Client().get()
        """
    )
    names = sorted(f.name for f in m.reachable_functions(m.branches_for("x")))
    assert names == ["Client", "__init__", "get", "helper"]


# --------------------------------------------------------------------------- order (section 2.5)
# (source, whether the first setLastRun call precedes the first incidents call)

PRECEDES = [
    pytest.param("def f():\n    demisto.setLastRun(x)\n    demisto.incidents(i)\n", True, id="sequence"),
    pytest.param("def f():\n    demisto.incidents(i)\n    demisto.setLastRun(x)\n", False, id="reversed"),
    pytest.param("def f():\n    demisto.setLastRun(x); demisto.incidents(i)\n", True, id="semicolon"),
    pytest.param("demisto.setLastRun(x)\ndemisto.incidents(i)\n", True, id="module-level"),
    pytest.param(
        "def f():\n    if a:\n        demisto.setLastRun(x)\n    demisto.incidents(i)\n", True, id="nested-then-after"
    ),
    pytest.param(
        "def f():\n    if a:\n        demisto.setLastRun(x)\n    else:\n        demisto.incidents(i)\n",
        False,
        id="if-else-arms",
    ),
    pytest.param(
        "def f():\n    if a:\n        demisto.setLastRun(x)\n    elif b:\n        demisto.incidents(i)\n",
        False,
        id="elif-arms",
    ),
    pytest.param(
        "def f():\n    try:\n        demisto.setLastRun(x)\n    except E:\n        demisto.incidents(i)\n",
        False,
        id="try-and-handler",
    ),
    pytest.param(
        "def f():\n    try:\n        demisto.setLastRun(x)\n    finally:\n        demisto.incidents(i)\n",
        True,
        id="try-and-finally",
    ),
    pytest.param(
        "match c:\n    case 1:\n        demisto.setLastRun(x)\n    case 2:\n        demisto.incidents(i)\n",
        False,
        id="match-cases",
    ),
    pytest.param(
        "def f():\n    if a:\n        demisto.setLastRun(x)\n    if b:\n        demisto.incidents(i)\n",
        True,
        id="separate-ifs",
    ),
    pytest.param(
        "def f():\n    demisto.setLastRun(x)\ndef g():\n    demisto.incidents(i)\n", False, id="other-function"
    ),
    pytest.param(
        "def f():\n    demisto.setLastRun(x)\n    def g():\n        demisto.incidents(i)\n",
        False,
        id="nested-definition",
    ),
    pytest.param("def f():\n    g(demisto.setLastRun(x), demisto.incidents(i))\n", False, id="same-statement"),
]


@pytest.mark.parametrize(("source", "expected"), PRECEDES)
def test_precedes(source: str, expected: bool) -> None:
    m = model(source)
    assert m.precedes(m.calls("set_last_run")[0], m.calls("incidents")[0]) is expected


# --------------------------------------------------------------------------- emptiness guards
# (source, kind, guarded) for the LAST call of that kind

GUARDS = [
    pytest.param("if events:\n    send_events_to_xsiam(events, 'v', 'p')\n", "send", True, id="i-name"),
    pytest.param("if bool(events):\n    send_events_to_xsiam(events, 'v', 'p')\n", "send", True, id="i-bool"),
    pytest.param("if len(events):\n    send_events_to_xsiam(events, 'v', 'p')\n", "send", True, id="i-len"),
    pytest.param("if len(events) > 0:\n    send_events_to_xsiam(events, 'v', 'p')\n", "send", True, id="i-len-gt-0"),
    pytest.param("if len(events) >= 1:\n    send_events_to_xsiam(events, 'v', 'p')\n", "send", True, id="i-len-ge-1"),
    pytest.param("if len(events) != 0:\n    send_events_to_xsiam(events, 'v', 'p')\n", "send", True, id="i-len-ne-0"),
    pytest.param("if events != []:\n    send_events_to_xsiam(events, 'v', 'p')\n", "send", True, id="i-ne-empty"),
    pytest.param("if ok and events:\n    send_events_to_xsiam(events, 'v', 'p')\n", "send", True, id="i-and-operand"),
    pytest.param(
        "send_events_to_xsiam(events, 'v', 'p') if events else None\n", "send", True, id="i-conditional-expression"
    ),
    pytest.param(
        "if events:\n    for e in x:\n        send_events_to_xsiam(events=events, vendor='v', product='p')\n",
        "send",
        True,
        id="i-keyword-deeper",
    ),
    pytest.param("if ok or events:\n    send_events_to_xsiam(events, 'v', 'p')\n", "send", False, id="or-is-not-guard"),
    pytest.param("if other:\n    send_events_to_xsiam(events, 'v', 'p')\n", "send", False, id="other-name"),
    pytest.param("if events is None:\n    send_events_to_xsiam(events, 'v', 'p')\n", "send", False, id="is-none"),
    pytest.param(
        "if not events:\n    pass\nelse:\n    send_events_to_xsiam(events, 'v', 'p')\n", "send", True, id="ii-not"
    ),
    pytest.param(
        "if len(events) == 0:\n    pass\nelse:\n    send_events_to_xsiam(events, 'v', 'p')\n",
        "send",
        True,
        id="ii-len-eq-0",
    ),
    pytest.param(
        "if events == []:\n    x()\nelif y:\n    send_events_to_xsiam(events, 'v', 'p')\n", "send", True, id="ii-elif"
    ),
    pytest.param(
        "if not events:\n    send_events_to_xsiam(events, 'v', 'p')\n", "send", False, id="negative-test-true-branch"
    ),
    pytest.param(
        "def f(events):\n    if not events:\n        return\n    send_events_to_xsiam(events, 'v', 'p')\n",
        "send",
        True,
        id="iii-return",
    ),
    pytest.param(
        "def f(events):\n    if not len(events):\n        raise E()\n    for e in x:\n"
        "        send_events_to_xsiam(events, 'v', 'p')\n",
        "send",
        True,
        id="iii-enclosing-block",
    ),
    pytest.param(
        "for batch in batches:\n    if not batch:\n        continue\n    send_events_to_xsiam(batch, 'v', 'p')\n",
        "send",
        True,
        id="iii-continue",
    ),
    pytest.param(
        "def f(events):\n    if not events:\n        send_events_to_xsiam([], 'v', 'p')\n        return\n"
        "    send_events_to_xsiam(events, 'v', 'p')\n",
        "send",
        False,
        id="iii-same-kind-call-inside",
    ),
    pytest.param(
        "def f(events):\n    if not events:\n        log()\n    send_events_to_xsiam(events, 'v', 'p')\n",
        "send",
        False,
        id="iii-body-does-not-exit",
    ),
    pytest.param(
        "def f(events):\n    send_events_to_xsiam(events, 'v', 'p')\n    if not events:\n        return\n",
        "send",
        False,
        id="iii-after-the-call",
    ),
    pytest.param(
        "if events:\n    def f():\n        send_events_to_xsiam(events, 'v', 'p')\n",
        "send",
        False,
        id="outside-function",
    ),
    pytest.param("if events:\n    send_events_to_xsiam(get(), 'v', 'p')\n", "send", False, id="argument-not-a-name"),
    pytest.param("if incidents:\n    demisto.incidents(incidents)\n", "incidents", True, id="incidents-i"),
    pytest.param(
        "def f(incidents):\n    if not incidents:\n        return\n    demisto.incidents(incidents)\n",
        "incidents",
        True,
        id="incidents-iii",
    ),
    pytest.param("demisto.incidents(incidents)\n", "incidents", False, id="incidents-unguarded"),
]


@pytest.mark.parametrize(("source", "kind", "guarded"), GUARDS)
def test_emptiness_guard(source: str, kind: str, guarded: bool) -> None:
    m = model(source)
    assert m.has_emptiness_guard(m.calls(kind)[-1]) is guarded


# --------------------------------------------------------------------------- incident dicts (FI206)
# (source, incident-list-names, [(name, sorted keys)])

INCIDENTS = [
    pytest.param(
        "demisto.incidents([{'name': 'a', 'rawJSON': '{}'}, {'occurred': 'x'}])\n",
        ("incidents",),
        [(None, ["name", "rawJSON"]), (None, ["occurred"])],
        id="a-list-literal-argument",
    ),
    pytest.param(
        "incidents = []\nincidents.append({'name': 'a'})\n", ("incidents",), [(None, ["name"])], id="append-literal"
    ),
    pytest.param(
        """
        def fetch(events):
            incidents = []
            for e in events:
                incident = {'name': e['title']}
                incident['rawJSON'] = json.dumps(e)
                incidents.append(incident)
                incident['occurred'] = e['time']
            return incidents
        """,
        ("incidents",),
        [("incident", ["name", "occurred", "rawJSON"])],
        id="append-name-with-later-keys",
    ),
    pytest.param(
        "out = []\nout.insert(0, {'name': 'a'})\ndemisto.incidents(out)\n",
        ("incidents",),
        [(None, ["name"])],
        id="insert-list-passed-to-incidents",
    ),
    pytest.param(
        "def f():\n    out = []\n    out.extend([{'name': 'a'}, {'details': 'd'}])\n"
        "def g():\n    demisto.incidents(out)\n",
        ("incidents",),
        [(None, ["name"]), (None, ["details"])],
        id="extend-list-passed-elsewhere",
    ),
    pytest.param(
        "incidents = []\nincidents += [{'name': 'a'}]\n", ("incidents",), [(None, ["name"])], id="augmented-add"
    ),
    pytest.param(
        "result = []\nresult.append({'name': 'a'})\n", ("result",), [(None, ["name"])], id="configured-list-name"
    ),
    pytest.param("result = []\nresult.append({'name': 'a'})\n", ("incidents",), [], id="unknown-list-name"),
    pytest.param(
        "incidents = []\nincidents.append({'name': 'a', **extra})\n", ("incidents",), [], id="skipped-double-star"
    ),
    pytest.param(
        "incidents = []\nincidents.append({'name': 'a', key: 1})\n", ("incidents",), [], id="skipped-computed-key"
    ),
    pytest.param(
        "def f():\n    inc = {'name': 'a'}\n    inc.update(extra)\n    incidents.append(inc)\n",
        ("incidents",),
        [],
        id="skipped-used-before-add",
    ),
    pytest.param(
        "def f():\n    inc = {'name': 'a'}\n    incidents.append(inc)\n    inc.update(extra)\n",
        ("incidents",),
        [("inc", ["name"])],
        id="use-after-add-is-fine",
    ),
    pytest.param(
        "def f():\n    inc = {'name': 'a'}\n    inc[key] = 1\n    incidents.append(inc)\n",
        ("incidents",),
        [],
        id="skipped-computed-subscript-key",
    ),
    pytest.param(
        "def f():\n    inc = {'name': 'a'}\n    inc = {'name': 'b'}\n    incidents.append(inc)\n",
        ("incidents",),
        [],
        id="skipped-bound-twice",
    ),
    pytest.param(
        "inc = {'name': 'a'}\ndef f():\n    incidents.append(inc)\n", ("incidents",), [], id="skipped-other-scope"
    ),
]


@pytest.mark.parametrize(("source", "names", "expected"), INCIDENTS)
def test_incident_dicts(source: str, names: tuple[str, ...], expected: list) -> None:
    found = model(source).incident_dicts(names)
    assert [(d.name, sorted(d.keys)) for d in found] == expected


def test_incident_dict_values_and_function() -> None:
    m = model(
        """
        def fetch(e):
            inc = {'name': 'a', 'occurred': 1}
            inc['occurred'] = iso(e)
            incidents.append(inc)
        """
    )
    (found,) = m.incident_dicts()
    assert found.function is not None and found.function.name == "fetch"
    assert [ast.unparse(v) for v in found.values["occurred"]] == ["1", "iso(e)"]
    assert ast.unparse(found.keys["occurred"]) == "iso(e)"


# --------------------------------------------------------------------------- bindings
# (source, function name or None, name, unparsed values)

BINDINGS = [
    pytest.param("x = [1]\nx = list(y)\n", None, "x", ["[1]", "list(y)"], id="module"),
    pytest.param("def f():\n    x = {}\n    x += y\nx = 3\n", "f", "x", ["{}"], id="function-skips-augmented"),
    pytest.param("def f(x):\n    pass\n", "f", "x", ["x"], id="parameter-is-opaque-name"),
    pytest.param("def f():\n    for x in y:\n        pass\n", "f", "x", ["x"], id="loop-target"),
    pytest.param("def f():\n    a, x = g()\n", "f", "x", ["x"], id="unpacking"),
    pytest.param("def f():\n    [x for x in y]\n", "f", "x", [], id="comprehension-is-own-scope"),
    pytest.param("def f():\n    if (x := g()):\n        pass\n", "f", "x", ["g()"], id="walrus"),
    pytest.param("def f():\n    x: int\n    x: list = []\n", "f", "x", ["[]"], id="annotation-without-value"),
]


@pytest.mark.parametrize(("source", "function", "name", "values"), BINDINGS)
def test_bindings(source: str, function: str | None, name: str, values: list[str]) -> None:
    m = model(source)
    scope = next((n for n in ast.walk(m.tree) if isinstance(n, ast.FunctionDef) and n.name == function), None)
    found = m.bindings(scope, name)
    assert [ast.unparse(v) for v in found] == values
    assert all(isinstance(v, ast.expr) for v in found)


# --------------------------------------------------------------------------- columns


@pytest.mark.parametrize(
    ("line", "byte_col", "char_col"),
    [("abc", 2, 2), ("é = 'x'", 2, 1), ("x = '😀' + y", 10, 7), ("ab", 9, 2)],
    ids=["ascii", "two-byte", "four-byte", "past-end"],
)
def test_char_column(line: str, byte_col: int, char_col: int) -> None:
    assert char_column(line, byte_col) == char_col


def test_catch_all_token_after_non_ascii() -> None:
    source = "c = demisto.command()\nif c == 'é':\n    pass\nelse: other()\n"
    branch = model(source).catch_all
    assert branch is not None and (branch.line, branch.col_offset) == (4, 0)


# --------------------------------------------------------------------------- cost


def _large_module(functions: int = 260) -> str:
    lines = ["from CommonServerPython import *", "class Client(BaseClient):"]
    for i in range(60):
        lines += [
            f"    def api_{i}(self, arg, limit=50):",
            f"        res = self._http_request('GET', '/api/{i}', params={{'limit': limit, 'arg': arg}})",
            "        return [r for r in res.get('items', []) if r.get('id')]",
        ]
    for i in range(functions):
        lines += [
            f"def command_{i}(client, args):",
            f"    items = client.api_{i % 60}(args.get('q'), limit=arg_to_number(args.get('limit')))",
            "    outputs = []",
            "    for item in items:",
            "        outputs.append({'id': item['id'], 'name': item.get('name'), 'time': item.get('t')})",
            f"    demisto.debug(f'got {{len(outputs)}} items from {i}')",
            "    if len(outputs) > 100:",
            "        outputs = outputs[:100]",
            f"    return CommandResults(outputs_prefix='Acme.{i}', outputs=outputs,",
            "                          readable_output=tableToMarkdown('t', outputs))",
        ]
    lines += ["def main():", "    command = demisto.command()", "    commands = {"]
    lines += [f"        'acme-cmd-{i}': command_{i}," for i in range(functions)]
    lines += [
        "    }",
        "    if command == 'test-module':",
        "        return_results('ok')",
        "    elif command in commands:",
        "        return_results(commands[command](Client(), demisto.args()))",
    ]
    return "\n".join(lines) + "\n"


def test_large_module_builds_fast() -> None:
    source = _large_module()
    tree = ast.parse(source)
    assert len(source.splitlines()) > 3000
    best = min(_timed(lambda: build_model(tree, source=source)) for _ in range(5))
    m = build_model(tree, source=source)
    assert m.resolved and len(m.handled) == 261
    # Generous bound (shared CI machines); measured ~30 ms on a slow 2-core VM.
    assert best < 0.5


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


# --------------------------------------------------------------------------- pathological code
# Legal but extreme modules (the robustness fuzzer's shapes): the build stays about linear
# (each measured in well under a second on a slow 2-core VM; the bound is generous for loaded
# CI machines) and the model still says what it should. A deep module (2,900 levels: about
# what `ast.parse` accepts at the default recursion limit from a shallow stack; 5,000) is
# parsed with a raised limit, and the model is built at the normal one.

PATHOLOGY_BOUND = 3.0  # seconds
_FETCH = "    if command == 'fetch-incidents':\n        demisto.incidents([])\n"


def _chain_of_plus(term: str, terms: int = 2000, lines: int = 5) -> str:
    body = "".join(f"    x{j} = {' + '.join([term] * terms)}\n" for j in range(lines))
    return (
        "def main():\n    command = demisto.command()\n"
        + body
        + "    if command == 'test-module':\n        pass\n"
        + _FETCH
    )


def _elif_chain(branches: int) -> str:
    arms = "".join(f"    elif command == 'c-{i}':\n        f_{i % 50}()\n" for i in range(1, branches))
    return (
        "".join(f"def f_{i}():\n    return {i}\n" for i in range(50))
        + "def main():\n    command = demisto.command()\n    if command == 'c-0':\n        f_0()\n"
        + arms
        + "    else:\n        raise NotImplementedError(command)\n"
    )


def _conditional_chain(branches: int) -> str:
    arms = " else ".join(f"f_{i % 50} if command == 'c-{i}'" for i in range(branches))
    return (
        "".join(f"def f_{i}():\n    return {i}\n" for i in range(50))
        + f"def main():\n    command = demisto.command()\n    handler = {arms} else other\n"
    )


def _deep_expressions(depth: int = 2900) -> str:
    """A ``+`` chain, an attribute chain, a call chain and a method chain, each as deep as
    ``ast.parse`` allows at the default recursion limit."""
    return (
        f"a = {' + '.join(['x'] * depth)}\n"
        f"b = demisto{'.b' * depth}\n"
        f"c = f{'()' * depth}\n"
        f"d = client{'.b()' * depth}\n"
        "command = demisto.command()\nif command == 'test-module':\n    pass\n"
    )


def _calls_at_every_depth(depth: int = 2900) -> str:
    chain = " else ".join(f"demisto.{'setLastRun' if i % 2 else 'incidents'}(incidents) if a{i}" for i in range(depth))
    return (
        f"def fetch(incidents):\n    try:\n        pass\n    finally:\n        x = {chain} else None\n"
        "def main():\n    command = demisto.command()\n" + _FETCH.replace("demisto.incidents([])", "fetch([])")
    )


def _function_chain(functions: int = 10000, pass_command: bool = False) -> str:
    param = "command" if pass_command else ""
    chain = "".join(f"def f_{i}({param}):\n    return f_{i + 1}({param})\n" for i in range(functions))
    if pass_command:
        return chain + f"def f_{functions}(command):\n{_FETCH}def main():\n    f_0(demisto.command())\n"
    last = f"def f_{functions}():\n    demisto.incidents([])\n"
    return (
        chain
        + last
        + "def main():\n    command = demisto.command()\n"
        + _FETCH.replace("demisto.incidents([])", "f_0()")
    )


def _dispatch_dict(keys: int = 20000, uses: int = 1) -> str:
    entries = "".join(f"    'cmd-{i}': c_{i % 200},\n" for i in range(keys))
    more = "".join(f"    r{i} = COMMANDS[command]\n" for i in range(uses - 1))
    return (
        "".join(f"def c_{i}(args):\n    return {i}\n" for i in range(200))
        + "COMMANDS = {\n"
        + entries
        + "}\n"
        + "def main():\n    command = demisto.command()\n    if command == 'test-module':\n        pass\n"
        + "    elif command in COMMANDS:\n        return_results(COMMANDS[command](demisto.args()))\n"
        + "    handler = COMMANDS.get(command, lambda args: return_error('unknown'))\n"
        + more
    )


def _many_uses(uses: int = 10000) -> str:
    body = "".join(
        f"    demisto.debug(command)\n    if command == 'c-{i % 100}':\n        h_{i % 100}()\n" for i in range(uses)
    )
    return (
        "".join(f"def h_{i}():\n    return {i}\n" for i in range(100))
        + "def main():\n    command = demisto.command()\n"
        + body
    )


def _shared_collection(uses: int = 2000, size: int = 200) -> str:
    literals = ", ".join(f"'c-{i}'" for i in range(size))
    tests = "    if command in COMMANDS:\n        pass\n" * uses
    return f"COMMANDS = ({literals})\ndef main():\n    command = demisto.command()\n" + tests


def _one_line(statements: int = 20000) -> str:
    # One line holds the whole module, non-ASCII: the `else` tokens are found without
    # re-encoding the line for each.
    chain = "; ".join(f"h{i} = 'é' if command == 'c-{i}' else 'ü'" for i in range(statements))
    return f"command = demisto.command(); {chain}\n"


def _wide_call(arguments: int = 20000, keywords: bool = False) -> str:
    params = ", ".join(f"p{i}" for i in range(arguments))
    args = ", ".join(f"p{i}=command" if keywords else "command" for i in range(arguments))
    return (
        f"def run({params}):\n    if p0 == 'fetch-incidents':\n        demisto.incidents([])\n"
        f"def main():\n    command = demisto.command()\n    run({args})\n"
    )


def _match(cases: int = 5000) -> str:
    arms = "".join(f"        case 'c-{i}' | 'd-{i}':\n            pass\n" for i in range(cases))
    return (
        "def main():\n    command = demisto.command()\n    match command:\n"
        + arms
        + "        case _:\n            other()\n"
    )


def _emptiness_guards(calls: int = 5000) -> str:
    body = "".join(
        "    if not events:\n        return\n    send_events_to_xsiam(events, 'v', 'p')\n"
        f"    demisto.setLastRun({{'t': '{i}'}})\n"
        for i in range(calls)
    )
    return (
        "def fetch(events):\n" + body + "def main():\n    if demisto.command() == 'fetch-events':\n        fetch([])\n"
    )


def _incident_dicts(dicts: int = 5000) -> str:
    body = "".join(
        f"    inc{i} = {{'name': 'n', 'occurred': 'o'}}\n    inc{i}['rawJSON'] = '{{}}'\n    incidents.append(inc{i})\n"
        for i in range(dicts)
    )
    return "def fetch():\n    incidents = []\n" + body + "    demisto.incidents(incidents)\n"


# (module maker, whether to parse with a raised recursion limit, expected facts: see _fact)
PATHOLOGICAL = [
    pytest.param(
        lambda: _chain_of_plus("command"),
        False,
        {"H": ["test-module", "fetch-incidents"], "resolved": False, "unresolved": 5 * 2000},
        id="plus-chains-of-command-80KB",
    ),
    pytest.param(
        lambda: _chain_of_plus("command", 2900, 2),
        True,
        {"H": ["test-module", "fetch-incidents"], "resolved": False, "reach:fetch-incidents:incidents": ["main"]},
        id="plus-chains-of-command-2900-deep",
    ),
    pytest.param(
        lambda: _chain_of_plus("'a' + command", 1000),
        False,
        {"resolved": True, "H": ["test-module", "fetch-incidents"]},
        id="plus-chains-with-a-string",
    ),
    pytest.param(
        lambda: _elif_chain(2900),
        True,
        {"resolved": True, "size": 2900, "catch_all": "raises", "reach:c-2899:incidents": []},
        id="elif-chain-2900",
    ),
    pytest.param(
        lambda: _elif_chain(5000),
        True,
        {"resolved": True, "size": 5000, "catch_all": "raises", "branches:c-4999": 1},
        id="elif-chain-5000-deeper-than-the-recursion-limit",
    ),
    pytest.param(
        lambda: _conditional_chain(2900),
        True,
        {"resolved": True, "size": 2900, "catch_all": "handles"},
        id="conditional-expression-chain-2900",
    ),
    pytest.param(_deep_expressions, True, {"resolved": True, "H": ["test-module"]}, id="deepest-expressions"),
    pytest.param(
        _calls_at_every_depth,
        True,
        {
            "calls:incidents": 1450,
            "calls:set_last_run": 1450,
            "in_finally": True,
            "guarded": 0,
            "reach:fetch-incidents:incidents": ["fetch"] * 1450,
        },
        id="calls-at-every-depth",
    ),
    pytest.param(
        _function_chain,
        False,
        {"resolved": True, "reach:fetch-incidents:incidents": ["f_10000"], "reachable:fetch-incidents": 10001},
        id="function-chain-10000",
    ),
    pytest.param(
        lambda: _function_chain(pass_command=True),
        False,
        {"resolved": True, "H": ["fetch-incidents"], "reach:fetch-incidents:incidents": ["f_10000"]},
        id="command-passed-down-10000-functions",
    ),
    pytest.param(
        _dispatch_dict,
        False,
        {"resolved": True, "size": 20001, "catch_all": "raises", "branches:cmd-7": 2, "reach:cmd-7:incidents": []},
        id="dispatch-dict-20000",
    ),
    pytest.param(
        lambda: _dispatch_dict(uses=200),
        False,
        {"resolved": True, "size": 20001, "branches:cmd-7": 2, "nodes:cmd-7": 1},
        id="dispatch-dict-20000-used-200-times",
    ),
    pytest.param(
        _many_uses, False, {"resolved": True, "size": 100, "branches:c-7": 100}, id="command-used-20000-times"
    ),
    pytest.param(
        lambda: "def main():\n    command = demisto.command()\n" + "    if command == 'a':\n        pass\n" * 10000,
        False,
        {"resolved": True, "H": ["a"], "nodes:a": 10000},
        id="one-literal-10000-times",
    ),
    pytest.param(
        _shared_collection,
        False,
        {"resolved": True, "size": 200, "branches:c-5": 2000, "nodes:c-5": 1},
        id="command-in-shared-tuple-2000-times",
    ),
    pytest.param(
        lambda: (
            "def main():\n    c0 = demisto.command()\n"
            + "".join(f"    c{i + 1} = c{i}\n" for i in range(10000))
            + "    if c10000 == 'test-module':\n        pass\n"
        ),
        False,
        {"resolved": True, "H": ["test-module"]},
        id="command-variable-chain-10000",
    ),
    pytest.param(
        lambda: (
            "def main():\n    " + " = ".join(f"c{i}" for i in range(20000)) + " = demisto.command()\n"
            "    if c19999 == 'test-module':\n        pass\n"
        ),
        False,
        {"resolved": True, "H": ["test-module"]},
        id="chained-assignment-20000",
    ),
    pytest.param(
        _wide_call,
        False,
        {"resolved": True, "H": ["fetch-incidents"], "reach:fetch-incidents:incidents": ["run"]},
        id="call-with-20000-arguments",
    ),
    pytest.param(
        lambda: _wide_call(keywords=True),
        False,
        {"resolved": True, "H": ["fetch-incidents"]},
        id="call-with-20000-keywords",
    ),
    pytest.param(_match, False, {"resolved": True, "size": 10000, "catch_all": "handles"}, id="match-5000-cases"),
    pytest.param(
        _one_line, False, {"resolved": True, "size": 20000, "catch_all": "handles"}, id="whole-module-on-one-line"
    ),
    pytest.param(
        _emptiness_guards, False, {"calls:send": 5000, "guarded": 5000, "resolved": True}, id="emptiness-guards-5000"
    ),
    pytest.param(_incident_dicts, False, {"incident_dicts": 5000}, id="incident-dicts-5000"),
    pytest.param(lambda: _large_module(2300), False, {"resolved": True, "size": 2301}, id="generated-1MB"),
]


def _fact(m: CodeModel, name: str) -> object:
    kind, _, arg = name.partition(":")
    if kind == "H":
        return list(m.handled)
    if kind == "size":
        return len(m.handled)
    if kind == "resolved":
        return m.resolved
    if kind == "unresolved":
        return len(m.unresolved_uses)
    if kind == "catch_all":
        return catch_all_state(m)
    if kind == "branches":
        return len(m.branches_for(arg))
    if kind == "nodes":
        return len(m.literal_nodes.get(arg, []))
    if kind == "calls":
        return len(m.calls(arg))
    if kind == "in_finally":
        return all(c.in_finally for kind in ("incidents", "set_last_run") for c in m.calls(kind))
    if kind == "guarded":
        return sum(m.has_emptiness_guard(c) for kind in ("send", "incidents") for c in m.calls(kind))
    if kind == "reach":
        command, _, call_kind = arg.partition(":")
        return [where(c) for c in m.reachable_calls(m.branches_for(command), call_kind) or ()]
    if kind == "reachable":
        return len(m.reachable_functions(m.branches_for(arg)))
    if kind == "incident_dicts":
        return len(m.incident_dicts())
    raise AssertionError(name)


def _parse(source: str, deep: bool) -> ast.Module:
    if not deep:
        return ast.parse(source)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20000))
    try:
        return ast.parse(source)
    finally:
        sys.setrecursionlimit(limit)


@pytest.mark.parametrize(("make", "deep", "expected"), PATHOLOGICAL)
def test_pathological_module_builds_fast(make: Callable[[], str], deep: bool, expected: dict) -> None:
    source = make()
    tree = _parse(source, deep)
    # The runner builds models with the cyclic collector off (validator/parallel.py); with
    # it on, a collection pass over a million-node tree would be timed too.
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        m = build_model(tree, source=source)
        facts = {name: _fact(m, name) for name in expected}  # the queries count too
        seconds = time.perf_counter() - start
    finally:
        if enabled:
            gc.enable()
    assert facts == expected
    assert seconds < PATHOLOGY_BOUND, f"{len(source) // 1024} KB took {seconds:.2f} s"


def test_catch_all_tokens_on_one_long_line() -> None:
    source = _one_line(2000)
    m = build_model(ast.parse(source), source=source)
    line = source.splitlines()[0]
    elses = [match.start() for match in re.finditer(r"\belse\b", line)]
    positions = [(b.line, char_column(line, b.col_offset)) for b in m.all_catch_alls]
    assert positions == [(1, column) for column in elses]


def test_recursion_error_never_escapes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing recurses on the tree any more; should something still raise RecursionError,
    the module is modelled as incomplete instead (no SY900 from every rule asking for it)."""
    from validator import pycode

    def deep(self, tree):  # noqa: ANN001, ANN202
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(pycode._Index, "_walk", deep)
    source = "command = demisto.command()\nif command == 'fetch-incidents':\n    demisto.incidents([])\n"
    tree = ast.parse(source)
    m = build_model(tree, source=source)
    assert m.tree is tree and not m.complete and not m.resolved
    assert [type(n).__name__ for n in m.incomplete_nodes] == ["Assign"]
    assert list(m.handled) == [] and m.calls("incidents") == [] and m.branches_for("fetch-incidents") == []
    assert m.incident_dicts() == []
