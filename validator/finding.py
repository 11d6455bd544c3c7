"""Findings, fixes and severities: the values every rule yields and every reporter reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How bad a finding is; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __ge__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def printable(text: str, file_name: bool = False) -> str:
    """``text`` without lone surrogates, which no output can encode as UTF-8: a lone surrogate
    (a JSON ``"\\ud800"`` escape) becomes ``\\uNNNN``; in a ``file_name``, the undecodable bytes
    (surrogate escapes) become ``\\xNN``. Any other text is returned as is."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join(_escape(ch, file_name) for ch in text)
    return text


def _escape(ch: str, file_name: bool) -> str:
    code = ord(ch)
    if file_name and 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"
    return ch


@dataclass(frozen=True)
class Edit:
    """One text replacement in a file: characters [start, end) become ``text``.

    Offsets are character offsets into the file's decoded text (after BOM removal).
    """

    path: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Fix:
    """A remedy for a finding. ``message`` is the fix title shown to users."""

    applicability: str  # "safe" or "unsafe"
    message: str
    edits: tuple[Edit, ...] = field(default=(), compare=False)
    # Structured operations applied by validator/fix.py; built with validator/fixops.py.
    ops: tuple[tuple, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", printable(self.message))

    def to_json(self) -> dict[str, str]:
        return {"applicability": self.applicability, "message": self.message}


@dataclass(frozen=True)
class Finding:
    """One violation at one place. Positions are 1-based; ends are exclusive when known."""

    code: str
    name: str
    severity: Severity
    path: str
    line: int
    column: int
    end_line: int | None
    end_column: int | None
    message: str
    fix: Fix | None = None

    def __post_init__(self) -> None:
        # Messages quote values and paths name files: neither may carry text no output can encode.
        object.__setattr__(self, "path", printable(self.path, file_name=True))
        object.__setattr__(self, "message", printable(self.message))

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    @property
    def url(self) -> str:
        return rule_url(self.code, self.name)

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "fix": self.fix.to_json() if self.fix else None,
            "url": self.url,
        }


DOCS_URL = "https://github.com/validate-xsoar/validate/blob/main/docs/rules.md"


def rule_url(code: str, name: str) -> str:
    """Where a rule is documented: its anchor in docs/rules.md."""
    return f"{DOCS_URL}#{code.lower()}-{name}"
