"""Safety (GitHub issue 10): no code is imported or executed, YAML is loaded safely, and a
failing rule becomes an SY900 finding while the run goes on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import write_pack
from validator.rules._fixtures import COLLECTOR_PY, COLLECTOR_YML, collector

FOLDER = "Integrations/OktaEventCollector/"
YML = FOLDER + "OktaEventCollector.yml"


def _payload(marker: Path) -> str:
    """Python that leaves ``marker`` behind however it is run: imported, executed or exec'd."""
    return (f"import os\nopen({str(marker)!r}, 'w').write('imported')\n"
            f"os.system('touch ' + {str(marker) + '.system'!r})\n")


def _evil_packs(base: Path) -> list[Path]:
    """Every place a careless tool might import or run: the code file, unified code, test helpers."""
    markers = [base / "markers" / name for name in
               ("code", "unified", "conftest", "demistomock", "csp", "test", "tagged", "sitecustomize", "init")]
    markers[0].parent.mkdir()
    code = _payload(markers[0]) + COLLECTOR_PY
    tagged = (f"x: !!python/object/apply:os.system ['touch {markers[6]}']\n"
              f"y: !!python/object/apply:builtins.exec [\"open('{markers[6]}', 'w')\"]\n"
              f"z: !!python/object/new:subprocess.Popen [['touch', '{markers[6]}']]\n"
              "n: !!python/name:os.system\nm: !!python/module:os\n")
    write_pack(base, collector(py=code, yml=COLLECTOR_YML + tagged, extra={
        FOLDER + "conftest.py": _payload(markers[2]),
        FOLDER + "demistomock.py": _payload(markers[3]),
        FOLDER + "CommonServerPython.py": _payload(markers[4]),
        FOLDER + "OktaEventCollector_test.py": _payload(markers[5]),
        FOLDER + "sitecustomize.py": _payload(markers[7]),
        FOLDER + "__init__.py": _payload(markers[8]),
        "conftest.py": _payload(markers[2]),
    }), name="Evil")
    unified = COLLECTOR_YML.replace("script: '-'", "script: |\n" + "".join(
        f"    {line}\n" for line in (_payload(markers[1]) + COLLECTOR_PY).splitlines()))
    write_pack(base, collector(yml=unified, py=None), name="EvilUnified")
    return markers


def test_no_code_is_imported_or_executed_cli(tmp_path: Path):
    markers = _evil_packs(tmp_path)
    for args in (["Packs"], ["Packs", "--verbose"], [f"Packs/Evil/{FOLDER}OktaEventCollector.py"],
                 [f"Packs/Evil/{FOLDER}conftest.py", f"Packs/Evil/{FOLDER}demistomock.py"]):
        result = subprocess.run([sys.executable, "-m", "validator", *args, "--output-format", "json"],
                                cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stderr
        json.loads(result.stdout)
    leftovers = [m.name for m in markers if m.exists() or Path(str(m) + ".system").exists()]
    assert not leftovers, f"code was executed: {leftovers}"


def test_no_code_is_imported_or_executed_api(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from validator.api import run

    markers = _evil_packs(tmp_path)
    monkeypatch.chdir(tmp_path)
    modules = set(sys.modules)
    result = run(["Packs"])
    assert not [f for f in result.findings if f.code in ("SY900", "SY102")]
    assert not [m.name for m in markers if m.exists() or Path(str(m) + ".system").exists()]
    assert not {"OktaEventCollector", "conftest", "demistomock", "CommonServerPython"} & (set(sys.modules) - modules)


def test_custom_tags_construct_nothing(tmp_path: Path):
    from validator.tree import Map, Scalar, Seq
    from validator.yamlread import read_yaml

    marker = tmp_path / "marker"
    root = read_yaml(
        f"a: !!python/object/apply:os.system ['touch {marker}']\n"
        "b: !foo bar\n"
        "c: !foo {k: v}\n"
        "d: !!python/name:os.system\n"
        "e: !!binary aGVsbG8=\n"
        "f: !!timestamp 2001-12-14\n"
        "g: !!set {x, y}\n"
        "h: !<tag:example.com,2000:app/foo> 7\n"
        "i: !!int 12\n"
        "j: !!str 12\n"
    ).root
    assert isinstance(root, Map)
    a = root.get("a")
    assert isinstance(a, Seq) and [i.value for i in a.items] == [f"touch {marker}"]
    assert isinstance(root.get("b"), Scalar) and root.value("b") == "bar"
    assert isinstance(root.get("c"), Map) and root.get("c").value("k") == "v"
    assert root.value("d") == "" and root.value("e") == "aGVsbG8=" and root.value("f") == "2001-12-14"
    assert isinstance(root.get("g"), Map) and root.get("g").keys() == ["x", "y"]
    assert root.value("h") == "7" and root.value("i") == 12 and root.value("j") == "12"
    assert not marker.exists()


def test_tagged_integration_is_checked_as_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Tags on real keys: the values are read as text/collections and the rules still run."""
    from validator.api import run

    marker = tmp_path / "marker"
    yml = COLLECTOR_YML.replace("name: Okta Event Collector",
                                f"name: !!python/object/apply:os.system ['touch {marker}']")
    yml = yml.replace("display: Okta Event Collector", "display: !foo Okta Event Collector")
    root = write_pack(tmp_path, collector(yml=yml))
    result = run([str(root)])
    assert not marker.exists()
    messages = [f.message for f in result.findings if f.code == "SX100"]
    assert any(m.startswith("name: expected string, got array") for m in messages), messages
    assert not [f for f in result.findings if f.code.startswith("SY")]


# --- a rule that raises ------------------------------------------------------------------------

def _failing_rule():
    from validator.finding import Severity
    from validator.rule import Rule

    def check(ctx):  # noqa: ANN001, ANN202
        if False:  # a generator, like every rule
            yield
        raise RuntimeError(f"deliberate failure on {ctx.integration.folder.name}\nsecond line")

    return Rule(code="XX999", name="always-fails", summary="raises on every integration",
                severity=Severity.ERROR, targets="integration", check=check,
                doc="What it does:\n    Raises.", module=__name__, examples=())


@pytest.fixture
def failing_rule(monkeypatch: pytest.MonkeyPatch):
    from validator import registry

    real = registry.all_rules()
    rule = _failing_rule()
    rules = {**real, rule.code: rule}
    monkeypatch.setattr(registry, "all_rules", lambda: rules)
    return rule


def _two_packs(base: Path) -> None:
    no_limit = COLLECTOR_YML.replace(
        "    arguments:\n    - name: limit\n      description: Maximum number of events to return.\n", "")
    write_pack(base, collector(yml=no_limit), name="Okta")  # EC107 (info)
    write_pack(base, collector(yml=COLLECTOR_YML.replace("fromversion: 6.8.0", "fromversion: 6.0.0")),
               name="Old")  # EC102 (error)


def test_failing_rule_becomes_sy900_and_the_run_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        failing_rule):
    from validator.api import run

    _two_packs(tmp_path)
    monkeypatch.chdir(tmp_path)
    findings = run(["Packs"]).findings
    failed = [f for f in findings if f.code == "SY900"]
    assert [(f.path, f.line, f.column, f.severity.value) for f in failed] == [
        (f"Packs/{name}/{YML}", 1, 1, "error") for name in ("Okta", "Old")]
    assert failed[0].message == "rule XX999 failed: RuntimeError: deliberate failure on OktaEventCollector"
    codes = {(f.path.split("/")[1], f.code) for f in findings}
    assert {("Okta", "EC107"), ("Old", "EC102")} <= codes  # the other rules still ran on both packs


def test_failing_rule_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing_rule):
    from click.testing import CliRunner

    from validator.cli import main

    write_pack(tmp_path, collector(yml=COLLECTOR_YML.replace(
        "    arguments:\n    - name: limit\n      description: Maximum number of events to return.\n", "")))
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["Packs", "--output-format", "json", "--isolated"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert [d["message"] for d in data if d["code"] == "SY900"] == [
        "rule XX999 failed: RuntimeError: deliberate failure on OktaEventCollector"]
    assert "EC107" in {d["code"] for d in data}
    assert "Traceback" not in result.output
    # --exit-zero turns the 1 into 0; --verbose shows the rule's traceback (on stderr)
    assert runner.invoke(main, ["Packs", "--exit-zero", "--isolated", "-q"]).exit_code == 0
    verbose = runner.invoke(main, ["Packs", "--verbose", "--isolated", "--output-format", "concise"])
    assert verbose.exit_code == 1
    assert "Traceback (most recent call last)" in verbose.output
    assert "RuntimeError: deliberate failure" in verbose.output
    # every output format renders the finding of a rule the registry never validated
    for fmt in ("full", "concise", "github", "sarif", "junit", "gitlab"):
        out = runner.invoke(main, ["Packs", "--output-format", fmt, "--isolated"])
        assert out.exit_code == 1 and "XX999" in out.output, (fmt, out.output)
