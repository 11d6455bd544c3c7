"""Configuration (validator/config.py): where the file is found, each key, precedence of the
command line, --config, --isolated, --show-settings, and exit code 2 for every mistake."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from validator.rules._fixtures import COLLECTOR_PY, COLLECTOR_YML, collector, fetcher

from tests.conftest import write_pack
from validator.cli import main

LOW = COLLECTOR_YML.replace("fromversion: 6.8.0", "fromversion: 6.5.0")  # EC102 (error)
YML = "Packs/Okta/Integrations/OktaEventCollector/OktaEventCollector.yml"


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def codes(*args: str) -> set[str]:
    result = cli(*args, "--output-format", "json")
    assert result.exit_code in (0, 1), result.stderr
    return {f["code"] for f in json.loads(result.stdout)}


def found(*args: str) -> list[dict]:
    result = cli(*args, "--output-format", "json")
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def pyproject(base: Path, body: str) -> Path:
    path = base / "pyproject.toml"
    path.write_text("[project]\nname = 'content'\n\n[tool.validate]\n" + body, encoding="utf-8")
    return path


@pytest.fixture
def okta(in_tmp: Path) -> Path:
    """A collector pack with one EC102 finding, in the working directory."""
    write_pack(in_tmp, collector(yml=LOW))
    return in_tmp


# --- each key ------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "present", "absent"), [
    ('select = ["EC1"]\n', {"EC102"}, set()),
    ('select = ["SX"]\n', set(), {"EC102"}),
    ('ignore = ["EC102"]\n', set(), {"EC102"}),
    ('extend-ignore = ["EC10"]\n', set(), {"EC102"}),
    ('select = ["SX"]\nextend-select = ["EC102"]\n', {"EC102"}, set()),
    ('select = ["EC"]\nignore = ["EC1"]\nextend-select = ["EC102"]\n', set(), {"EC102"}),  # ignore wins
    ('per-file-ignores = {"Packs/Okta/**/*.yml" = ["EC102"]}\n', set(), {"EC102"}),
    ('per-file-ignores = {"*.yml" = ["EC1"]}\n', set(), {"EC102"}),  # no '/': the file name
    ('per-file-ignores = {"Packs/Okta" = ["EC"]}\n', set(), {"EC102"}),  # a directory: all below
    ('per-file-ignores = {"Packs/Other/**" = ["EC102"]}\n', {"EC102"}, set()),
    ('per-file-ignores = {"*.py" = ["EC102"]}\n', {"EC102"}, set()),
], ids=["select", "select-other", "ignore", "extend-ignore", "extend-select", "ignore-beats-extend-select",
        "per-file-glob", "per-file-name", "per-file-dir", "per-file-no-match", "per-file-other-ext"])
def test_selection_keys(okta, body, present, absent):
    pyproject(okta, body)
    got = codes()
    assert present <= got and not absent & got


def test_per_file_ignores_are_relative_to_the_config_file(okta):
    sub = okta / "sub"
    sub.mkdir()
    write_pack(sub, collector(yml=LOW))
    pyproject(okta, 'per-file-ignores = {"Packs/**" = ["EC102"]}\n')
    paths = {f["path"] for f in found(".") if f["code"] == "EC102"}
    assert paths == {f"sub/{YML}"}


def test_rule_option_and_severity(okta):
    write_pack(okta, collector(), name="Fine")  # fromversion 6.8.0
    pyproject(okta, '[tool.validate.rules.EC102]\nmin-fromversion = "6.10.0"\nseverity = "warning"\n')
    result = found()
    ec102 = {(f["path"].split("/")[1], f["severity"]) for f in result if f["code"] == "EC102"}
    assert ec102 == {("Okta", "warning"), ("Fine", "warning")}
    assert cli().exit_code == 0  # warnings are below the default fail-on


def test_fail_on_and_output_format(okta):
    pyproject(okta, 'fail-on = "warning"\noutput-format = "concise"\n'
                    '[tool.validate.rules.EC102]\nseverity = "warning"\n')
    result = cli()
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{YML}:29:14: EC102 [warning]")


@pytest.mark.parametrize("key", ["exclude", "extend-exclude"])
@pytest.mark.parametrize("pattern", ["Leg*", "Packs/Legacy", "Packs/Leg*/"])
def test_exclude_skips_directories(okta, key, pattern):
    write_pack(okta, collector(yml=LOW), name="Legacy")
    pyproject(okta, f'{key} = ["{pattern}"]\n')
    paths = {f["path"].split("/")[1] for f in found()}
    assert paths == {"Okta"}


def test_a_path_given_on_the_command_line_is_checked_even_when_excluded(okta):
    write_pack(okta, collector(yml=LOW), name="Legacy")
    pyproject(okta, 'exclude = ["Legacy"]\n')
    assert {f["path"].split("/")[1] for f in found("Packs/Legacy")} == {"Legacy"}


SENDER = COLLECTOR_PY.replace("send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)",
                              "ship(events, vendor=VENDOR, product=PRODUCT)")


def test_analysis_options_change_what_counts_as_a_send_call(in_tmp):
    from validator.config import resolve
    from validator.discovery import discover

    root = write_pack(in_tmp, collector(py=SENDER))

    def send_calls() -> list[str]:
        settings = resolve([str(root)])
        packs = discover([str(root)], analysis_options=settings.analysis_options())
        return [c.callee for c in packs[0].integrations[0].model.calls("send")]

    assert send_calls() == []
    pyproject(in_tmp, '[tool.validate.analysis]\nsend-events-functions = ["ship", "send_events_to_xsiam"]\n')
    assert send_calls() == ["ship"]


def test_analysis_options_reach_the_rules(in_tmp):
    from validator.registry import all_rules

    if "EC203" not in all_rules():
        pytest.skip("EC203 send-events-not-called is not registered yet")
    write_pack(in_tmp, collector(py=SENDER))
    assert "EC203" in codes("--select", "EC203")
    pyproject(in_tmp, '[tool.validate.analysis]\nsend-events-functions = ["ship"]\n')
    assert "EC203" not in codes("--select", "EC203")


# --- finding the file ----------------------------------------------------------------------


def test_file_order_in_one_directory(okta):
    pyproject(okta, 'select = ["SX"]\n')
    assert "EC102" not in codes()
    (okta / "validate.toml").write_text('select = ["EC"]\n')
    assert "EC102" in codes()
    (okta / ".validate.toml").write_text('ignore = ["EC102"]\n')
    assert "EC102" not in codes()


def test_pyproject_without_tool_validate_is_passed_over(okta):
    (okta / "validate.toml").write_text('ignore = ["EC102"]\n')
    pack = okta / "Packs" / "Okta"
    (pack / "pyproject.toml").write_text("[project]\nname = 'okta'\n")
    assert "EC102" not in codes(str(pack))


def test_the_nearest_file_above_the_first_path_wins(okta):
    (okta / "validate.toml").write_text('ignore = ["EC102"]\n')
    pack = okta / "Packs" / "Okta"
    (pack / ".validate.toml").write_text('select = ["EC"]\n')
    assert "EC102" in codes(str(pack))
    assert "EC102" not in codes()  # from the working directory: only the top file


def test_config_found_from_the_path_not_the_working_directory(tmp_path, in_tmp):
    repo = tmp_path / "repo"
    write_pack(repo, collector(yml=LOW))
    (repo / ".validate.toml").write_text('ignore = ["EC102"]\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    import os

    os.chdir(elsewhere)
    assert "EC102" not in codes(str(repo / "Packs" / "Okta"))


# --- the command line wins -----------------------------------------------------------------


@pytest.mark.parametrize(("body", "args", "present"), [
    ('select = ["SX"]\n', ["--select", "EC102"], True),
    ('ignore = ["EC102"]\n', ["--select", "EC"], True),  # --select starts over, as in ruff
    ('ignore = ["EC102"]\n', ["--extend-select", "EC102"], True),
    ('select = ["EC"]\n', ["--ignore", "EC102"], False),
], ids=["select", "select-drops-file-ignore", "extend-select", "ignore"])
def test_command_line_overrides_selection(okta, body, args, present):
    pyproject(okta, body)
    assert ("EC102" in codes(*args)) is present


def test_command_line_overrides_fail_on_and_output_format(okta):
    pyproject(okta, 'fail-on = "info"\noutput-format = "json"\n[tool.validate.rules.EC102]\nseverity = "info"\n')
    assert cli().exit_code == 1
    assert json.loads(cli().stdout)
    result = cli("--fail-on", "error", "--output-format", "concise")
    assert result.exit_code == 0 and ": EC102 [info]" in result.stdout


def test_config_option_names_a_file(okta):
    other = okta / "conf" / "strict.toml"
    other.parent.mkdir()
    other.write_text('ignore = ["EC102"]\n')
    pyproject(okta, 'select = ["SX"]\n')
    assert "EC102" not in codes("--config", str(other))
    proj = okta / "conf" / "pyproject.toml"
    proj.write_text('[tool.validate]\nselect = ["EC"]\n')
    assert "EC102" in codes("--config", str(proj))


def test_config_globs_are_relative_to_the_named_file(okta):
    conf = okta / "conf"
    conf.mkdir()
    (conf / "v.toml").write_text('per-file-ignores = {"Packs/**" = ["EC102"]}\n')
    assert "EC102" in codes("--config", "conf/v.toml")  # conf/Packs/** matches nothing
    (conf / "v.toml").write_text('per-file-ignores = {"../Packs/**" = ["EC102"]}\n')
    assert "EC102" not in codes("--config", "conf/v.toml")


def test_isolated_ignores_files(okta):
    pyproject(okta, 'ignore = ["EC102"]\n')
    (okta / ".validate.toml").write_text('ignore = ["EC102"]\n')
    assert "EC102" not in codes()
    assert "EC102" in codes("--isolated")


# --- mistakes are exit 2, one line, naming the file and the key ------------------------------


@pytest.mark.parametrize(("body", "needles"), [
    ('selekt = ["EC"]\n', ["tool.validate.selekt", "unknown key"]),
    ('select = ["XX1"]\n', ["tool.validate.select", "unknown rule code or prefix 'XX1'"]),
    ('select = "EC"\n', ["tool.validate.select", "expected a list of strings", "string"]),
    ('ignore = [1]\n', ["tool.validate.ignore", "expected a list of strings"]),
    ('fail-on = "fatal"\n', ["tool.validate.fail-on", "expected one of error, warning, info", '"fatal"']),
    ('output-format = "xml"\n', ["tool.validate.output-format", "expected one of"]),
    ('exclude = "x"\n', ["tool.validate.exclude", "expected a list of strings"]),
    ('per-file-ignores = ["x"]\n', ["tool.validate.per-file-ignores", "expected a table"]),
    ('per-file-ignores = {"*.yml" = ["QQ9"]}\n', ['tool.validate.per-file-ignores."*.yml"', "'QQ9'"]),
    ('[tool.validate.rules.XX999]\nseverity = "info"\n', ["tool.validate.rules.XX999", "unknown rule code"]),
    ('[tool.validate.rules.EC102]\nminimum = "1"\n', ["tool.validate.rules.EC102.minimum", "unknown option",
                                                      "min-fromversion"]),
    ('[tool.validate.rules.EC102]\nmin-fromversion = 6\n', ["tool.validate.rules.EC102.min-fromversion",
                                                            "expected a string, got integer 6"]),
    ('[tool.validate.rules.EC102]\nseverity = "fatal"\n', ["tool.validate.rules.EC102.severity", "expected one of"]),
    ('[tool.validate.rules.EC107]\nlimit-argument-names = "limit"\n',
     ["tool.validate.rules.EC107.limit-argument-names", "expected a list of strings"]),
    ('rules = 3\n', ["tool.validate.rules", "expected a table"]),
    ('[tool.validate.analysis]\nsend-functions = ["x"]\n', ["tool.validate.analysis.send-functions",
                                                           "unknown key"]),
    ('[tool.validate.analysis]\nsend-events-functions = ["not a name"]\n',
     ["tool.validate.analysis.send-events-functions", "dotted names"]),
    ('select = [\n', ["pyproject.toml", "invalid TOML"]),
], ids=["unknown-key", "unknown-code", "not-a-list", "not-strings", "bad-fail-on", "bad-format", "bad-exclude",
        "per-file-not-table", "per-file-unknown-code", "unknown-rule", "unknown-option", "option-type",
        "bad-severity", "list-option-type", "rules-not-table", "unknown-analysis-key", "bad-call-name",
        "invalid-toml"])
def test_configuration_mistakes_exit_2(okta, body, needles):
    pyproject(okta, body)
    result = cli()
    assert result.exit_code == 2, result.stdout
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in message
    assert message.startswith("validate: error: pyproject.toml: ")
    for needle in needles:
        assert needle in message


def test_validate_toml_keys_have_no_prefix(okta):
    (okta / ".validate.toml").write_text('selekt = ["EC"]\n')
    message = cli().stderr.strip()
    assert message == ("validate: error: .validate.toml: selekt: unknown key (expected one of: select, ignore, "
                       "extend-select, extend-ignore, per-file-ignores, fail-on, output-format, exclude, "
                       "extend-exclude, rules, analysis)")


@pytest.mark.parametrize(("args", "needle"), [
    (["--config", "missing.toml"], "--config: file not found: missing.toml"),
    (["--config", "x.toml", "--isolated"], "--config and --isolated cannot be used together"),
])
def test_config_flag_mistakes(okta, args, needle):
    (okta / "x.toml").write_text("")
    result = cli(*args)
    assert result.exit_code == 2 and needle in result.stderr


def test_always_on_codes_warn_and_stay(in_tmp):
    write_pack(in_tmp, collector(yml="a: [\n"))
    pyproject(in_tmp, 'ignore = ["SY100"]\nper-file-ignores = {"*.yml" = ["SY100"]}\n'
                      '[tool.validate.rules.SY100]\nseverity = "info"\n')
    result = cli("--output-format", "json")
    assert result.exit_code == 1
    sy100 = [f for f in json.loads(result.stdout) if f["code"] == "SY100"]
    assert sy100 and all(f["severity"] == "error" for f in sy100)
    warnings = result.stderr.splitlines()
    assert len(warnings) == 3 and all(w.startswith("validate: warning: pyproject.toml: ") for w in warnings)
    assert "SY100 is always reported" in warnings[0] and "cannot be changed" in warnings[2]


# --- --show-settings ------------------------------------------------------------------------


def test_show_settings_names_where_each_value_comes_from(okta):
    pyproject(okta, 'ignore = ["EC107"]\nfail-on = "warning"\n'
                    '[tool.validate.rules.EC102]\nmin-fromversion = "6.9.0"\n'
                    '[tool.validate.analysis]\nsend-events-functions = ["ship"]\n')
    result = cli("--show-settings", "--output-format", "concise", "--extend-select", "EC102")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "# configuration file: pyproject.toml"
    for line in [
        'select = ["ALL"]  # default',
        'ignore = ["EC107"]  # pyproject.toml',
        'extend-select = ["EC102"]  # command line',
        'fail-on = "warning"  # pyproject.toml',
        'output-format = "concise"  # command line',
        'exclude = []  # default',
        'min-fromversion = "6.9.0"  # pyproject.toml',
        'send-events-functions = ["ship"]  # pyproject.toml',
        'set-last-run-functions = ["demisto.setLastRun"]  # default',
        'severity = "error"  # default',
    ]:
        assert line in lines, line
    selected = next(ln for ln in lines if ln.startswith("# selected rules"))
    assert "EC107" not in selected and "SY100" in selected


def test_show_settings_without_a_file(in_tmp):
    result = cli("--show-settings", "--isolated")
    assert result.exit_code == 0 and result.stdout.startswith("# configuration file: none\n")


# --- the Python API --------------------------------------------------------------------------


def test_python_api_reads_no_file_unless_given_settings(okta):
    import validator
    from validator.api import run
    from validator.config import resolve

    pyproject(okta, 'ignore = ["EC102"]\n')
    assert "EC102" in {f.code for f in validator.validate(["."], select=["EC"])}
    settings = resolve(["."])
    assert "EC102" not in {f.code for f in run(["."], settings=settings).findings}
    assert "EC102" in {f.code for f in run(["."], settings=settings, select=["EC102"]).findings}


def test_fingerprint_changes_with_the_effective_configuration(okta):
    from validator.config import resolve

    first = resolve(["."]).fingerprint()
    pyproject(okta, '[tool.validate.rules.EC102]\nmin-fromversion = "6.9.0"\n')
    second = resolve(["."]).fingerprint()
    assert first != second and second == resolve(["."]).fingerprint()


def test_glob_match_table():
    from validator.config import glob_match

    cases = [
        ("*.py", "Packs/A/x.py", True),
        ("Packs/*/Integrations/**", "Packs/A/Integrations/B/B.yml", True),
        ("**/B.yml", "B.yml", True),
        ("./Packs/A", "Packs/A/x.py", True),
        ("Packs/A/", "Packs/A/x.py", True),
        ("Packs/B", "Packs/A/x.py", False),
        ("Packs/A/*.py", "Packs/AB/x.py", False),
    ]
    assert [glob_match(p, r) for p, r, _ in cases] == [want for _, _, want in cases]


def test_fetcher_pack_is_not_affected_by_collector_settings(in_tmp):
    write_pack(in_tmp, fetcher(), name="Acme")
    pyproject(in_tmp, '[tool.validate.rules.EC102]\nmin-fromversion = "9.0.0"\n')
    assert "EC102" not in codes()
