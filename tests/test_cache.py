"""The result cache (validator/cache.py): hits, invalidation, corruption, --no-cache."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

from validator import cache as cache_module
from validator.api import run
from validator.cache import Cache


@pytest.fixture
def tree(in_tmp: Path) -> Path:
    """Two packs (one clean, one with findings and fixes) under ``Packs/`` in the working directory."""
    packs = in_tmp / "Packs"
    shutil.copytree(REPO / "sample_packs" / "valid" / "OktaLogs", packs / "OktaLogs")
    shutil.copytree(REPO / "sample_packs" / "invalid" / "CollectorMistakes", packs / "CollectorMistakes")
    return in_tmp


@pytest.fixture
def ran(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The packs ``runner.run_pack`` actually checks (a cache hit does not call it)."""
    import validator.runner

    calls: list[str] = []
    original = validator.runner.run_pack

    def spy(pack, *args, **kwargs):
        calls.append(pack.name)
        return original(pack, *args, **kwargs)

    monkeypatch.setattr(validator.runner, "run_pack", spy)
    return calls


def full(findings):
    return [(f, f.fix and (f.fix.edits, f.fix.ops)) for f in findings]


def test_hit_on_unchanged_packs(tree: Path, ran: list[str]):
    first = run(["Packs"], cache_dir=".validate_cache")
    assert sorted(ran) == ["CollectorMistakes", "OktaLogs"]
    ran.clear()
    second = run(["Packs"], cache_dir=".validate_cache")
    assert ran == []
    assert first.findings and full(second.findings) == full(first.findings)
    assert second.files == first.files
    tag = (tree / ".validate_cache" / "CACHEDIR.TAG").read_text()
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (tree / ".validate_cache" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_changed_file_invalidates_only_its_pack(tree: Path, ran: list[str]):
    run(["Packs"], cache_dir=".validate_cache")
    ran.clear()
    yml = tree / "Packs/CollectorMistakes/Integrations/OktaCollector/OktaCollector.yml"
    text = yml.read_text()
    assert "fromversion: 6.2.0" in text
    yml.write_text(text.replace("fromversion: 6.2.0", "fromversion: 6.9.0"))  # same size
    found = run(["Packs"], cache_dir=".validate_cache").findings
    assert ran == ["CollectorMistakes"]
    assert not [f for f in found if f.code == "EC102" and f.path.endswith("OktaCollector.yml")]


def test_same_size_edit_with_restored_mtime_is_seen(tree: Path, ran: list[str]):
    """A file written right before (or after) the manifest is always hashed again."""
    run(["Packs"], cache_dir=".validate_cache")
    ran.clear()
    yml = tree / "Packs/CollectorMistakes/Integrations/OktaCollector/OktaCollector.yml"
    st = yml.stat()
    yml.write_text(yml.read_text().replace("fromversion: 6.2.0", "fromversion: 6.9.0"))
    os.utime(yml, ns=(st.st_atime_ns, st.st_mtime_ns))
    run(["Packs"], cache_dir=".validate_cache")
    assert ran == ["CollectorMistakes"]


def test_new_and_removed_files_invalidate(tree: Path, ran: list[str]):
    run(["Packs"], cache_dir=".validate_cache")
    ran.clear()
    (tree / "Packs/OktaLogs/Layouts").mkdir()
    (tree / "Packs/OktaLogs/Layouts/broken.json").write_text("{,}")
    found = run(["Packs"], cache_dir=".validate_cache").findings
    assert ran == ["OktaLogs"] and "SY103" in {f.code for f in found}
    ran.clear()
    shutil.rmtree(tree / "Packs/OktaLogs/Layouts")
    found = run(["Packs"], cache_dir=".validate_cache").findings
    assert ran == [] and "SY103" not in {f.code for f in found}  # back to the content of the first run


@pytest.mark.parametrize("change", [
    {"select": ["EC"]},
    {"ignore": ["EC100"]},
    {"rule_options": {"EC102": {"min-fromversion": "6.2.0"}}},
    {"whole_pack": True},
])
def test_changed_selection_or_configuration_invalidates(tree: Path, ran: list[str], change: dict):
    run(["Packs"], cache_dir=".validate_cache")
    ran.clear()
    changed = run(["Packs"], cache_dir=".validate_cache", **change)
    assert sorted(ran) == ["CollectorMistakes", "OktaLogs"]
    assert full(changed.findings) == full(run(["Packs"], **change).findings)  # same as without a cache


def test_configuration_file_invalidates(tree: Path, ran: list[str]):
    from validator.config import resolve

    run(["Packs"], cache_dir=".validate_cache", settings=resolve(["Packs"]))
    ran.clear()
    (tree / ".validate.toml").write_text('ignore = ["EC100"]\n')
    found = run(["Packs"], cache_dir=".validate_cache", settings=resolve(["Packs"])).findings
    assert ran and "EC100" not in {f.code for f in found}


def test_new_tool_invalidates(tree: Path, ran: list[str], monkeypatch: pytest.MonkeyPatch):
    run(["Packs"], cache_dir=".validate_cache")
    ran.clear()
    monkeypatch.setattr(cache_module, "_TOOL", "another version of validate")
    run(["Packs"], cache_dir=".validate_cache")
    assert sorted(ran) == ["CollectorMistakes", "OktaLogs"]


@pytest.mark.parametrize("garbage", [b"", b"{not json", b"[]", b'{"key": "x", "findings": 3}', b"\x00\xff" * 10])
def test_corrupt_entries_are_ignored_and_replaced(tree: Path, ran: list[str], garbage: bytes):
    expected = full(run(["Packs"], cache_dir=".validate_cache").findings)
    for entry in (tree / ".validate_cache").rglob("*.json"):
        entry.write_bytes(garbage)
    ran.clear()
    assert full(run(["Packs"], cache_dir=".validate_cache").findings) == expected
    assert sorted(ran) == ["CollectorMistakes", "OktaLogs"]
    ran.clear()
    assert full(run(["Packs"], cache_dir=".validate_cache").findings) == expected
    assert ran == []


def test_entry_with_another_key_is_a_miss(tree: Path, ran: list[str]):
    run(["Packs"], cache_dir=".validate_cache")
    results = sorted((tree / ".validate_cache").rglob("results/*.json"))
    first, second = (json.loads(p.read_text()) for p in results[:2])
    results[0].write_text(json.dumps({**second, "key": second["key"]}))  # right shape, wrong pack
    ran.clear()
    run(["Packs"], cache_dir=".validate_cache")
    assert len(ran) == 1


def test_unusable_cache_directory_never_fails_the_run(tree: Path, ran: list[str]):
    (tree / "not-a-dir").write_text("a file")
    expected = full(run(["Packs"]).findings)
    assert full(run(["Packs"], cache_dir="not-a-dir").findings) == expected
    assert full(run(["Packs"], cache_dir="not-a-dir/sub").findings) == expected


def test_prune_keeps_the_newest_entries(tmp_path: Path):
    cache = Cache(tmp_path / "c")
    results = cache.base / "results"
    for i in range(20):
        cache._write(results / f"{i:02d}.json", {"i": i})
        os.utime(results / f"{i:02d}.json", (1_000_000 + i, 1_000_000 + i))
    assert cache.prune(max_entries=10) == 12  # down to 80 % of the cap
    assert sorted(p.name for p in results.iterdir()) == [f"{i:02d}.json" for i in range(12, 20)]


def test_findings_round_trip_through_json():
    from validator.finding import Edit, Finding, Fix, Severity

    finding = Finding("EC102", "collector-fromversion", Severity.ERROR, "a/b.yml", 3, 4, 3, 9, "msg",
                      Fix("unsafe", "raise it", (Edit("a/b.yml", 1, 2, "x"),),
                          (("yaml.set", ("fromversion",), "6.8.0"), ("json.append", ("a", 0), {"k": [1, 2.5]}, None))))
    back = cache_module.findings_from_json(json.loads(json.dumps(cache_module.findings_to_json([finding]))))
    assert full(back) == full([finding])


def test_cli_uses_the_cache_unless_no_cache(tree: Path):
    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "VALIDATE_CACHE_DIR"}
        return subprocess.run([sys.executable, "-m", "validator", "Packs", "--output-format", "json", *args],
                              cwd=tree, capture_output=True, text=True, env=env, timeout=120)

    uncached = cli("--no-cache")
    assert uncached.returncode == 1 and not (tree / ".validate_cache").exists()
    filled = cli()
    assert (tree / ".validate_cache" / "CACHEDIR.TAG").is_file()
    warm = cli()
    assert json.loads(uncached.stdout) == json.loads(filled.stdout) == json.loads(warm.stdout)
    other = cli("--cache-dir", "elsewhere")
    assert json.loads(other.stdout) == json.loads(uncached.stdout) and (tree / "elsewhere" / "CACHEDIR.TAG").is_file()
