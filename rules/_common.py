"""Helpers several rules share: which integrations a family applies to, params, duplicate
names, versions, and the code model (branches, reachable calls, incident dicts)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from validator.tree import AnyNode, Map, Scalar, Seq, is_blank, is_true

if TYPE_CHECKING:
    import ast

MARKET = "marketplacev2"  # EC1xx and PK102 read this view (RULES.md section 4)


def live_integration(ctx) -> bool:
    """The item is an integration whose YAML is a mapping, and it is not deprecated."""
    integ = ctx.integration
    return integ is not None and integ.root is not None and not integ.deprecated


def collector(ctx) -> bool:
    """The integration is an event collector (section 1) and not deprecated."""
    return live_integration(ctx) and ctx.integration.is_collector


def fetcher(ctx) -> bool:
    return live_integration(ctx) and ctx.integration.is_fetcher


def params(root: Map | None) -> Iterator[tuple[int, Map]]:
    """``(index, param)`` for each mapping in ``configuration``."""
    configuration = root.get("configuration") if root else None
    if isinstance(configuration, Seq):
        for index, item in enumerate(configuration.items):
            if isinstance(item, Map):
                yield index, item


def named(items) -> Iterator[tuple[Map, Scalar]]:
    """``(item, name node)`` for each mapping of the list ``items`` with a string ``name``
    (none when ``items`` is not a list)."""
    if isinstance(items, Seq):
        for item in items.items:
            if isinstance(item, Map):
                name = item.get("name")
                if isinstance(name, Scalar) and isinstance(name.value, str):
                    yield item, name


def commands(script: Map | None) -> Iterator[tuple[Map, Scalar]]:
    """``(command, name node)`` for each command with a string ``name``."""
    return named(script.get("commands") if script else None)


def repeated_names(items: Iterable[tuple[Map, Scalar]]) -> Iterator[tuple[Scalar, int]]:
    """``(name node, line of the first)`` for each of the ``(item, name node)`` pairs of
    ``named``/``commands`` whose name an earlier one already has (CM103–CM105)."""
    first: dict[str, int] = {}
    for _item, name in items:
        if name.value in first:
            yield name, first[name.value]
        else:
            first[name.value] = name.line


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


def max_fetch_params(ctx) -> list[tuple[str | None, str, int, Map]]:
    """The max-fetch params (``config_params`` tuples) of a non-deprecated fetcher that FI102–FI104
    check: those not hidden in every marketplace the integration ships to (users never see them)."""
    if not fetcher(ctx):
        return []
    return [entry for entry in params_named(ctx.root, set(max_fetch_names(ctx)))
            if not hidden_everywhere(entry[3], ctx.integration)]


def max_fetch_defaults(ctx) -> Iterator[tuple[str, AnyNode, str | None]]:
    """``(param name, defaultvalue node, marketplace)`` for the base ``defaultvalue`` and each
    ``defaultvalue:M`` variant of each ``max_fetch_params`` param (FI103, FI104, which check each
    one separately); the marketplace is the variant's, else the ``configuration:M`` list's."""
    for list_market, _key, _index, param in max_fetch_params(ctx):
        name = param.value("name")
        for market, _, node in param.variants("defaultvalue"):
            yield name, node, market or list_market


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


# --- The code of an integration: CM1xx, EC2xx and FI2xx (RULES.md sections 2.2–2.5) ---


def code_model(ctx, absence: bool = False, only=live_integration):  # noqa: ANN001, ANN201
    """The code model of a non-deprecated integration that ``only(ctx)`` accepts (``collector``,
    ``fetcher``; by default any), or ``None``. ``None`` after ``ctx.skip()`` when the code cannot
    be analysed (none, not python, an SY finding) and, for an absence rule, when the dispatch is
    not resolved (section 2.3)."""
    if not only(ctx):
        return None
    model = ctx.model
    if model is None or ctx.integration.code_problem is not None or (absence and not model.resolved):
        ctx.skip()
        return None
    return model


def fetch_model(ctx, absence: bool = False):  # noqa: ANN001, ANN201
    """``code_model`` of a fetcher (FI2xx)."""
    return code_model(ctx, absence, only=fetcher)


def command_branch_calls(ctx, model, command: str, kind: str):  # noqa: ANN001, ANN201
    """Calls of ``kind`` reachable from ``command``'s branches, for rules that inspect calls
    that exist. A resolved dispatch gives its branches (a catch-all when no explicit one); an
    unresolved one its explicit branches only, since an unresolved H may hide the real one.
    ``None`` after ``ctx.skip()`` when no known branch can be inspected; ``[]`` when a
    resolved dispatch does not handle the command (EC200's or FI200's finding)."""
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


def command_branch_lacking(ctx, model, command: str, kind: str):  # noqa: ANN001, ANN201 - Branch | None
    """For absence rules (EC203, EC208, FI201–FI203), given ``code_model(ctx, absence=True, ...)``:
    the branch to report at (the first of ``command``'s branches) when no call of ``kind`` is
    reachable from any of them. Else ``None``: when there is no model or the command is not
    handled (EC200's or FI200's finding), and after ``ctx.skip()`` when a branch is unknown or a
    method call on the way has several candidate classes (what is reachable is then only a
    lower bound)."""
    branches = model.branches_for(command) if model is not None else []
    if not branches:
        return None
    calls = model.reachable_calls(branches, kind)
    if calls is None or (not calls and model.reaches_ambiguous_method(branches)):
        ctx.skip()
        return None
    return None if calls else branches[0]


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


def incident_dicts(ctx) -> list:  # list[IncidentDict]
    """The incident dicts (RULES.md FI206) of a non-deprecated fetcher's code, found with
    ``incident_list_names``; ``[]`` when there is no fetcher or its code cannot be analysed
    (after ``ctx.skip()``). FI206, FI207 and FI212 check their keys."""
    model = fetch_model(ctx)
    return model.incident_dicts(incident_list_names(ctx)) if model is not None else []


def incident_values(ctx, key: str) -> Iterator[ast.expr]:
    """Each value ``key`` gets in an incident dict: its literal value, then each later
    ``N[key] = v`` on the dict (FI208, FI209 and FI213 check them)."""
    for incident in incident_dicts(ctx):
        yield from incident.values.get(key, ())


def python_line(ctx, node) -> int:  # noqa: ANN001
    """The line of a Python node in the file the user edits (mapped into a unified YAML's
    ``script.script`` block, section 2.6), for messages that cite another line."""
    source = ctx.integration.code
    return source.locate(node.lineno, 1)[0] if source.block else node.lineno


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
