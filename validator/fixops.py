"""The vocabulary of fix operations rules attach to a ``Fix`` (``Fix.ops``).

Rules describe *what* to change; ``validator/fix.py`` applies it (YAML through a ruamel
round-trip, JSON with text edits that keep the formatting, Python through libcst). A path
is a tuple of mapping keys (the exact key text, e.g. ``"defaultvalue:marketplacev2"``) and
sequence indexes, from the root of the file the finding is in, unless ``file`` says which
document (relative to nothing: the finding's own path is used when ``file`` is None).

Every constructor returns a plain tuple so findings stay hashable and picklable.
"""

from __future__ import annotations

from typing import Any

Path = tuple[Any, ...]


def yaml_set(path: Path, value: Any) -> tuple:
    """Set the mapping key at ``path`` to ``value``; a missing key is appended as the last key
    of its parent mapping."""
    return ("yaml.set", tuple(path), value)


def yaml_insert(parent: Path, key: str, value: Any, after: str | None = None) -> tuple:
    """Add ``key: value`` to the mapping at ``parent``, right after ``after`` (else last)."""
    return ("yaml.insert", tuple(parent), key, value, after)


def yaml_append(path: Path, value: Any) -> tuple:
    """Append ``value`` to the sequence at ``path`` (a missing key becomes a block list)."""
    return ("yaml.append", tuple(path), value)


def yaml_remove(path: Path) -> tuple:
    """Remove the mapping key or sequence item at ``path``."""
    return ("yaml.remove", tuple(path))


def json_append(path: Path, value: Any, file: str | None = None) -> tuple:
    """Append ``value`` to the JSON array at ``path`` with a text edit that keeps the layout."""
    return ("json.append", tuple(path), value, file)


def py_wrap(span: tuple[int, int, int, int], func: str) -> tuple:
    """Wrap the Python expression at ``span`` (line, col, end_line, end_col; 1-based lines,
    0-based character columns, in the code file) in ``func(...)``."""
    return ("py.wrap", tuple(span), func)


def py_remove_argument(call_span: tuple[int, int, int, int], keyword: str | None, index: int | None) -> tuple:
    """Remove an argument (by keyword, else by position) from the call at ``call_span``."""
    return ("py.remove_arg", tuple(call_span), keyword, index)
