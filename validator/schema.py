"""JSON Schema validation of located trees, with our own located messages.

Schemas (Draft 2020-12) ship in ``validator.schemas``; validators are compiled once per
process. Marketplace-suffixed keys (RULES.md section 4) are validated like their base key
by validating the base view and the view of each marketplace the document overrides.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from functools import cache
from typing import Any

from validator.tree import MARKETPLACES, AnyNode, Map, Node, Scalar, Seq

SUFFIXED = re.compile(r"^([A-Za-z_][\w.-]*):([\w-]+)$")
_JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array",
               dict: "object", type(None): "null"}
_KEYWORD_ORDER = {"type": 0, "required": 1}


@dataclass(frozen=True)
class SchemaError:
    node: Node | None  # where to report; None means 1:1
    message: str
    marketplace: str | None = None


@cache
def load_schema(name: str) -> dict[str, Any]:
    from importlib.resources import files

    return json.loads(files("validator.schemas").joinpath(name).read_text(encoding="utf-8"))


@cache
def compiled(name: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(name))


def json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def format_path(path: list[str | int]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(root)"


def view_data(node: AnyNode | None, market: str | None) -> Any:
    """Plain data of the view of ``market`` (``None``: the base view, suffixed keys dropped)."""
    if isinstance(node, Scalar) or node is None:
        return None if node is None else node.value
    if isinstance(node, Seq):
        items = []  # a loop, not a comprehension: one stack frame per level for 500-deep trees
        for item in node.items:
            items.append(view_data(item, market))
        return items
    out: dict[str, Any] = {}
    for key, _value in node.pairs:
        name = key.text if isinstance(key, Scalar) else None
        if name is None or name in out or (":" in name and SUFFIXED.match(name)):  # ":" first: 5x cheaper
            continue
        target = node.view(name, market) if market else node.get(name)
        out[name] = view_data(target, market)
    for key, value in node.pairs:  # a key present only as a variant exists in that view
        match = SUFFIXED.match(key.text) if market and isinstance(key, Scalar) and ":" in key.text else None
        if market and match and match.group(2) == market and match.group(1) not in out:
            out[match.group(1)] = view_data(value, market)
    return out


def view_walk(node: AnyNode | None, path: list[str | int], market: str | None) -> tuple[AnyNode | None, AnyNode | None]:
    """(node at ``path``, key node of its last step) in the view of ``market``."""
    key: AnyNode | None = None
    for step in path:
        if isinstance(node, Map) and isinstance(step, str):
            pair = node.view_pair(step, market) if market else node.pair(step)
            key, node = pair if pair else (None, None)
        elif isinstance(node, Seq) and isinstance(step, int) and 0 <= step < len(node.items):
            key, node = node.items[step], node.items[step]
        else:
            return None, None
    return node, key


def markets_used(node: AnyNode | None, found: set[str] | None = None) -> set[str]:
    found = set() if found is None else found
    if isinstance(node, Map):
        for key, value in node.pairs:
            match = SUFFIXED.match(key.text) if isinstance(key, Scalar) and ":" in key.text else None
            if match and match.group(2) in MARKETPLACES:
                found.add(match.group(2))
            markets_used(value, found)
    elif isinstance(node, Seq):
        for item in node.items:
            markets_used(item, found)
    return found


def unknown_suffixes(node: AnyNode | None) -> list[tuple[Scalar, str]]:
    """Keys ``K:M`` whose M is not a known marketplace."""
    found: list[tuple[Scalar, str]] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Map):
            for key, value in current.pairs:
                match = SUFFIXED.match(key.text) if isinstance(key, Scalar) and ":" in key.text else None
                if match and match.group(2) not in MARKETPLACES:
                    found.append((key, match.group(2)))  # type: ignore[arg-type]
                stack.append(value)
        elif isinstance(current, Seq):
            stack.extend(current.items)
    return sorted(found, key=lambda kv: (kv[0].line, kv[0].column))


def _message(error: Any) -> str:
    keyword = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    value = error.instance
    custom = schema.get("x-message")
    if keyword == "required":
        missing = [k for k in error.validator_value if isinstance(error.instance, dict) and k not in error.instance]
        return f"missing required key '{missing[0] if missing else error.validator_value[0]}'"
    if keyword == "type":
        expected = error.validator_value if isinstance(error.validator_value, str) else " or ".join(error.validator_value)
        return f"expected {expected}, got {json_type(value)}"
    if custom:
        return custom.format(value=_shown(value))
    if keyword == "enum":
        allowed = ", ".join(repr(v) if not isinstance(v, str) else f"'{v}'" for v in error.validator_value)
        return f"'{_shown(value)}' is not one of {allowed}"
    if keyword == "uniqueItems":
        return "has repeated items"
    if keyword == "minItems":
        return "must not be empty"
    return error.message


def _shown(value: Any) -> str:
    """A value as quoted in a message, cut short: values may be huge or 500 levels deep."""
    if isinstance(value, (list, dict)):
        import reprlib

        shortener = reprlib.Repr()
        shortener.maxlevel, shortener.maxstring, shortener.maxother = 3, 40, 40
        return shortener.repr(value)
    text = str(value)
    return text if len(text) <= 100 else text[:97] + "..."


def _deep(error: Any) -> Any:
    """For anyOf/oneOf, the best error inside (the deepest, most relevant one)."""
    from jsonschema.exceptions import best_match

    while error.context and not error.schema.get("x-message"):
        error = best_match(error.context)
    return error


def validate_tree(name: str, root: AnyNode | None) -> list[SchemaError]:
    """Every schema error of the base view and of each overridden marketplace's view."""
    # The readers allow 500 levels of nesting (RULES.md SY100, SY103); building the plain
    # data and jsonschema's value comparisons (enum, uniqueItems) recurse a few frames per
    # level, so make room for that depth while validating.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 8 * 500 + 1000))
    try:
        return _validate_tree(name, root)
    finally:
        sys.setrecursionlimit(limit)


def _validate_tree(name: str, root: AnyNode | None) -> list[SchemaError]:
    from validator.schemacheck import surely_valid

    validator = None
    results: dict[tuple[int, int, str], SchemaError] = {}
    for market in [None, *sorted(markets_used(root))]:
        data = view_data(root, market)
        if surely_valid(name, data):
            continue  # nothing to report: jsonschema is neither run nor imported (schemacheck.py)
        validator = validator or compiled(name)
        errors = sorted(validator.iter_errors(data),
                        key=lambda e: (list(map(str, e.absolute_path)), _KEYWORD_ORDER.get(e.validator, 9)))
        seen_paths: set[tuple[str, ...]] = set()
        for error in errors:
            error = _deep(error)
            path = list(error.absolute_path)
            if tuple(map(str, path)) in seen_paths:
                continue  # one finding per value: a type error hides the enum error of '8'
            seen_paths.add(tuple(map(str, path)))
            node, key = view_walk(root, path, market)
            at = _location(error.validator, root, path, node, key, market)
            text = f"{format_path(path)}: {_message(error)}"
            origin = _variant_market(root, path, market)
            if origin:
                text += f" (in {origin})"
            position = (at.line, at.column) if at else (1, 1)
            results.setdefault((*position, text), SchemaError(at, text, origin))
    return [results[k] for k in sorted(results)]


def _location(keyword: str, root: AnyNode | None, path: list[str | int], node: AnyNode | None,
              key: AnyNode | None, market: str | None) -> Node | None:
    """RULES.md section 3: a missing key at the key of the mapping that should hold it."""
    if keyword == "required":
        if not path:
            return None
        return key if isinstance(path[-1], str) else node
    return node or key


def _variant_market(root: AnyNode | None, path: list[str | int], market: str | None) -> str | None:
    """The marketplace whose ``K:M`` variant lies on ``path`` in that view, if any."""
    if market is None:
        return None
    node = root
    found = None
    for step in path:
        if isinstance(node, Map) and isinstance(step, str):
            variant = node.pair(f"{step}:{market}")
            if variant is not None:
                found = market
                node = variant[1]
            else:
                node = node.get(step)
        elif isinstance(node, Seq) and isinstance(step, int) and 0 <= step < len(node.items):
            node = node.items[step]
        else:
            break
    return found
