"""``junit``: JUnit XML, one test suite per file and one failing test case per finding.

CI servers (GitLab, Jenkins, Azure) show JUnit reports natively, so findings appear in
their test views without a plugin.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from validator.finding import Finding
from validator.reporters import SEVERITY_LEVELS, Report

# Characters XML 1.0 cannot hold at all, even escaped; ElementTree would write them anyway
# and produce a file that readers reject.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _testcase(f: Finding) -> ET.Element:
    case = ET.Element(
        "testcase",
        name=_clean(f"{f.code} at {f.line}:{f.column}"),
        classname=_clean(f.path),
        file=_clean(f.path),
    )
    props = ET.SubElement(case, "properties")
    ET.SubElement(props, "property", name="severity", value=SEVERITY_LEVELS["junit"][f.severity])
    failure = ET.SubElement(case, "failure", message=_clean(f.message), type=f.code)
    failure.text = _clean(f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity.value}] {f.message}")
    return case


def _suite(name: str, cases: list[ET.Element], failures: int) -> ET.Element:
    suite = ET.Element(
        "testsuite", name=_clean(name), tests=str(len(cases)), failures=str(failures), errors="0"
    )
    suite.extend(cases)
    return suite


def build(findings: Sequence[Finding]) -> ET.Element:
    by_path: dict[str, list[ET.Element]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(_testcase(f))
    if by_path:
        suites = [_suite(path, cases, len(cases)) for path, cases in by_path.items()]
    else:
        # An empty report looks like "no tests ran" to most readers; one passing case says "clean".
        suites = [_suite("validate", [ET.Element("testcase", name="validate", classname="validate")], 0)]
    tests = sum(int(s.get("tests", "0")) for s in suites)
    root = ET.Element("testsuites", name="validate", tests=str(tests), failures=str(len(findings)))
    root.extend(suites)
    return root


def render(findings: Sequence[Finding], report: Report) -> str:
    root = build(findings)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
