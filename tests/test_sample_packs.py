"""End to end on sample_packs/: valid packs are clean, each invalid pack yields exactly the
findings its expected.json lists (code, file, line), through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import REPO

SAMPLES = REPO / "sample_packs"
INVALID = sorted(p for p in (SAMPLES / "invalid").iterdir() if (p / "expected.json").is_file())


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "validator", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_valid_samples_pass_cleanly():
    result = run_cli("sample_packs/valid", "--output-format", "json", "--fail-on", "info")
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("pack", INVALID, ids=[p.name for p in INVALID])
def test_invalid_pack_matches_expected(pack: Path):
    result = run_cli(str(pack.relative_to(REPO)), "--output-format", "json")
    assert result.returncode == 1, result.stderr
    prefix = pack.relative_to(REPO).as_posix() + "/"
    got = Counter((f["code"], f["path"].removeprefix(prefix), f["line"]) for f in json.loads(result.stdout))
    want = Counter((e["code"], e["file"], e["line"]) for e in json.loads((pack / "expected.json").read_text()))
    assert got == want


def test_invalid_samples_cover_every_rule_with_an_invalid_example():
    from validator.registry import NO_INVALID_EXAMPLE, all_rules

    covered = {e["code"] for pack in INVALID for e in json.loads((pack / "expected.json").read_text())}
    missing = set(all_rules()) - covered - set(NO_INVALID_EXAMPLE) - {"SP100"}
    assert not missing, f"no invalid sample pack triggers {sorted(missing)}"


def test_whole_invalid_tree_exits_1_without_traceback():
    result = run_cli("sample_packs/invalid")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
