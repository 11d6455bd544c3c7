"""The Python code model (RULES.md section 2, DESIGN.md section 4).

Built once per integration module from its parsed ``ast.Module`` and shared by every rule;
the code is never imported or executed. One walk over the tree indexes parents, definitions,
calls, loaded names and bindings; everything else (the dispatch table, reachability, order,
guards, incident dicts) is computed from that index, the expensive parts lazily and memoised.

Cost: building the model stays about linear in the size of the module, whatever its shape
(``+`` chains thousands of terms deep, ``elif`` chains of thousands of branches, dicts of
tens of thousands of keys, thousands of uses of the command variable). Nothing recurses on
the depth of the tree, and every walk up the parents (enclosing unit, statement, elif chain
head, handler context, guards) is memoised along the path it takes, so each node is passed
once however many nodes below it ask.

Positions follow ``ast``: 1-based lines, 0-based columns counted in UTF-8 bytes. Rules
convert columns with :func:`char_column` (RULES.md section 3 counts characters).
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "CALL_KINDS",
    "AnalysisOptions",
    "Branch",
    "CallFact",
    "CodeModel",
    "IncidentDict",
    "build_model",
    "char_column",
    "dotted_name",
    "ends_in_raise",
]

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef
DefNode = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
# The scope of a binding: a function, a class body, or None for the module.
Scope = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | None

CALL_KINDS = ("send", "set_last_run", "get_last_run", "incidents")

# Star imports every integration has; they do not make the module incomplete (section 2.3).
STAR_IMPORTS_ALLOWED = frozenset({"CommonServerPython", "CommonServerUserPython", "demistomock"})
# A use of X as an argument of a call with one of these last names is harmless (section 2.3).
LOGGING_CALLS = frozenset({"debug", "info", "error", "log", "LOG", "print", "return_error"})

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_BOUNDARIES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_EXITS = (ast.Return, ast.Raise, ast.Continue, ast.Break)
_TRY = (ast.Try, getattr(ast, "TryStar", ast.Try))  # TryStar: Python 3.11+
_SKIP_FIELDS = frozenset({"ctx", "op", "ops"})
_DEF_TYPES = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef})
_BLOCK_FIELDS = ("body", "orelse", "finalbody", "handlers", "cases")
_MISSING: Any = object()  # "not memoised yet" where None is a memoised answer


@dataclass(frozen=True)
class AnalysisOptions:
    """The call names of ``[tool.validate.analysis]`` (RULES.md section 2.1)."""

    send_events_functions: tuple[str, ...] = ("send_events_to_xsiam", "send_data_to_xsiam")
    set_last_run_functions: tuple[str, ...] = ("demisto.setLastRun",)
    get_last_run_functions: tuple[str, ...] = ("demisto.getLastRun",)
    incidents_functions: tuple[str, ...] = ("demisto.incidents",)
    command_functions: tuple[str, ...] = ("demisto.command",)

    def names_for(self, kind: str) -> tuple[str, ...]:
        """The configured names of a call kind (one of CALL_KINDS, or ``"command"``)."""
        return {
            "send": self.send_events_functions,
            "set_last_run": self.set_last_run_functions,
            "get_last_run": self.get_last_run_functions,
            "incidents": self.incidents_functions,
            "command": self.command_functions,
        }[kind]


@dataclass(eq=False)
class Branch:
    """What runs for one or more commands (RULES.md section 2.2).

    ``selector`` is the node that selects the branch: the literal, the case pattern or the
    dict key; for a catch-all the ``else`` clause's first statement, the ``case _`` pattern or
    the ``.get()`` default. ``line``/``col_offset``/``end_*`` locate the selector, and for a
    catch-all the first token of its clause (``else``, ``case``). ``body`` is the statements or
    the expression that run; None means unknown. ``scope`` is the function (or class, or None
    for the module) in which the body's names are resolved. ``handles`` is False for a
    catch-all whose last statement is ``raise`` or ``return_error(...)``.
    """

    selector: ast.AST
    body: list[ast.stmt] | ast.expr | None
    catch_all: bool = False
    handles: bool = True
    scope: Scope = None
    line: int = 0
    col_offset: int = 0
    end_line: int = 0
    end_col_offset: int = 0

    def __post_init__(self) -> None:
        if not self.line:
            self.line = getattr(self.selector, "lineno", 1)
            self.col_offset = getattr(self.selector, "col_offset", 0)
            self.end_line = getattr(self.selector, "end_lineno", None) or self.line
            self.end_col_offset = getattr(self.selector, "end_col_offset", None) or self.col_offset

    @property
    def known(self) -> bool:
        return self.body is not None

    @property
    def at(self) -> ast.AST:
        """A node to report the branch at: the selector itself for an explicit branch; for a
        catch-all a bare ``ast.AST`` carrying the clause token's position (``else``/``case``),
        so a ``ctx.finding(branch.at, ...)`` lands on the token, in the code file."""
        if not self.catch_all:
            return self.selector
        node = ast.AST()
        node.lineno, node.col_offset = self.line, self.col_offset  # type: ignore[attr-defined]
        node.end_lineno, node.end_col_offset = self.end_line, self.end_col_offset  # type: ignore[attr-defined]
        return node


@dataclass(eq=False)
class CallFact:
    """One call of a kind in CALL_KINDS. ``function`` is the innermost enclosing function
    (None at module level); ``unit`` the innermost function or class (for reachability)."""

    node: ast.Call
    kind: str
    callee: str
    function: FunctionNode | None
    in_except: bool = False
    in_finally: bool = False
    unit: DefNode | None = None


@dataclass(eq=False)
class IncidentDict:
    """An incident dict (RULES.md FI206). ``keys`` maps each literal key to its last value;
    ``values`` lists every value given to a key, the literal's first, then each later
    ``N['k'] = v`` in source order. ``name`` is N when the dict was added through a Name."""

    node: ast.Dict
    function: FunctionNode | None
    keys: dict[str, ast.expr]
    name: str | None = None
    values: dict[str, list[ast.expr]] = field(default_factory=dict)


# --------------------------------------------------------------------------- helpers


def char_column(source_line: str, byte_col: int) -> int:
    """The 0-based character column of a UTF-8 byte offset in ``source_line`` (ast counts
    bytes). A line that is not UTF-8-encodable, or an offset past the end, is clamped."""
    encoded = source_line.encode("utf-8", errors="surrogatepass")
    return len(encoded[: max(byte_col, 0)].decode("utf-8", errors="ignore"))


def _byte_column(source_line: str, char_col: int) -> int:
    return len(source_line[:char_col].encode("utf-8", errors="surrogatepass"))


class _Lines:
    """The source lines, converting columns without re-encoding a line per question (one
    line can hold a whole module: ``a = 1 if X == 'a' else 2; b = ...``). An ASCII line
    needs no conversion; another gets its characters' byte offsets once."""

    _ASCII: Any = object()
    _SURROGATES: Any = object()

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        # Per 1-based line: _ASCII, _SURROGATES (the slow exact path), or the byte offset
        # of each character and of the end.
        self._offsets: dict[int, Any] = {}

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, index: int) -> str:
        return self._lines[index]

    def _offsets_of(self, line: int) -> Any:
        found = self._offsets.get(line)
        if found is None:
            text = self._lines[line - 1]
            if text.isascii():
                found = self._ASCII
            else:
                try:
                    encoded = text.encode("utf-8")
                except UnicodeEncodeError:
                    found = self._SURROGATES
                else:  # where each character starts: every byte but a continuation byte
                    found = [index for index, byte in enumerate(encoded) if byte & 0xC0 != 0x80]
                    found.append(len(encoded))
            self._offsets[line] = found
        return found

    def char_column(self, line: int, byte_col: int) -> int:
        """:func:`char_column` of the 1-based line ``line``."""
        offsets = self._offsets_of(line)
        if offsets is self._ASCII:
            return min(max(byte_col, 0), len(self._lines[line - 1]))
        if offsets is self._SURROGATES:
            return char_column(self._lines[line - 1], byte_col)
        return bisect_right(offsets, max(byte_col, 0)) - 1

    def byte_column(self, line: int, char_col: int) -> int:
        """The UTF-8 byte offset of a 0-based character column of the 1-based ``line``."""
        offsets = self._offsets_of(line)
        if offsets is self._SURROGATES or char_col < 0:
            return _byte_column(self._lines[line - 1], char_col)
        if offsets is self._ASCII:
            return min(char_col, len(self._lines[line - 1]))
        return offsets[min(char_col, len(offsets) - 1)]


def dotted_name(func: ast.expr) -> str:
    """A callee's dotted name (section 2.1): ``a.b.c`` for a Name or an attribute chain ending
    in one, else only its trailing attribute names (``x().a.b`` -> ``a.b``), else ``''``."""
    parts: list[str] = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if isinstance(func, ast.Name):
        parts.append(func.id)
    return ".".join(reversed(parts))


def _last_name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _name_matches(dotted: str, configured: str) -> bool:
    """A configured name with a dot matches exactly; one without, any last component."""
    if "." in configured:
        return dotted == configured
    return dotted.rpartition(".")[2] == configured


def _is_str(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _is_return_error(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and _last_name(node.func) == "return_error"


def ends_in_raise(body: Sequence[ast.stmt]) -> bool:
    """True when the last statement is ``raise`` or a ``return_error(...)`` call."""
    if not body:
        return False
    last = body[-1]
    return isinstance(last, ast.Raise) or (isinstance(last, ast.Expr) and _is_return_error(last.value))


def _expr_raises(expr: ast.expr) -> bool:
    """An expression catch-all that only reports an error (``return_error(...)`` or a lambda
    returning it) handles nothing, like a clause ending in raise."""
    if isinstance(expr, ast.Lambda):
        expr = expr.body
    return _is_return_error(expr)


def _in(node: ast.AST, nodes: Iterable[ast.AST]) -> bool:
    """Membership by identity (AST nodes compare by identity anyway; this avoids __eq__)."""
    for item in nodes:
        if item is node:
            return True
    return False


def _start(node: ast.AST) -> tuple[int, int]:
    return (node.lineno, node.col_offset)  # type: ignore[attr-defined]


def _end(node: ast.AST) -> tuple[int, int]:
    return (node.end_lineno or node.lineno, node.end_col_offset or 0)  # type: ignore[attr-defined]


def _lambda_body(expr: ast.expr) -> ast.expr:
    return expr.body if isinstance(expr, ast.Lambda) else expr


# --------------------------------------------------------------------------- the index


class _Binding:
    """One binding of a name: its value when the model sees one (``=``, annotated ``=``,
    ``:=``), else None; ``aug`` for ``+=`` and friends, which rebind without a new value."""

    __slots__ = ("aug", "target", "value")

    def __init__(self, value: ast.expr | None, target: ast.AST, aug: bool = False) -> None:
        self.value = value
        self.target = target
        self.aug = aug


class _Index:
    """What the single walk over the module records, plus name resolution on top of it."""

    def __init__(self, tree: ast.Module | None) -> None:
        """Index ``tree`` (None: an empty index, for a module that cannot be analysed)."""
        self.parents: dict[ast.AST, ast.AST] = {}
        self.calls: list[tuple[ast.Call, DefNode | None, FunctionNode | None]] = []
        self.loads: dict[str, list[tuple[ast.Name, DefNode | None]]] = defaultdict(list)
        self.unit_names: dict[DefNode | None, list[ast.Name]] = defaultdict(list)
        self.unit_attrs: dict[DefNode | None, list[ast.Attribute]] = defaultdict(list)
        self.bindings: dict[Scope, dict[str, list[_Binding]]] = {}
        self.global_names: dict[Scope, set[str]] = {}
        self.chain: dict[DefNode, tuple[FunctionNode, ...]] = {}
        self.local_defs: dict[FunctionNode | None, dict[str, list[DefNode]]] = {}
        self.class_methods: dict[ast.ClassDef, dict[str, list[FunctionNode]]] = {}
        self.method_class: dict[FunctionNode, ast.ClassDef] = {}
        self.method_index: dict[str, dict[ast.ClassDef, list[FunctionNode]]] = {}
        self.owned: dict[DefNode | None, list[DefNode]] = {}
        self.aug_assigns: list[ast.AugAssign] = []
        self.incomplete: list[ast.AST] = []
        self._child_fields: dict[type, tuple[str, ...]] = {}
        # Memoised lazily (most nodes are never asked about).
        self._units: dict[ast.AST, DefNode | None] = {}
        self._statements: dict[ast.AST, ast.stmt | None] = {}
        self._slots: dict[ast.AST, tuple[str, int]] = {}
        self._slotted: set[ast.AST] = set()
        self._scoped_loads: dict[str, dict[Scope, list[tuple[ast.Name, DefNode | None]]]] = {}
        self._mutable: dict[tuple[Scope, str], bool] = {}
        self._collections: dict[tuple[ast.AST, DefNode | None], list[tuple[str, ast.expr]] | None] = {}
        self._entries: dict[tuple[ast.AST, DefNode | None], list[tuple[str, ast.expr, ast.expr]] | None] = {}
        if tree is not None:
            self._walk(tree)

    # -- the walk

    def _walk(self, tree: ast.Module) -> None:
        # Hot loop (every node of the module): fields are cached per node type, Names and
        # Constants are handled when met as children instead of going through the stack.
        parents = self.parents
        fields_of = self._child_fields
        stack: list[tuple[ast.AST, DefNode | None, tuple[FunctionNode, ...]]] = [(tree, None, ())]
        push, pop = stack.append, stack.pop
        while stack:
            node, unit, chain = pop()
            kind = type(node)
            if kind is ast.Name:  # pushed by _define (decorators, bases, annotations)
                self._name(node, unit)  # type: ignore[arg-type]
                continue
            if kind in _DEF_TYPES:
                self._define(node, unit, chain, stack)  # type: ignore[arg-type]
                continue
            if kind is ast.Call:
                self._call(node, unit, chain)  # type: ignore[arg-type]
            elif kind is ast.Attribute:
                if type(node.ctx) is ast.Load:  # type: ignore[attr-defined]
                    self.unit_attrs[unit].append(node)  # type: ignore[arg-type]
            elif kind in _OTHER_BINDERS:
                self._other(node, unit)
            fields = fields_of.get(kind)
            if fields is None:
                fields = fields_of[kind] = tuple(reversed([f for f in node._fields if f not in _SKIP_FIELDS]))
            for name in fields:
                value = getattr(node, name, None)
                items: Iterable[Any] = reversed(value) if type(value) is list else (value,)
                for child in items:
                    child_kind = type(child)
                    if child_kind is ast.Name:
                        parents[child] = node
                        self._name(child, unit)  # type: ignore[arg-type]
                    elif child_kind is ast.Constant:
                        parents[child] = node
                    elif isinstance(child, ast.AST):
                        parents[child] = node
                        push((child, unit, chain))

    def _name(self, node: ast.Name, unit: DefNode | None) -> None:
        ctx = type(node.ctx)
        if ctx is ast.Load:
            self.loads[node.id].append((node, unit))
            self.unit_names[unit].append(node)
        elif ctx is ast.Store and not self._in_comprehension_target(node):
            parent = self.parents.get(node)
            value: ast.expr | None = None
            if isinstance(parent, ast.Assign):  # a stored Name right under `=` is a target
                value = parent.value
            elif isinstance(parent, ast.AnnAssign):
                if parent.value is None:
                    return  # `x: int` declares, it does not bind
                value = parent.value
            elif isinstance(parent, ast.NamedExpr):
                value = parent.value
            self._bind(unit, node.id, _Binding(value, node, isinstance(parent, ast.AugAssign)))

    def _in_comprehension_target(self, node: ast.AST) -> bool:
        # Comprehension variables live in their own scope; they bind nothing outside it.
        parent = self.parents.get(node)
        while isinstance(parent, (ast.Tuple, ast.List, ast.Starred)):
            node, parent = parent, self.parents.get(parent)
        return isinstance(parent, ast.comprehension) and parent.target is node

    def _bind(self, unit: DefNode | None, name: str, binding: _Binding) -> None:
        scope = None if name in self.global_names.get(unit, ()) else unit
        self.bindings.setdefault(scope, {}).setdefault(name, []).append(binding)

    def _define(self, node: DefNode, unit: DefNode | None, chain: tuple[FunctionNode, ...], stack: list) -> None:
        self._bind(unit, node.name, _Binding(None, node))
        is_member = isinstance(unit, ast.ClassDef)
        if isinstance(node, ast.ClassDef):
            inner_chain = chain
            self.class_methods[node] = {}
            outer: list[ast.AST] = [*node.decorator_list, *node.bases, *node.keywords]
        else:
            inner_chain = (node, *chain)
            self._bind_parameters(node)
            outer = [*node.decorator_list, node.args, *([node.returns] if node.returns else [])]
        self.chain[node] = inner_chain
        if is_member:
            if isinstance(node, _FUNCS):
                self.class_methods[unit].setdefault(node.name, []).append(node)  # type: ignore[index]
                self.method_class[node] = unit  # type: ignore[assignment]
                self.method_index.setdefault(node.name, {}).setdefault(unit, []).append(node)  # type: ignore[arg-type]
        else:
            # Nested definitions belong to the enclosing body (section 2.4).
            self.local_defs.setdefault(unit, {}).setdefault(node.name, []).append(node)  # type: ignore[arg-type]
            self.owned.setdefault(unit, []).append(node)
        for child in reversed(node.body):
            self.parents[child] = node
            stack.append((child, node, inner_chain))
        for part in reversed(outer):
            self.parents[part] = node
            stack.append((part, unit, chain))

    def _bind_parameters(self, node: FunctionNode) -> None:
        args = node.args
        params = [*args.posonlyargs, *args.args, *args.kwonlyargs]
        params += [a for a in (args.vararg, args.kwarg) if a is not None]
        for param in params:
            self._bind(node, param.arg, _Binding(None, param))

    def _call(self, node: ast.Call, unit: DefNode | None, chain: tuple[FunctionNode, ...]) -> None:
        self.calls.append((node, unit, chain[0] if chain else None))
        if isinstance(node.func, ast.Name) and node.func.id in ("exec", "eval"):
            self.incomplete.append(node)

    def _other(self, node: ast.AST, unit: DefNode | None) -> None:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            self._import(node, unit)
        elif isinstance(node, ast.Global):
            self.global_names.setdefault(unit, set()).update(node.names)
        elif isinstance(node, ast.AugAssign):
            self.aug_assigns.append(node)
        elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
            self._bind(unit, node.name, _Binding(None, node))
        elif isinstance(node, ast.MatchMapping) and node.rest:
            self._bind(unit, node.rest, _Binding(None, node))

    def _import(self, node: ast.Import | ast.ImportFrom, unit: DefNode | None) -> None:
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            # An API module's code is invisible here, a star import hides what it binds.
            if module.endswith("ApiModule") or (
                any(a.name == "*" for a in node.names) and module not in STAR_IMPORTS_ALLOWED
            ):
                self.incomplete.append(node)
        for alias in node.names:
            if alias.name != "*":
                bound = alias.asname or alias.name.partition(".")[0]
                self._bind(unit, bound, _Binding(None, alias))

    # -- resolution

    def chain_of(self, unit: DefNode | None) -> tuple[FunctionNode, ...]:
        return self.chain.get(unit, ()) if unit is not None else ()

    def unit_of(self, node: ast.AST) -> DefNode | None:
        """The innermost function or class whose body holds ``node`` (None: the module).
        Every node passed on the way up gets the same answer, memoised: asking for each of
        the thousands of terms of a ``+`` chain costs one walk up the chain, not one each."""
        units, parents = self._units, self.parents
        path: list[ast.AST] = []
        unit: DefNode | None = None
        while True:
            found = units.get(node, _MISSING)
            if found is not _MISSING:
                unit = found
                break
            path.append(node)
            parent = parents.get(node)
            if parent is None:
                break
            if type(parent) in _DEF_TYPES and not _in(node, _def_header(parent)):  # type: ignore[arg-type]
                unit = parent  # type: ignore[assignment]
                break
            node = parent
        for item in path:
            units[item] = unit
        return unit

    def function_of(self, node: ast.AST) -> FunctionNode | None:
        unit = self.unit_of(node)
        chain = self.chain_of(unit)
        return chain[0] if chain else None

    def statement_of(self, node: ast.AST) -> ast.stmt | None:
        """The innermost statement holding ``node`` (``node`` itself for a statement),
        memoised along the way up like :meth:`unit_of`."""
        statements, parents = self._statements, self.parents
        path: list[ast.AST] = []
        current: ast.AST | None = node
        while current is not None and not isinstance(current, ast.stmt):
            found = statements.get(current, _MISSING)
            if found is not _MISSING:
                current = found
                break
            path.append(current)
            current = parents.get(current)
        for item in path:
            statements[item] = current  # type: ignore[assignment]
        return current  # type: ignore[return-value]

    def slot(self, node: ast.AST) -> tuple[str, int] | None:
        """``(field, index)`` of ``node`` in a statement list (``body``, ``orelse``,
        ``finalbody``, ``handlers``, ``cases``) of its parent; None when in none. The
        parent's lists are indexed once, so a block of thousands of statements is not
        searched again for each."""
        if node not in self._slots:
            parent = self.parents.get(node)
            if parent is None or parent in self._slotted:
                return None
            self._slotted.add(parent)
            for name in _BLOCK_FIELDS:
                items = getattr(parent, name, None)
                if type(items) is list:
                    for index, item in enumerate(items):
                        self._slots[item] = (name, index)
        return self._slots.get(node)

    def arm(self, child: ast.AST) -> object:
        """Which arm of its parent holds ``child``: a field name, or (field, index) for the
        handlers of a ``try`` and the cases of a ``match``."""
        slot = self.slot(child)
        if slot is None:
            return None
        return slot if slot[0] in ("handlers", "cases") else slot[0]

    def block_of(self, parent: ast.AST, stmt: ast.AST) -> tuple[list[ast.stmt], int]:
        """The ``body``/``orelse``/``finalbody`` of ``parent`` holding ``stmt``, and its index
        there; ``([], -1)`` when none does."""
        slot = self.slot(stmt)
        if slot is None or slot[0] not in ("body", "orelse", "finalbody") or self.parents.get(stmt) is not parent:
            return [], -1
        return getattr(parent, slot[0]), slot[1]

    def loads_in(self, name: str, scope: Scope) -> list[tuple[ast.Name, DefNode | None]]:
        """The loads of ``name`` that read the binding of ``scope``, in walk order. Grouped
        once per name: a name loaded in thousands of scopes (a ``command`` parameter passed
        down a chain of functions) is not scanned again for each."""
        by_scope = self._scoped_loads.get(name)
        if by_scope is None:
            by_scope = self._scoped_loads[name] = {}
            for load, unit in self.loads.get(name, ()):
                by_scope.setdefault(self.scope_of_load(name, unit), []).append((load, unit))
        return by_scope.get(scope, [])

    def scope_of_load(self, name: str, unit: DefNode | None) -> Scope:
        """The scope whose binding a load of ``name`` in ``unit`` reads (Python's rules,
        without class scopes for nested functions); None is the module."""
        if isinstance(unit, ast.ClassDef) and name in self.bindings.get(unit, {}):
            return unit
        for function in self.chain_of(unit):
            if name in self.global_names.get(function, ()):
                return None
            if name in self.bindings.get(function, {}):
                return function
        return None

    def bound_once(self, scope: Scope, name: str) -> ast.expr | None:
        """The value of ``name`` when the scope binds it exactly once with a visible value."""
        found = self.bindings.get(scope, {}).get(name, [])
        return found[0].value if len(found) == 1 else None

    def literal(self, node: ast.AST, unit: DefNode | None) -> str | None:
        """A command literal: a string constant, or a Name bound once at module level to one."""
        if _is_str(node):
            return node.value  # type: ignore[attr-defined, no-any-return]
        if isinstance(node, ast.Name) and self.scope_of_load(node.id, unit) is None:
            value = self.bound_once(None, node.id)
            if _is_str(value):
                return value.value  # type: ignore[union-attr, no-any-return]
        return None

    def resolve_literal_container(self, node: ast.AST, unit: DefNode | None) -> tuple[ast.AST, DefNode | None]:
        """Follow a Name bound once (in its scope) to its value; other nodes stay as they are.
        A container that may change after its binding (``D[k] = v``, ``D.update(...)``, passed
        to a function) is not followed: its literal keys are not all it holds (section 2.3)."""
        if isinstance(node, ast.Name):
            scope = self.scope_of_load(node.id, unit)
            value = self.bound_once(scope, node.id)
            if value is not None and not isinstance(value, ast.Name) and not self._mutable_use(scope, node.id):
                return value, scope
        return node, unit

    def _mutable_use(self, scope: Scope, name: str) -> bool:
        """A load of ``name`` (bound in ``scope``) other than a read of the container."""
        key = (scope, name)
        if key not in self._mutable:
            self._mutable[key] = any(
                not _container_read(load, self.parents) for load, _unit in self.loads_in(name, scope)
            )
        return self._mutable[key]

    def collection(self, node: ast.AST, unit: DefNode | None) -> list[tuple[str, ast.expr]] | None:
        """The literals of S in ``X in S`` (form b), each with its node; None if S is not one.
        Memoised per container: a Name bound to a large literal is read once."""
        node, unit = self.resolve_literal_container(node, unit)
        key = (node, unit)
        if key in self._collections:
            return self._collections[key]
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            elements: list[ast.expr | None] = list(node.elts)
        elif isinstance(node, ast.Dict):
            elements = list(node.keys)
        else:
            return None
        out: list[tuple[str, ast.expr]] | None = []
        for element in elements:
            value = self.literal(element, unit) if element is not None else None
            if value is None:
                out = None
                break
            out.append((value, element))  # type: ignore[union-attr, arg-type]
        self._collections[key] = out
        return out

    def dict_entries(self, node: ast.AST, unit: DefNode | None) -> list[tuple[str, ast.expr, ast.expr]] | None:
        """``(literal, key, value)`` of D in form (d); None unless D is a dict literal with
        literal keys or a Name bound once to one. Memoised per dict (the same list object
        for every use of it)."""
        node, unit = self.resolve_literal_container(node, unit)
        if not isinstance(node, ast.Dict):
            return None
        key = (node, unit)
        if key in self._entries:
            return self._entries[key]
        out: list[tuple[str, ast.expr, ast.expr]] | None = []
        for dict_key, value in zip(node.keys, node.values):
            literal = self.literal(dict_key, unit) if dict_key is not None else None
            if dict_key is None or literal is None:
                out = None
                break
            out.append((literal, dict_key, value))  # type: ignore[union-attr]
        self._entries[key] = out
        return out

    def name_targets(self, name: str, unit: DefNode | None) -> list[DefNode]:
        """Definitions a loaded Name refers to: nested definitions of the enclosing functions
        first (innermost first), else the module's. A name defined twice gives both."""
        for function in self.chain_of(unit):
            found = self.local_defs.get(function, {}).get(name)
            if found:
                return found
        return self.local_defs.get(None, {}).get(name, [])

    def attribute_targets(self, node: ast.Attribute, unit: DefNode | None) -> list[FunctionNode]:
        """Methods ``.m`` refers to: for ``self.m`` the enclosing class's own ``m``, else the
        ``m`` of the only class that defines one."""
        if isinstance(node.value, ast.Name) and node.value.id == "self":
            own = self.class_methods.get(self.class_of(unit), {}).get(node.attr)  # type: ignore[arg-type]
            if own:
                return own
        classes = self.method_index.get(node.attr, {})
        if len(classes) == 1:
            return next(iter(classes.values()))
        return []

    def class_of(self, unit: DefNode | None) -> ast.ClassDef | None:
        for function in self.chain_of(unit):
            if function in self.method_class:
                return self.method_class[function]
        return unit if isinstance(unit, ast.ClassDef) else None


# Methods and functions that only read a dict/list/set of commands.
_CONTAINER_READS = frozenset({"get", "keys", "items", "values", "copy", "count", "index"})
_CONTAINER_READERS = frozenset({"len", "list", "sorted", "set", "tuple", "str", "repr", "join", *LOGGING_CALLS})


def _container_read(load: ast.Name, parents: dict[ast.AST, ast.AST]) -> bool:
    """``D[k]``, ``k in D``, ``D.get(k)``/``.keys()``/..., iteration, formatting, ``len(D)``."""
    parent = parents.get(load)
    if isinstance(parent, ast.Subscript):
        return parent.value is load and isinstance(parent.ctx, ast.Load)
    if isinstance(parent, ast.Compare):
        return all(isinstance(op, (ast.In, ast.NotIn)) for op in parent.ops) and parent.left is not load
    if isinstance(parent, ast.Attribute):
        return parent.attr in _CONTAINER_READS
    if isinstance(parent, (ast.For, ast.AsyncFor, ast.comprehension)):
        return parent.iter is load
    if isinstance(parent, ast.FormattedValue):
        return True
    if isinstance(parent, ast.Call) and parent.func is not load:  # a Name right under a call: func or in args
        return _last_name(parent.func) in _CONTAINER_READERS
    return False


def _def_header(node: DefNode) -> list[ast.AST]:
    """The parts of a definition evaluated in the enclosing scope."""
    if isinstance(node, ast.ClassDef):
        return [*node.decorator_list, *node.bases, *node.keywords]
    return [*node.decorator_list, node.args, *([node.returns] if node.returns else [])]


_OTHER_BINDERS = frozenset(
    {
        ast.Import,
        ast.ImportFrom,
        ast.Global,
        ast.AugAssign,
        ast.ExceptHandler,
        ast.MatchAs,
        ast.MatchStar,
        ast.MatchMapping,
    }
)


# --------------------------------------------------------------------------- dispatch


class _DispatchBuilder:
    """Finds the handled set H, the branches and the catch-alls, and every use of X that
    leaves the dispatch unresolved (RULES.md sections 2.2 and 2.3).

    A worklist of X occurrences: it starts with the command expressions; each use that binds
    a command variable (``=``, ``:=``, a parameter) adds that variable's loads.
    """

    def __init__(self, ix: _Index, lines: list[str] | None) -> None:
        self.ix = ix
        self.lines = _Lines(lines) if lines is not None else None
        self.unresolved: list[ast.AST] = []
        self.catch_alls: list[Branch] = []
        self._occurrences: list[tuple[tuple[int, int, int], str, Branch]] = []
        # Forms (b) and (d) by container (keyed by the memoised literals list): a container
        # of N commands used at U places is N + U facts here, not N * U branches.
        self._families: dict[int, _Family] = {}
        self._chains: dict[ast.AST, None] = {}  # if/IfExp nodes whose test uses (a)/(b)
        self._heads: dict[ast.AST, ast.AST] = {}  # chain heads, memoised along each chain
        self._stringish: dict[ast.AST, bool] = {}
        self._arguments: dict[ast.Call, dict[int, int | str | None]] = {}
        self._signatures: dict[FunctionNode, tuple[list[str], dict[str, int], set[str]]] = {}
        self._variables: set[tuple[int, str]] = set()
        self._queue: list[ast.expr] = []

    def run(self, command_expressions: Iterable[ast.expr]) -> None:
        self._queue.extend(command_expressions)
        while self._queue:
            self._use(self._queue.pop())
        self._collect_catch_alls()

    def handled(self) -> tuple[_Handled, dict[str, list[ast.AST]]]:
        """H in source order of the forms, and where each literal appears. The branches
        of a literal are built when first asked for (see :class:`_Handled`)."""
        direct: dict[str, list[tuple[tuple[int, int, int], Branch]]] = {}
        shared: dict[str, list[tuple[_Family, int]]] = {}
        # The first occurrence of each selector: a family's literals first occur at its
        # first use, each after the ones before it in the container.
        firsts: list[tuple[tuple[int, int, int], str, ast.AST]] = []
        for key, literal, branch in self._occurrences:
            direct.setdefault(literal, []).append((key, branch))
            firsts.append((key, literal, branch.selector))
        for family in self._families.values():
            for index, (literal, selector, *_value) in enumerate(family.pairs):
                shared.setdefault(literal, []).append((family, index))
                firsts.append(((*family.first, index), literal, selector))
        nodes: dict[str, list[ast.AST]] = {}
        seen: set[tuple[str, int]] = set()
        for _key, literal, selector in sorted(firsts, key=lambda item: item[0]):
            if (literal, id(selector)) not in seen:
                seen.add((literal, id(selector)))
                nodes.setdefault(literal, []).append(selector)
        return _Handled(list(nodes), direct, shared), nodes

    # -- one use of X

    def _use(self, x: ast.expr) -> None:
        parent = self.ix.parents.get(x)
        unit = self.ix.unit_of(x)
        if isinstance(parent, ast.keyword):
            call = self.ix.parents.get(parent)  # a Call, or a ClassDef for `metaclass=`
            ok = isinstance(call, ast.Call) and self._argument(call, x, unit)
        elif isinstance(parent, ast.Compare):
            ok = self._compare(parent, x, unit)
        elif isinstance(parent, ast.Match):
            ok = parent.subject is x and self._match(parent, x, unit)
        elif isinstance(parent, ast.Subscript):
            ok = parent.slice is x and isinstance(parent.ctx, ast.Load) and self._subscript(parent, x, unit)
        elif isinstance(parent, ast.Call):
            ok = self._argument(parent, x, unit)
        elif isinstance(parent, (ast.Assign, ast.AnnAssign, ast.NamedExpr)):
            ok = parent.value is x and self._binding(parent, unit)
        else:
            # A bare expression statement discards the value: not a use at all.
            ok = isinstance(parent, ast.Expr)
        if not ok and not self._harmless(x, parent):
            self.unresolved.append(x)

    def _add_variable(self, scope: Scope, name: str) -> None:
        key = (id(scope), name)
        if key in self._variables:
            return
        self._variables.add(key)
        self._queue.extend(load for load, _unit in self.ix.loads_in(name, scope))

    def _binding(self, stmt: ast.Assign | ast.AnnAssign | ast.NamedExpr, unit: DefNode | None) -> bool:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if len(names) != len(targets):
            return False  # `self.command = X`, tuple targets: not a command variable
        for name in names:
            scope = None if name in self.ix.global_names.get(unit, ()) else unit
            self._add_variable(scope, name)
        if isinstance(stmt, ast.NamedExpr):
            self._queue.append(stmt)  # `(c := X)` evaluates to X itself
        return True

    def _argument(self, call: ast.Call, x: ast.expr, unit: DefNode | None) -> bool:
        if call.func is x:
            return False
        if _last_name(call.func) in LOGGING_CALLS:
            return True  # harmless, even when the module defines a method of that name
        if self._dict_get(call, x, unit):
            return True
        targets = self._callee_functions(call.func, unit)
        params = [self._parameter_for(function, call, x, offset) for function, offset in targets]
        if not targets or any(p is None for p in params):
            return False
        for (function, _offset), param in zip(targets, params):
            self._add_variable(function, param)  # type: ignore[arg-type]
        return True

    def _parameter_for(self, function: FunctionNode, call: ast.Call, x: ast.expr, offset: int) -> str | None:
        """The parameter of ``function`` that argument ``x`` of ``call`` binds, if certain.
        The arguments of a call and the parameters of a function are indexed once each, so
        ``f(command, command, ...)`` with thousands of arguments stays linear."""
        slots = self._arguments.get(call)
        if slots is None:
            slots = self._arguments[call] = _argument_slots(call)
        slot = slots.get(id(x))
        if slot is None:
            return None
        positional, positions, keyword_only = self._parameters(function)
        if isinstance(slot, int):
            index = slot + offset
            return positional[index] if index < len(positional) else None
        position = positions.get(slot)
        return slot if (position is not None and position >= offset) or slot in keyword_only else None

    def _parameters(self, function: FunctionNode) -> tuple[list[str], dict[str, int], set[str]]:
        """The positional parameters of ``function``, their positions by name, and its
        keyword-only parameters."""
        found = self._signatures.get(function)
        if found is None:
            args = function.args
            positional = [param.arg for param in (*args.posonlyargs, *args.args)]
            positions: dict[str, int] = {}
            for index, name in enumerate(positional):
                positions.setdefault(name, index)
            found = self._signatures[function] = (positional, positions, {p.arg for p in args.kwonlyargs})
        return found

    def _callee_functions(self, func: ast.expr, unit: DefNode | None) -> list[tuple[FunctionNode, int]]:
        """Module functions a call runs, with how many leading parameters it fills itself."""
        if isinstance(func, ast.Name):
            out: list[tuple[FunctionNode, int]] = []
            for target in self.ix.name_targets(func.id, unit):
                if isinstance(target, ast.ClassDef):
                    out += [(init, 1) for init in self.ix.class_methods[target].get("__init__", [])]
                else:
                    out.append((target, 0))
            return out
        if isinstance(func, ast.Attribute):
            return [(m, 0 if _is_static(m) else 1) for m in self.ix.attribute_targets(func, unit)]
        return []

    # -- forms (a) and (b)

    def _compare(self, compare: ast.Compare, x: ast.expr, unit: DefNode | None) -> bool:
        if len(compare.ops) != 1:
            return False
        op, left, right = compare.ops[0], compare.left, compare.comparators[0]
        other = right if left is x else left
        if isinstance(op, (ast.Eq, ast.NotEq)):
            literal = self.ix.literal(other, unit)
            pairs = None if literal is None else [(literal, other)]
        elif isinstance(op, (ast.In, ast.NotIn)) and left is x:
            pairs = self.ix.collection(right, unit)
        else:
            return False
        if pairs is None:
            return False
        if isinstance(op, (ast.NotEq, ast.NotIn)):
            return self._is_raise_guard(compare)
        body, owner = self._test_branch(compare)
        if isinstance(op, ast.Eq):
            literal, selector = pairs[0]
            self._add(literal, Branch(selector, body, scope=unit), x, 0)
        else:
            self._family(pairs, x).uses.append(((x.lineno, x.col_offset), body, unit))
        if owner is not None:
            self._chains[owner] = None
        return True

    def _family(self, pairs: list[Any], x: ast.expr) -> _Family:
        """The family of a container's literals (``pairs`` is memoised per container), its
        first use moved to ``x`` when ``x`` comes first."""
        position = (x.lineno, x.col_offset)
        family = self._families.get(id(pairs))
        if family is None:
            family = self._families[id(pairs)] = _Family(pairs, position)
        elif position < family.first:
            family.first = position
        return family

    def _is_raise_guard(self, compare: ast.Compare) -> bool:
        """``if X not in S: raise ...`` / ``if X != L: return_error(...)`` is allowed."""
        parent = self.ix.parents.get(compare)
        return isinstance(parent, ast.If) and parent.test is compare and ends_in_raise(parent.body)

    def _test_branch(self, node: ast.AST) -> tuple[list[ast.stmt] | ast.expr | None, ast.AST | None]:
        """What runs when the test holding ``node`` is true; comparisons joined by
        ``and``/``or`` share it. Used elsewhere: unknown (None)."""
        parent = self.ix.parents.get(node)
        while isinstance(parent, ast.BoolOp):
            node, parent = parent, self.ix.parents.get(parent)
        if isinstance(parent, (ast.If, ast.IfExp)) and parent.test is node:
            return parent.body, parent
        return None, None

    def _add(self, literal: str, branch: Branch, x: ast.expr, index: int) -> None:
        self._occurrences.append(((x.lineno, x.col_offset, index), literal, branch))

    # -- form (c)

    def _match(self, match: ast.Match, x: ast.expr, unit: DefNode | None) -> bool:
        ok = True
        for index, case in enumerate(match.cases):
            pairs, catch_all, known = _pattern_literals(case.pattern)
            if case.guard is not None and catch_all:
                known, catch_all = False, False  # a guarded capture decides on other grounds
            ok = ok and known
            for literal, selector in pairs:
                self._add(literal, Branch(selector, case.body, scope=unit), x, index)
            if catch_all:
                self.catch_alls.append(self._case_catch_all(case, unit))
        return ok

    def _case_catch_all(self, case: ast.match_case, unit: DefNode | None) -> Branch:
        pattern = case.pattern
        line, col = self._keyword_before(pattern, "case")
        return Branch(
            pattern,
            case.body,
            catch_all=True,
            handles=not ends_in_raise(case.body),
            scope=unit,
            line=line,
            col_offset=col,
            end_line=line,
            end_col_offset=col + 4,
        )

    def _keyword_before(self, node: ast.AST, word: str) -> tuple[int, int]:
        """The ``case`` token in front of a pattern on its line (the clause's first token)."""
        line = node.lineno  # type: ignore[attr-defined]
        col = node.col_offset  # type: ignore[attr-defined]
        lines = self.lines
        if lines is not None and line <= len(lines):
            text = lines[line - 1]
            found = text.rfind(word, 0, lines.char_column(line, col))
            if found >= 0:
                return line, lines.byte_column(line, found)
        return line, max(col - len(word) - 1, 0)

    # -- form (d)

    def _subscript(self, subscript: ast.Subscript, x: ast.expr, unit: DefNode | None) -> bool:
        entries = self.ix.dict_entries(subscript.value, unit)
        if entries is None:
            return False
        self._add_entries(entries, x)
        return True

    def _dict_get(self, call: ast.Call, x: ast.expr, unit: DefNode | None) -> bool:
        func = call.func
        if not (isinstance(func, ast.Attribute) and func.attr == "get"):
            return False
        if call.keywords or len(call.args) not in (1, 2) or call.args[0] is not x:
            return False
        entries = self.ix.dict_entries(func.value, unit)
        if entries is None:
            return False
        self._add_entries(entries, x)
        default = call.args[1] if len(call.args) == 2 else None
        if default is not None and not (isinstance(default, ast.Constant) and default.value is None):
            body = _lambda_body(default)
            self.catch_alls.append(Branch(default, body, catch_all=True, handles=not _expr_raises(default), scope=unit))
        return True

    def _add_entries(self, entries: list[tuple[str, ast.expr, ast.expr]], x: ast.expr) -> None:
        """The branches of a dict's entries: the same for every use of the dict (the union
        of identical branches is one), placed at its first use in source order."""
        known = id(entries) in self._families
        family = self._family(entries, x)
        if not known:
            family.fixed = [
                # the dict's own scope resolves its values' names
                Branch(key, _lambda_body(value), scope=self.ix.unit_of(key))
                for _literal, key, value in entries
            ]

    # -- harmless uses (section 2.3 (3))

    def _harmless(self, x: ast.expr, parent: ast.AST | None) -> bool:
        if isinstance(parent, ast.FormattedValue):
            return True
        if isinstance(parent, ast.Tuple):
            grand = self.ix.parents.get(parent)
            if isinstance(grand, ast.BinOp) and isinstance(grand.op, ast.Mod) and grand.right is parent:
                return True
        if isinstance(parent, ast.BinOp):
            if isinstance(parent.op, ast.Mod) and parent.right is x:
                return True
            other = parent.right if parent.left is x else parent.left
            if isinstance(parent.op, ast.Add) and _stringish(other, self._stringish):
                return True
        call = self.ix.parents.get(parent) if isinstance(parent, ast.keyword) else parent
        if isinstance(call, ast.Call) and call.func is not x:
            if _last_name(call.func) in LOGGING_CALLS:
                return True
            if isinstance(call.func, ast.Attribute) and call.func.attr == "format":
                return True
        return isinstance(self.ix.statement_of(x), ast.Raise)

    # -- catch-alls of if/elif chains and conditional expressions

    def _collect_catch_alls(self) -> None:
        heads: dict[ast.AST, None] = {}
        for owner in self._chains:
            heads[self._chain_head(owner)] = None
        for head in heads:
            branch = self._chain_catch_all(head)
            if branch is not None:
                self.catch_alls.append(branch)
        self.catch_alls.sort(key=lambda b: (b.line, b.col_offset))

    def _chain_head(self, node: ast.AST) -> ast.AST:
        """The first ``if`` of the chain ``node`` is in; memoised along the chain, so an
        ``elif`` chain of thousands of branches is walked up once, not once per branch."""
        heads = self._heads
        path: list[ast.AST] = []
        while True:
            head = heads.get(node)
            if head is not None:
                break
            path.append(node)
            parent = self.ix.parents.get(node)
            if parent is None or not _is_elif(parent, node):
                head = node
                break
            node = parent
        for item in path:
            heads[item] = head
        return head

    def _chain_catch_all(self, head: ast.AST) -> Branch | None:
        node = head
        while True:
            orelse = node.orelse  # type: ignore[attr-defined]
            nxt = orelse[0] if isinstance(orelse, list) and len(orelse) == 1 else orelse
            if not _is_elif(node, nxt):
                break
            node = nxt
        unit = self.ix.unit_of(node)
        if isinstance(node, ast.IfExp):
            line, col = self._else_token(node.test, node.orelse)
            return Branch(
                node.orelse,
                node.orelse,
                catch_all=True,
                handles=not _expr_raises(node.orelse),
                scope=unit,
                line=line,
                col_offset=col,
                end_line=line,
                end_col_offset=col + 4,
            )
        if not node.orelse:  # type: ignore[attr-defined]
            return None
        body = node.orelse  # type: ignore[attr-defined]
        line, col = self._else_token(node.body[-1], body[0], node.col_offset)  # type: ignore[attr-defined]
        return Branch(
            body[0],
            body,
            catch_all=True,
            handles=not ends_in_raise(body),
            scope=unit,
            line=line,
            col_offset=col,
            end_line=line,
            end_col_offset=col + 4,
        )

    def _else_token(self, before: ast.AST, after: ast.AST, indent: int | None = None) -> tuple[int, int]:
        """Where the ``else`` between two nodes is (only comments and punctuation lie there)."""
        start, end = _end(before), _start(after)
        lines = self.lines
        if lines is not None:
            for line in range(start[0], min(end[0], len(lines)) + 1):
                text = lines[line - 1]
                lo = lines.char_column(line, start[1]) if line == start[0] else 0
                hi = lines.char_column(line, end[1]) if line == end[0] else len(text)
                segment = text[lo:hi].split("#", 1)[0]
                found = re.search(r"\belse\b", segment)
                if found:
                    return line, lines.byte_column(line, lo + found.start())
        # Without the source: `else:` usually sits on the line above its first statement.
        if indent is not None and end[0] > start[0]:
            return end[0] - 1, indent
        return end


class _Family:
    """The occurrences of one container's literals. ``pairs`` are ``(literal, selector)``
    (for a dict's entries ``(literal, key, value)``); ``first`` is the position of the
    container's first use. Form (b), ``X in S``: ``uses`` holds ``(position, body, scope)`` of
    each test using S, one branch per use and literal. Form (d), ``D[X]``/``D.get(X)``:
    ``fixed`` holds the branch of each entry, the same for every use of D."""

    __slots__ = ("first", "fixed", "pairs", "uses")

    def __init__(self, pairs: list[Any], first: tuple[int, int]) -> None:
        self.pairs = pairs
        self.first = first
        self.uses: list[tuple[tuple[int, int], list[ast.stmt] | ast.expr | None, Scope]] = []
        self.fixed: list[Branch] | None = None

    def branches(self, index: int) -> list[tuple[tuple[int, int, int], Branch]]:
        """The branches of the ``index``-th literal, each with its occurrence's sort key."""
        if self.fixed is not None:
            return [((*self.first, index), self.fixed[index])]
        selector = self.pairs[index][1]
        return [((*position, index), Branch(selector, body, scope=scope)) for position, body, scope in self.uses]


class _Handled(Mapping[str, list[Branch]]):
    """H: each command literal with its branches, in source order of the forms. A mapping
    whose lists are built on first access, as a tuple ``S`` of N commands tested at U places
    has N * U branches and rules only ever ask for a few commands'."""

    def __init__(
        self,
        order: list[str],
        direct: dict[str, list[tuple[tuple[int, int, int], Branch]]],
        shared: dict[str, list[tuple[_Family, int]]],
    ) -> None:
        self._order = dict.fromkeys(order)
        self._direct = direct
        self._shared = shared
        self._built: dict[str, list[Branch]] = {}

    def __getitem__(self, literal: str) -> list[Branch]:
        built = self._built.get(literal)
        if built is None:
            if literal not in self._order:
                raise KeyError(literal)
            items = list(self._direct.get(literal, ()))
            for family, index in self._shared.get(literal, ()):
                items += family.branches(index)
            items.sort(key=lambda item: item[0])
            built = self._built[literal] = [branch for _key, branch in items]
        return built

    def __contains__(self, literal: object) -> bool:
        return literal in self._order

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __repr__(self) -> str:
        return f"_Handled({list(self._order)!r})"


def _is_elif(parent: ast.AST | None, node: ast.AST) -> bool:
    """``node`` continues ``parent``'s chain: an ``elif`` (the only statement of the orelse, at
    the same indentation as the ``if``; a nested ``if`` in an ``else`` is indented deeper) or
    the ``else`` of a conditional expression that is itself one."""
    if isinstance(parent, ast.If) and isinstance(node, ast.If):
        return len(parent.orelse) == 1 and parent.orelse[0] is node and node.col_offset == parent.col_offset
    return isinstance(parent, ast.IfExp) and isinstance(node, ast.IfExp) and parent.orelse is node


def _pattern_literals(pattern: ast.pattern) -> tuple[list[tuple[str, ast.AST]], bool, bool]:
    """``(literals with their patterns, is a catch-all, every alternative understood)``:
    over the alternatives of ``|`` and the inner patterns of ``as``, in source order
    (iterative: nesting depth is no limit)."""
    pairs: list[tuple[str, ast.AST]] = []
    catch_all, known = False, True
    stack = [pattern]
    while stack:
        item = stack.pop()
        if isinstance(item, ast.MatchValue):
            value = item.value
            if _is_str(value):
                pairs.append((value.value, item))  # type: ignore[attr-defined]
            else:
                # A number never matches a command name; a dotted constant might: unknown.
                known = known and isinstance(value, ast.Constant)
        elif isinstance(item, ast.MatchAs):
            if item.pattern is None:
                catch_all = True
            else:
                stack.append(item.pattern)
        elif isinstance(item, ast.MatchOr):
            stack.extend(reversed(item.patterns))
        else:
            # Sequence, mapping and singleton patterns never match a str; a class pattern might.
            known = known and not isinstance(item, ast.MatchClass)
    return pairs, catch_all, known


def _argument_slots(call: ast.Call) -> dict[int, int | str | None]:
    """By ``id``, what each argument of ``call`` binds: its position (an int), its keyword
    (a str), or None when that cannot be known (at or after a ``*args``, or ``**kwargs``)."""
    slots: dict[int, int | str | None] = {}
    starred = False
    for index, argument in enumerate(call.args):
        starred = starred or isinstance(argument, ast.Starred)
        slots[id(argument)] = None if starred else index
    for keyword in call.keywords:
        slots[id(keyword.value)] = None if starred else keyword.arg
    return slots


def _is_static(function: FunctionNode) -> bool:
    return any(_last_name(d) == "staticmethod" for d in function.decorator_list)


def _stringish(node: ast.AST, memo: dict[ast.AST, bool] | None = None) -> bool:
    """A string literal, an f-string, or a ``+`` chain holding one. Iterative (such chains
    can be thousands of terms deep) and memoised per ``+`` node in ``memo``: each term of
    ``X + X + ... + X`` asks about the chain before it, which is then answered once."""
    memo = {} if memo is None else memo
    stack = [node]
    while stack:
        item = stack[-1]
        if item in memo:
            stack.pop()
        elif isinstance(item, ast.BinOp) and isinstance(item.op, ast.Add):
            left, right = item.left, item.right
            if left in memo and right in memo:
                memo[item] = memo[left] or memo[right]
                stack.pop()
            else:
                stack += [side for side in (left, right) if side not in memo]
        else:
            memo[item] = _is_str(item) or isinstance(item, ast.JoinedStr)
            stack.pop()
    return memo[node]


# --------------------------------------------------------------------------- the model


def build_model(tree: ast.Module, options: AnalysisOptions = AnalysisOptions(), source: str | None = None) -> CodeModel:
    """Build the code model of one module. ``source`` (the text ``tree`` was parsed from) is
    optional; with it, catch-all selectors point at the ``else``/``case`` token exactly.

    Never raises RecursionError: nothing here recurses on the tree, but should some path
    still do (a tree deeper than any ``ast.parse`` gives), the module is modelled as
    incomplete (unresolved, no calls) rather than failing every rule that asks for it."""
    try:
        return CodeModel(tree, options, source)
    except RecursionError:
        return CodeModel._incomplete(tree, options)


class CodeModel:
    """The dispatch table, the calls of each kind, reachability, order, guards and incident
    dicts of one module (RULES.md section 2)."""

    def __init__(self, tree: ast.Module, options: AnalysisOptions = AnalysisOptions(), source: str | None = None):
        self.tree = tree
        self.options = options
        self._ix = _Index(tree)
        self._build(source)

    def _build(self, source: str | None) -> None:
        self._calls: dict[str, list[CallFact]] = {kind: [] for kind in CALL_KINDS}
        self._call_kind: dict[ast.AST, str] = {}
        self.command_expressions: list[ast.expr] = []
        self._contexts: dict[ast.AST, tuple[bool, bool]] = {}
        self._index_calls()
        dispatch = _DispatchBuilder(self._ix, source.splitlines() if source is not None else None)
        dispatch.run(self.command_expressions)
        # H: a read-only mapping (literal -> branches) whose lists are built when asked for.
        self.handled: Mapping[str, list[Branch]]
        self.literal_nodes: dict[str, list[ast.AST]]
        self.handled, self.literal_nodes = dispatch.handled()
        # Every catch-all, including those that handle nothing (they end in raise).
        self.all_catch_alls: list[Branch] = dispatch.catch_alls
        self.catch_alls: list[Branch] = [b for b in dispatch.catch_alls if b.handles]
        # The uses of X that are no section 2.2/2.3 form (empty when resolved by (3)).
        self.unresolved_uses: list[ast.AST] = dispatch.unresolved
        # Star imports, API-module imports and exec/eval calls (empty when complete).
        self.incomplete_nodes: list[ast.AST] = list(self._ix.incomplete)
        self.complete: bool = not self.incomplete_nodes
        self.resolved: bool = bool(self.command_expressions) and self.complete and not self.unresolved_uses
        self._edges: dict[DefNode, list[DefNode]] = {}
        self._branch_refs: dict[Branch, _BranchRefs] = {}
        self._closures: dict[tuple[int, ...], set[DefNode]] = {}
        self._incidents: dict[tuple[str, ...], list[IncidentDict]] = {}
        self._kind_ancestors: dict[str, set[ast.AST]] = {}
        self._arm_calls: dict[tuple[ast.AST, str, str], bool] = {}
        self._first_exits: dict[tuple[ast.AST, object, str, str], int] = {}
        self._guards: dict[tuple[str, str], dict[ast.AST, bool]] = {}
        self._loads_before: dict[tuple[Scope, str], list[tuple[int, int]]] = {}

    @classmethod
    def _incomplete(cls, tree: ast.Module, options: AnalysisOptions) -> CodeModel:
        """The model of a module that could not be analysed: no facts, incomplete. Built
        from an empty index (no walk), as the stack may still be nearly full."""
        model = cls.__new__(cls)
        model.tree, model.options = tree, options
        model._ix = _Index(None)
        model._build(None)
        model.incomplete_nodes = [tree.body[0] if tree.body else tree]
        model.complete = model.resolved = False
        return model

    # -- calls

    def _index_calls(self) -> None:
        wanted = {kind: self.options.names_for(kind) for kind in (*CALL_KINDS, "command")}
        # Cheap pre-filter on the last component, so most calls never build a dotted name.
        lasts = {name.rpartition(".")[2] for names in wanted.values() for name in names}
        candidates = [item for item in self._ix.calls if _last_name(item[0].func) in lasts]
        for node, unit, function in sorted(candidates, key=lambda item: _start(item[0])):
            callee = dotted_name(node.func)
            kind = next((k for k, names in wanted.items() if any(_name_matches(callee, n) for n in names)), None)
            if kind == "command":
                self.command_expressions.append(node)
            elif kind is not None:
                fact = CallFact(node, kind, callee, function, unit=unit)
                fact.in_except, fact.in_finally = self._handler_context(node)
                self._calls[kind].append(fact)
                self._call_kind[node] = kind

    def _handler_context(self, node: ast.AST) -> tuple[bool, bool]:
        """Whether a call lies in an ``except`` handler / a ``finally`` clause of its function
        (memoised along the way up: calls nested in calls share their ancestors)."""
        contexts, parents = self._contexts, self._ix.parents
        path: list[tuple[ast.AST, ast.AST]] = []
        while True:
            found = contexts.get(node)
            if found is not None:
                break
            parent = parents.get(node)
            if parent is None or isinstance(parent, _BOUNDARIES):
                found = contexts[node] = (False, False)
                break
            path.append((node, parent))
            node = parent
        in_except, in_finally = found
        for node, parent in reversed(path):
            in_except = in_except or isinstance(parent, ast.ExceptHandler)
            in_finally = in_finally or (isinstance(parent, _TRY) and self._ix.arm(node) == "finalbody")
            contexts[node] = (in_except, in_finally)
        return in_except, in_finally

    @property
    def first_command_expression(self) -> ast.expr | None:
        return self.command_expressions[0] if self.command_expressions else None

    def calls(self, kind: str) -> list[CallFact]:
        """Every call of ``kind`` (one of CALL_KINDS) in the module, in source order."""
        return list(self._calls[kind])

    def call_kind(self, node: ast.Call) -> str | None:
        return self._call_kind.get(node)

    def collection_argument(self, call: CallFact) -> ast.expr | None:
        """A send call's events (1st positional, ``events=`` or ``data=``) or an incidents
        call's first argument; None when absent or given with ``*``."""
        keywords = ("events", "data") if call.kind == "send" else ("incidents",)
        args = call.node.args
        if args:
            return None if isinstance(args[0], ast.Starred) else args[0]
        for keyword in call.node.keywords:
            if keyword.arg in keywords:
                return keyword.value
        return None

    # -- dispatch

    @property
    def catch_all(self) -> Branch | None:
        """The first catch-all that handles (does not end in raise/return_error)."""
        return self.catch_alls[0] if self.catch_alls else None

    def handles(self, command: str) -> bool:
        return command in self.handled or bool(self.catch_alls)

    def branches_for(self, command: str) -> list[Branch]:
        """The explicit branches of ``command``, else the handling catch-alls, else []."""
        return list(self.handled.get(command) or self.catch_alls)

    # -- reachability (section 2.4)

    def reachable_functions(self, branches: Iterable[Branch]) -> set[DefNode]:
        """Functions, methods and classes in the transitive closure of the branches."""
        branches = list(branches)
        key = tuple(id(b) for b in branches)
        if key not in self._closures:
            stack: list[DefNode] = []
            for branch in branches:
                refs = self._refs(branch)
                stack += refs.definitions
                stack += self._targets(refs.names, refs.attributes, branch.scope)
            self._closures[key] = self._closure(stack)
        return set(self._closures[key])

    def _closure(self, stack: list[DefNode]) -> set[DefNode]:
        closure: set[DefNode] = set()
        while stack:
            unit = stack.pop()
            if unit in closure:
                continue
            closure.add(unit)
            stack += self._ix.owned.get(unit, ())
            stack += self._unit_edges(unit)
        return closure

    def _unit_edges(self, unit: DefNode) -> list[DefNode]:
        if unit not in self._edges:
            names = self._ix.unit_names.get(unit, [])
            attributes = self._ix.unit_attrs.get(unit, [])
            self._edges[unit] = self._targets(names, attributes, unit)
        return self._edges[unit]

    def _targets(
        self, names: Iterable[ast.Name], attributes: Iterable[ast.Attribute], unit: DefNode | None
    ) -> list[DefNode]:
        out: list[DefNode] = []
        for name in {n.id for n in names}:
            for target in self._ix.name_targets(name, unit):
                out.append(target)
                if isinstance(target, ast.ClassDef):
                    out += self._ix.class_methods[target].get("__init__", [])
        for attribute in attributes:
            out += self._ix.attribute_targets(attribute, unit)
        return out

    def _refs(self, branch: Branch) -> _BranchRefs:
        if branch not in self._branch_refs:
            self._branch_refs[branch] = _BranchRefs(branch.body)
        return self._branch_refs[branch]

    def reachable_calls(self, branches: Iterable[Branch], kind: str) -> list[CallFact] | None:
        """Calls of ``kind`` lying in the branches or in functions reachable from them;
        None when any branch is unknown."""
        branches = list(branches)
        if any(b.body is None for b in branches):
            return None
        closure = self.reachable_functions(branches)
        lexical: set[ast.AST] = set()
        for branch in branches:
            lexical |= self._refs(branch).calls
        return [c for c in self._calls[kind] if c.node in lexical or c.unit in closure]

    def reaches_ambiguous_method(self, branches: Iterable[Branch]) -> bool:
        """Whether the branches, or a function reachable from them, refer to a method ``.m``
        that several module classes define, so that reachability (section 2.4) follows none
        of them: what is reachable is then a lower bound, and an absence rule cannot report."""
        branches = list(branches)
        refs: list[tuple[ast.Attribute, DefNode | None]] = []
        for branch in branches:
            refs += [(a, branch.scope) for a in self._refs(branch).attributes]
        for unit in self.reachable_functions(branches):
            refs += [(a, unit) for a in self._ix.unit_attrs.get(unit, ())]
        return any(
            len(self._ix.method_index.get(a.attr, {})) > 1 and not self._ix.attribute_targets(a, unit)
            for a, unit in refs
        )

    # -- order and guards (section 2.5)

    def precedes(self, a: CallFact, b: CallFact) -> bool:
        """A's statement ends before B's starts, in one function's (or the module's)
        statements, and they are not in mutually exclusive arms."""
        if a.function is not b.function:
            return False
        first, second = self._ix.statement_of(a.node), self._ix.statement_of(b.node)
        if first is None or second is None or _end(first) > _start(second):
            return False
        return not self._exclusive(first, second) and not self._returns_between(first, second)

    def _returns_between(self, first: ast.stmt, second: ast.stmt) -> bool:
        """An early exit after ``first`` that ``second`` cannot follow: a ``return`` or ``raise``
        later in the block holding ``first``, or in an enclosing block up to the one that also
        holds ``second`` (before it there). ``if not N: setLastRun(r); return`` then
        ``send(N)``: the two never run in that order. A ``second`` in a ``finally`` runs anyway."""
        ancestors = self._ancestors(second)
        for child, holder in zip(ancestors, ancestors[1:]):
            if isinstance(holder, _TRY) and self._ix.arm(child) == "finalbody":
                return False
        on_path = set(ancestors)
        node: ast.AST = first
        parent = self._ix.parents.get(node)
        while parent is not None and not isinstance(parent, (*_BOUNDARIES, ast.Module)):
            block, index = self._ix.block_of(parent, node) if isinstance(node, ast.stmt) else ([], -1)
            for position in range(index + 1, len(block)):
                stmt = block[position]
                if stmt in on_path:
                    return False  # `second` is further down this block, no exit before it
                if isinstance(stmt, (ast.Return, ast.Raise)):
                    return True
            node, parent = parent, self._ix.parents.get(parent)
        return False

    def _ancestors(self, node: ast.AST) -> list[ast.AST]:
        """``node`` and its parents up to the module."""
        out = [node]
        while (node := self._ix.parents.get(node)) is not None:  # type: ignore[assignment]
            out.append(node)
        return out

    def _arm_path(self, stmt: ast.AST) -> list[tuple[ast.AST, object]]:
        """``(container, arm)`` pairs from the function's body down to ``stmt``."""
        path = []
        node, parent = stmt, self._ix.parents.get(stmt)
        while parent is not None and not isinstance(parent, (*_BOUNDARIES, ast.Module)):
            path.append((parent, self._ix.arm(node)))
            node, parent = parent, self._ix.parents.get(parent)
        path.reverse()
        return path

    def _exclusive(self, first: ast.AST, second: ast.AST) -> bool:
        for (container, arm_a), (other, arm_b) in zip(self._arm_path(first), self._arm_path(second)):
            if container is not other:
                return False
            if arm_a != arm_b:
                return _exclusive_arms(container, arm_a, arm_b)
        return False

    def has_emptiness_guard(self, call: CallFact) -> bool:
        """Section 2.5 (i)-(iii) on the collection argument, when it is a Name. Memoised per
        (name, kind) along the way up, like the other walks up the parents."""
        argument = self.collection_argument(call)
        if not isinstance(argument, ast.Name):
            return False
        name, kind = argument.id, call.kind
        memo = self._guards.setdefault((name, kind), {})
        parents = self._ix.parents
        path: list[ast.AST] = []
        node: ast.AST = call.node
        guarded = False
        while True:
            found = memo.get(node)
            if found is not None:
                guarded = found
                break
            parent = parents.get(node)
            if parent is None:
                break
            path.append(node)
            if self._guarded_at(node, parent, name, kind):
                guarded = True
                break
            if isinstance(parent, _BOUNDARIES):
                break  # guards outside the function do not run with the call
            node = parent
        for item in path:
            memo[item] = guarded
        return guarded

    def _guarded_at(self, node: ast.AST, parent: ast.AST, name: str, kind: str) -> bool:
        """One step of :meth:`has_emptiness_guard`: a guard of ``node`` in ``parent``."""
        if isinstance(node, ast.stmt) and self._exit_before(parent, node, name, kind):
            return True
        # (i)/(ii) do not count when the other arm makes a call of the same kind too
        # (`if N: incidents(N) else: incidents([])`), as (iii) does not for its exit.
        if isinstance(parent, ast.If):
            arm = self._ix.arm(node)
            if arm == "body" and _positive_test(parent.test, name):
                if not self._arm_calls_kind(parent, "orelse", kind):
                    return True
            if arm == "orelse" and _negative_test(parent.test, name):
                if not self._arm_calls_kind(parent, "body", kind):
                    return True
        elif isinstance(parent, ast.IfExp) and parent.body is node and _positive_test(parent.test, name):
            if not self._arm_calls_kind(parent, "orelse", kind):
                return True
        return False

    def _arm_calls_kind(self, parent: ast.AST, arm: str, kind: str) -> bool:
        """Whether a call of ``kind`` lies in that field of ``parent`` (statements or an
        expression), answered from the ancestors of the calls of that kind, marked once."""
        key = (parent, arm, kind)
        if key not in self._arm_calls:
            marked = self._kind_ancestors.get(kind)
            if marked is None:
                marked = self._kind_ancestors[kind] = set()
                for call in self._calls[kind]:
                    node: ast.AST | None = call.node
                    while node is not None and node not in marked:
                        marked.add(node)
                        node = self._ix.parents.get(node)
            value = getattr(parent, arm)
            self._arm_calls[key] = any(item in marked for item in (value if isinstance(value, list) else [value]))
        return self._arm_calls[key]

    def _exit_before(self, parent: ast.AST, stmt: ast.stmt, name: str, kind: str) -> bool:
        """(iii): an earlier ``if not N: return`` in the block holding ``stmt``. The first
        such ``if`` of a block is found once per (block, name, kind)."""
        block, index = self._ix.block_of(parent, stmt)
        if index <= 0:
            return False
        key = (parent, self._ix.arm(stmt), name, kind)
        first = self._first_exits.get(key)  # type: ignore[call-overload]
        if first is None:
            first = next(
                (
                    position
                    for position, earlier in enumerate(block)
                    if isinstance(earlier, ast.If)
                    and _negative_test(earlier.test, name)
                    and isinstance(earlier.body[-1], _EXITS)
                    and not self._arm_calls_kind(earlier, "body", kind)
                ),
                len(block),
            )
            self._first_exits[key] = first  # type: ignore[index]
        return first < index

    # -- bindings and incident dicts

    def bindings(self, function: DefNode | None, name: str) -> list[ast.expr]:
        """Values bound to ``name`` in that function (None: the module), in source order.
        A binding whose value the model cannot see (a parameter, loop or unpacking target,
        import, ``except ... as``, definition) is represented by a ``Name`` in Store context
        at the binding; augmented assignments (``+=``) are not listed."""
        out: list[ast.expr] = []
        for binding in self._ix.bindings.get(function, {}).get(name, []):
            if binding.aug:
                continue
            if binding.value is not None:
                out.append(binding.value)
            elif isinstance(binding.target, ast.Name):
                out.append(binding.target)
            else:
                out.append(_opaque_name(name, binding.target))
        return sorted(out, key=_start)

    def enclosing_function(self, node: ast.AST) -> FunctionNode | None:
        """The innermost function whose body holds ``node`` (None at module level)."""
        return self._ix.function_of(node)

    def subscript_assignments(
        self, function: DefNode | None, name: str, after: ast.AST | None = None
    ) -> list[tuple[ast.expr, ast.expr]]:
        """``(key, value)`` of each ``name[key] = value`` in that scope, after ``after``."""
        out = []
        start = _end(after) if after is not None else (0, 0)
        for load, _unit in self._ix.loads_in(name, function):
            if _start(load) < start:
                continue
            assigned = _subscript_assignment(load, self._ix.parents)
            if assigned is not None:
                out.append(assigned)
        return out

    def _other_uses(self, scope: Scope, name: str) -> list[tuple[int, int]]:
        """Sorted starts of the loads of ``name`` (bound in ``scope``) other than ``N[k] = v``."""
        key = (scope, name)
        if key not in self._loads_before:
            self._loads_before[key] = sorted(
                _start(load)
                for load, _unit in self._ix.loads_in(name, scope)
                if _subscript_assignment(load, self._ix.parents) is None
            )
        return self._loads_before[key]

    def incident_dicts(self, list_names: Sequence[str] = ("incidents",)) -> list[IncidentDict]:
        """Incident dicts (RULES.md FI206); ``list_names`` is the ``incident-list-names``
        option, added to the Names passed to an incidents call anywhere in the module."""
        key = tuple(list_names)
        if key not in self._incidents:
            self._incidents[key] = _IncidentFinder(self, set(list_names)).find()
        return list(self._incidents[key])


class _BranchRefs:
    """What a branch body holds lexically: calls, loaded names and attributes, definitions."""

    def __init__(self, body: list[ast.stmt] | ast.expr | None) -> None:
        self.calls: set[ast.AST] = set()
        self.names: list[ast.Name] = []
        self.attributes: list[ast.Attribute] = []
        self.definitions: list[DefNode] = []
        roots = body if isinstance(body, list) else [body] if body is not None else []
        for root in roots:
            for node in ast.walk(root):
                if isinstance(node, ast.Call):
                    self.calls.add(node)
                elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                    self.names.append(node)
                elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
                    self.attributes.append(node)
                elif isinstance(node, _DEFS):
                    self.definitions.append(node)


def _opaque_name(name: str, at: ast.AST) -> ast.Name:
    node = ast.Name(id=name, ctx=ast.Store())
    return ast.copy_location(node, at) if hasattr(at, "lineno") else node


def _subscript_assignment(load: ast.Name, parents: dict[ast.AST, ast.AST]) -> tuple[ast.expr, ast.expr] | None:
    """``(key, value)`` when ``load`` is N in ``N[key] = value`` (plain or annotated)."""
    subscript = parents.get(load)
    if not (isinstance(subscript, ast.Subscript) and subscript.value is load and isinstance(subscript.ctx, ast.Store)):
        return None
    stmt = parents.get(subscript)
    if isinstance(stmt, ast.Assign):  # a stored subscript right under `=` is a target
        return subscript.slice, stmt.value
    if isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
        return subscript.slice, stmt.value
    return None


def _exclusive_arms(container: ast.AST, a: object, b: object) -> bool:
    """Arms of one statement of which at most one runs."""
    if isinstance(container, ast.If):
        return {a, b} == {"body", "orelse"}
    if isinstance(container, ast.Match):
        return True  # two different cases
    if isinstance(container, _TRY):
        # A try body (and its else) runs, or one handler does; finally runs with either.
        arms = {a if isinstance(a, str) else "handler", b if isinstance(b, str) else "handler"}
        return "finalbody" not in arms and "handler" in arms
    return False


def _is_len(node: ast.AST, name: str) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "len"
        and len(node.args) == 1
        and _is_name(node.args[0], name)
    )


def _is_name(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _is_int(node: ast.AST, value: int) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is int and node.value == value


def _is_empty_list(node: ast.AST) -> bool:
    return isinstance(node, ast.List) and not node.elts


def _compare_parts(test: ast.AST) -> tuple[ast.expr, ast.cmpop, ast.expr] | None:
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        return test.left, test.ops[0], test.comparators[0]
    return None


def _positive_test(test: ast.AST, name: str) -> bool:
    """(i): ``N``, ``bool(N)``, ``len(N)``, ``len(N) > 0``, ``len(N) >= 1``, ``len(N) != 0``,
    ``N != []``, or an ``and`` with one of these among its operands (at any depth)."""
    stack = [test]
    while stack:
        item = stack.pop()
        if isinstance(item, ast.BoolOp) and isinstance(item.op, ast.And):
            stack += item.values
        elif _positive_operand(item, name):
            return True
    return False


def _positive_operand(test: ast.AST, name: str) -> bool:
    if _is_name(test, name) or _is_len(test, name):
        return True
    if isinstance(test, ast.Call) and _last_name(test.func) == "bool" and isinstance(test.func, ast.Name):
        return len(test.args) == 1 and _is_name(test.args[0], name)
    parts = _compare_parts(test)
    if parts is None:
        return False
    left, op, right = parts
    if _is_len(left, name):
        return (
            (isinstance(op, ast.Gt) and _is_int(right, 0))
            or (isinstance(op, ast.GtE) and _is_int(right, 1))
            or (isinstance(op, ast.NotEq) and _is_int(right, 0))
        )
    return _is_name(left, name) and isinstance(op, ast.NotEq) and _is_empty_list(right)


def _negative_test(test: ast.AST, name: str) -> bool:
    """(ii): ``not N``, ``not len(N)``, ``len(N) == 0``, ``N == []``."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _is_name(test.operand, name) or _is_len(test.operand, name)
    parts = _compare_parts(test)
    if parts is None or not isinstance(parts[1], ast.Eq):
        return False
    left, _op, right = parts
    return (_is_len(left, name) and _is_int(right, 0)) or (_is_name(left, name) and _is_empty_list(right))


# --------------------------------------------------------------------------- incident dicts


class _IncidentFinder:
    """RULES.md FI206: dict literals that become incidents."""

    def __init__(self, model: CodeModel, list_names: set[str]) -> None:
        self.model = model
        self.ix = model._ix
        self.list_names = set(list_names)
        self.found: dict[ast.Dict, IncidentDict] = {}
        self.skipped: set[ast.Dict] = set()
        for call in model.calls("incidents"):
            argument = model.collection_argument(call)
            if isinstance(argument, ast.Name):
                self.list_names.add(argument.id)

    def find(self) -> list[IncidentDict]:
        for call in self.model.calls("incidents"):
            argument = self.model.collection_argument(call)
            if isinstance(argument, ast.List):
                self._elements(argument.elts, call.node)
        for node, elements in self._additions():
            self._elements(elements, node)
        return sorted(self.found.values(), key=lambda d: _start(d.node))

    def _additions(self) -> Iterator[tuple[ast.AST, list[ast.expr]]]:
        """``L.append(d)``, ``L.insert(i, d)``, ``L.extend([...])``, ``L += [...]``."""
        for node, _unit, _function in self.ix.calls:
            func = node.func
            if not (isinstance(func, ast.Attribute) and _is_list_name(func.value, self.list_names)):
                continue
            if func.attr == "append" and len(node.args) == 1:
                yield node, [node.args[0]]
            elif func.attr == "insert" and len(node.args) == 2:
                yield node, [node.args[1]]
            elif func.attr == "extend" and len(node.args) == 1 and isinstance(node.args[0], ast.List):
                yield node, list(node.args[0].elts)
        for aug in self.ix.aug_assigns:
            if (
                _is_list_name(aug.target, self.list_names)
                and isinstance(aug.op, ast.Add)
                and isinstance(aug.value, ast.List)
            ):
                yield aug, list(aug.value.elts)

    def _elements(self, elements: list[ast.expr], added_by: ast.AST) -> None:
        for element in elements:
            if isinstance(element, ast.Dict):
                self._add(element, None, None)
            elif isinstance(element, ast.Name):
                self._named(element, added_by)

    def _named(self, element: ast.Name, added_by: ast.AST) -> None:
        unit = self.ix.unit_of(element)
        scope = self.ix.scope_of_load(element.id, unit)
        value = self.ix.bound_once(scope, element.id)
        if scope is not unit or not isinstance(value, ast.Dict):
            return  # "bound once to it in the same function"
        if self._used_before(element.id, scope, value, added_by):
            self.skipped.add(value)
            return
        self._add(value, element.id, scope)

    def _used_before(self, name: str, scope: Scope, value: ast.Dict, added_by: ast.AST) -> bool:
        """A use of N between its binding and the add other than ``N['k'] = v`` (by bisection
        in the sorted uses: a dict appended at thousands of places is not rescanned)."""
        start, end = _end(value), _start(added_by)
        uses = self.model._other_uses(scope, name)
        index = bisect_left(uses, start)
        return index < len(uses) and uses[index] < end

    def _add(self, node: ast.Dict, name: str | None, scope: Scope) -> None:
        if node in self.found or node in self.skipped:
            return
        pairs = list(zip(node.keys, node.values))
        if name is not None:
            pairs += self.model.subscript_assignments(scope, name, after=node)  # type: ignore[arg-type]
        if not all(_is_str(key) for key, _value in pairs):
            # `**other`, a computed key, or `N[k] = v`: the keys cannot be known.
            self.skipped.add(node)
            return
        values: dict[str, list[ast.expr]] = {}
        for key, value in pairs:
            values.setdefault(key.value, []).append(value)  # type: ignore[union-attr]
        keys = {key: found[-1] for key, found in values.items()}
        function = self.ix.function_of(node)
        self.found[node] = IncidentDict(node, function, keys, name, values)


def _is_list_name(node: ast.AST, names: set[str]) -> bool:
    return isinstance(node, ast.Name) and node.id in names
