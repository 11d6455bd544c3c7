"""Running the packs of a run: through the cache, in this process or in worker processes.

Work is split by pack (a pack's findings depend on the whole pack). A pool of processes
(``concurrent.futures.ProcessPoolExecutor``) is used only when the run is large enough to
pay for starting it (``POOL_MIN_PACKS`` packs and ``POOL_MIN_BYTES`` bytes of YAML/JSON
found by discovery; measured on a 2-core VM, see benchmarks/). Workers receive the pack as
discovery left it (paths, not parsed documents), read and check it with
``runner.run_pack``, and return its value plus the documents they read; the parent puts
the values back in pack order, so the output is identical to a serial run.

Everything here is spawn-safe: the worker entry points are module-level functions and
their arguments pickle. A pack that cannot be pickled, or whose worker fails, is run again
in this process, where any error surfaces exactly as in a serial run.

Memory: in a run of several packs, each pack's parsed documents are dropped once its
findings are known (they are re-read lazily if a reporter needs a source line), and the
cyclic garbage collector is paused while a pack runs (a pack allocates hundreds of
thousands of objects that live until its end; collecting them midway only costs time).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

# Break-even measured on the 2-core VM (benchmarks/, realistic packs of ~60 KB of YAML each):
# 2 packs ran faster serially, 3 packs (~200 KB of YAML/JSON) broke even, 4+ gained.
POOL_MIN_PACKS = 3
POOL_MIN_BYTES = 200_000
START_METHOD: str | None = None  # multiprocessing start method; None: the platform's default

Progress = Callable[[int, int], None]


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def discovered_bytes(pack: Any) -> int:
    """The size of the files discovery found for the pack (code files come on top)."""
    total = 0
    for doc in pack.documents:
        try:
            total += os.stat(doc.path).st_size
        except OSError:
            pass
    return total


def run_packs(
    packs: Sequence[Any],
    rules: Sequence[Any],
    options: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    verbose: bool = False,
    jobs: int = 1,
    cache: Any = None,
    progress: Progress | None = None,
    pool: bool | None = None,
    release: bool | None = None,
) -> list[Any]:
    """``runner.run_pack``'s value for each pack, in the order of ``packs``.

    ``jobs``: worker processes (1: this process only); ``pool``: ``None`` decides by the
    size of the run, ``True``/``False`` force it. ``cache``: a ``validator.cache.Cache``.
    ``release``: drop parsed documents after each pack (default: when several packs).

    Packs are looked up in the cache one by one; the misses go to the pool as soon as
    enough of them are known to pay for it, so workers start while the rest is looked up.
    """
    from validator.runner import run_pack

    total = len(packs)
    results: list[Any] = [None] * total
    lookups: list[Any] = [None] * total
    release = total > 1 if release is None else release
    done = 0

    def finish(index: int, value: Any, store: bool = True) -> None:
        nonlocal done
        results[index] = value
        if store and cache is not None and lookups[index] is not None:
            cache.store(lookups[index], packs[index], value)
        done += 1
        if progress:
            progress(done, total)

    def run_here(index: int) -> None:
        pack = packs[index]
        enabled = gc.isenabled()
        gc.disable()
        try:
            value = run_pack(pack, rules, options, verbose)
            if release:
                # Before the collector is back on: its first pass would otherwise walk every
                # object of the pack (measured 3x the cost of freeing them here).
                release_pack(pack)
        finally:
            if enabled:
                gc.enable()
        finish(index, value)

    workers = _Pool(packs, rules, options, verbose, jobs, finish, force=bool(pool)) \
        if pool is not False and jobs > 1 else None
    local: list[int] = []
    try:
        for index, pack in enumerate(packs):
            lookup = cache.lookup(pack) if cache is not None else None
            lookups[index] = lookup
            if lookup is not None and lookup.hit:
                _register(pack, [Path(pack.root) / rel for rel in lookup.documents or []])
                finish(index, lookup.findings, store=False)
            elif workers is not None:
                workers.offer(index)
            else:
                local.append(index)
        if workers is not None:
            local += workers.close()
    except BaseException:
        if workers is not None:
            workers.abort()
        raise
    for index in sorted(local):
        run_here(index)
    if cache is not None and cache.written:
        cache.prune()
    return results


class _Pool:
    """Worker processes, started once enough misses are known (``POOL_MIN_*``); until then
    the misses wait in a buffer and are run in this process if the pool never starts."""

    def __init__(self, packs: Sequence[Any], rules: Sequence[Any], options: Any, verbose: bool, jobs: int,
                 finish: Callable[[int, Any], None], force: bool) -> None:
        self.packs, self.finish, self.force = packs, finish, force
        self.initargs = ([rule.code for rule in rules], dict(options or {}), verbose)
        self.jobs = jobs
        self.buffer: list[int] = []
        self.bytes = 0
        self.executor: Any = None
        self.workers = 0
        self.pending: dict[Any, int] = {}
        self.local: list[int] = []  # could not be sent, or failed in a worker: run here

    def offer(self, index: int) -> None:
        if self.executor is not None:
            self._submit(index)
            return
        self.buffer.append(index)
        if not self.force:
            self.bytes += discovered_bytes(self.packs[index])
            if len(self.buffer) < POOL_MIN_PACKS or self.bytes < POOL_MIN_BYTES:
                return
        self._start()
        buffered, self.buffer = self.buffer, []
        for i in buffered:
            self._submit(i)

    def _start(self) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # Not more workers than packs that may still need one (forked workers start at once).
        left = len(self.packs) - self.buffer[0]
        self.workers = max(1, min(self.jobs, left))
        context = multiprocessing.get_context(START_METHOD)
        for stream in (sys.stdout, sys.stderr):  # a forked worker flushes what it inherited at exit
            try:
                stream.flush()
            except (AttributeError, OSError, ValueError):
                pass
        self.executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=context, initializer=_init_worker,
                                            initargs=self.initargs)

    def _submit(self, index: int) -> None:
        import pickle
        from concurrent.futures.process import BrokenProcessPool

        try:
            payload = pickle.dumps(self.packs[index], protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            self.local.append(index)
            return
        # A few tasks per worker in flight: the parent never holds many pickled packs.
        while len(self.pending) >= self.workers * 3:
            self._collect(block=True)
        try:
            self.pending[self.executor.submit(_work, payload)] = index
        except (BrokenProcessPool, RuntimeError):
            self.local.append(index)
        self._collect(block=False)

    def _collect(self, block: bool) -> None:
        from concurrent.futures import FIRST_COMPLETED, wait

        if not self.pending:
            return
        finished, _ = wait(list(self.pending), timeout=None if block else 0, return_when=FIRST_COMPLETED)
        for future in finished:
            index = self.pending.pop(future)
            try:
                value, documents = future.result()
            except Exception:  # noqa: BLE001 - a broken or failed worker: run it here, as a serial run would
                self.local.append(index)
                continue
            _register(self.packs[index], [Path(p) for p in documents])
            self.finish(index, value)

    def close(self) -> list[int]:
        """Wait for the workers; the indexes left for this process to run."""
        if self.executor is None:
            return self.buffer
        try:
            while self.pending:
                self._collect(block=True)
        finally:
            self.executor.shutdown(wait=True, cancel_futures=True)
        return self.local

    def abort(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)


# --- worker side ---------------------------------------------------------------------------

_worker_rules: list[Any] = []
_worker_options: dict[str, Any] = {}
_worker_verbose = False


def _init_worker(codes: list[str], options: dict[str, Any], verbose: bool) -> None:
    global _worker_rules, _worker_options, _worker_verbose
    from validator import registry

    rules = registry.all_rules()
    _worker_rules = [rules[code] for code in codes]
    _worker_options = options
    _worker_verbose = verbose
    # Everything imported so far lives as long as the worker: keep the collector off it.
    gc.collect()
    gc.freeze()


def _work(payload: bytes) -> tuple[Any, list[str]]:
    import pickle

    from validator.runner import run_pack

    pack = pickle.loads(payload)
    gc.disable()
    try:
        value = run_pack(pack, _worker_rules, _worker_options, _worker_verbose)
        documents = [str(doc.path) for doc in pack.documents]
        release_pack(pack)  # freed by reference counting now, not by a collection later
    finally:
        gc.enable()
    return value, documents


# --- memory --------------------------------------------------------------------------------


def _register(pack: Any, paths: list[Path]) -> None:
    """Give the parent's pack the documents the run read, in the same order (reporters and
    the summary count and quote them); nothing is read here."""
    for path in paths:
        pack.document(path)


def release_pack(pack: Any) -> None:
    """Drop what was parsed for ``pack`` (trees, ASTs, code models, texts); it is read again
    lazily if anything asks."""
    for obj in (pack, *pack.integrations, *pack.documents):
        _drop_cached(obj)
    for integration in pack.integrations:
        integration.__dict__.pop("code_problem", None)


_CACHED: dict[type, tuple[str, ...]] = {}


def _drop_cached(obj: Any) -> None:
    cls = type(obj)
    names = _CACHED.get(cls)
    if names is None:
        names = _CACHED[cls] = tuple(
            name for klass in cls.__mro__ for name, attr in vars(klass).items() if isinstance(attr, cached_property))
    state = obj.__dict__
    for name in names:
        state.pop(name, None)

