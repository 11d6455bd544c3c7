"""From command-line paths to packs (RULES.md section 0).

A directory holding ``pack_metadata.json`` is a pack; a file or directory inside one is
grouped back into it; a directory above packs (a content repository, ``sample_packs/``)
expands to every pack below it. Nothing here needs git or a content checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

from validator.documents import DEFAULT_MAX_FILE_SIZE
from validator.integration import Integration
from validator.pack import METADATA, Pack

EXCLUDED_DIRS = {".git", "node_modules", ".venv", "venv", "__pycache__", ".validate_cache", ".tox",
                 ".mypy_cache", ".pytest_cache", ".ruff_cache"}
YAML_SUFFIXES = (".yml", ".yaml")


class DiscoveryError(Exception):
    """A path the user gave cannot be used (exit code 2)."""


Unreadable = list[tuple[Path, OSError]]  # folders that could not be listed, with the error


def _is_file(path: Path) -> bool:
    """``Path.is_file`` that never raises: a path we may not stat (EACCES) is not a file here."""
    try:
        return path.is_file()
    except OSError:
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _is_link(path: Path) -> bool:
    try:
        return path.is_symlink()
    except OSError:
        return False


def _entries(folder: Path, unreadable: Unreadable | None) -> list[Path]:
    """The sorted entries of ``folder``; a folder that cannot be listed is recorded, not raised."""
    try:
        return sorted(folder.iterdir())
    except OSError as exc:
        if unreadable is not None:
            unreadable.append((folder, exc))
        return []


def pack_root_of(path: Path) -> tuple[Path | None, bool]:
    """The pack root above ``path`` and whether it has metadata (section 0)."""
    start = path if _is_dir(path) else path.parent
    for folder in (start, *start.parents):
        if _is_file(folder / METADATA):
            return folder, True
    parts = start.parts
    if "Integrations" in parts:
        index = len(parts) - 1 - parts[::-1].index("Integrations")
        if index > 0:
            return Path(*parts[:index]), False
    return None, False


def excluded(folder: Path, patterns: set[str]) -> bool:
    """``exclude`` globs (validator/config.py): one without ``/`` matches the directory name,
    one with ``/`` its absolute path (a relative one is taken from the working directory)."""
    from fnmatch import fnmatchcase

    for pattern in patterns:
        if "/" not in pattern:
            if fnmatchcase(folder.name, pattern):
                return True
        elif fnmatchcase(folder.as_posix(), Path(os.path.abspath(pattern)).as_posix()):
            return True
    return False


def _walk(top: Path, exclude: set[str], unreadable: Unreadable | None = None) -> list[Path]:
    """Directories below ``top`` (itself included) in a stable order, without following links."""
    found: list[Path] = []

    def failed(exc: OSError) -> None:
        if unreadable is not None and exc.filename is not None:
            unreadable.append((Path(exc.filename), exc))

    for folder, dirs, _files in os.walk(top, onerror=failed, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in EXCLUDED_DIRS and not excluded(Path(folder, d), exclude))
        found.append(Path(folder))
    return found


def _packs_below(top: Path, exclude: set[str]) -> list[tuple[Path, bool]]:
    roots: dict[Path, bool] = {}
    for folder in _walk(top, exclude):
        if _is_file(folder / METADATA):
            roots[folder] = True
        elif folder.name == "Integrations" and not any(p in roots for p in folder.parents):
            roots.setdefault(folder.parent, False)
    # A pseudo-pack (Integrations/ without metadata) nested in a real pack belongs to it.
    return sorted(
        (root, meta) for root, meta in roots.items()
        if meta or not any(parent in roots and roots[parent] for parent in root.parents)
    )


def integration_yamls(root: Path, unreadable: Unreadable | None = None) -> list[Path]:
    """``<pack>/Integrations/*.yml`` and ``<pack>/Integrations/<Folder>/*.yml`` (section 0)."""
    base = root / "Integrations"
    if not _is_dir(base):
        return []
    found: list[Path] = []
    for entry in _entries(base, unreadable):
        is_file = _is_file(entry)
        candidates = [entry] if is_file else _entries(entry, unreadable) if _is_dir(entry) and entry.name != "test_data" else []
        for path in candidates:
            if path.suffix in YAML_SUFFIXES and not path.name.endswith(("_unified.yml", "_unified.yaml")) and (_is_file(path) or _is_link(path)):
                found.append(path)
    return found


def other_json(root: Path, exclude: set[str], unreadable: Unreadable | None = None) -> list[Path]:
    found = []
    for folder in _walk(root, exclude | {"test_data"}, unreadable):
        for path in _entries(folder, unreadable):
            if path.name.endswith(".json") and path.name != METADATA and _is_file(path):
                found.append(path)
    return found


def _fill(pack: Pack, exclude: set[str]) -> None:
    assert pack.root is not None
    if pack.has_metadata:
        _ = pack.metadata
    unreadable: Unreadable = []
    for path in integration_yamls(pack.root, unreadable):
        pack.integrations.append(Integration(pack.document(path), pack))
    if pack.has_metadata:
        pack.json_files = [pack.document(p) for p in other_json(pack.root, exclude, unreadable)]
    for folder, exc in unreadable:  # a folder that cannot be listed was not checked (SY104)
        pack.document(folder).set_unreadable(f"cannot read file: {exc.strerror or exc}")


def _looks_like_integration(path: Path, pack: Pack) -> bool:
    from validator.tree import Map

    root = pack.document(path).yaml
    return isinstance(root, Map) and "commonfields" in root and isinstance(root.get("script"), Map)


def discover(
    paths: list[str],
    *,
    exclude: list[str] | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    whole_pack: bool = False,
    analysis_options: object = None,
) -> list[Pack]:
    """Resolve ``paths`` into packs in a deterministic order; raise ``DiscoveryError``."""
    skip = set(exclude or [])
    packs: dict[Path, Pack] = {}
    loose: list[Path] = []
    given: dict[Path, set[Path] | None] = {}

    def pack_for(root: Path, meta: bool) -> Pack:
        if root not in packs:
            packs[root] = Pack(root, has_metadata=meta, max_file_size=max_file_size,
                               analysis_options=analysis_options)  # type: ignore[arg-type]
        return packs[root]

    for raw in paths:
        path = Path(raw)
        try:
            if not path.exists() and not path.is_symlink():
                raise DiscoveryError(f"path does not exist: {raw}")
            if path.is_dir():
                os.scandir(path).close()  # a directory we cannot list would be skipped silently
        except OSError as exc:
            raise DiscoveryError(f"cannot read {raw}: {exc.strerror or exc}") from None
        path = Path(os.path.abspath(path))
        root, meta = pack_root_of(path)
        if path.is_dir() and root is None or (path.is_dir() and root == path):
            below = _packs_below(path, skip)
            for pack_root, pack_meta in below:
                pack_for(pack_root, pack_meta)
                given[pack_root] = None
            continue
        if root is None:
            loose.append(path)
            continue
        pack_for(root, meta)
        if given.get(root, set()) is not None:
            given.setdefault(root, set()).add(path)  # type: ignore[union-attr]

    for root, pack in packs.items():
        _fill(pack, skip)
        scope = given.get(root)
        if scope is not None and not whole_pack:
            pack.only = set(scope)
        _add_explicit_yamls(pack, scope or set())

    result = [packs[root] for root in sorted(packs)]
    for path in sorted(set(loose)):
        pack = Pack(None, has_metadata=False, max_file_size=max_file_size,
                    analysis_options=analysis_options)  # type: ignore[arg-type]
        if path.suffix in YAML_SUFFIXES and _looks_like_integration(path, pack):
            pack.integrations.append(Integration(pack.document(path), pack, explicit=True))
        elif path.suffix == ".json":
            pack.json_files.append(pack.document(path))
        elif path.suffix in YAML_SUFFIXES and pack.document(path).blocked:
            pass  # a YAML that cannot be read is still reported (SY1xx)
        else:
            continue
        result.append(pack)
    return result


def _add_explicit_yamls(pack: Pack, scope: set[Path]) -> None:
    known = {i.yaml.path for i in pack.integrations}
    for path in sorted(scope):
        if path.suffix in YAML_SUFFIXES and path not in known and path.is_file():
            if _looks_like_integration(path, pack):
                pack.integrations.append(Integration(pack.document(path), pack, explicit=True))
