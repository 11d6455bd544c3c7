"""A pack: its root, metadata, integrations and the other documents rules may read."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from validator.documents import DEFAULT_MAX_FILE_SIZE, Document, display_path
from validator.tree import Map, Scalar, Seq

if TYPE_CHECKING:
    from validator.integration import Integration
    from validator.pycode import AnalysisOptions

METADATA = "pack_metadata.json"


class Pack:
    """``root`` is ``None`` for files checked alone (no pack above them)."""

    def __init__(
        self,
        root: Path | None,
        *,
        has_metadata: bool,
        max_file_size: int = DEFAULT_MAX_FILE_SIZE,
        analysis_options: AnalysisOptions | None = None,
    ) -> None:
        self.root = root
        self.has_metadata = has_metadata
        self.max_file_size = max_file_size
        self._analysis_options = analysis_options
        self._documents: dict[Path, Document] = {}
        self.integrations: list[Integration] = []
        self.json_files: list[Document] = []
        # Report findings only for files at or below these paths (None: the whole pack). Code
        # files are found later than discovery, so this holds the given paths, not a file list.
        self.only: set[Path] | None = None
        # Every rule's effective options, selected or not: some rules read another rule's
        # option (FI102-FI104 read FI101's max-fetch-names). Set by validator.api.run.
        self.rule_options: dict[str, dict[str, Any]] = {}

    def __repr__(self) -> str:
        return f"Pack({self.root})"

    @property
    def name(self) -> str:
        return self.root.name if self.root else ""

    @property
    def analysis_options(self) -> AnalysisOptions:
        if self._analysis_options is None:
            from validator.pycode import AnalysisOptions

            self._analysis_options = AnalysisOptions()
        return self._analysis_options

    def document(self, path: Path) -> Document:
        """The one ``Document`` for ``path`` in this run of the pack (files are read once)."""
        doc = self._documents.get(path)
        if doc is None:
            doc = self._documents[path] = Document(path, self.max_file_size)
        return doc

    @property
    def documents(self) -> list[Document]:
        return list(self._documents.values())

    @cached_property
    def metadata(self) -> Document | None:
        if self.root is None or not self.has_metadata:
            return None
        return self.document(self.root / METADATA)

    @cached_property
    def metadata_map(self) -> Map | None:
        """The metadata object, or ``None`` when missing, unreadable or not an object."""
        doc = self.metadata
        if doc is None:
            return None
        root = doc.json
        return root if isinstance(root, Map) and not doc.blocked else None

    @cached_property
    def marketplaces(self) -> list[str] | None:
        """The pack's ``marketplaces`` strings, or ``None`` when absent or unknown."""
        meta = self.metadata_map
        node = meta.get("marketplaces") if meta else None
        if not isinstance(node, Seq):
            return None
        return [i.value for i in node.items if isinstance(i, Scalar) and isinstance(i.value, str)]

    def reports_on(self, path: Path) -> bool:
        return self.only is None or any(path == s or s in path.parents for s in self.only)

    def reports_on_display(self, shown: str) -> bool:
        """``reports_on`` for a finding's path as displayed (POSIX, maybe relative)."""
        if self.only is None:
            return True
        return any(shown == d or shown.startswith(d.rstrip("/") + "/") for d in map(display_path, self.only))
