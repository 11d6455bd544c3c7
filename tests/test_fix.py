"""``--fix``, ``--unsafe-fixes`` and ``--diff`` (validator/fix.py, DESIGN.md section 8)."""

from __future__ import annotations

import ast
import difflib
import errno
import json
import os
import shutil
import stat
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import REPO, write_pack
from validator import fix as fixmod
from validator import fixops as ops
from validator.api import RunResult, run
from validator.cli import main
from validator.finding import Edit, Finding, Fix, Severity
from validator.fix import FixError, YamlSession, apply_fixes, apply_python_op, json_append, sequence_style
from validator.rules._fixtures import COLLECTOR_YML, COLLECTOR_YML_PATH, METADATA, collector

SAMPLE_YAMLS = sorted(p for p in (REPO / "sample_packs").rglob("*") if p.suffix in (".yml", ".yaml"))


def yaml_fix(text: str, *operations: tuple) -> str:
    session = YamlSession(text)
    for op in operations:
        session.apply(op)
    return session.dump()


def cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# --- round-trip identity ------------------------------------------------------------------


@pytest.mark.parametrize("path", SAMPLE_YAMLS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_round_trip_is_byte_identical_on_sample_yaml(path):
    from ruamel.yaml import YAML

    try:
        text = path.read_bytes().decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")
        YAML(typ="rt").load(text)
    except Exception as exc:  # noqa: BLE001 - the file does not parse: nothing to round-trip
        pytest.skip(f"does not parse: {type(exc).__name__}")
    assert YamlSession(text).dump() == text


def test_round_trip_of_both_sequence_styles_and_document_start():
    flush = "a:\n- x  # c\n- y\nb:\n- name: z\n  list:\n  - 1\n"
    indented = "a:\n  - x  # c\n  - y\nb:\n  - name: z\n    list:\n      - 1\n"
    assert sequence_style(flush) == "flush" and sequence_style(indented) == "indented"
    for text in (flush, indented, "---\na: 1\n", "a: 1"):
        assert YamlSession(text).dump() == text


@pytest.mark.parametrize("text", ["a:   1\n", "a: ~\n", "a: True\n", "a:\n- x\nb:\n  - y\n"],
                         ids=["extra-spaces", "tilde-null", "capital-bool", "mixed-indentation"])
def test_a_round_trip_that_is_not_identical_is_refused(text):
    with pytest.raises(FixError, match="not byte-identical"):
        YamlSession(text)


# --- YAML operations ------------------------------------------------------------------------


BASE = """\
# leading comment
commonfields:
  id: Okta  # the id
  version: -1
description: "Collects events."
configuration:
- display: Server URL
  name: url
  type: 0
script:
  type: python  # language
  commands:
  - name: okta-get-events
    description: Gets events.
  # about the next command
  - name: fetch-incidents
    description: Fetches incidents.

# the marketplaces
marketplaces:
- 'xsoar'  # first
fromversion: '6.5.0'
"""


def test_set_keeps_comments_quotes_and_key_order():
    out = yaml_fix(BASE, ops.yaml_set(("fromversion",), "6.8.0"), ops.yaml_set(("commonfields", "id"), "Okta EC"))
    assert out == BASE.replace("'6.5.0'", "'6.8.0'").replace("id: Okta  #", "id: Okta EC  #")


def test_set_missing_key_is_appended_before_the_comments_that_follow():
    out = yaml_fix(BASE, ops.yaml_set(("script", "isfetchevents"), True))
    assert out == BASE.replace("    description: Fetches incidents.\n",
                               "    description: Fetches incidents.\n  isfetchevents: true\n")


def test_set_false_to_true():
    text = "script:\n  isfetchevents: false  # off\n  type: python\n"
    assert yaml_fix(text, ops.yaml_set(("script", "isfetchevents"), True)) == text.replace("false", "true")


def test_insert_after_a_key_and_last():
    out = yaml_fix(BASE, ops.yaml_insert((), "tests", ["No tests"], "description"))
    assert out == BASE.replace('"Collects events."\n', '"Collects events."\ntests:\n- No tests\n')
    out = yaml_fix(BASE, ops.yaml_insert((), "deprecated", False, "nonexistent"))
    assert out == BASE + "deprecated: false\n"
    out = yaml_fix(BASE, ops.yaml_insert((), "fromversion", "6.8.0", "marketplaces"))  # exists: set
    assert out == BASE.replace("'6.5.0'", "'6.8.0'")


def test_insert_into_a_sequence_item():
    out = yaml_fix(BASE, ops.yaml_insert(("configuration", 0), "defaultvalue", "50"))
    assert out == BASE.replace("  type: 0\n", "  type: 0\n  defaultvalue: '50'\n")


def test_append_to_block_list_keeps_quote_style_and_comments():
    out = yaml_fix(BASE, ops.yaml_append(("marketplaces",), "marketplacev2"))
    assert out == BASE.replace("- 'xsoar'  # first\n", "- 'xsoar'  # first\n- 'marketplacev2'\n")


def test_append_in_the_indented_sequence_style():
    text = "marketplaces:\n  - xsoar\n\n# next\nscript:\n  commands:\n    - name: a\n"
    out = yaml_fix(text, ops.yaml_append(("marketplaces",), "marketplacev2"),
                   ops.yaml_append(("script", "commands"), {"name": "b", "description": "B"}))
    assert out == ("marketplaces:\n  - xsoar\n  - marketplacev2\n\n# next\nscript:\n  commands:\n    - name: a\n"
                   "    - name: b\n      description: B\n")


def test_append_to_flow_lists_and_lists_of_flow_mappings():
    text = "marketplaces: [xsoar]\nconfiguration:\n- {name: url, type: 0}\nscript: {isfetch: true}\n"
    out = yaml_fix(text, ops.yaml_append(("marketplaces",), "marketplacev2"),
                   ops.yaml_append(("configuration",), {"name": "isFetch", "type": 8, "required": False}),
                   ops.yaml_set(("script", "isfetchevents"), True))
    assert out == ("marketplaces: [xsoar, marketplacev2]\nconfiguration:\n- {name: url, type: 0}\n"
                   "- {name: isFetch, type: 8, required: false}\nscript: {isfetch: true, isfetchevents: true}\n")


def test_append_block_mapping_and_missing_list():
    out = yaml_fix(BASE, ops.yaml_append(("configuration",), {"display": "Fetch incidents", "name": "isFetch",
                                                               "type": 8, "required": False}),
                   ops.yaml_append(("tests",), "No tests"))
    assert out == BASE.replace("  type: 0\n", "  type: 0\n- display: Fetch incidents\n  name: isFetch\n"
                                              "  type: 8\n  required: false\n") + "tests:\n- No tests\n"


def test_remove_items_and_keys():
    out = yaml_fix(BASE, ops.yaml_remove(("script", "commands", 1)))
    assert out == BASE.replace("  - name: fetch-incidents\n    description: Fetches incidents.\n", "")
    out = yaml_fix(BASE, ops.yaml_remove(("script", "commands", 0)))
    assert out == BASE.replace("  - name: okta-get-events\n    description: Gets events.\n", "")
    out = yaml_fix(BASE, ops.yaml_remove(("description",)))
    assert out == BASE.replace('description: "Collects events."\n', "")
    only = "script:\n  commands:\n  - name: fetch-incidents\nx: 1\n"
    assert yaml_fix(only, ops.yaml_remove(("script", "commands", 0))) == "script:\n  commands: []\nx: 1\n"


def test_long_lines_are_not_folded():
    text = "description: " + " ".join(["word"] * 200) + "\nscript:\n  type: python\n"
    assert yaml_fix(text, ops.yaml_set(("script", "isfetchevents"), True)) == text + "  isfetchevents: true\n"


def test_a_missing_path_fails_without_changing_anything():
    session = YamlSession(BASE)
    with pytest.raises(FixError):
        session.apply(ops.yaml_set(("nope", "x"), 1))
    assert session.dump() == BASE


# --- JSON and Python operations ---------------------------------------------------------------


@pytest.mark.parametrize(("before", "after"), [
    ('{"marketplaces": ["xsoar"]}\n', '{"marketplaces": ["xsoar", "marketplacev2"]}\n'),
    ('{"marketplaces":["xsoar","xpanse"]}', '{"marketplaces":["xsoar","xpanse","marketplacev2"]}'),
    ('{\n  "marketplaces": [\n    "xsoar"\n  ],\n  "a": 1\n}\n',
     '{\n  "marketplaces": [\n    "xsoar",\n    "marketplacev2"\n  ],\n  "a": 1\n}\n'),
    ('{"marketplaces": []}', '{"marketplaces": ["marketplacev2"]}'),
    ('{\n  "name": "x"\n}\n', '{\n  "name": "x",\n  "marketplaces": ["marketplacev2"]\n}\n'),
], ids=["one-line", "no-spaces", "multi-line", "empty", "missing-key"])
def test_json_append_keeps_the_layout(before, after):
    assert json_append(before, ("marketplaces",), "marketplacev2") == after


def _span(code: str, predicate) -> tuple[int, int, int, int]:
    lines = code.splitlines()

    def col(line: int, offset: int) -> int:
        return len(lines[line - 1].encode()[:offset].decode())

    node = next(n for n in ast.walk(ast.parse(code)) if predicate(n))
    return node.lineno, col(node.lineno, node.col_offset), node.end_lineno, col(node.end_lineno, node.end_col_offset)


def _call(name: str):
    return lambda n: isinstance(n, ast.Call) and getattr(n.func, "id", None) == name


@pytest.mark.parametrize(("code", "keyword", "index", "expected"), [
    ("send(events, vendor=V, product=P,\n     data_format='json')  # send\n", "data_format", None,
     "send(events, vendor=V, product=P)  # send\n"),
    ("send(events, V, P, 'json')\n", "data_format", 3, "send(events, V, P)\n"),
    ("send(data_format='x',\n     events=e)\n", "data_format", None, "send(events=e)\n"),
    ("send(e, v,  # vendor\n     data_format='x')\n", "data_format", None, "send(e, v  # vendor\n)\n"),
    ("send((e), (x))\n", None, 1, "send((e))\n"),
    ("send(x,)\n", None, 0, "send()\n"),
], ids=["keyword-last", "positional", "keyword-first", "comment-kept", "parenthesised", "only-argument"])
def test_py_remove_arg(code, keyword, index, expected):
    assert apply_python_op(code, ops.py_remove_argument(_span(code, _call("send")), keyword, index)) == expected


def test_py_wrap_counts_characters_not_bytes():
    code = "incident = {'name': 'café', 'dbotMirrorId': int(e['id'])}\n"
    out = apply_python_op(code, ops.py_wrap(_span(code, _call("int")), "str"))
    assert out == "incident = {'name': 'café', 'dbotMirrorId': str(int(e['id']))}\n"


def test_py_op_on_a_missing_node_fails():
    with pytest.raises(FixError):
        apply_python_op("x = 1\n", ops.py_wrap((1, 0, 1, 1), "str"))


# --- applying to files --------------------------------------------------------------------------

NO_MARKET = COLLECTOR_YML.replace("- marketplacev2", "- xsoar")


def _synthetic(result: RunResult, path: str, fix: Fix, code: str = "XX900", line: int = 1) -> RunResult:
    finding = Finding(code, "synthetic", Severity.ERROR, path, line, 1, None, None, "synthetic finding", fix)
    return replace(result, findings=[finding])


def _fix_run(root: Path, unsafe: bool = True, **kwargs):
    def analyse(targets):
        return run(targets, select=["EC", "FI", "PK"])
    return apply_fixes(analyse([str(root)]), analyse, [str(root)], unsafe=unsafe, **kwargs)


def test_crlf_and_bom_are_kept(in_tmp):
    text = "\ufeff" + NO_MARKET.replace("\n", "\r\n")
    root = write_pack(in_tmp, collector(yml=None, extra={COLLECTOR_YML_PATH: text.encode("utf-8")}))
    report = _fix_run(root)
    data = (root / COLLECTOR_YML_PATH).read_bytes()
    assert report.fixed == 1
    assert data == ("\ufeff" + COLLECTOR_YML.replace("\n", "\r\n")).replace(
        "- marketplacev2", "- xsoar\r\n- marketplacev2").encode("utf-8")


def test_file_mode_is_kept_and_no_temporary_file_is_left(in_tmp):
    root = write_pack(in_tmp, collector(yml=NO_MARKET))
    yml = root / COLLECTOR_YML_PATH
    os.chmod(yml, 0o640)
    assert _fix_run(root).fixed == 1
    assert stat.S_IMODE(yml.stat().st_mode) == 0o640
    assert sorted(p.name for p in yml.parent.iterdir()) == ["OktaEventCollector.py", "OktaEventCollector.yml"]


def test_a_file_that_does_not_round_trip_is_reported_not_rewritten(in_tmp):
    yml_text = NO_MARKET.replace("name: Okta Event Collector", "name:    Okta Event Collector")
    root = write_pack(in_tmp, collector(yml=yml_text))
    result = cli("--fix", "--unsafe-fixes", "--select", "EC103", "--output-format", "concise", str(root))
    assert (root / COLLECTOR_YML_PATH).read_text() == yml_text
    assert "not byte-identical" in result.stderr and "not rewritten" in result.stderr
    assert "EC103 [error] marketplaces does not include 'marketplacev2' [*]" in result.stdout
    assert result.exit_code == 1


def test_files_with_reading_problems_are_never_fixed(in_tmp):
    duplicated = NO_MARKET.replace("category: Analytics & SIEM\n", "category: Analytics & SIEM\ncategory: x\n")
    root = write_pack(in_tmp, collector(yml=duplicated))
    report = _fix_run(root)
    assert report.fixed == 0 and (root / COLLECTOR_YML_PATH).read_text() == duplicated


def test_python_syntax_errors_block_only_fixes_to_the_code(in_tmp):
    root = write_pack(in_tmp, collector(yml=NO_MARKET, py="def broken(:\n"))
    yml, py = root / COLLECTOR_YML_PATH, root / COLLECTOR_YML_PATH.replace(".yml", ".py")
    report = _fix_run(root)
    assert report.fixed == 1 and "- marketplacev2" in yml.read_text()
    result = run([str(root)], select=["SY"])
    code_fix = Fix("safe", "wrap", ops=(ops.py_wrap((1, 0, 1, 3), "str"),))
    report = apply_fixes(_synthetic(result, py.relative_to(in_tmp).as_posix(), code_fix), lambda t: run(t), [str(root)])
    assert report.fixed == 0 and py.read_text() == "def broken(:\n"


def test_a_fix_that_would_break_the_file_is_refused(in_tmp):
    root = write_pack(in_tmp, collector())
    yml = root / COLLECTOR_YML_PATH
    path = yml.relative_to(in_tmp).as_posix()
    bad = Fix("safe", "break it", edits=(Edit(path, 0, 0, "key: [\n"),))
    notices: list[str] = []
    report = apply_fixes(_synthetic(run([str(root)]), path, bad), lambda t: run(t), [str(root)], notify=notices.append)
    assert report.fixed == 0 and yml.read_text() == COLLECTOR_YML
    assert len(notices) == 1 and "would break the YAML" in notices[0]


def test_text_edits_are_applied_last_first_and_overlaps_wait(in_tmp):
    root = write_pack(in_tmp, collector())
    yml = root / COLLECTOR_YML_PATH
    path = yml.relative_to(in_tmp).as_posix()
    start = COLLECTOR_YML.index("Okta Event Collector")
    one = Fix("safe", "rename", edits=(Edit(path, start, start + 4, "Acme"),))
    other = Fix("safe", "overlap", edits=(Edit(path, start + 2, start + 6, "xx"),))
    findings = [Finding("XX900", "synthetic", Severity.ERROR, path, 1, 1, None, None, "m", one),
                Finding("XX901", "synthetic", Severity.ERROR, path, 2, 1, None, None, "m", other)]
    result = replace(run([str(root)]), findings=findings)
    report = apply_fixes(result, lambda t: run(t, select=["EC100"]), [str(root)], write=False)
    assert report.fixed == 1
    assert report.changes[Path(os.path.abspath(yml))].after.decode() == COLLECTOR_YML.replace("Okta Event", "Acme Event", 1)


def test_python_fix_in_a_unified_yaml_is_mapped_into_the_block(in_tmp):
    code = "def main():\n    x = {'dbotMirrorId': int(e)}\n"
    unified = COLLECTOR_YML.replace("  script: '-'\n", "  script: |-\n" + "".join(
        f"    {line}\n" if line else "\n" for line in code.rstrip("\n").split("\n")))
    root = write_pack(in_tmp, collector(py=None, yml=unified))
    yml = root / COLLECTOR_YML_PATH
    span = _span(code, _call("int"))
    wrap = Fix("safe", "wrap", ops=(ops.py_wrap(span, "str"),))
    path = yml.relative_to(in_tmp).as_posix()
    report = apply_fixes(_synthetic(run([str(root)]), path, wrap), lambda t: run(t, select=["EC100"]), [str(root)])
    assert report.fixed == 1
    assert yml.read_text() == unified.replace("int(e)", "str(int(e))")


def test_the_fix_loop_reanalyses_and_stops(in_tmp):
    root = write_pack(in_tmp, collector(yml=NO_MARKET))
    yml = root / COLLECTOR_YML_PATH
    path = yml.relative_to(in_tmp).as_posix()
    calls: list[list[str]] = []

    def rerun(targets):
        calls.append(targets)
        result = run(targets, select=["EC103"])
        if len(calls) == 1:  # the first fix reveals another fixable finding
            return replace(result, findings=[*result.findings, *_synthetic(result, path, Fix(
                "safe", "add tests", ops=(ops.yaml_set(("tests",), ["No tests"]),))).findings])
        return result

    first = _synthetic(run([str(root)], select=["EC103"]), path,
                       Fix("safe", "raise", ops=(ops.yaml_append(("marketplaces",), "marketplacev2"),)))
    report = apply_fixes(first, rerun, [str(root)])
    assert report.fixed == 2 and len(calls) == 2 and calls[0] == [os.path.abspath(root)]
    assert yml.read_text() == NO_MARKET + "- marketplacev2\ntests:\n- No tests\n"
    assert not report.result.findings

    def forever(targets):  # a rule whose fix never settles: the loop is capped
        result = run(targets, select=["EC103"])
        return _synthetic(result, path, Fix("safe", "append", ops=(ops.yaml_append(("marketplaces",), "x"),)))

    report = apply_fixes(forever([str(root)]), forever, [str(root)])
    assert report.fixed == fixmod.MAX_ROUNDS


# --- write failures ------------------------------------------------------------------------


def test_read_only_file_is_left_intact_and_the_run_continues(in_tmp):
    root = write_pack(in_tmp, collector(yml=NO_MARKET, metadata=METADATA.replace(', "marketplacev2"', "")))
    yml = root / COLLECTOR_YML_PATH
    os.chmod(yml, 0o444)
    result = cli("--fix", "--unsafe-fixes", "--output-format", "concise", str(root))
    assert yml.read_text() == NO_MARKET
    notices = [line for line in result.stderr.splitlines() if "read-only" in line]
    assert len(notices) == 1 and "OktaEventCollector.yml" in notices[0]
    assert '"marketplacev2"' in (root / "pack_metadata.json").read_text()  # the other file was fixed
    assert "EC103" in result.stdout and result.exit_code == 1


def test_full_disk_leaves_the_original_intact(in_tmp, monkeypatch):
    root = write_pack(in_tmp, collector(yml=NO_MARKET))
    yml = root / COLLECTOR_YML_PATH

    def full(handle, data):
        handle.write(data[:10])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fixmod, "_write_all", full)
    notices: list[str] = []
    report = _fix_run(root, notify=notices.append)
    assert yml.read_text() == NO_MARKET and report.fixed == 0
    assert notices == [(f"{yml.relative_to(in_tmp).as_posix()}: not fixed: cannot write file: "
                        f"{os.strerror(errno.ENOSPC)}")]
    assert sorted(p.name for p in yml.parent.iterdir()) == ["OktaEventCollector.py", "OktaEventCollector.yml"]
    assert any(f.code == "EC103" for f in report.result.findings)


def test_a_file_changed_during_the_run_is_not_overwritten(in_tmp, monkeypatch):
    root = write_pack(in_tmp, collector(yml=NO_MARKET))
    yml = root / COLLECTOR_YML_PATH
    def analyse(targets):
        return run(targets, select=["EC103"])
    result = analyse([str(root)])
    yml.write_text(NO_MARKET + "# edited by someone else\n")  # between analysis and fix
    notices: list[str] = []
    report = apply_fixes(result, analyse, [str(root)], unsafe=True, notify=notices.append)
    assert report.fixed == 0 and yml.read_text().endswith("# edited by someone else\n")
    assert len(notices) == 1 and "changed during the run" in notices[0]

    yml.write_text(NO_MARKET)  # and while the fixed text is being written

    def racing(handle, data):
        with open(yml, "a", encoding="utf-8") as other:
            other.write("# late edit\n")
        handle.write(data)

    monkeypatch.setattr(fixmod, "_write_all", racing)
    notices.clear()
    report = apply_fixes(analyse([str(root)]), analyse, [str(root)], unsafe=True, notify=notices.append)
    assert report.fixed == 0 and yml.read_text() == NO_MARKET + "# late edit\n"
    assert len(notices) == 1 and "changed during the run" in notices[0]


# --- the command line on the sample packs ------------------------------------------------------------


@pytest.fixture
def invalid_copy(in_tmp) -> Path:
    shutil.copytree(REPO / "sample_packs" / "invalid", in_tmp / "invalid")
    return in_tmp


def _snapshot(base: Path) -> dict[str, bytes]:
    return {p.relative_to(base).as_posix(): p.read_bytes() for p in sorted(base.rglob("*")) if p.is_file()}


def test_diff_writes_nothing_and_applies_cleanly(invalid_copy):
    before = _snapshot(invalid_copy)
    result = cli("--diff", "--unsafe-fixes", "invalid")
    assert result.exit_code == 1
    assert _snapshot(invalid_copy) == before
    patch = result.stdout
    assert patch.startswith("--- a/invalid/") and "\n+++ b/invalid/" in patch
    (invalid_copy / "fixes.patch").write_text(patch)
    check = subprocess.run(["git", "apply", "--check", "fixes.patch"], cwd=invalid_copy, capture_output=True,
                           text=True, check=False)
    assert check.returncode == 0, check.stderr
    if shutil.which("patch"):
        dry = subprocess.run(["patch", "-p1", "--dry-run", "-i", "fixes.patch"], cwd=invalid_copy,
                             capture_output=True, text=True, check=False)
        assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "more fixable" not in result.stderr and "Would fix" in result.stderr


def test_diff_without_unsafe_fixes_shows_only_safe_ones(invalid_copy):
    result = cli("--diff", "invalid")
    assert result.exit_code == 1
    added = [line for line in result.stdout.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert "+  isfetchevents: true" in added  # EC101, safe here
    assert not any("marketplacev2" in line or "fromversion" in line for line in added)  # EC103, PK102, EC102: unsafe
    assert "more fixable with --unsafe-fixes" in result.stderr


def test_fix_on_the_invalid_samples_leaves_only_unfixable_findings(invalid_copy):
    before = _snapshot(invalid_copy)
    first = run(["invalid"])
    applicable = fixmod._fixable(first, unsafe=True)
    assert len(applicable) >= 6  # EC101, EC102, EC103, FI102, FI106, PK102 at least
    result = cli("--fix", "--unsafe-fixes", "--output-format", "json", "invalid")
    remaining = json.loads(result.stdout)
    blocked = {f.path for f in first.findings if f.code in fixmod.BLOCKING}
    assert all(f["fix"] is None or f["path"] in blocked for f in remaining), remaining
    assert result.exit_code == 1  # unfixable errors remain
    assert "not fixed" not in result.stderr, result.stderr
    assert f"Fixed {len(applicable)} findings" in result.stderr

    after = _snapshot(invalid_copy)
    changed = sorted(p for p in after if after[p] != before[p])
    assert changed == sorted({f.path for f in applicable})
    for rel in changed:  # only the intended lines: existing lines change only next to a fixed finding
        allowed = {n for f in applicable if f.path == rel for n in range(f.line - 1, (f.end_line or f.line) + 2)}
        old, new = before[rel].decode().splitlines(), after[rel].decode().splitlines()
        for tag, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if tag == "replace":
                assert set(range(i1 + 1, i2 + 1)) <= allowed, f"{rel}: lines {i1 + 1}-{i2} changed"
            elif tag == "delete":  # a removed block (CM106 removes a whole command) starts at a finding
                assert i1 + 1 in allowed, f"{rel}: lines {i1 + 1}-{i2} removed"

    again = cli("--diff", "--unsafe-fixes", "invalid")
    assert again.exit_code == 0 and again.stdout == ""
    assert _snapshot(invalid_copy) == after


def test_fix_summary_and_exit_code_reflect_what_remains(in_tmp):
    root = write_pack(in_tmp, collector(yml=COLLECTOR_YML.replace("  isfetchevents: true\n", "")
                                        .replace("- marketplacev2", "- xsoar")))
    result = cli("--fix", "--select", "EC101,EC103", "--output-format", "concise", str(root))
    assert "Fixed 1 finding; 1 more fixable with --unsafe-fixes" in result.stdout
    assert "EC101" not in result.stdout and "EC103" in result.stdout and result.exit_code == 1
    result = cli("--fix", "--unsafe-fixes", "--select", "EC101,EC103", "--output-format", "concise", str(root))
    assert "Fixed 1 finding\n" in result.stdout and "All checks passed" in result.stdout
    assert result.exit_code == 0


def test_pre_commit_fix_hook_entry_fixes_staged_files(in_tmp):
    from ruamel.yaml import YAML

    hooks = {h["id"]: h for h in YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text())}
    entry = hooks["validate-fix"]["entry"].split()
    assert entry == ["validate", "--fix"]
    root = write_pack(in_tmp, collector(yml=COLLECTOR_YML.replace("  isfetchevents: true\n", "")))
    staged = [str((root / COLLECTOR_YML_PATH).relative_to(in_tmp)), str((root / "pack_metadata.json").relative_to(in_tmp))]
    exe = Path(sys.executable).with_name(entry[0])
    done = subprocess.run([str(exe), *entry[1:], *staged], cwd=in_tmp, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "isfetchevents: true" in (root / COLLECTOR_YML_PATH).read_text()
    assert "Fixed 1 finding" in done.stdout + done.stderr
