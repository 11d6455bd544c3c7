"""A fast yes/no check of plain data against our JSON Schemas (a pre-filter for jsonschema).

``validator.schema`` builds its findings from jsonschema's errors. Most documents have no
error at all, and for them jsonschema's walk (~20 ms for a 90 KB integration) is pure
overhead. This module compiles a schema into nested Python closures that answer only
"is this instance valid?"; when the answer is yes, there is nothing to report and
jsonschema is not run (nor imported). When the answer is no, jsonschema runs exactly as
before, so findings are the same by construction: this check must never call an invalid
instance valid.

It supports the Draft 2020-12 keywords our schemas use, with jsonschema's semantics:
``type`` (``1.0`` is an integer, ``True`` is not), ``enum``/``const`` (JSON equality:
``1 == 1.0``, ``True != 1``), ``required``, ``properties``, ``items``, ``pattern``
(``re.search``), ``minItems``, ``uniqueItems``, ``anyOf``, ``if``/``then``/``else``, local
``$ref`` into ``$defs`` (with sibling keywords), and annotations. A schema using any other
keyword is not compiled (``compile_check`` returns ``None``) and every instance goes to
jsonschema; so does anything unexpected while checking.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

Check = Callable[[Any], bool]

ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "default", "examples", "deprecated",
               "readOnly", "writeOnly", "$defs"}
_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
}


class Unsupported(Exception):
    """The schema uses something this module does not implement."""


def json_equal(a: Any, b: Any) -> bool:
    """Equality as JSON Schema (and jsonschema's ``_utils.equal``) defines it."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and a == b
    if isinstance(a, list) or isinstance(b, list):
        return isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and all(
            json_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys() and all(
            json_equal(a[k], b[k]) for k in a)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return a is b or (a is None and b is None)


class _Compiler:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, target: str) -> Check:
        if not target.startswith("#/$defs/") or "/" in target[len("#/$defs/"):] or "~" in target:
            raise Unsupported(target)
        name = target[len("#/$defs/"):]
        if name not in self.refs:
            schema = (self.root.get("$defs") or {}).get(name)
            if schema is None:
                raise Unsupported(target)
            slot: list[Check] = []
            self.refs[name] = lambda v: slot[0](v)  # recursive definitions resolve lazily
            slot.append(self.compile(schema))
        return self.refs[name]

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise Unsupported(repr(schema))
        checks: list[Check] = []
        for key, value in schema.items():
            if key in ANNOTATIONS or key.startswith("x-"):
                continue
            checks.append(self.keyword(key, value, schema))
        if not checks:
            return lambda v: True
        if len(checks) == 1:
            return checks[0]
        return lambda v: all(check(v) for check in checks)

    def keyword(self, key: str, value: Any, schema: dict[str, Any]) -> Check:  # noqa: C901, PLR0911, PLR0912
        if key == "type":
            names = [value] if isinstance(value, str) else value
            if not isinstance(names, list) or any(n not in _TYPES for n in names):
                raise Unsupported("type")
            tests = [_TYPES[n] for n in names]
            return tests[0] if len(tests) == 1 else (lambda v: any(t(v) for t in tests))
        if key == "$ref":
            return self.ref(value)
        if key == "required":
            names = list(value)
            return lambda v: not isinstance(v, dict) or all(n in v for n in names)
        if key == "properties":
            props = {name: self.compile(sub) for name, sub in value.items()}

            def properties(v: Any) -> bool:
                if not isinstance(v, dict):
                    return True
                for name, check in props.items():
                    if name in v and not check(v[name]):
                        return False
                return True

            return properties
        if key == "items":
            if not isinstance(value, (dict, bool)) or "prefixItems" in schema:
                raise Unsupported("items")
            item = self.compile(value)
            return lambda v: not isinstance(v, list) or all(item(i) for i in v)
        if key == "enum":
            options = list(value)
            hashable = {o for o in options if isinstance(o, str)}
            others = [o for o in options if not isinstance(o, str)]

            def enum(v: Any) -> bool:
                if isinstance(v, str):
                    return v in hashable
                return any(json_equal(v, o) for o in others)

            return enum
        if key == "const":
            return lambda v: json_equal(v, value)
        if key == "pattern":
            compiled = re.compile(value)
            return lambda v: not isinstance(v, str) or compiled.search(v) is not None
        if key == "minItems":
            return lambda v: not isinstance(v, list) or len(v) >= value
        if key == "uniqueItems":
            if not value:
                return lambda v: True

            def unique(v: Any) -> bool:
                if not isinstance(v, list):
                    return True
                if len(v) > 200:
                    return False  # not worth it here: let jsonschema decide
                return not any(json_equal(v[i], v[j]) for i in range(len(v)) for j in range(i + 1, len(v)))

            return unique
        if key == "anyOf":
            subs = [self.compile(s) for s in value]
            return lambda v: any(s(v) for s in subs)
        if key == "if":
            test = self.compile(value)
            then = self.compile(schema["then"]) if "then" in schema else None
            other = self.compile(schema["else"]) if "else" in schema else None

            def conditional(v: Any) -> bool:
                if test(v):
                    return then is None or then(v)
                return other is None or other(v)

            return conditional
        if key in ("then", "else"):
            return lambda v: True  # evaluated with "if" (without "if" they are ignored)
        raise Unsupported(key)


@cache
def compile_check(name: str) -> Check | None:
    """The yes/no check for schema ``name`` of ``validator.schemas``, or ``None``."""
    from validator.schema import load_schema

    schema = load_schema(name)
    try:
        return _Compiler(schema).compile(schema)
    except (Unsupported, re.error, TypeError, AttributeError, KeyError):
        return None


def surely_valid(name: str, data: Any) -> bool:
    """True only when ``data`` is valid against schema ``name``; False means "ask jsonschema"."""
    check = compile_check(name)
    if check is None:
        return False
    try:
        return bool(check(data))
    except Exception:  # noqa: BLE001 - any surprise: let jsonschema decide
        return False
