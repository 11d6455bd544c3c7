"""A small located tree shared by the YAML and JSON readers.

Every node knows where it starts and ends (1-based line and column, end exclusive), so a
rule can report at the exact key or value it names. Mappings keep every pair in source
order, duplicates included; lookups return the first occurrence (RULES.md SY101).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

MARKETPLACES = ("xsoar", "marketplacev2", "xpanse", "xsoar_saas", "xsoar_on_prem", "platform")


class Node:
    __slots__ = ("line", "column", "end_line", "end_column", "size")

    kind = "node"

    def __init__(self, line: int, column: int, end_line: int, end_column: int) -> None:
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.size = 1  # nodes below and including this one, counting alias expansions


class Scalar(Node):
    __slots__ = ("value", "text", "style")

    kind = "scalar"

    def __init__(self, value: Any, text: str, style: str | None, *pos: int) -> None:
        super().__init__(*pos)
        self.value = value
        self.text = text
        self.style = style

    def __repr__(self) -> str:
        return f"Scalar({self.value!r} @{self.line}:{self.column})"


class Seq(Node):
    __slots__ = ("items", "flow")

    kind = "sequence"

    def __init__(self, *pos: int, flow: bool = False) -> None:
        super().__init__(*pos)
        self.items: list[AnyNode] = []
        self.flow = flow

    def __iter__(self) -> Iterator[AnyNode]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class Map(Node):
    __slots__ = ("pairs", "index", "duplicates", "flow")

    kind = "mapping"

    def __init__(self, *pos: int, flow: bool = False) -> None:
        super().__init__(*pos)
        self.pairs: list[tuple[AnyNode, AnyNode]] = []
        self.index: dict[str, int] = {}
        self.duplicates: list[tuple[Scalar, int]] = []  # (later key, line of the first)
        self.flow = flow

    def add(self, key: AnyNode, value: AnyNode) -> None:
        if isinstance(key, Scalar):
            first = self.index.get(key.text)
            if first is None:
                self.index[key.text] = len(self.pairs)
            else:
                self.duplicates.append((key, self.pairs[first][0].line))
        self.pairs.append((key, value))

    def pair(self, key: str) -> tuple[AnyNode, AnyNode] | None:
        i = self.index.get(key)
        return None if i is None else self.pairs[i]

    def get(self, key: str) -> AnyNode | None:
        i = self.index.get(key)
        return None if i is None else self.pairs[i][1]

    def key_node(self, key: str) -> AnyNode | None:
        i = self.index.get(key)
        return None if i is None else self.pairs[i][0]

    def value(self, key: str, default: Any = None) -> Any:
        """The plain value of a scalar child, else ``default``."""
        node = self.get(key)
        return node.value if isinstance(node, Scalar) else default

    def __contains__(self, key: object) -> bool:
        return key in self.index

    def keys(self) -> list[str]:
        return list(self.index)

    # Marketplace-suffixed keys (RULES.md section 4) ---------------------------------------

    def variants(self, key: str) -> list[tuple[str | None, AnyNode, AnyNode]]:
        """The base pair and each known ``key:M`` pair, as ``(marketplace or None, key, value)``."""
        found: list[tuple[str | None, AnyNode, AnyNode]] = []
        base = self.pair(key)
        if base is not None:
            found.append((None, *base))
        for market in MARKETPLACES:
            pair = self.pair(f"{key}:{market}")
            if pair is not None:
                found.append((market, *pair))
        return found

    def view_pair(self, key: str, marketplace: str) -> tuple[AnyNode, AnyNode] | None:
        """The pair that holds ``key`` in the view of ``marketplace``: ``key:M`` wins over ``key``."""
        return self.pair(f"{key}:{marketplace}") or self.pair(key)

    def view(self, key: str, marketplace: str) -> AnyNode | None:
        pair = self.view_pair(key, marketplace)
        return None if pair is None else pair[1]


AnyNode = Scalar | Seq | Map


def is_true(node: Node | None) -> bool:
    """YAML ``true`` or a string equal to ``true`` ignoring case (RULES.md conventions)."""
    if not isinstance(node, Scalar):
        return False
    value = node.value
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def is_blank(node: Node | None) -> bool:
    """Absent, null, or a blank string: the opposite of *non-empty*."""
    if node is None:
        return True
    if isinstance(node, Scalar):
        return node.value is None or (isinstance(node.value, str) and not node.value.strip())
    return False


def to_python(node: Node | None) -> Any:
    """Plain Python data (dicts, lists, scalars) for schema validation; first key wins."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Seq):
        return [to_python(item) for item in node.items]
    assert isinstance(node, Map)
    out: dict[str, Any] = {}
    for key, value in node.pairs:
        name = key.text if isinstance(key, Scalar) else repr(to_python(key))
        if name not in out:
            out[name] = to_python(value)
    return out


def walk(node: Node | None, path: list[str | int]) -> Node | None:
    """Follow a JSON-pointer-like path of keys and indexes through the tree."""
    for step in path:
        if isinstance(node, Map) and isinstance(step, str):
            node = node.get(step)
        elif isinstance(node, Seq) and isinstance(step, int) and 0 <= step < len(node.items):
            node = node.items[step]
        else:
            return None
    return node
