"""An integration: its YAML, its code, and the facts every rule asks about them.

Facts are computed once, on first use, and shared by all rules of a run (RULES.md
sections 0, 1 and 4).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from validator.documents import Document, Problem, parse_python, split_lines
from validator.tree import MARKETPLACES, Map, Scalar, is_true

if TYPE_CHECKING:
    from validator.pack import Pack
    from validator.pycode import CodeModel

CODE_EXTENSIONS = {"python": ".py", "javascript": ".js", "powershell": ".ps1"}
NOT_CODE = {"conftest.py", "demistomock.py", "CommonServerPython.py", "CommonServerUserPython.py"}


def squash(text: str) -> str:
    """Lowercase without spaces, ``_`` and ``-``: how names are compared for 'eventcollector'."""
    return re.sub(r"[\s_\-]", "", text.lower())


@dataclass
class CodeSource:
    """Where the analysed Python comes from and how its positions map back to a file."""

    document: Document  # the .py file, or the YAML for a unified integration
    text: str
    line_offset: int = 0  # added to Python line numbers
    column_offset: int = 0  # added to Python columns (block indentation)
    block: bool = True  # False: every position maps to the script.script value node
    anchor: tuple[int, int] | None = None  # the script.script value position when not a block

    @cached_property
    def lines(self) -> list[str]:
        """The code's lines, split once: every Python finding needs them for its columns."""
        return split_lines(self.text)

    def locate(self, line: int, column: int) -> tuple[int, int]:
        """Map a 1-based Python (line, column) to the file the user edits."""
        if not self.block and self.anchor:
            return self.anchor
        line, column = line + self.line_offset, column + self.column_offset
        if self.column_offset:  # a blank line of the block (or the end of the code) has no indentation
            lines = self.document.lines
            column = min(column, len(lines[line - 1]) + 1) if line <= len(lines) else 1
        return line, column


class Integration:
    def __init__(self, yaml: Document, pack: Pack, explicit: bool = False) -> None:
        self.yaml = yaml
        self.pack = pack
        self.folder = yaml.path.parent
        self.explicit = explicit  # named on the command line rather than found in Integrations/

    def __repr__(self) -> str:
        return f"Integration({self.yaml.display})"

    def load(self) -> None:
        """Read and parse everything up front so reading problems exist before rules run."""
        root = self.yaml.yaml
        if not self.yaml.blocked and not isinstance(root, Map):
            kind = "an empty document" if root is None else f"a {root.kind}"
            line, column = (root.line, root.column) if root is not None else (1, 1)
            self.yaml.add_problem("SY105", f"YAML root is {kind}, expected a mapping", line, column)
        _ = self.python

    # --- YAML -------------------------------------------------------------------------

    @cached_property
    def root(self) -> Map | None:
        """The YAML root mapping, or ``None`` when the YAML is blocked or not a mapping."""
        root = self.yaml.yaml
        if self.yaml.blocked or not isinstance(root, Map):
            return None
        return root

    @cached_property
    def script(self) -> Map | None:
        node = self.root.get("script") if self.root else None
        return node if isinstance(node, Map) else None

    @cached_property
    def type(self) -> str | None:
        return self.script.value("type") if self.script else None

    @cached_property
    def subtype(self) -> str | None:
        return self.script.value("subtype") if self.script else None

    def flag(self, key: str) -> bool:
        """A script flag that is true in the base key or any marketplace variant (section 4)."""
        if self.script is None:
            return False
        return any(is_true(value) for _, _, value in self.script.variants(key))

    @cached_property
    def deprecated(self) -> bool:
        return is_true(self.root.get("deprecated")) if self.root else False

    @cached_property
    def names(self) -> list[tuple[str, str]]:
        """``(label, text)`` for folder, ``commonfields.id``, ``name``, ``display`` (base keys)."""
        found = [("folder", self.folder.name)]
        if self.root is None:
            return found
        common = self.root.get("commonfields")
        if isinstance(common, Map) and isinstance(common.value("id"), str):
            found.append(("commonfields.id", common.value("id")))
        for key in ("name", "display"):
            if isinstance(self.root.value(key), str):
                found.append((key, self.root.value(key)))
        return found

    @cached_property
    def integration_id(self) -> str:
        for label, text in self.names:
            if label == "commonfields.id":
                return text
        return self.folder.name

    # --- what kind of integration (section 1) -------------------------------------------

    @property
    def is_fetcher(self) -> bool:
        return self.flag("isfetch")

    @property
    def declared_collector(self) -> bool:
        return self.flag("isfetchevents")

    @cached_property
    def named_collector_reason(self) -> str | None:
        for label, text in self.names:
            if "eventcollector" in squash(text):
                return label
        return None

    @cached_property
    def coded_collector(self) -> bool:
        model = self.model
        return bool(model and "fetch-events" in model.handled)

    @cached_property
    def is_collector(self) -> bool:
        if self.declared_collector or self.coded_collector:
            return True
        return self.named_collector_reason is not None and not self.flag("longRunning")

    @cached_property
    def effective_marketplaces(self) -> list[str]:
        """The integration's marketplaces, else the pack's, else all (section 4)."""
        own = self.root.get("marketplaces") if self.root else None
        values = _string_items(own)
        if values is None:
            values = self.pack.marketplaces
        if values is None:
            return list(MARKETPLACES)
        expanded = list(values)
        if "xsoar" in values:
            expanded += ["xsoar_saas", "xsoar_on_prem"]
        return [m for m in MARKETPLACES if m in expanded]

    # --- code (section 0, 2.6) -----------------------------------------------------------

    @cached_property
    def code_file(self) -> Document | None:
        """The separate code file, when one exists (any supported language)."""
        ext = CODE_EXTENSIONS.get(self.type or "python", ".py")
        stem = self.yaml.path.stem
        for candidate in (self.folder / f"{stem}{ext}", self.folder / f"{self.folder.name}{ext}"):
            if candidate.is_file():
                return self.pack.document(candidate)
        if self.folder.name == "Integrations":
            return None
        others = [
            p for p in sorted(self.folder.glob(f"*{ext}"))
            if p.is_file() and p.name not in NOT_CODE and not p.stem.endswith("_test") and not p.name.startswith("test_")
        ]
        return self.pack.document(others[0]) if len(others) == 1 else None

    @cached_property
    def unified_script(self) -> Scalar | None:
        """The ``script.script`` node when it holds the code (a unified YAML)."""
        if self.code_file is not None or self.script is None:
            return None
        node = self.script.get("script")
        if isinstance(node, Scalar) and isinstance(node.value, str) and node.value.strip() not in ("", "-"):
            return node
        return None

    @cached_property
    def code(self) -> CodeSource | None:
        """The Python code to analyse, or ``None`` (no code, not python, or unreadable)."""
        if self.root is None or (self.type or "python") != "python":
            return None
        if self.code_file is not None:
            text = self.code_file.text
            return CodeSource(self.code_file, text) if text is not None and not self.code_file.blocked else None
        node = self.unified_script
        if node is None:
            return None
        if node.style == "literal":
            lines = self.yaml.lines[node.line:]  # content starts on the line after the indicator
            content = next((ln for ln in lines if ln.strip()), "")
            indent = len(content) - len(content.lstrip(" "))
            return CodeSource(self.yaml, node.value, line_offset=node.line, column_offset=indent)
        return CodeSource(self.yaml, node.value, block=False, anchor=(node.line, node.column))

    @cached_property
    def python(self) -> ast.Module | None:
        """The parsed code; ``None`` with an SY102/SY106 problem recorded when it does not parse."""
        source = self.code
        if source is None:
            return None
        tree, problem = parse_python(source.text, source.document.display)
        if problem is None:
            return tree
        self.code_problem = self._locate_problem(problem, source)
        return None

    code_problem: Problem | None = None

    def _locate_problem(self, problem: Problem, source: CodeSource) -> Problem:
        if self.subtype == "python2":
            node = self.script.get("subtype") if self.script else None
            line, column = (node.line, node.column) if node else (1, 1)
            return Problem("SY106", line, column, "python2 code not analysed")
        line, column = source.locate(problem.line, problem.column)
        return Problem("SY102", line, column, problem.message)

    @cached_property
    def model(self) -> CodeModel | None:
        """The code model (dispatch, reachability, call facts), or ``None`` without code."""
        tree = self.python
        if tree is None:
            return None
        from validator.pycode import build_model

        return build_model(tree, self.pack.analysis_options, source=self.code.text if self.code else None)


def _string_items(node: object) -> list[str] | None:
    from validator.tree import Seq

    if not isinstance(node, Seq):
        return None
    return [item.value for item in node.items if isinstance(item, Scalar) and isinstance(item.value, str)]
