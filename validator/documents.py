"""Documents: one file each, read once, parsed on first use.

Reading problems become SY findings (RULES.md section 0 and SY100-SY105); a document
with such a problem is *blocked*: no other rule reads it.
"""

from __future__ import annotations

import ast
import os
import re
import stat
import warnings
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from validator.finding import printable
from validator.tree import AnyNode

DEFAULT_MAX_FILE_SIZE = 5_242_880
UNBLOCKING = ("SY101", "SY900", "SY106")
_LINE_BREAK = re.compile("\r\n|\r|\n")


@dataclass(frozen=True)
class Problem:
    """A reading problem, reported by the SY rule whose code it carries."""

    code: str
    line: int
    column: int
    message: str
    end_line: int | None = None
    end_column: int | None = None


def split_lines(text: str) -> list[str]:
    """Lines as editors, ``ast`` and finding positions count them: ending at \\n, \\r\\n or \\r
    (``str.splitlines`` also breaks at form feeds, U+2028 and others)."""
    lines = _LINE_BREAK.split(text)
    return lines[:-1] if lines[-1] == "" else lines


def display_path(path: Path) -> str:
    """The path as users see it: relative to the working directory when below it, POSIX."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return printable(path.as_posix(), file_name=True)
    if rel.startswith(".."):
        return printable(path.as_posix(), file_name=True)
    return printable(Path(rel).as_posix(), file_name=True)  # as findings show it (undecodable bytes escaped)


class Document:
    """A file of a pack. ``text`` is ``None`` when the file cannot be read as UTF-8 text."""

    def __init__(self, path: Path, max_size: int = DEFAULT_MAX_FILE_SIZE) -> None:
        self.path = path
        self.display = display_path(path)
        self.max_size = max_size
        self.problems: list[Problem] = []

    def __repr__(self) -> str:
        return f"Document({self.display})"

    @property
    def blocked(self) -> bool:
        _ = self.text
        return any(p.code not in UNBLOCKING for p in self.problems)

    def add_problem(self, code: str, message: str, line: int = 1, column: int = 1) -> None:
        self.problems.append(Problem(code, max(1, line), max(1, column), message))

    def set_unreadable(self, message: str) -> None:
        """Record an SY104 problem found without reading (a folder that cannot be listed);
        the document then counts as read: nothing tries to open it again."""
        self.__dict__["raw"] = None  # the cached_property's slot
        if all(problem.message != message for problem in self.problems):
            self.add_problem("SY104", message)

    @cached_property
    def raw(self) -> bytes | None:
        path = self.path
        try:
            if path.is_symlink() and not path.exists():  # also a symlink loop
                self.add_problem("SY104", "broken symbolic link")
                return None
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):  # a directory, or a FIFO or device that could block
                reason = "Is a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
                self.add_problem("SY104", f"cannot read file: {reason}")
                return None
            size = info.st_size
            if size > self.max_size:
                self.add_problem("SY104", f"file is {size} bytes, over the {self.max_size}-byte limit")
                return None
            with open(path, "rb") as handle:
                data = handle.read(self.max_size + 1)
        except OSError as exc:
            self.add_problem("SY104", f"cannot read file: {exc.strerror or exc}")
            return None
        if len(data) > self.max_size:
            self.add_problem("SY104", f"file is {len(data)}+ bytes, over the {self.max_size}-byte limit")
            return None
        return data

    @cached_property
    def text(self) -> str | None:
        data = self.raw
        if data is None:
            return None
        nul = data.find(b"\x00")
        if nul >= 0:
            self.add_problem("SY104", f"binary file (NUL byte at offset {nul})")
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.add_problem("SY104", f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})")
            return None
        return text[1:] if text.startswith("\ufeff") else text

    @cached_property
    def lines(self) -> list[str]:
        return split_lines(self.text or "")

    @cached_property
    def yaml(self) -> AnyNode | None:
        """The located YAML root; ``None`` for an empty or unreadable document."""
        from validator.yamlread import YamlError, read_yaml

        text = self.text
        if text is None:
            return None
        try:
            doc = read_yaml(text)
        except YamlError as exc:
            self.add_problem("SY100", exc.message, exc.line, exc.column)
            return None
        for key, first_line in doc.duplicates:
            self.problems.append(
                Problem("SY101", key.line, key.column, f"duplicate key '{key.text}' (first at line {first_line})",
                        key.end_line, key.end_column)
            )
        return doc.root

    @cached_property
    def json(self) -> AnyNode | None:
        from validator.jsonread import JsonError, read_json

        text = self.text
        if text is None:
            return None
        try:
            return read_json(text)
        except JsonError as exc:
            self.add_problem("SY103", exc.message, exc.line, exc.column)
            return None


def parse_python(source: str, filename: str) -> tuple[ast.Module | None, Problem | None]:
    """``ast.parse`` that turns every failure into an SY102 problem (never raises)."""
    try:
        with warnings.catch_warnings():  # e.g. invalid escape sequences: not ours to print (or raise)
            warnings.simplefilter("ignore")
            # Not the real path: for a SyntaxError, CPython re-reads the line from a file of that
            # name to turn its byte offset into a column (wrong for code inside a YAML).
            return ast.parse(source, filename=f"<{filename}>"), None
    except SyntaxError as exc:
        line = exc.lineno or 1
        column = exc.offset or 1
        return None, Problem("SY102", line, column, f"Python syntax error: {exc.msg}")
    except (RecursionError, MemoryError):
        return None, Problem("SY102", 1, 1, "Python syntax error: too deeply nested")
    except ValueError as exc:  # NUL bytes in embedded code
        return None, Problem("SY102", 1, 1, f"Python syntax error: {exc}")
