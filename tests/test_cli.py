"""The command line contract: formats, selection, exit codes, output file, start-up cost."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.test_sample_packs import run_cli

COLLECTOR = "sample_packs/invalid/CollectorMistakes"
JSON_KEYS = {"code", "name", "severity", "message", "path", "line", "column", "end_line", "end_column", "fix", "url"}


def findings(*args: str) -> list[dict]:
    result = run_cli(*args, "--output-format", "json")
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_json_objects_have_exactly_the_documented_keys():
    data = findings(COLLECTOR)
    assert data and all(set(item) == JSON_KEYS for item in data)
    fixable = [i for i in data if i["fix"]]
    assert fixable and all(set(i["fix"]) == {"applicability", "message"} for i in fixable)


def test_findings_are_sorted_by_path_line_column_code():
    data = findings("sample_packs/invalid")
    keys = [(i["path"], i["line"], i["column"], i["code"]) for i in data]
    assert keys == sorted(keys)


@pytest.mark.parametrize(("selector", "expected"), [
    ("EC", {"EC100", "EC101", "EC102", "EC103", "EC104", "EC105", "EC106", "EC107"}),
    ("EC10", {"EC100", "EC101", "EC102", "EC103", "EC104", "EC105", "EC106", "EC107"}),
    ("EC100", {"EC100"}),
    ("EC100,SX", {"EC100", "SX100"}),
])
def test_select_by_code_or_prefix(selector, expected):
    assert {i["code"] for i in findings(COLLECTOR, "--select", selector)} == expected


def test_ignore_and_extend_select():
    codes = {i["code"] for i in findings(COLLECTOR, "--ignore", "EC1")}
    assert codes == {"SX100"}
    codes = {i["code"] for i in findings(COLLECTOR, "--select", "SX", "--extend-select", "EC104")}
    assert codes == {"SX100", "EC104"}


def test_ignoring_an_always_on_rule_warns_and_keeps_it():
    result = run_cli("sample_packs/invalid/BrokenFiles", "--ignore", "SY100", "--output-format", "json")
    assert "SY100 is always reported" in result.stderr
    assert "SY100" in {i["code"] for i in json.loads(result.stdout)}


@pytest.mark.parametrize(("args", "code"), [
    (["sample_packs/valid"], 0),
    ([COLLECTOR], 1),
    ([COLLECTOR, "--exit-zero"], 0),
    ([COLLECTOR, "--select", "EC107"], 0),  # info is below the default --fail-on error
    ([COLLECTOR, "--select", "EC107", "--fail-on", "info"], 1),
    ([COLLECTOR, "--select", "EC105", "--fail-on", "warning"], 1),
    (["does/not/exist"], 2),
    ([COLLECTOR, "--select", "XX999"], 2),
    ([COLLECTOR, "--explain", "ZZ100"], 2),
])
def test_exit_codes(args, code):
    result = run_cli(*args)
    assert result.returncode == code, result.stdout + result.stderr
    if code == 2:
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_full_format_shows_source_line_and_caret():
    out = run_cli(COLLECTOR, "--select", "EC102").stdout
    assert "OktaCollector.yml:25:14: EC102 [error] fromversion '6.2.0' is lower than 6.8.0" in out
    assert "   25 | fromversion: 6.2.0" in out
    assert "             ^^^^^" in out
    assert "help: raise fromversion to 6.8.0 (unsafe)" in out
    assert "Found 1 finding (1 error; 1 fixable) in 6 files in 1 pack" in out


def test_concise_format_is_one_line_per_finding():
    out = run_cli(COLLECTOR, "--select", "EC100", "--output-format", "concise", "-q").stdout
    assert len(out.splitlines()) == 3 and all(": EC100 [error] " in ln for ln in out.splitlines())


def test_statistics_counts_per_code():
    out = run_cli(COLLECTOR, "--statistics").stdout
    assert "    3  EC100  collector-name-suffix" in out


def test_output_file(tmp_path):
    target = tmp_path / "report.json"
    result = run_cli(COLLECTOR, "--output-format", "json", "-o", str(target))
    assert result.returncode == 1 and result.stdout == ""
    assert len(json.loads(target.read_text())) == 11


def test_version_and_help():
    from validator import __version__

    assert run_cli("--version").stdout.strip() == f"validate {__version__}"
    help_text = run_cli("--help").stdout
    assert "Examples:" in help_text and "--output-format" in help_text


def test_list_rules_and_explain():
    listed = run_cli("--list-rules").stdout
    assert "EC102  collector-fromversion" in listed
    explained = run_cli("--explain", "ec102").stdout
    assert explained.startswith("EC102 collector-fromversion")
    assert "min-fromversion (string, default '6.8.0')" in explained and "Why is this bad?" in explained


def test_single_file_is_grouped_into_its_pack():
    data = findings(f"{COLLECTOR}/Integrations/OktaCollector/OktaCollector.yml")
    assert data and {i["path"].rsplit("/", 1)[-1] for i in data} == {"OktaCollector.yml"}


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_start_up_imports_nothing_heavy(flag):
    code = ("import sys; from validator.cli import main\n"
            f"try:\n    main([{flag!r}])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('jsonschema', 'libcst', 'ruamel.yaml') if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert "HEAVY []" in out


def test_python_api():
    import validator

    found = validator.validate(["sample_packs/invalid/CollectorMistakes"], select=["EC102"])
    assert [(f.code, f.line, f.column) for f in found] == [("EC102", 25, 14)]
    with pytest.raises(Exception, match="unknown rule code"):
        validator.validate(["sample_packs/valid"], select=["QQ1"])
