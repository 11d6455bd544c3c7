"""Helpers several rules share: which integrations a family applies to, params, versions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.tree import Map, Scalar, Seq, is_blank, is_true

MARKET = "marketplacev2"  # EC1xx and PK102 read this view (RULES.md section 4)


def collector(ctx) -> bool:
    """The integration is an event collector (section 1) and not deprecated."""
    integ = ctx.integration
    return integ is not None and integ.root is not None and not integ.deprecated and integ.is_collector


def fetcher(ctx) -> bool:
    integ = ctx.integration
    return integ is not None and integ.root is not None and not integ.deprecated and integ.is_fetcher


def params(root: Map | None) -> Iterator[tuple[int, Map]]:
    """``(index, param)`` for each mapping in ``configuration``."""
    configuration = root.get("configuration") if root else None
    if isinstance(configuration, Seq):
        for index, item in enumerate(configuration.items):
            if isinstance(item, Map):
                yield index, item


def commands(script: Map | None) -> Iterator[tuple[Map, Scalar]]:
    """``(command, name node)`` for each command with a string ``name``."""
    items = script.get("commands") if script else None
    if isinstance(items, Seq):
        for item in items.items:
            if isinstance(item, Map):
                name = item.get("name")
                if isinstance(name, Scalar) and isinstance(name.value, str):
                    yield item, name


def hidden_in(param: Map, market: str) -> bool:
    """A param is hidden in M when ``hidden`` is true or lists M in the view of M (section 4:
    ``hidden:M`` replaces ``hidden`` whole, so ``hidden:M: false`` un-hides a hidden param)."""
    value = param.view("hidden", market)
    return is_true(value) or (isinstance(value, Seq) and any(
        isinstance(i, Scalar) and i.value == market for i in value.items))


def hidden_everywhere(param: Map, integration) -> bool:
    markets = integration.effective_marketplaces
    return bool(markets) and all(hidden_in(param, m) for m in markets)


def has_default(param: Map, market: str | None = None) -> bool:
    """A non-empty ``defaultvalue`` in the view of ``market``, or in any variant when None."""
    if market is not None:
        return not is_blank(param.view("defaultvalue", market))
    return any(not is_blank(value) for _, _, value in param.variants("defaultvalue"))


def in_market(market: str | None) -> str:
    """`` (in M)`` for a finding at a ``K:M`` variant node (worded as SX100 does), else ``''``."""
    return f" (in {market})" if market else ""


def config_params(root: Map | None) -> Iterator[tuple[str | None, str, int, Map]]:
    """``(marketplace, key, index, param)`` for each param mapping of ``configuration`` and of
    each known ``configuration:M`` variant (a param may exist in one marketplace only)."""
    if root is None:
        return
    for market, key, value in root.variants("configuration"):
        if isinstance(value, Seq) and isinstance(key, Scalar):
            for index, item in enumerate(value.items):
                if isinstance(item, Map):
                    yield market, key.text, index, item


def params_named(root: Map | None, names) -> list[tuple[str | None, str, int, Map]]:
    """The params (``config_params`` tuples) whose base ``name`` is in ``names`` (identity uses
    base keys only, section 4)."""
    return [entry for entry in config_params(root) if entry[3].value("name") in names]


def configuration_key(root: Map | None) -> Scalar | None:
    """Where a missing param is reported: the ``configuration`` key (else a variant's key);
    ``None`` (1:1) when the YAML has neither."""
    if root is None:
        return None
    found = root.variants("configuration")
    return found[0][1] if found else None  # type: ignore[return-value]


def params_unknown(root: Map | None) -> bool:
    """``configuration`` (and every variant) is neither a list nor empty, so which params exist
    is unknown (SX100's finding): rules reporting a missing param stay silent."""
    found = root.variants("configuration") if root is not None else []
    return bool(found) and not any(
        isinstance(value, Seq) or (isinstance(value, Scalar) and value.value is None) for _, _, value in found)


def positive_int(node) -> int | None:
    """The value of an integer (not bool) >= 1 or a string of decimal digits (whitespace
    around allowed) >= 1 (FI103/FI104), else ``None``."""
    if not isinstance(node, Scalar):
        return None
    value = node.value
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value >= 1 else None
    if isinstance(value, str) and re.fullmatch(r"\s*[0-9]+\s*", value):
        number = int(value)
        return number if number >= 1 else None
    return None


def max_fetch_names(ctx) -> list[str]:
    """FI101's ``max-fetch-names``: which params FI102–FI104 check, even when FI101 is
    deselected. The configured value when the pack carries rule options (``pack.rule_options``,
    ``{code: {option: value}}``), else FI101's default."""
    configured = getattr(ctx.pack, "rule_options", None) or {}
    names = (configured.get("FI101") or {}).get("max-fetch-names")
    if names is None:
        from validator.registry import all_rules

        names = all_rules()["FI101"].default_options()["max-fetch-names"]
    return list(names)


# --- FI2xx: the fetch-incidents code of a fetcher (RULES.md sections 2.3–2.5, FI200–FI213) ---


def incident_list_names(ctx) -> list[str]:  # noqa: ANN001
    """FI206's ``incident-list-names``, which FI206–FI209, FI212 and FI213 all use, even when
    FI206 is deselected: FI206's own options, else the pack's rule options, else the default."""
    if ctx.rule.code == "FI206":
        return list(ctx.options["incident-list-names"])
    configured = getattr(ctx.pack, "rule_options", None) or {}
    names = (configured.get("FI206") or {}).get("incident-list-names")
    if names is None:
        from validator.registry import all_rules

        names = all_rules()["FI206"].default_options()["incident-list-names"]
    return list(names)


def fetch_model(ctx, absence: bool = False):  # noqa: ANN001, ANN201
    """The code model of a non-deprecated fetcher, or ``None``. ``None`` after ``ctx.skip()``
    when the code cannot be analysed (none, not python, an SY finding) and, for an absence
    rule, when the dispatch is not resolved (section 2.3)."""
    if not fetcher(ctx):
        return None
    model = ctx.model
    if model is None or ctx.integration.code_problem is not None or (absence and not model.resolved):
        ctx.skip()
        return None
    return model


def fetch_branch_calls(ctx, model, kind: str):  # noqa: ANN001, ANN201
    """Calls of ``kind`` reachable from the 'fetch-incidents' branch, for rules that inspect
    calls that exist. Resolved dispatch: its branches (a catch-all when no explicit one);
    unresolved: the explicit branches only, since an unresolved H may hide the real one.
    ``None`` after ``ctx.skip()`` when no known branch can be inspected; ``[]`` when a
    resolved dispatch does not handle the command (FI200's finding)."""
    if model.resolved:
        branches = model.branches_for("fetch-incidents")
        if not branches:
            return []
    else:
        branches = list(model.handled.get("fetch-incidents", ()))
    calls = model.reachable_calls(branches, kind) if branches else None
    if calls is None:
        ctx.skip()
    return calls


def fetch_branch_lacking(ctx, kind: str):  # noqa: ANN001, ANN201 - Branch | None
    """FI201–FI203 (absence rules): the branch to report at (the first 'fetch-incidents'
    branch) when no call of ``kind`` is reachable from any of them; else ``None``, after
    ``ctx.skip()`` when the dispatch is unresolved, a branch is unknown, or a method call on
    the way has several candidate classes (what is reachable is then only a lower bound)."""
    model = fetch_model(ctx, absence=True)
    branches = model.branches_for("fetch-incidents") if model is not None else []
    if not branches:
        return None  # not a fetcher, skipped, or FI200's finding
    calls = model.reachable_calls(branches, kind)
    if calls is None or (not calls and model.reaches_ambiguous_method(branches)):
        ctx.skip()
        return None
    return None if calls else branches[0]


def python_line(ctx, node) -> int:  # noqa: ANN001
    """The line of a Python node in the file the user edits (mapped into a unified YAML's
    ``script.script`` block, section 2.6), for messages that cite another line."""
    source = ctx.integration.code
    return source.locate(node.lineno, 1)[0] if source.block else node.lineno


def version_tuple(text: str) -> tuple[int, ...] | None:
    """``6.10.0`` -> (6, 10, 0); ``None`` when not dotted numbers."""
    if not re.fullmatch(r"\d+(\.\d+)*", text.strip()):
        return None
    return tuple(int(p) for p in text.strip().split("."))


def version_lower(text: str, minimum: str) -> bool | None:
    """Whether ``text`` is lower than ``minimum``, comparing parts numerically (missing = 0)."""
    have, want = version_tuple(text), version_tuple(minimum)
    if have is None or want is None:
        return None
    size = max(len(have), len(want))
    return have + (0,) * (size - len(have)) < want + (0,) * (size - len(want))


# --- EC2xx and CM: the code of collectors and of every Python integration (RULES.md 2.2–2.5) ---


def code_model(ctx, absence: bool = False, collectors_only: bool = False):  # noqa: ANN001, ANN201
    """The code model of a non-deprecated integration (a collector when ``collectors_only``),
    or ``None``. ``None`` after ``ctx.skip()`` when the code cannot be analysed (none, not
    python, an SY finding) and, for an absence rule, when the dispatch is not resolved."""
    integ = ctx.integration
    if integ is None or integ.root is None or integ.deprecated or (collectors_only and not integ.is_collector):
        return None
    model = ctx.model
    if model is None or integ.code_problem is not None or (absence and not model.resolved):
        ctx.skip()
        return None
    return model


def command_branch_calls(ctx, model, command: str, kind: str):  # noqa: ANN001, ANN201
    """Calls of ``kind`` reachable from ``command``'s branches, for rules that inspect calls
    that exist (same policy as ``fetch_branch_calls``): a resolved dispatch gives its branches
    (a catch-all when no explicit one), an unresolved one its explicit branches only. ``None``
    after ``ctx.skip()`` when no known branch can be inspected; ``[]`` when a resolved
    dispatch does not handle the command."""
    if model.resolved:
        branches = model.branches_for(command)
        if not branches:
            return []
    else:
        branches = list(model.handled.get(command, ()))
    calls = model.reachable_calls(branches, kind) if branches else None
    if calls is None:
        ctx.skip()
    return calls


def call_has_star_arguments(call) -> bool:  # noqa: ANN001 - ast.Call
    """``f(*args)`` or ``f(**kwargs)``: which argument is which cannot be known."""
    import ast

    return any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords)


def python_span(ctx, node) -> tuple[int, int, int, int]:  # noqa: ANN001
    """``(line, col, end_line, end_col)`` of an ast node in the analysed code's own text
    (1-based lines, 0-based character columns): the span ``py_wrap``/``py_remove_argument``
    take, whether the code is a .py file or a unified YAML's block."""
    from validator.documents import split_lines
    from validator.pycode import char_column

    lines = split_lines(ctx.integration.code.text)

    def column(line: int, byte_col: int) -> int:
        return char_column(lines[line - 1], byte_col) if 1 <= line <= len(lines) else byte_col

    return (node.lineno, column(node.lineno, node.col_offset),
            node.end_lineno, column(node.end_lineno, node.end_col_offset))
