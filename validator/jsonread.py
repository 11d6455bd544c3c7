"""Strict RFC 8259 JSON into the located tree (positions for pack_metadata.json findings).

The standard ``json`` module gives no positions and recurses on nesting, so this is a
small iterative parser: strings and numbers are decoded by ``json`` itself, structure is
tracked on an explicit stack with the depth limit of RULES.md SY103.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

from validator.tree import AnyNode, Map, Scalar, Seq

MAX_DEPTH = 500

_TOKEN = re.compile(
    r"""(?P<ws>[ \t\n\r]+)
      | (?P<string>"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*")
      | (?P<number>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?(?![0-9A-Za-z_.]))
      | (?P<literal>true|false|null)(?![0-9A-Za-z_])
      | (?P<punct>[{}\[\]:,])""",
    re.VERBOSE,
)
_LITERALS = {"true": True, "false": False, "null": None}


class JsonError(Exception):
    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class _Positions:
    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\r\n|\r|\n", text)]  # as editors count lines

    def __call__(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def _tokens(text: str, pos: _Positions):
    offset, size = 0, len(text)
    while offset < size:
        match = _TOKEN.match(text, offset)
        if match is None:
            line, column = pos(offset)
            raise JsonError(f"JSON syntax error: unexpected character {text[offset]!r}", line, column)
        if match.lastgroup != "ws":
            yield match.lastgroup, match.group(), match.start(), match.end()
        offset = match.end()


def read_json(text: str) -> AnyNode:
    """Parse strict JSON into a located tree; raise ``JsonError`` with a 1-based position."""
    pos = _Positions(text)
    stack: list[Map | Seq] = []
    keys: list[Scalar | None] = []
    expect = "value"  # value | key | colon | comma_or_end | value_or_end | key_or_end
    root: AnyNode | None = None

    def fail(message: str, offset: int) -> JsonError:
        line, column = pos(offset)
        return JsonError(f"JSON syntax error: {message}", line, column)

    def place(node: AnyNode) -> str:
        nonlocal root
        if not stack:
            root = node
            return "done"
        parent = stack[-1]
        if isinstance(parent, Seq):
            parent.items.append(node)
        else:
            key = keys[-1]
            assert key is not None
            parent.add(key, node)
            keys[-1] = None
        return "comma_or_end"

    for kind, token, start, end in _tokens(text, pos):
        line, column = pos(start)
        end_line, end_column = pos(end)
        if expect == "done":
            raise fail("extra data after the document", start)
        if expect == "colon":
            if token != ":":
                raise fail("expecting ':' delimiter", start)
            expect = "value"
            continue
        if expect == "comma_or_end":
            if token == ",":
                expect = "key" if isinstance(stack[-1], Map) else "value"
                continue
            closer = "}" if isinstance(stack[-1], Map) else "]"
            if token != closer:
                raise fail(f"expecting ',' or '{closer}'", start)
            expect = _close(stack, keys, end_line, end_column, place)
            continue
        if expect in ("key", "key_or_end"):
            if token == "}" and expect == "key_or_end":
                expect = _close(stack, keys, end_line, end_column, place)
                continue
            if kind != "string":
                raise fail("expecting property name enclosed in double quotes", start)
            keys[-1] = Scalar(json.loads(token), json.loads(token), "double", line, column, end_line, end_column)
            expect = "colon"
            continue
        # expect is value or value_or_end
        if token == "]" and expect == "value_or_end":
            expect = _close(stack, keys, end_line, end_column, place)
            continue
        if token in ("{", "["):
            if len(stack) >= MAX_DEPTH:
                raise JsonError(f"JSON nesting deeper than {MAX_DEPTH} levels", line, column)
            coll = Map(line, column, line, column) if token == "{" else Seq(line, column, line, column)
            stack.append(coll)
            keys.append(None)
            expect = "key_or_end" if token == "{" else "value_or_end"
            continue
        if kind in ("string", "number", "literal"):
            expect = place(Scalar(_decode(kind, token), token, None, line, column, end_line, end_column))
            continue
        raise fail("expecting value", start)
    if expect != "done":
        raise fail("unexpected end of data" if text.strip() else "expecting value", len(text))
    assert root is not None
    return root


def _decode(kind: str, token: str) -> Any:
    if kind == "literal":
        return _LITERALS[token]
    try:
        return json.loads(token)
    except ValueError:  # an integer over Python's 4300-digit limit for int(str): keep the text
        return token


def _close(stack: list[Map | Seq], keys: list[Scalar | None], end_line: int, end_column: int, place: Any) -> str:
    coll = stack.pop()
    keys.pop()
    coll.end_line, coll.end_column = end_line, end_column
    for child in coll.items if isinstance(coll, Seq) else [v for _, v in coll.pairs]:
        coll.size += child.size
    return place(coll)
