"""The code base stays clean under the linters STYLE.md names: ruff and mypy.

Both come with the ``test`` extra; each test is skipped where its tool is not installed.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing():
    pytest.importorskip("ruff")
    result = _run("ruff", "check", "--no-cache", "validator", "rules", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing():
    pytest.importorskip("mypy")
    result = _run("mypy", "--no-incremental", "--cache-dir", "/dev/null", "validator", "rules")
    assert result.returncode == 0, result.stdout + result.stderr
