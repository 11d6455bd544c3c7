"""The vocabulary of fix operations rules attach to a ``Fix`` (``Fix.ops``).

Rules describe *what* to change; ``validator/fix.py`` applies it (YAML through a ruamel
round-trip, JSON with text edits that keep the formatting, Python as text edits located
with ``ast``). A path is a tuple of mapping keys (the exact key text, e.g.
``"defaultvalue:marketplacev2"``) and sequence indexes, from the root of the file the
finding is in; only ``json_append`` may name another file (``file``: relative to the pack
root, or absolute; ``None`` means the finding's own file).

Values are plain Python data (str, int, float, bool, None, dict, list). In YAML a new string
takes the quoting of the value it replaces (or of the last item of the list it joins), a new
mapping or list is block style unless its neighbours are flow style, and comment lines that
followed the previous last node stay after the new one. An op whose path does not exist
fails: the finding stays and a notice says why; identical ops of several findings in one
file are applied once.

Every constructor returns a plain tuple so findings stay hashable and picklable.
"""

from __future__ import annotations

from typing import Any

Path = tuple[Any, ...]


def yaml_set(path: Path, value: Any) -> tuple:
    """Set the mapping key (or sequence index) at ``path`` to ``value``, keeping the key's
    place and its end-of-line comment; a missing key is appended as the last key of its
    parent mapping (which must exist)."""
    return ("yaml.set", tuple(path), value)


def yaml_insert(parent: Path, key: str, value: Any, after: str | None = None) -> tuple:
    """Add ``key: value`` to the mapping at ``parent``, right after the key ``after`` (last when
    ``after`` is None or missing); an existing ``key`` is set instead."""
    return ("yaml.insert", tuple(parent), key, value, after)


def yaml_append(path: Path, value: Any) -> tuple:
    """Append ``value`` to the sequence at ``path``; a missing or null last key becomes a
    one-item list (block style, flow in a flow mapping)."""
    return ("yaml.append", tuple(path), value)


def yaml_remove(path: Path) -> tuple:
    """Remove the mapping key or sequence item at ``path`` (a list left empty becomes ``[]``)."""
    return ("yaml.remove", tuple(path))


def json_append(path: Path, value: Any, file: str | None = None) -> tuple:
    """Append ``value`` to the JSON array at ``path`` with a text edit that keeps the layout
    (one-line arrays stay on one line; in multi-line ones the item gets its own line with the
    last item's indentation); a missing last key becomes ``"key": [value]``."""
    return ("json.append", tuple(path), value, file)


def py_wrap(span: tuple[int, int, int, int], func: str) -> tuple:
    """Wrap the Python expression at ``span`` (line, col, end_line, end_col; 1-based lines,
    0-based character columns, in the analysed code: the .py file, or the ``script.script``
    text of a unified YAML) in ``func(...)``. The span must be exactly an expression's."""
    return ("py.wrap", tuple(span), func)


def py_remove_argument(call_span: tuple[int, int, int, int], keyword: str | None, index: int | None) -> tuple:
    """Remove an argument (by keyword, else by 0-based position) from the call whose span is
    ``call_span``, with its separating comma; comments between arguments are kept."""
    return ("py.remove_arg", tuple(call_span), keyword, index)
