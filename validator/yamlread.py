"""Read YAML into the located tree from the parser's event stream.

We build the tree from events rather than ruamel's ``compose()`` because composing is
recursive (a 100,000-deep document crashes the C extension) and libyaml slows down
quadratically with depth: walking events lets us stop at the depth and alias-expansion
limits of RULES.md SY100 before any of that happens. Safe loading only: tags are never
constructed into objects.
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from validator.tree import AnyNode, Map, Scalar, Seq

MAX_DEPTH = 500
MAX_NODES = 200_000

_INT = re.compile(r"[-+]?(0|[1-9][0-9_]*)$")
_OCT = re.compile(r"0o[0-7]+$")
_HEX = re.compile(r"0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")
_SPECIAL_FLOATS = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_STYLES = {"'": "single", '"': "double", "|": "literal", ">": "folded"}
_BREAKS = re.compile("\r\n|\r|\n")
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")  # line breaks for libyaml, not for editors

_notice_shown = False


class YamlError(Exception):
    """A document we refuse: syntax error or a structural limit. Positions are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class YamlDoc:
    root: AnyNode | None
    duplicates: list[tuple[Scalar, int]] = field(default_factory=list)


def _make_yaml() -> Any:
    global _notice_shown
    from ruamel.yaml import YAML

    try:
        import _ruamel_yaml  # noqa: F401  (the C extension)

        return YAML(typ="safe", pure=False)
    except ImportError:
        if not _notice_shown:
            _notice_shown = True
            print("validate: ruamel.yaml C extension not found; reading YAML in pure Python (slower)", file=sys.stderr)
        return YAML(typ="safe", pure=True)


_yaml: Any = None


def resolve_plain(text: str) -> Any:
    """YAML 1.2 core-schema resolution of a plain scalar; anything else stays text."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.match(text):
        try:
            return int(text.replace("_", ""))
        except ValueError:  # over Python's 4300-digit limit for int(str): keep the text
            return text
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    lowered = text.lower()
    if lowered in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[lowered]
    if _FLOAT.match(text) and any(ch.isdigit() for ch in text):
        try:
            return float(text.replace("_", ""))
        except ValueError:
            return text
    return text  # timestamps and anything else are read as their source text


def _scalar_value(event: Any) -> Any:
    tag = event.tag
    if tag in (None, "!") and event.implicit and event.implicit[0]:
        return resolve_plain(event.value)
    if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"):
        return resolve_plain(event.value)
    return event.value


class _Lines:
    """1-based positions in the lines an editor shows: lines end at \\n, \\r\\n or \\r.

    libyaml also ends lines at U+0085, U+2028 and U+2029 (YAML 1.1); in a text holding one
    of those, a mark's line and column are recomputed from its character index.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] | None = None
        if _ODD_BREAKS.search(text):
            self.starts = self._starts()

    def _starts(self) -> list[int]:
        return [0] + [m.end() for m in _BREAKS.finditer(self.text)]

    def mark(self, mark: Any) -> tuple[int, int]:
        if self.starts is None:
            return mark.line + 1, mark.column + 1
        return self.offset(mark.index)

    def offset(self, index: int) -> tuple[int, int]:
        """The position of a character index."""
        starts = self.starts if self.starts is not None else self._starts()
        line = bisect.bisect_right(starts, index)
        return line, index - starts[line - 1] + 1

    def event(self, event: Any) -> tuple[int, int, int, int]:
        return (*self.mark(event.start_mark), *self.mark(event.end_mark))

    def error(self, exc: Any) -> tuple[int, int]:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        if mark is not None:
            return self.mark(mark)
        position = getattr(exc, "position", None)  # a ReaderError: libyaml gives a UTF-8 byte offset
        if isinstance(position, int) and 0 <= position:
            index = len(self.text.encode("utf-8")[:position].decode("utf-8", errors="ignore"))
            if not (index < len(self.text) and ord(self.text[index]) == getattr(exc, "character", None)):
                index = min(position, len(self.text))  # the pure-Python reader counts characters
            return self.offset(index)
        return 1, 1


def _error_message(exc: Any) -> str:
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    if not problem:
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"{problem} ({context})" if context else problem


def _char_at(text: str, line: int, column: int) -> str:
    lines = _BREAKS.split(text, line)
    if line - 1 >= len(lines):
        return ""
    row = lines[line - 1]
    return row[column - 1] if 0 < column <= len(row) else ""


def read_yaml(text: str) -> YamlDoc:
    """Parse ``text`` into a located tree; raise ``YamlError`` on syntax errors or limits."""
    global _yaml
    if _yaml is None:
        _yaml = _make_yaml()
    from ruamel.yaml.error import YAMLError

    lines = _Lines(text)
    try:
        return _build(_yaml.parse(text), lines)
    except YamlError:
        raise
    except YAMLError as exc:
        line, column = lines.error(exc)
        message = _error_message(exc)
        if _char_at(text, line, column) == "\t":
            message = "tab character where indentation or a token was expected"
        raise YamlError(f"YAML syntax error: {message}", line, column) from None
    except RecursionError:
        raise YamlError(f"YAML nesting deeper than {MAX_DEPTH} levels") from None


def _build(events: Any, lines: _Lines) -> YamlDoc:
    from ruamel.yaml import events as ev

    _pos = lines.event

    stack: list[Map | Seq] = []  # open collections
    keys: list[AnyNode | None] = []  # per open collection: a mapping key awaiting its value
    open_anchors: list[str | None] = []  # per open collection: its anchor, registered at its end
    heights: list[int] = []  # per open collection: levels of collections below it so far
    anchors: dict[str, tuple[AnyNode, int]] = {}  # anchor -> (node, its levels of collections)
    duplicates: list[tuple[Scalar, int]] = []
    root: AnyNode | None = None
    documents = 0
    total = 0

    def attach(node: AnyNode, at: Any = None) -> None:
        nonlocal root, total
        total += node.size
        if total > MAX_NODES:
            line, column = _pos(at)[:2] if at is not None else (node.line, node.column)
            raise YamlError(f"YAML alias expansion exceeds {MAX_NODES} nodes", line, column)
        if not stack:
            root = node
            return
        parent = stack[-1]
        parent.size += node.size
        if isinstance(parent, Seq):
            parent.items.append(node)
        elif keys[-1] is None:
            keys[-1] = node
        else:
            parent.add(keys[-1], node)
            keys[-1] = None

    for event in events:
        if isinstance(event, ev.ScalarEvent):
            node: AnyNode = Scalar(_scalar_value(event), event.value, _STYLES.get(event.style or ""), *_pos(event))
            if event.anchor:
                anchors[event.anchor] = (node, 0)
            attach(node)
        elif isinstance(event, (ev.MappingStartEvent, ev.SequenceStartEvent)):
            if len(stack) >= MAX_DEPTH:
                line, column = _pos(event)[:2]
                raise YamlError(f"YAML nesting deeper than {MAX_DEPTH} levels", line, column)
            cls = Map if isinstance(event, ev.MappingStartEvent) else Seq
            stack.append(cls(*_pos(event), flow=bool(event.flow_style)))
            keys.append(None)
            open_anchors.append(event.anchor)
            heights.append(0)
        elif isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
            coll = stack.pop()
            keys.pop()
            anchor = open_anchors.pop()
            height = heights.pop() + 1
            if heights:
                heights[-1] = max(heights[-1], height)
            coll.end_line, coll.end_column = lines.mark(event.end_mark)
            if isinstance(coll, Map):
                duplicates.extend(coll.duplicates)
            if anchor:
                anchors[anchor] = (coll, height)
            total -= coll.size - 1  # its children were counted as they were attached
            attach(coll)
        elif isinstance(event, ev.AliasEvent):
            found = anchors.get(event.anchor)
            line, column = _pos(event)[:2]
            if found is None:
                raise YamlError(f"YAML syntax error: found undefined alias '{event.anchor}'", line, column)
            target, height = found
            if len(stack) + height > MAX_DEPTH:  # an alias nests its anchor's collections here
                raise YamlError(f"YAML nesting deeper than {MAX_DEPTH} levels", line, column)
            if heights:
                heights[-1] = max(heights[-1], height)
            attach(target, event)
        elif isinstance(event, ev.DocumentStartEvent):
            documents += 1
            if documents > 1:
                line, column = _pos(event)[:2]
                raise YamlError("YAML syntax error: expected a single document in the stream", line, column)
    return YamlDoc(root, duplicates)
