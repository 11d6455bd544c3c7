"""Robustness catalog (GitHub issue 10): every kind of bad input, through the real CLI.

Each case replaces or adds files in ``Packs/Bad`` (a copy of the rule fixtures' collector
pack, which passes every rule) and runs ``validate Packs/Bad Packs/Good --output-format
json`` in a subprocess. ``Packs/Good`` is a valid pack with one known *info* finding
(EC107), so it does not change the exit code and proves the run went on past the bad
pack. Each case checks: no traceback, at most one line on stderr, the exit code, the
expected SY code (at its position when given), Good's finding, and that every finding
lies within its file (1-based, line <= number of lines + 1).

Unreadable files and folders need permissions that root ignores; as root they are
simulated in-process by making ``open``/``os.scandir``/``Path.iterdir`` fail.
"""

from __future__ import annotations

import builtins
import json
import os
import pathlib
import shutil
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import REPO, write_pack
from tests.test_fuzz import check_positions
from validator.rules._fixtures import COLLECTOR_PY, COLLECTOR_YML, METADATA, collector

YML = "Integrations/OktaEventCollector/OktaEventCollector.yml"
PY = "Integrations/OktaEventCollector/OktaEventCollector.py"
FOLDER = "Integrations/OktaEventCollector"
GOOD_YML = COLLECTOR_YML.replace(
    "    arguments:\n    - name: limit\n      description: Maximum number of events to return.\n", "")
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def yml(old: str, new: str) -> str:
    assert old in COLLECTOR_YML, old
    return COLLECTOR_YML.replace(old, new, 1)


def bomb(levels: int = 9) -> str:
    """The 'billion laughs': 10**levels nodes once every alias is expanded."""
    text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    names = "abcdefghijklmnop"
    for prev, name in zip(names, names[1:levels + 1]):
        text += f"{name}: &{name} [{', '.join([f'*{prev}'] * 10)}]\n"
    return text


def deep_alias_yaml() -> str:
    """Each anchor is 300 levels deep and nests the previous one: 1,200 levels once expanded."""
    text = "x0: &x0 " + "[" * 300 + "]" * 300 + "\n"
    for i in range(1, 4):
        text += f"x{i}: &x{i} " + "[" * 300 + f"*x{i - 1}" + "]" * 300 + "\n"
    return COLLECTOR_YML + text


@dataclass
class Case:
    id: str
    files: dict[str, str | bytes | None] = field(default_factory=dict)  # None deletes the fixture file
    code: str | None = None  # an SY code (or other) that must be reported for Packs/Bad
    exit: int = 1
    at: tuple[str, int, int] | None = None  # (file in Packs/Bad, line, column) of ``code``
    message: str | None = None  # a substring of that finding's message
    setup: Callable[[Path], None] | None = None  # extra file system work on Packs/Bad
    seconds: float = 30.0  # the whole subprocess, interpreter start-up included, on a busy machine
    bad_path: str = "Packs/Bad"


def _symlink_loop(root: Path) -> None:
    (root / FOLDER / "Loop.yml").symlink_to("Loop.yml")


def _dangling(root: Path) -> None:
    (root / FOLDER / "Gone.yml").symlink_to("Nowhere.yml")


def _dir_named_yml(root: Path) -> None:
    (root / FOLDER / "x.yml").mkdir()
    (root / FOLDER / "x.yml" / "inner.yml").write_text("- not: read\n")


def _huge(root: Path) -> None:
    with open(root / YML, "ab") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)


def _fifo(root: Path) -> None:
    os.mkfifo(root / FOLDER / "pipe")
    (root / FOLDER / "Pipe.yml").symlink_to("pipe")


def _undecodable_names(root: Path) -> None:
    folder = os.path.join(os.fsencode(root / "Integrations"), b"Caf\xe9")
    os.mkdir(folder)
    with open(os.path.join(folder, b"Caf\xe9.yml"), "wb") as handle:
        handle.write(b"- not a mapping\n")


def _pack_ignore_fifo(root: Path) -> None:
    os.mkfifo(root / ".pack-ignore")


def _pack_ignore_endless(root: Path) -> None:
    (root / ".pack-ignore").symlink_to("/dev/zero")


def _spaces(root: Path) -> None:
    folder = root / "Integrations" / "Ökta Event Collector"
    (root / FOLDER).rename(folder)
    (folder / "OktaEventCollector.yml").rename(folder / "Ökta Event Collector.yml")
    (folder / "OktaEventCollector.py").rename(folder / "Ökta Event Collector.py")


CRLF_META = METADATA.replace('"support": "xsoar",', '"support": "xsoar",,').replace("\n", "\r")

CASES = [
    # --- text encodings and line endings
    Case("yaml-empty-file", {YML: ""}, "SY105", at=(YML, 1, 1)),
    Case("yaml-whitespace-only", {YML: "   \n\n  \n"}, "SY105", at=(YML, 1, 1)),
    Case("yaml-bom", {YML: "\ufeff" + COLLECTOR_YML, PY: "\ufeff" + COLLECTOR_PY}, exit=0),
    Case("yaml-crlf", {YML: COLLECTOR_YML.replace("\n", "\r\n"), PY: COLLECTOR_PY.replace("\n", "\r\n")}, exit=0),
    Case("yaml-mixed-line-endings-position",
         {YML: yml("name: Okta Event Collector\n", "name: Okta Event Collector\r\nname: Okta\r")
          .replace("version: -1\n", "version: -1\r")},
         "SY101", at=(YML, 5, 1)),
    Case("yaml-unicode-line-separator-position",
         {YML: yml("description: Collects system log events from Okta.",
                   'description: "Collects\u2028system\u0085log events."\nname: Again')},
         "SY101", at=(YML, 8, 1)),
    Case("yaml-tab-indentation", {YML: "script:\n\ttype: python\n"}, "SY100", at=(YML, 2, 1), message="tab"),
    Case("yaml-control-character-position", {YML: yml("display: Okta", "display: Ok\x0cta")}, "SY100",
         at=(YML, 5, 12)),
    Case("yaml-non-utf8", {YML: "display: Caf\xe9 Event Collector\n".encode("latin-1")}, "SY104", at=(YML, 1, 1),
         message="byte 0xe9 at offset 12"),
    Case("yaml-binary", {YML: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, "SY104", message="NUL byte"),
    # --- the shape of the document
    Case("yaml-root-list", {YML: "- name: url\n  type: 0\n"}, "SY105", at=(YML, 1, 1)),
    Case("yaml-root-scalar", {YML: "just a string\n"}, "SY105"),
    Case("yaml-root-null", {YML: "~\n"}, "SY105"),
    Case("yaml-multi-document", {YML: COLLECTOR_YML + "---\nname: second\n"}, "SY100", message="single document"),
    Case("yaml-syntax-error", {YML: "script:\n  type: python\n   subtype: python3\n"}, "SY100", at=(YML, 3, 11)),
    # --- wrong types where a mapping, list or string is expected
    Case("yaml-script-int", {YML: yml("script:\n  type: python", "script: 5\nscript-was:\n  type: python")}, "SX100"),
    Case("yaml-commands-mapping", {YML: yml("  commands:\n", "  commands: {}\n  commands-were:\n")}, "SX100"),
    Case("yaml-configuration-scalars", {YML: yml("configuration:\n", "configuration: [1, null]\nconfig-was:\n")},
         "SX100"),
    Case("yaml-name-list", {YML: yml("name: Okta Event Collector", "name: [a]")}, "SX100"),
    Case("yaml-commonfields-string", {YML: yml("commonfields:\n", "commonfields: x\ncommonfields-were:\n")},
         "SX100"),
    Case("yaml-marketplaces-int", {YML: yml("marketplaces:\n- marketplacev2", "marketplaces: 7")}, "SX100"),
    Case("yaml-hidden-mapping", {YML: yml("  required: true\n", "  required: true\n  hidden: {}\n")}, "SX100"),
    Case("yaml-flags-wrong-types",
         {YML: yml("  isfetchevents: true", "  isfetchevents: [true]\n  isfetch: {a: 1}\n  longRunning: 5")},
         "SX100"),
    Case("yaml-command-items-wrong-types",
         {YML: yml("  commands:\n", "  commands:\n  - null\n  - 5\n  - name: {a: b}\n    arguments: 7\n"
                                   "  - name: x\n    arguments: [null, 1, {name: [1]}]\n")}, "SX100"),
    Case("yaml-param-items-wrong-types",
         {YML: yml("configuration:\n", "configuration:\n- null\n- name: [x]\n  defaultvalue: {a: 1}\n  type: {}\n")},
         "SX100"),
    Case("yaml-non-scalar-keys", {YML: COLLECTOR_YML + "? [a, b]\n: c\n? {x: 1}\n: d\n~: e\n"}, exit=0),
    Case("yaml-huge-integer", {YML: COLLECTOR_YML + "big: " + "9" * 5000 + "\n"}, exit=0),
    # --- anchors, aliases and nesting
    Case("yaml-anchors-within-limits",
         {YML: yml("  id: Okta Event Collector", "  id: &name Okta Event Collector")
          .replace("\nname: Okta Event Collector", "\nname: *name")}, exit=0),
    Case("yaml-alias-bomb", {YML: COLLECTOR_YML + bomb()}, "SY100", message="alias expansion exceeds", seconds=10),
    Case("yaml-deep-flow-10000", {YML: "a: " + "[" * 10_000 + "]" * 10_000 + "\n"}, "SY100",
         message="nesting deeper than 500", seconds=15),
    Case("yaml-deep-block-10000", {YML: "- " * 10_000 + "x\n"}, "SY100", message="nesting deeper than 500", seconds=15),
    Case("yaml-deep-indentation-1000", {YML: "".join(" " * i + "a:\n" for i in range(1_000))}, "SY100",
         message="nesting deeper than 500", seconds=15),
    Case("yaml-deep-through-aliases", {YML: deep_alias_yaml()}, "SY100", message="nesting deeper than 500"),
    Case("yaml-deep-within-limits", {YML: yml("name: Okta Event Collector", "name: " + "[" * 499 + "]" * 499)},
         "SX100"),
    # --- size
    Case("yaml-50-megabytes", {}, "SY104", at=(YML, 1, 1), message="over the 5242880-byte limit", setup=_huge,
         seconds=10),
    # --- Python
    Case("python2-subtype-python2", {YML: yml("subtype: python3", "subtype: python2"), PY: 'print "hi"\n'},
         "SY106", exit=0, at=(YML, 20, 12)),
    Case("python2-subtype-python3", {PY: 'print "hi"\n'}, "SY102", at=(PY, 1, 1)),
    Case("python-syntax-error", {PY: COLLECTOR_PY.replace("def main():", "def main(:")}, "SY102", at=(PY, 12, 10)),
    Case("python-nul-byte", {PY: COLLECTOR_PY.replace("VENDOR = ", "VENDOR = \x00")}, "SY104", message="NUL byte"),
    Case("python-unified-nul-escape", {PY: None, YML: yml("script: '-'", 'script: "x = 1\\0"')}, "SY102"),
    Case("python-unified-syntax-error", {PY: None, YML: yml("script: '-'", "script: |\n    def main(:\n        pass")},
         "SY102", at=(YML, 22, 14)),
    Case("python-unified-non-ascii-error-column", {PY: None, YML: yml("script: '-'", "script: |\n" + "".join(
        f"    {line}\n" if line.strip() else "\n"
        for line in COLLECTOR_PY.replace("VENDOR = 'okta'", "VENDOR = '\u00f6kta\u65e5\u672c' $").splitlines()))},
         "SY102", at=(YML, 25, 23)),
    Case("python-unified-error-at-end-of-block", {PY: None, YML: yml("script: '-'", "script: |+\n    for x in y:\n")},
         "SY102", at=(YML, 23, 1)),
    Case("python-deep-10000", {PY: "x = " + "(" * 10_000 + ")" * 10_000 + "\n"}, "SY102"),
    Case("python-deep-expression", {PY: COLLECTOR_PY + "x = " + "-" * 100_000 + "1\n"}, "SY102",
         message="too deeply nested"),
    Case("python-100000-lines", {PY: COLLECTOR_PY + "".join(f"value_{i} = {i}\n" for i in range(100_000))}, exit=0,
         seconds=90),
    Case("python-form-feed-and-separators",
         {PY: "\x0c\n# \u2028 \x85\n" + COLLECTOR_PY.replace("def main():", "def main(:")}, "SY102", at=(PY, 14, 10)),
    # --- JSON
    Case("json-deep-10000", {"pack_metadata.json": "[" * 10_000 + "]" * 10_000}, "SY103",
         message="nesting deeper than 500"),
    Case("json-deep-within-limits", {"pack_metadata.json": METADATA.replace(
        '"name": "Okta",', '"name": "Okta", "deep": ' + "[" * 498 + "]" * 498 + ",")}, exit=0),
    Case("json-deep-within-limits-enum", {"pack_metadata.json": METADATA.replace(
        '"marketplaces": ["xsoar", "marketplacev2"]', '"marketplaces": [' + "[" * 498 + "]" * 498 + "]")}, "SX101"),
    Case("json-metadata-list", {"pack_metadata.json": "[1, 2]"}, "SX101"),
    Case("json-metadata-null", {"pack_metadata.json": "null"}, "SX101"),
    Case("json-metadata-empty", {"pack_metadata.json": ""}, "SY103"),
    Case("json-metadata-wrong-types",
         {"pack_metadata.json": '{"name": 5, "marketplaces": 7, "categories": {}, "support": null}'}, "SX101"),
    Case("json-huge-number", {"pack_metadata.json": METADATA.replace('"name": "Okta",', '"name": "Okta", "n": '
                                                                     + "9" * 5000 + ",")}, exit=0),
    Case("json-cr-line-endings-position", {"pack_metadata.json": CRLF_META}, "SY103", at=("pack_metadata.json", 4, 22)),
    Case("json-other-file-binary", {"Layouts/layout.json": b"\x00\x01"}, "SY104"),
    # --- the file system
    Case("dir-named-yml-in-integration-folder", setup=_dir_named_yml, exit=0),
    Case("symlink-loop", setup=_symlink_loop, code="SY104", at=(f"{FOLDER}/Loop.yml", 1, 1),
         message="broken symbolic link"),
    Case("dangling-symlink", setup=_dangling, code="SY104", message="broken symbolic link"),
    Case("pack-without-metadata", {"pack_metadata.json": None}, "PK100"),
    Case("path-with-spaces-and-non-ascii", setup=_spaces, exit=0),
    Case("path-does-not-exist", bad_path="Packs/Missing", exit=2),
    Case("file-names-not-utf8", setup=_undecodable_names, code="SY105",
         at=("Integrations/Caf\\xe9/Caf\\xe9.yml", 1, 1)),
    Case("json-lone-surrogate-escapes", {"pack_metadata.json": METADATA.replace(
        '"xsoar", "marketplacev2"', '"\\ud800", "marketplacev2"').replace('"Okta",', '"Okta", "\\udfff": "\\udc80",')},
         "SX101", message="'\\ud800' is not one of"),
]
if hasattr(os, "mkfifo"):
    CASES.append(Case("fifo-behind-symlink", setup=_fifo, code="SY104", message="not a regular file", seconds=10))
    CASES.append(Case("pack-ignore-fifo", setup=_pack_ignore_fifo, exit=0, seconds=10))
if os.path.exists("/dev/zero"):
    CASES.append(Case("pack-ignore-endless-device", setup=_pack_ignore_endless, exit=0, seconds=10))


def _good_pack(base: Path) -> None:
    write_pack(base, collector(yml=GOOD_YML), name="Good")


def _bad_pack(base: Path, case: Case) -> Path:
    files = {**collector(), **case.files}
    root = write_pack(base, {k: v for k, v in files.items() if v is not None}, name="Bad")
    if case.setup:
        case.setup(root)
    return root


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "validator", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=180, encoding="utf-8", errors="replace")


def as_findings(items: list[dict], base: Path) -> list[SimpleNamespace]:
    return [SimpleNamespace(**{**item, "path": str(base / item["path"])}) for item in items]


def check_case_output(case: Case, result: subprocess.CompletedProcess[str], base: Path) -> list[dict]:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    assert len(result.stderr.splitlines()) <= 1, result.stderr
    assert result.returncode == case.exit, (result.returncode, output[-3000:])
    if case.exit == 2:
        assert result.stdout == ""
        assert result.stderr.startswith("validate: error: "), result.stderr
        return []
    findings = json.loads(result.stdout)
    check_positions(as_findings(findings, base))
    assert not [f for f in findings if f["code"] == "SY900"], findings
    good = [f for f in findings if f["path"].startswith("Packs/Good/")]
    assert [f["code"] for f in good] == ["EC107"], good
    bad = [f for f in findings if not f["path"].startswith("Packs/Good/")]
    if case.code:
        hits = [f for f in bad if f["code"] == case.code]
        assert hits, bad
        if case.at:
            file, line, column = case.at
            where = [(f["path"], f["line"], f["column"]) for f in hits]
            assert (f"Packs/Bad/{file}", line, column) in where, where
        if case.message:
            assert any(case.message in f["message"] for f in hits), hits
    elif case.exit == 0:
        assert all(f["severity"] != "error" for f in bad), bad
    return findings


@pytest.fixture(scope="module")
def cli_runs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Run the selected cases' CLI subprocesses side by side (one per core), once per module."""
    selected = [item.callspec.params["case"] for item in request.session.items
                if getattr(item, "originalname", "") == "test_bad_input" and hasattr(item, "callspec")]

    def one(case: Case) -> tuple[Path, subprocess.CompletedProcess[str], float]:
        base = tmp_path_factory.mktemp(case.id)
        _good_pack(base)
        _bad_pack(base, case)
        started = time.monotonic()
        result = run_cli(case.bad_path, "Packs/Good", "--output-format", "json", cwd=base)
        return base, result, time.monotonic() - started

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(zip([c.id for c in selected], pool.map(one, selected)))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, cli_runs: dict):
    base, result, elapsed = cli_runs[case.id]
    check_case_output(case, result, base)
    assert elapsed < case.seconds, f"took {elapsed:.1f}s"


def test_catalog_is_large_enough():
    assert len(CASES) >= 30
    assert len({c.id for c in CASES}) == len(CASES)


def test_path_does_not_exist_is_one_line(tmp_path: Path):
    result = run_cli("no/such/dir", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "validate: error: path does not exist: no/such/dir\n"


def test_deeply_nested_configuration_is_a_one_line_error(tmp_path: Path):
    _good_pack(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.validate]\nselect = " + "[" * 5000 + "]" * 5000 + "\n")
    result = run_cli("Packs/Good", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "validate: error: pyproject.toml: invalid TOML: nested too deeply\n"


def test_alias_bomb_memory_and_time_are_bounded():
    from validator.yamlread import YamlError, read_yaml

    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(YamlError, match="alias expansion exceeds 200000 nodes"):
            read_yaml(bomb(12))
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert time.monotonic() - started < 2
    assert peak < 64 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"


def test_aliases_within_limits_read_normally():
    from validator.yamlread import read_yaml

    doc = read_yaml("a: &x {k: [1, 2]}\nb: *x\nc: [*x, *x]\n")
    root = doc.root
    assert root.get("b") is root.get("a")
    assert [item.get("k").items[1].value for item in root.get("c").items] == [2, 2]


def test_huge_file_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Over the limit, SY104 comes from the size alone: the file is never opened."""
    from validator.api import run

    root = _bad_pack(tmp_path, Case("huge", setup=_huge))
    opened: list[str] = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        opened.append(os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    started = time.monotonic()
    result = run([str(root)])
    assert time.monotonic() - started < 2
    assert str(root / YML) not in opened
    assert [f.code for f in result.findings if f.path.endswith(YML)] == ["SY104"]


def test_max_file_size_option_is_applied(tmp_path: Path):
    from validator.api import run

    root = _bad_pack(tmp_path, Case("small-limit"))
    result = run([str(root)], rule_options={"SY104": {"max-file-size": 100}})
    messages = {Path(f.path).name: f.message for f in result.findings if f.code == "SY104"}
    assert "over the 100-byte limit" in messages["OktaEventCollector.yml"]


# --- unreadable files and folders --------------------------------------------------------------

def _deny(monkeypatch: pytest.MonkeyPatch, denied: set[Path]) -> None:
    """Make reading ``denied`` fail with EACCES the way a chmod 000 does for a normal user."""
    def error(path: object) -> PermissionError:
        return PermissionError(13, "Permission denied", os.fspath(path))  # type: ignore[arg-type]

    def hit(path: object) -> bool:
        return isinstance(path, (str, os.PathLike)) and Path(os.path.abspath(os.fspath(path))) in denied

    real_open, real_scandir, real_iterdir = builtins.open, os.scandir, pathlib.Path.iterdir

    def fake_open(file, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        if hit(file):
            raise error(file)
        return real_open(file, *args, **kwargs)

    def fake_scandir(path="."):  # noqa: ANN001
        if hit(path):
            raise error(path)
        return real_scandir(path)

    def fake_iterdir(self):  # noqa: ANN001
        if hit(self):
            raise error(self)
        return real_iterdir(self)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(os, "scandir", fake_scandir)
    monkeypatch.setattr(pathlib.Path, "iterdir", fake_iterdir)


def _unreadable_pack(base: Path) -> tuple[Path, Path, Path]:
    root = _bad_pack(base, Case("unreadable", {"Integrations/Locked/Locked.yml": COLLECTOR_YML,
                                               "Layouts/Hidden/layout.json": "{}"}))
    return root / PY, root / "Integrations" / "Locked", root / "Layouts" / "Hidden"


def _check_unreadable(findings: list, base: Path) -> None:
    def rel(f) -> str:  # noqa: ANN001
        return Path(f.path).resolve().relative_to(base.resolve()).as_posix()

    sy104 = sorted((rel(f), f.message) for f in findings if f.code == "SY104")
    assert sy104 == [
        ("Packs/Bad/Integrations/Locked", "cannot read file: Permission denied"),
        (f"Packs/Bad/{PY}", "cannot read file: Permission denied"),
        ("Packs/Bad/Layouts/Hidden", "cannot read file: Permission denied"),
    ]
    assert all((f.line, f.column) == (1, 1) for f in findings if f.code == "SY104")
    assert [f.code for f in findings if rel(f).startswith("Packs/Good/")] == ["EC107"]
    assert not [f for f in findings if f.code == "SY900"]


@pytest.mark.skipif(ROOT, reason="root reads chmod 000 files; see the simulated test")
def test_unreadable_file_and_folders_real_permissions(tmp_path: Path):
    _good_pack(tmp_path)
    paths = _unreadable_pack(tmp_path)
    for path in paths:
        path.chmod(0)
    try:
        assert not any(os.access(p, os.R_OK) for p in paths)
        result = run_cli("Packs/Bad", "Packs/Good", "--output-format", "json", cwd=tmp_path)
    finally:
        for path in paths:
            path.chmod(0o755)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    _check_unreadable(as_findings(json.loads(result.stdout), tmp_path), tmp_path)


def test_unreadable_file_and_folders_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The CLI in-process (with its result cache, twice: a miss, then a hit) and the API."""
    from click.testing import CliRunner

    from validator.api import run
    from validator.cli import main

    _good_pack(tmp_path)
    paths = _unreadable_pack(tmp_path)
    _deny(monkeypatch, set(paths))
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        result = CliRunner().invoke(main, ["Packs/Bad", "Packs/Good", "--output-format", "json", "--isolated"])
        assert result.exit_code == 1, result.output
        _check_unreadable(as_findings(json.loads(result.stdout), tmp_path), tmp_path)
    _check_unreadable(run(["Packs/Bad", "Packs/Good"]).findings, tmp_path)


def test_unreadable_directory_given_on_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from validator.api import UsageError, run

    root = _bad_pack(tmp_path, Case("given"))
    _deny(monkeypatch, {root})
    with pytest.raises(UsageError, match="cannot read .*Permission denied"):
        run([str(root)])


def test_verbose_shows_the_traceback_of_an_internal_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from click.testing import CliRunner

    import validator.api
    from validator.cli import main

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(validator.api, "run", broken)
    _bad_pack(tmp_path, Case("any"))
    monkeypatch.chdir(tmp_path)
    quiet = CliRunner().invoke(main, ["Packs/Bad"])
    assert quiet.exit_code == 2
    assert quiet.output == "validate: error: internal error: RuntimeError: boom\n"
    loud = CliRunner().invoke(main, ["Packs/Bad", "--verbose"])
    assert loud.exit_code == 2
    assert "Traceback (most recent call last)" in loud.output and "RuntimeError: boom" in loud.output


def test_sample_packs_still_checked_next_to_a_broken_one(tmp_path: Path):
    """A bad pack next to the real sample packs: their expected findings are all still reported."""
    shutil.copytree(REPO / "sample_packs" / "invalid" / "CollectorMistakes", tmp_path / "Packs" / "CollectorMistakes")
    _bad_pack(tmp_path, Case("broken", {YML: b"\x00", PY: "def (:", "pack_metadata.json": "[" * 100_000}))
    result = run_cli("Packs", "--output-format", "json", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    findings = json.loads(result.stdout)
    expected = json.loads((tmp_path / "Packs" / "CollectorMistakes" / "expected.json").read_text())
    got = {(f["code"], f["path"], f["line"]) for f in findings}
    for item in expected:
        assert (item["code"], f"Packs/CollectorMistakes/{item['file']}", item["line"]) in got
    assert {f["code"] for f in findings if f["path"].startswith("Packs/Bad/")} >= {"SY104", "SY103"}
