"""The content-hash result cache (DESIGN.md section 9).

A pack's findings depend on the whole pack, so one entry holds the findings of one pack,
keyed by a hash of:

- every file below the pack root (its relative path and a hash of its bytes; directory
  names too, since layout rules look at folders),
- the tool (version and a fingerprint of its installed sources, so an upgrade or an edit
  of a rule invalidates everything),
- the effective settings (selected rules, their options and severities, configuration,
  how the pack was given on the command line and where it lies relative to the working
  directory, since findings carry display paths).

An unchanged pack costs one directory walk with a ``stat`` per file and two small reads:
per pack root, a *manifest* remembers each file's ``(size, mtime_ns, ctime_ns, inode)``
and digest, so unchanged files are not hashed again. A file modified within two seconds of
the manifest is always re-hashed (its timestamp may not tell two writes apart).

Layout of ``.validate_cache/`` (at the working directory, or ``--cache-dir``)::

    CACHEDIR.TAG  .gitignore  README
    v1/manifests/<hash of the pack root>.json
    v1/results/<key>.json

Every write is a temporary file plus ``os.replace``, so concurrent runs never see a half
written entry; the last writer wins, and both wrote the same thing. Anything unreadable,
corrupt or of another shape is a miss; a cache that cannot be written is silently skipped.
Nothing here ever fails a run. The cache is pruned (oldest first) when it holds more than
``MAX_ENTRIES`` results or ``MAX_BYTES`` bytes.
"""

from __future__ import annotations

import itertools
import json
import os
import stat
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_DIR = ".validate_cache"
LAYOUT = "v1"
MAX_ENTRIES = 10_000
MAX_BYTES = 256 * 1024 * 1024
RACY_NS = 2_000_000_000  # files touched this close to the manifest are always re-hashed
TOUCH_AFTER_S = 24 * 3600  # a hit refreshes an entry's mtime (for pruning) at most daily
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".validate_cache", ".tox",
             ".mypy_cache", ".pytest_cache", ".ruff_cache"}

CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by validate.\n"
                "# For information about cache directory tags, see https://bford.info/cachedir/\n")


class Uncacheable(Exception):
    """The pack's inputs cannot be captured by content (unreadable file, linked folder)."""


try:
    from _blake2 import blake2b  # what hashlib.blake2b is, without importing hashlib (OpenSSL)
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b

_temp_names = itertools.count()


def _digest(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=repr, ensure_ascii=True)


_TOOL: str | None = None


def tool_fingerprint() -> str:
    """Version, Python, and the stat of every source file of the tool and of the parsers it
    relies on: editing a rule (editable installs) or upgrading a dependency is a new tool."""
    global _TOOL
    if _TOOL is not None:
        return _TOOL
    import importlib.util

    from validator import __version__

    parts: list[Any] = [__version__, sys.version, sys.implementation.name]
    roots: list[str] = []
    for name in ("validator", "validator.rules", "validator.schemas"):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        roots.extend(spec.submodule_search_locations or [] if spec else [])
    for name in ("ruamel.yaml", "_ruamel_yaml", "jsonschema", "jsonschema_specifications"):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is not None and spec.origin and os.path.exists(spec.origin):
            st = os.stat(spec.origin)
            parts.append((name, spec.origin, st.st_size, st.st_mtime_ns))
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".json")):
                    try:
                        st = os.stat(os.path.join(folder, name))
                    except OSError:
                        continue
                    parts.append((os.path.relpath(os.path.join(folder, name), root), st.st_size, st.st_mtime_ns))
    _TOOL = _digest(_canonical(parts).encode())
    return _TOOL


# --- findings <-> JSON ---------------------------------------------------------------------


def _encode(value: Any) -> Any:
    """JSON for the values a Fix may carry: tuples and non-string-keyed dicts are tagged."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return {"f": repr(value)}
    if isinstance(value, tuple):
        return {"t": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {"d": [[_encode(k), _encode(v)] for k, v in value.items()]}
    raise TypeError(f"cannot cache a value of type {type(value).__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        if "t" in value:
            return tuple(_decode(v) for v in value["t"])
        if "d" in value:
            return {_decode(k): _decode(v) for k, v in value["d"]}
        if "f" in value:
            return float(value["f"])
        raise ValueError("unknown tag")
    return value


def findings_to_json(findings: Iterable[Any]) -> list[dict[str, Any]]:
    """Every field of each Finding (fix edits and ops too); ``TypeError`` when not a Finding."""
    from validator.finding import Finding

    out = []
    for f in findings:
        if type(f) is not Finding:
            raise TypeError("not a Finding")
        fix = None
        if f.fix is not None:
            fix = {"applicability": f.fix.applicability, "message": f.fix.message,
                   "edits": [[e.path, e.start, e.end, e.text] for e in f.fix.edits],
                   "ops": _encode(f.fix.ops)}
        out.append({"code": f.code, "name": f.name, "severity": f.severity.value, "path": f.path, "line": f.line,
                    "column": f.column, "end_line": f.end_line, "end_column": f.end_column, "message": f.message,
                    "fix": fix})
    return out


def findings_from_json(data: Any) -> list[Any]:
    from validator.finding import Edit, Finding, Fix, Severity

    found = []
    for item in data:
        fix = None
        if item["fix"] is not None:
            raw = item["fix"]
            fix = Fix(raw["applicability"], raw["message"], tuple(Edit(*e) for e in raw["edits"]), _decode(raw["ops"]))
        found.append(Finding(item["code"], item["name"], Severity(item["severity"]), item["path"], item["line"],
                             item["column"], item["end_line"], item["end_column"], item["message"], fix))
    return found


# --- the cache ------------------------------------------------------------------------------


@dataclass
class Lookup:
    """A pack's key, and its cached value when it was found."""

    key: str
    hit: bool
    findings: list[Any] | None = None
    documents: list[str] | None = None  # the documents the run read (relative to the root), in order
    stats: dict[str, tuple[int, ...]] | None = None  # what the key saw, to detect edits during the run


class Cache:
    """A cache directory. ``settings`` is everything besides file contents that findings
    depend on; it is hashed into every key."""

    def __init__(self, directory: str | os.PathLike[str], settings: Any = None) -> None:
        self.dir = Path(directory)
        self.base = self.dir / LAYOUT
        self.settings = _digest(_canonical([tool_fingerprint(), settings]).encode())
        self.writable = True
        self.written = 0
        self.hits = 0
        self.misses = 0
        self._prepared = False

    # --- keys ---------------------------------------------------------------------------

    def lookup(self, pack: Any) -> Lookup | None:
        """The key of ``pack`` and its cached findings when present; ``None`` when the pack
        cannot be cached (no root, unreadable files, linked folders)."""
        root = getattr(pack, "root", None)
        if root is None:
            return None
        try:
            key, stats = self._key(pack, Path(root))
        except Uncacheable:
            return None
        except OSError:
            return None
        entry = self._read(self.base / "results" / f"{key}.json")
        if isinstance(entry, dict) and entry.get("key") == key:
            try:
                findings = findings_from_json(entry["findings"])
                documents = [str(d) for d in entry["documents"]]
            except (KeyError, TypeError, ValueError):
                findings = None
            if findings is not None:
                self.hits += 1
                self._touch(self.base / "results" / f"{key}.json")
                return Lookup(key, True, findings, documents, stats)
        self.misses += 1
        return Lookup(key, False, stats=stats)

    def _key(self, pack: Any, root: Path) -> tuple[str, dict[str, tuple[int, ...]]]:
        from validator.documents import display_path

        manifest_path = self.base / "manifests" / f"{_digest(os.fsencode(root))}.json"
        old = self._read(manifest_path)
        known: dict[str, list[Any]] = {}
        recorded = 0
        if isinstance(old, dict) and old.get("root") == str(root) and isinstance(old.get("files"), dict):
            known = old["files"]
            stamp = old.get("time")
            recorded = stamp if isinstance(stamp, int) else 0
        now = time.time_ns()
        files: dict[str, list[Any]] = {}
        stats: dict[str, tuple[int, ...]] = {}
        dirs: list[str] = []
        changed = False
        for rel, full in _pack_files(root, pack, dirs):
            try:
                st = os.stat(full)
            except FileNotFoundError:
                if os.path.islink(full):  # a broken link is a finding (SY104), stable by name
                    files[rel] = [-1, 0, 0, 0, "broken-link"]
                    continue
                raise Uncacheable(rel) from None
            except OSError:
                raise Uncacheable(rel) from None
            if not stat.S_ISREG(st.st_mode):
                continue
            sig = _signature(st)
            stats[rel] = sig
            prior = known.get(rel)
            if (isinstance(prior, list) and len(prior) == 5 and tuple(prior[:4]) == sig
                    and max(st.st_mtime_ns, st.st_ctime_ns) < recorded - RACY_NS):
                files[rel] = prior
                continue
            try:
                with open(full, "rb") as handle:
                    data = handle.read()
            except OSError:
                raise Uncacheable(rel) from None
            files[rel] = [*sig, _digest(data)]
            changed = True
        if changed or set(files) != set(known):
            self._write(manifest_path, {"root": str(root), "time": now, "files": files})
        shape = _shape(pack, root)
        content = sorted((rel, f[4]) for rel, f in files.items())
        key = _digest(_canonical([self.settings, display_path(root), shape, sorted(dirs), content]).encode())
        return key, stats

    # --- values -------------------------------------------------------------------------

    def store(self, lookup: Lookup, pack: Any, findings: Any) -> None:
        """Remember ``findings`` for the key, unless a file changed while the pack ran."""
        if not self.writable:
            return
        try:
            data = findings_to_json(findings)
        except (TypeError, AttributeError):
            return  # not a plain list of findings: do not cache what we cannot restore
        root = Path(pack.root)
        for rel, sig in (lookup.stats or {}).items():
            try:
                st = os.stat(root / rel)
            except OSError:
                return
            if _signature(st) != sig:
                return
        documents = [_relative(doc.path, root) for doc in pack.documents]
        self._write(self.base / "results" / f"{lookup.key}.json",
                    {"key": lookup.key, "findings": data, "documents": documents})
        self.written += 1

    # --- files --------------------------------------------------------------------------

    def _prepare(self) -> None:
        if self._prepared:
            return
        self._prepared = True
        (self.base / "results").mkdir(parents=True, exist_ok=True)
        (self.base / "manifests").mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", "# Created by validate.\n*\n"),
                           ("README", "The result cache of `validate`. Safe to delete; `--no-cache` skips it.\n")):
            target = self.dir / name
            if not target.exists():
                self._atomic(target, text.encode())

    def _write(self, path: Path, value: Any) -> None:
        if not self.writable:
            return
        try:
            self._prepare()
            self._atomic(path, json.dumps(value, separators=(",", ":")).encode())
        except (OSError, ValueError, TypeError):
            self.writable = False

    @staticmethod
    def _atomic(path: Path, data: bytes) -> None:
        """Write a temporary file next to ``path`` (mode 0666 minus the umask), then rename."""
        tmp = path.parent / f".tmp-{os.getpid()}-{next(_temp_names)}-{os.urandom(4).hex()}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise

    @staticmethod
    def _read(path: Path) -> Any:
        try:
            with open(path, "rb") as handle:
                return json.loads(handle.read())
        except (OSError, ValueError, RecursionError):
            return None

    @staticmethod
    def _touch(path: Path) -> None:
        try:
            if os.stat(path).st_mtime < time.time() - TOUCH_AFTER_S:
                os.utime(path)
        except OSError:
            pass

    def prune(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> int:
        """Delete the oldest results and manifests beyond the caps; the number deleted."""
        removed = 0
        for sub, cap in (("results", max_entries), ("manifests", max_entries)):
            folder = self.base / sub
            try:
                entries = []
                with os.scandir(folder) as it:
                    for entry in it:
                        try:
                            st = entry.stat()
                        except OSError:
                            continue
                        entries.append((st.st_mtime_ns, st.st_size, entry.path))
            except OSError:
                continue
            total = sum(size for _, size, _ in entries)
            if len(entries) <= cap and total <= max_bytes:
                continue
            entries.sort()
            keep_count, keep_bytes = int(cap * 0.8), int(max_bytes * 0.8)
            left = len(entries)
            for _mtime, size, path in entries:
                if left <= keep_count and total <= keep_bytes:
                    break
                try:
                    os.unlink(path)
                except OSError:
                    pass
                removed += 1
                left -= 1
                total -= size
        return removed


def _signature(st: os.stat_result) -> tuple[int, int, int, int]:
    """What says a file is unchanged without reading it. The ctime catches an edit whose
    mtime was set back (``touch -d``, some sync tools), since it cannot be set."""
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def _pack_files(root: Path, pack: Any, dirs: list[str]) -> Iterable[tuple[str, str]]:
    """``(relative POSIX path, full path)`` of every file below ``root`` (VCS and tool folders
    skipped, except below ``Integrations/``, which discovery reads whatever the names), and
    of every document discovery recorded for the pack. Directory paths go into ``dirs``."""
    seen: set[str] = set()
    base = str(root)
    stack = [("", base, False)]
    while stack:
        rel_dir, full_dir, in_integrations = stack.pop()
        try:
            with os.scandir(full_dir) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            raise Uncacheable(rel_dir or ".") from None
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                is_link = entry.is_symlink()
            except OSError:
                raise Uncacheable(rel) from None
            if is_dir:
                if entry.name in SKIP_DIRS and not in_integrations:
                    continue
                dirs.append(rel)
                below = rel == "Integrations" or (in_integrations and rel_dir == "Integrations")
                stack.append((rel, entry.path, below))
            elif is_link and os.path.isdir(entry.path):
                raise Uncacheable(rel)  # a linked folder: its files are outside what we hash
            else:
                seen.add(rel)
                yield rel, entry.path
    for doc in getattr(pack, "documents", []):
        try:
            rel = Path(doc.path).relative_to(root).as_posix()
        except ValueError:
            raise Uncacheable(str(doc.path)) from None
        if rel not in seen and rel != ".":
            seen.add(rel)
            yield rel, str(doc.path)


def _relative(path: Any, root: Path) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _shape(pack: Any, root: Path) -> Any:
    """How discovery saw the pack: its documents, integrations (explicit or found), the
    files findings are limited to, and any plain settings carried by the pack."""

    def rel(path: Any) -> str:
        return _relative(path, root)

    only = getattr(pack, "only", None)
    extra = {k: v for k, v in vars(pack).items()
             if k not in ("root", "_documents", "integrations", "json_files", "only") and not k.startswith("__")
             and not _is_cached_property(type(pack), k)}
    return {
        "documents": [rel(d.path) for d in getattr(pack, "documents", [])],
        "integrations": [[rel(i.yaml.path), bool(getattr(i, "explicit", False))] for i in pack.integrations],
        "json": [rel(d.path) for d in getattr(pack, "json_files", [])],
        "only": None if only is None else sorted(rel(p) for p in only),
        "extra": _canonical(extra),
    }


def _is_cached_property(cls: type, name: str) -> bool:
    from functools import cached_property

    return isinstance(getattr(cls, name, None), (cached_property, property))


def settings_of(**values: Mapping[str, Any] | Any) -> Any:
    """The settings part of a key, from whatever the caller passes (made canonical)."""
    return json.loads(_canonical(values))
