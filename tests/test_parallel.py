"""Runs across worker processes give exactly the serial findings (validator/parallel.py);
the progress bar and the summary line (validator/progress.py, validator/cli.py)."""

from __future__ import annotations

import importlib.util
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

import validator.parallel as parallel
from validator.api import run


def _generator():
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ten generated packs (small ones, many with a mistake) plus the invalid sample packs."""
    base = tmp_path_factory.mktemp("parallel")
    _generator().generate(base, 10, seed=7, defect_rate=0.6, commands=(3, 8))
    for pack in sorted((REPO / "sample_packs" / "invalid").iterdir()):
        shutil.copytree(pack, base / "Packs" / pack.name)
    return base


@pytest.fixture
def pool_used(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Force the pool on, and record how many packs were sent to it."""
    monkeypatch.setattr(parallel, "POOL_MIN_PACKS", 1)
    monkeypatch.setattr(parallel, "POOL_MIN_BYTES", 0)
    sent: list[int] = []
    original = parallel._Pool._submit

    def spy(self, index):
        sent.append(index)
        return original(self, index)

    monkeypatch.setattr(parallel._Pool, "_submit", spy)
    return sent


def everything(result) -> tuple:
    return [(f, f.fix and (f.fix.edits, f.fix.ops)) for f in result.findings], result.files


def test_pool_gives_the_serial_findings_in_the_same_order(tree: Path, pool_used: list[int]):
    serial = run([str(tree)], jobs=1)
    codes = {f.code for f in serial.findings}
    assert len(serial.findings) > 20 and {"SY100", "SY102", "SX100", "EC100"} <= codes
    parallel_run = run([str(tree)], jobs=2)
    assert sorted(pool_used) == list(range(len(serial.packs)))
    assert everything(parallel_run) == everything(serial)


def test_spawned_workers_give_the_serial_findings(tree: Path, pool_used: list[int],
                                                   monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(parallel, "START_METHOD", "spawn")
    paths = [str(tree / "Packs" / name) for name in sorted(p.name for p in (tree / "Packs").iterdir())[:4]]
    serial = run(paths, jobs=1)
    assert everything(run(paths, jobs=2)) == everything(serial)
    assert sorted(pool_used) == [0, 1, 2, 3]


def _fails(payload: bytes):
    raise RuntimeError("a worker failed")


def test_failed_workers_are_rerun_here(tree: Path, pool_used: list[int], monkeypatch: pytest.MonkeyPatch):
    serial = run([str(tree)], jobs=1)
    monkeypatch.setattr(parallel, "_work", _fails)
    assert everything(run([str(tree)], jobs=2)) == everything(serial)


def _dies(payload: bytes):
    import os

    os._exit(3)


def test_a_dead_worker_does_not_lose_packs(tree: Path, pool_used: list[int], monkeypatch: pytest.MonkeyPatch):
    serial = run([str(tree)], jobs=1)
    monkeypatch.setattr(parallel, "_work", _dies)
    assert everything(run([str(tree)], jobs=2)) == everything(serial)


def test_pool_with_the_cache(tree: Path, pool_used: list[int], tmp_path: Path):
    serial = run([str(tree)], jobs=1)
    cache = str(tmp_path / "cache")
    assert everything(run([str(tree)], jobs=2, cache_dir=cache)) == everything(serial)
    assert everything(run([str(tree)], jobs=2, cache_dir=cache)) == everything(serial)
    assert sorted(pool_used) == list(range(len(serial.packs)))  # the second run found all in the cache


def test_small_runs_stay_serial(monkeypatch: pytest.MonkeyPatch):
    called: list[int] = []
    monkeypatch.setattr(parallel._Pool, "_start", lambda self: called.append(1))
    run([str(REPO / "sample_packs")], jobs=4)
    assert called == []


def test_large_runs_use_the_pool_once_enough_misses_are_known(tree: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(parallel, "POOL_MIN_PACKS", 3)
    monkeypatch.setattr(parallel, "POOL_MIN_BYTES", 1)
    started: list[int] = []
    original = parallel._Pool._start

    def spy(self):
        started.append(list(self.buffer))
        return original(self)

    monkeypatch.setattr(parallel._Pool, "_start", spy)
    serial = run([str(tree)], jobs=1)
    assert everything(run([str(tree)], jobs=2)) == everything(serial)
    assert started == [[0, 1, 2]]


def test_progress_is_reported_per_pack(tree: Path):
    seen: list[tuple[int, int]] = []
    packs = len(run([str(tree / "Packs")], jobs=1, progress=lambda done, total: seen.append((done, total))).packs)
    assert packs > 10 and seen == [(i, packs) for i in range(1, packs + 1)]


# --- the progress bar and the summary ---------------------------------------------------------


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch):
    from validator.progress import wanted

    for name in ("CI", "PRE_COMMIT", "TERM"):
        monkeypatch.delenv(name, raising=False)
    assert wanted(False, Tty())
    assert not wanted(True, Tty())
    assert not wanted(False, io.StringIO())
    monkeypatch.setenv("CI", "true")
    assert not wanted(False, Tty())
    monkeypatch.delenv("CI")
    monkeypatch.setenv("PRE_COMMIT", "1")
    assert not wanted(False, Tty())


def test_progress_bar_waits_then_draws_then_erases():
    from validator.progress import ProgressBar

    stream = Tty()
    bar = ProgressBar(stream, delay=3600)
    bar(1, 10)
    assert stream.getvalue() == ""  # a short run shows nothing
    bar = ProgressBar(stream, delay=0)
    bar(5, 10)
    assert "5/10 packs" in stream.getvalue() and "#" * 15 in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_summary_names_files_packs_and_time():
    result = subprocess.run([sys.executable, "-m", "validator", "sample_packs/valid", "--no-cache", "-j", "2"],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"All checks passed \(\d+ files in \d+ packs, \d+\.\d\ds\)\.", last), last
    assert result.stderr == ""  # no progress bar when stderr is not a terminal


def test_jobs_and_cache_options_do_not_change_the_report(tmp_path: Path):
    def report(*args: str) -> str:
        return subprocess.run([sys.executable, "-m", "validator", "sample_packs", "--output-format", "json", *args],
                              cwd=REPO, capture_output=True, text=True, timeout=120).stdout

    base = report("--no-cache", "-j", "1")
    assert base.startswith("[")
    assert report("--no-cache", "--jobs", "2") == base
    assert report("--cache-dir", str(tmp_path / "c")) == base
    assert report("--cache-dir", str(tmp_path / "c"), "-j", "0") == base
