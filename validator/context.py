"""What a rule's ``check(ctx)`` receives: the pack, the item it checks, options and helpers."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from validator.documents import Document
from validator.finding import Finding, Fix
from validator.tree import Node

if TYPE_CHECKING:
    from validator.integration import Integration
    from validator.pack import Pack
    from validator.pycode import CodeModel
    from validator.rule import Rule

Position = tuple[int, int]
At = Node | ast.AST | Position | None


@dataclass
class Context:
    rule: Rule
    pack: Pack
    options: Mapping[str, Any]
    integration: Integration | None = None
    document: Document | None = None
    skipped: bool = False  # set by skip(): the rule did not run here (RULES.md 2.3, SP100)
    suppressions: Any = None  # SP100 only: the pack's validator.suppress.Suppressions (set by the runner)

    def skip(self) -> None:
        """Declare that the rule could not run on this item (e.g. an absence rule on an
        unresolved dispatch), so its suppressions there are not reported as unused."""
        self.skipped = True

    # --- shortcuts ---------------------------------------------------------------------

    @property
    def root(self):  # noqa: ANN201 - Map | None
        return self.integration.root if self.integration else None

    @property
    def script(self):  # noqa: ANN201 - Map | None
        return self.integration.script if self.integration else None

    @property
    def model(self) -> CodeModel | None:
        return self.integration.model if self.integration else None

    # --- findings ----------------------------------------------------------------------

    def finding(
        self,
        at: At,
        message: str,
        *,
        document: Document | None = None,
        fix: Fix | None = None,
    ) -> Finding:
        """A finding of this rule at a tree node, a Python node, a (line, col) or 1:1.

        The file is ``document`` when given; for a Python node, the file that holds the
        code (mapped for a unified YAML, RULES.md 2.6); otherwise the integration YAML,
        the checked document, or the pack metadata.
        """
        if isinstance(at, ast.AST):
            return self._python_finding(at, message, fix)
        doc = document or self._default_document()
        if isinstance(at, Node):
            line, column, end_line, end_column = at.line, at.column, at.end_line, at.end_column
            if (end_line, end_column) <= (line, column):
                end_line = end_column = None  # type: ignore[assignment]
        elif isinstance(at, tuple):
            line, column = at
            end_line = end_column = None  # type: ignore[assignment]
        else:
            line, column, end_line, end_column = 1, 1, None, None  # type: ignore[assignment]
        return self._make(doc.display if doc else "", line, column, end_line, end_column, message, fix)

    def _default_document(self) -> Document | None:
        if self.document is not None:
            return self.document
        if self.integration is not None:
            return self.integration.yaml
        return self.pack.metadata

    def _python_finding(self, node: ast.AST, message: str, fix: Fix | None) -> Finding:
        assert self.integration is not None and self.integration.code is not None
        source = self.integration.code
        lines = source.lines
        line = getattr(node, "lineno", 1)
        column = _char_column(lines, line, getattr(node, "col_offset", 0)) + 1
        end_line = getattr(node, "end_lineno", None)
        end_column = None
        if end_line is not None:
            end_column = _char_column(lines, end_line, getattr(node, "end_col_offset", 0) or 0) + 1
        line, column = source.locate(line, column)
        if end_line is not None and source.block:
            end_line, end_column = source.locate(end_line, end_column or 1)
        elif not source.block:
            end_line = end_column = None
        return self._make(source.document.display, line, column, end_line, end_column, message, fix)

    def _make(self, path: str, line: int, column: int, end_line: int | None, end_column: int | None,
              message: str, fix: Fix | None) -> Finding:
        rule = self.rule
        return Finding(rule.code, rule.name, self.severity, path, max(1, line), max(1, column),
                       end_line, end_column, message, fix)

    @property
    def severity(self):  # noqa: ANN201 - Severity
        return self.options.get("__severity__", self.rule.severity)


def _char_column(lines: list[str], line: int, byte_offset: int) -> int:
    """ast columns count UTF-8 bytes; findings count characters."""
    if not 1 <= line <= len(lines):
        return byte_offset
    text = lines[line - 1]
    if text.isascii():
        return byte_offset
    return len(text.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))


def problem_findings(ctx: Context, code: str):  # noqa: ANN201 - Iterator[Finding]
    """Findings for the reading problems with ``code`` recorded on the context's document."""
    doc = ctx.document
    if doc is None:
        return
    for problem in doc.problems:
        if problem.code == code:
            finding = ctx.finding((problem.line, problem.column), problem.message)
            if problem.end_line is not None:
                from dataclasses import replace

                finding = replace(finding, end_line=problem.end_line, end_column=problem.end_column)
            yield finding
