"""Suppressions (validator/suppress.py, RULES.md section 5) and SP100 unused-suppression:
each directive form in YAML, Python and a unified YAML, whole-file directives, .pack-ignore
with our and sdk codes, each SP100 message and its fix, and the codes nothing suppresses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from validator.rules._fixtures import (
    COLLECTOR_PY,
    COLLECTOR_PY_PATH,
    COLLECTOR_YML,
    COLLECTOR_YML_PATH,
    FETCHER_YML,
    FETCHER_YML_PATH,
    METADATA,
    collector,
    fetcher,
)

from tests.conftest import write_pack
from validator.api import run
from validator.cli import main
from validator.finding import Edit
from validator.registry import all_rules

PACK = "Packs/Okta/"
YML, PY = PACK + COLLECTOR_YML_PATH, PACK + COLLECTOR_PY_PATH
FROM = "fromversion: 6.8.0\n"
LOW = "fromversion: 6.5.0"  # EC102 at line 29, column 14
SEND = "send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)"
BAD_SEND = "send_events_to_xsiam(events)"  # EC204 at line 25, column 9


def needs(*codes: str) -> None:
    missing = [c for c in codes if c not in all_rules()]
    if missing:
        pytest.skip(f"{', '.join(missing)} not registered yet")


def yml(line: str = LOW, top: str = "", before: str = "") -> str:
    """The collector YAML with its fromversion line replaced (and lines added at the top / before it)."""
    return top + COLLECTOR_YML.replace(FROM, before + line + "\n")


def py(line: str = BAD_SEND, top: str = "") -> str:
    return top + COLLECTOR_PY.replace(SEND, line)


def unified(code: str) -> str:
    """The collector as a unified YAML: the code in a literal block at indentation 4."""
    block = "".join(("    " + ln if ln.strip() else "") + "\n" for ln in code.splitlines())
    return COLLECTOR_YML.replace("  script: '-'\n", "  script: |\n" + block)


def check(base: Path, files: dict[str, str], *select: str, name: str = "Okta") -> list[tuple[str, str, int, str]]:
    root = write_pack(base, files, name=name)
    findings = run([str(root)], select=list(select) or None).findings
    return [(f.code, f.path, f.line, f.message) for f in findings]


def only(found, *codes: str):
    return [f for f in found if f[0] in codes]


# --- YAML ----------------------------------------------------------------------------------


@pytest.mark.parametrize("files", [
    collector(yml=yml(LOW + "  # validate: ignore[EC102]")),
    collector(yml=yml(LOW + "  #validate:ignore[ ec102 ]")),
    collector(yml=yml(LOW + "  # note  # validate: ignore[EC100, EC102]  more words")),
    collector(yml=yml(top="# validate: ignore[EC102]\n")),
    collector(yml=yml(top="# A collector.\n\n# validate: ignore[EC103,EC102]\n")),
    collector(yml=yml(before="# validate: ignore-file[EC102]\n")),
], ids=["trailing", "spacing-and-case", "inside-a-comment", "whole-file", "whole-file-in-block", "ignore-file"])
def test_yaml_directives_suppress(in_tmp, files):
    found = check(in_tmp, files, "EC1", "SP100")
    assert not only(found, "EC102")
    assert not [f for f in only(found, "SP100") if "EC102" in f[3]]


@pytest.mark.parametrize(("files", "sp100"), [
    (collector(yml=yml(LOW + "  # noqa: EC102")), []),
    (collector(yml=yml(before="# validate: ignore[EC102]\n")), [(YML, 29, "unused suppression of EC102")]),
], ids=["noqa-in-yaml", "own-line-below-the-top"])
def test_yaml_forms_that_do_not_suppress(in_tmp, files, sp100):
    found = check(in_tmp, files, "EC1", "SP100")
    assert only(found, "EC102")
    assert [(p, line, m) for _, p, line, m in only(found, "SP100")] == sp100


def test_yaml_directive_inside_a_quoted_scalar_is_text(in_tmp):
    text = COLLECTOR_YML.replace("display: Okta Event Collector", "display: 'Okta # validate: ignore[EC100]'")
    found = check(in_tmp, collector(yml=text), "EC100", "SP100")
    assert [(c, line) for c, _, line, _ in found] == [("EC100", 5)]


# --- Python --------------------------------------------------------------------------------


@pytest.mark.parametrize("line", [
    BAD_SEND + "  # noqa: EC204",
    BAD_SEND + "  # NOQA:ec204",
    BAD_SEND + "  # noqa: E501, EC204 because the wrapper adds them",
    BAD_SEND + "  # noqa: EC204 E501",
    BAD_SEND + "  # validate: ignore[EC204]",
    BAD_SEND + "  # type: ignore  # noqa: EC204",
], ids=["noqa", "case", "mixed-codes", "space-separated", "validate-ignore", "after-another-comment"])
def test_python_line_directives_suppress(in_tmp, line):
    needs("EC204")
    found = check(in_tmp, collector(py=py(line)), "EC204", "SP100")
    assert found == []


@pytest.mark.parametrize("top", [
    "# validate: ignore[EC204]\n",
    "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n\n# validate: ignore[EC204]\n",
], ids=["first-line", "after-shebang"])
def test_python_whole_file(in_tmp, top):
    needs("EC204")
    assert check(in_tmp, collector(py=py(top=top)), "EC204", "SP100") == []


@pytest.mark.parametrize(("line", "reported"), [
    (BAD_SEND + "  # noqa: F401", []),
    (BAD_SEND + "  # noqa", [(PY, 25, "bare noqa does not suppress validate findings")]),
    (BAD_SEND + "  # noqa:", [(PY, 25, "bare noqa does not suppress validate findings")]),
    ("x = '# noqa: EC204'; " + BAD_SEND, []),
], ids=["other-tools-code", "bare-noqa", "bare-noqa-colon", "inside-a-string"])
def test_python_forms_that_do_not_suppress(in_tmp, line, reported):
    needs("EC204")
    found = check(in_tmp, collector(py=py(line)), "EC204", "SP100")
    assert only(found, "EC204")
    assert [(p, n, m) for _, p, n, m in only(found, "SP100")] == reported


def test_bare_noqa_on_a_clean_line_is_not_reported(in_tmp):
    found = check(in_tmp, collector(py=py(SEND + "  # noqa")), "EC2", "SP100")
    assert found == []


def test_a_whole_file_directive_below_the_first_code_line_is_a_line_directive(in_tmp):
    needs("EC204")
    code = py().replace("VENDOR = 'okta'\n", "VENDOR = 'okta'\n# validate: ignore[EC204]\n")
    found = check(in_tmp, collector(py=code), "EC204", "SP100")
    assert [(c, line) for c, _, line, _ in only(found, "SP100")] == [("SP100", 5)]
    assert {line for _, _, line, _ in only(found, "EC204")} == {26}


# --- unified YAML --------------------------------------------------------------------------


def _unified_line(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


@pytest.mark.parametrize(("code", "top"), [
    (py(BAD_SEND + "  # noqa: EC204"), ""),
    (py(BAD_SEND + "  # validate: ignore[EC204]"), ""),
    (py(top="# validate: ignore[EC204]\n"), ""),
    (py(), "# validate: ignore[EC204]\n"),
], ids=["noqa", "validate-ignore", "whole-code", "whole-yaml"])
def test_unified_yaml_embedded_code(in_tmp, code, top):
    needs("EC204")
    files = collector(yml=top + unified(code), py=None)
    assert check(in_tmp, files, "EC204", "SP100") == []
    plain = check(in_tmp / "plain", collector(yml=unified(py()), py=None), "EC204")
    assert {(c, line) for c, _, line, _ in plain} == {("EC204", _unified_line(unified(py()), BAD_SEND))}


def test_unified_yaml_bare_noqa_and_unused(in_tmp):
    needs("EC204")
    code = py(BAD_SEND + "  # noqa").replace("VENDOR = 'okta'", "VENDOR = 'okta'  # noqa: EC205")
    text = unified(code)
    found = check(in_tmp, collector(yml=text, py=None), "EC204", "EC205", "SP100")
    assert [(c, line, m) for c, _, line, m in only(found, "SP100")] == [
        ("SP100", _unified_line(text, "VENDOR = 'okta'"), "unused suppression of EC205"),
        ("SP100", _unified_line(text, BAD_SEND), "bare noqa does not suppress validate findings"),
    ]


# --- .pack-ignore ----------------------------------------------------------------------------


@pytest.mark.parametrize("ignore", [
    "[file:OktaEventCollector.yml]\nignore=EC102\n",
    "[file:OktaEventCollector.yml]\nignore=BA106\n",  # sdk code of EC102
    "[file:OktaEventCollector.yml]\nignore = IN126, BA106\n",
    "[pack]\nignore=EC102\n",
    "garbage line\n[known_words]\nOkta\n[file:OktaEventCollector.yml]\nnot a key\nignore=BA106\n",
], ids=["our-code", "sdk-code", "spaces", "pack-section", "malformed-lines"])
def test_pack_ignore_suppresses(in_tmp, ignore):
    found = check(in_tmp, collector(yml=yml(), extra={".pack-ignore": ignore}), "EC1", "SP100")
    assert found == []


def test_pack_ignore_other_file_does_not_suppress(in_tmp):
    found = check(in_tmp, collector(yml=yml(), extra={".pack-ignore": "[file:Other.yml]\nignore=EC102\n"}),
                  "EC1", "SP100")
    assert [f[0] for f in found] == ["EC102"]  # and no SP100: EC102 ran on no file named Other.yml


def test_pack_ignore_covers_the_code_file_of_a_named_yaml(in_tmp):
    needs("EC204")
    files = collector(py=py(), extra={".pack-ignore": "[file:OktaEventCollector.yml]\nignore=EC204\n"})
    assert check(in_tmp, files, "EC204", "SP100") == []


def test_pack_ignore_in161_suppresses_every_rule_that_maps_it(in_tmp):
    mapped = sorted(code for code, rule in all_rules().items() if "IN161" in rule.sdk)
    assert "EC103" in mapped
    no_v2 = COLLECTOR_YML.replace("marketplaces:\n- marketplacev2\n", "marketplaces:\n- xsoar\n")
    meta = METADATA.replace('"marketplaces": ["xsoar", "marketplacev2"]', '"marketplaces": ["xsoar"]')
    found = check(in_tmp, collector(yml=no_v2, metadata=meta), *mapped)
    assert {f[0] for f in found} == set(mapped)
    ignore = {".pack-ignore": "[pack]\nignore=IN161\n"}
    assert check(in_tmp / "x", collector(yml=no_v2, metadata=meta, extra=ignore), *mapped, "SP100") == []


@pytest.mark.parametrize(("sdk", "ours", "change"), [
    ("IN125", "FI102", ("  defaultvalue: '50'\n", "")),
    ("IN126", "FI100", (("- display: First fetch time\n  name: first_fetch\n  type: 0\n  defaultvalue: 3 days\n"
                         "  required: false\n"), "")),
    ("IN126", "FI101", ("  name: max_fetch\n", "  name: limit_x\n")),
], ids=["IN125-FI102", "IN126-FI100", "IN126-FI101"])
def test_pack_ignore_fetch_sdk_codes(in_tmp, sdk, ours, change):
    needs(ours)
    assert sdk in all_rules()[ours].sdk
    broken = FETCHER_YML.replace(*change)
    assert broken != FETCHER_YML
    found = check(in_tmp, fetcher(yml=broken), ours)
    assert only(found, ours)
    ignore = {".pack-ignore": f"[file:{Path(FETCHER_YML_PATH).name}]\nignore={sdk}\n"}
    assert only(check(in_tmp / "x", fetcher(yml=broken, extra=ignore), ours, "SP100"), ours, "SP100") == []


def test_pack_ignore_unknown_codes_are_silent_unless_verbose(in_tmp, capsys):
    files = collector(extra={".pack-ignore": "[file:OktaEventCollector.yml]\nignore=XY123,IN126\n"})
    root = write_pack(in_tmp, files)
    assert run([str(root)]).findings == []
    assert capsys.readouterr().err == ""
    run([str(root)], verbose=True)
    err = capsys.readouterr().err
    assert "Packs/Okta/.pack-ignore:2: code 'XY123' maps to no rule" in err
    if any("IN126" in r.sdk for r in all_rules().values()):
        assert "IN126" not in err  # an sdk code some rule maps


def test_pack_ignore_sp100(in_tmp):
    text = "[file:OktaEventCollector.yml]\nignore=BA106,EC100,EC999\n[pack]\nignore=SY100\n"
    found = check(in_tmp, collector(extra={".pack-ignore": text}), "EC1", "SP100")
    assert [(p, line, m) for _, p, line, m in found] == [
        (PACK + ".pack-ignore", 2, "unknown rule code 'EC999'"),
        (PACK + ".pack-ignore", 2, "unused suppression of EC100"),
        (PACK + ".pack-ignore", 4, "SY100 cannot be suppressed"),
    ]


# --- SP100 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("files", "select", "expected"), [
    (collector(yml=yml(FROM.strip() + "  # validate: ignore[EC102]")), ["EC102"],
     [(YML, 29, "unused suppression of EC102")]),
    (collector(yml=yml(FROM.strip() + "  # validate: ignore[EC102]")), ["EC100"], []),  # EC102 did not run
    (collector(py=py(SEND + "  # noqa: EC999, F401")), [], [(PY, 25, "unknown rule code 'EC999'")]),
    (collector(yml=yml(FROM.strip() + "  # validate: ignore[SY101, SY100]")), [],
     [(YML, 29, "SY100 cannot be suppressed"), (YML, 29, "SY101 cannot be suppressed")]),
    (collector(py=py(SEND + "  # noqa: SP100")), [], [(PY, 25, "SP100 cannot be suppressed")]),
    (collector(py=py(SEND + "  # noqa: F401, E501, ABC123")), [], []),
], ids=["unused", "did-not-run", "unknown", "always-on", "sp100-itself", "other-tools"])
def test_sp100_messages(in_tmp, files, select, expected):
    found = check(in_tmp, files, *select, "SP100") if select else check(in_tmp, files)
    assert [(p, line, m) for _, p, line, m in only(found, "SP100")] == expected


def test_sp100_not_reported_for_a_rule_that_skipped_the_file(in_tmp):
    needs("EC203")
    unresolved = COLLECTOR_PY.replace("from CommonServerPython import *\n",
                                      "from CommonServerPython import *\nfrom OktaApiModule import *\n")
    directive = "# validate: ignore[EC203]\n"
    skipped = check(in_tmp, collector(py=directive + unresolved), "EC203", "SP100")
    assert skipped == []
    ran = check(in_tmp / "ran", collector(py=directive + COLLECTOR_PY), "EC203", "SP100")
    assert [(c, m) for c, _, _, m in ran] == [("SP100", "unused suppression of EC203")]


def test_sp100_cannot_be_suppressed_inline_but_can_be_deselected(in_tmp):
    files = collector(py=py(SEND + "  # noqa: EC999, SP100"))
    found = check(in_tmp, files)
    assert sorted(m for c, _, _, m in found if c == "SP100") == ["SP100 cannot be suppressed",
                                                                  "unknown rule code 'EC999'"]
    root = in_tmp / "Packs" / "Okta"
    assert run([str(root)], ignore=["SP100"]).findings == []


def test_always_on_findings_are_never_suppressed(in_tmp):
    dup = COLLECTOR_YML.replace("display: Okta Event Collector\n",
                                "display: Okta Event Collector\nname: Okta  # validate: ignore[SY101]\n", 1)
    files = collector(yml="# validate: ignore[SY101]\n" + dup,
                      extra={".pack-ignore": "[pack]\nignore=SY101\n[file:OktaEventCollector.yml]\nignore=SY101\n"})
    found = check(in_tmp, files, "SY", "SP100")
    assert len(only(found, "SY101")) == 1
    assert {m for c, _, _, m in found if c == "SP100"} == {"SY101 cannot be suppressed"}
    assert len(only(found, "SP100")) == 4


def test_suppressed_findings_do_not_count_for_the_exit_code(in_tmp):
    write_pack(in_tmp, collector(yml=yml(LOW + "  # validate: ignore[EC102]")))
    result = CliRunner().invoke(main, ["--output-format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    write_pack(in_tmp, collector(yml=yml(FROM.strip() + "  # validate: ignore[EC102]")))
    result = CliRunner().invoke(main, ["--output-format", "json"])
    assert result.exit_code == 0  # SP100 is a warning
    assert [f["code"] for f in json.loads(result.stdout)] == ["SP100"]


def test_a_single_file_run_still_applies_pack_ignore(in_tmp):
    root = write_pack(in_tmp, collector(yml=yml(), extra={".pack-ignore": "[pack]\nignore=EC102\n"}))
    assert run([str(root / COLLECTOR_YML_PATH)], select=["EC102", "SP100"]).findings == []


# --- SP100's fix ---------------------------------------------------------------------------


def apply(text: str, edits: list[Edit]) -> str:
    for edit in sorted(set(edits), key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.text + text[edit.end:]
    return text


def fixed(base: Path, files: dict[str, str], target: str, *select: str) -> str:
    root = write_pack(base, files)
    findings = run([str(root)], select=[*select, "SP100"]).findings
    edits = [e for f in findings if f.code == "SP100" and f.fix for e in f.fix.edits]
    assert edits and all(e.path.endswith(f"Packs/Okta/{target}") for e in edits)
    return apply((root / target).read_bytes().decode("utf-8"), edits)


@pytest.mark.parametrize(("before", "after"), [
    ("x = 1  # noqa: EC999", "x = 1"),
    ("x = 1  # noqa: EC999, F401", "x = 1  # noqa: F401"),
    ("x = 1  # noqa: F401,EC999,EC998", "x = 1  # noqa: F401"),
    ("x = 1  # noqa: EC999  # pylint: disable=foo", "x = 1  # pylint: disable=foo"),
    ("x = 1  # validate: ignore[EC999] keep this note", "x = 1  # keep this note"),
    ("x = 1  # noqa: EC999  # validate: ignore[SY100]", "x = 1"),
    ("# validate: ignore[EC999]\nx = 1", "x = 1"),
], ids=["whole-comment", "keeps-other-codes", "several-codes", "keeps-next-comment", "keeps-words",
        "two-directives", "own-line"])
def test_sp100_fix_python(in_tmp, before, after):
    code = COLLECTOR_PY.replace("VENDOR = 'okta'", before)
    result = fixed(in_tmp, collector(py=code), COLLECTOR_PY_PATH)
    assert result == COLLECTOR_PY.replace("VENDOR = 'okta'", after)


def test_sp100_fix_keeps_used_codes_and_crlf(in_tmp):
    text = yml(LOW + "  # validate: ignore[EC102, EC100]").replace("\n", "\r\n")
    result = fixed(in_tmp, collector(yml=text), COLLECTOR_YML_PATH, "EC1")
    assert result == yml(LOW + "  # validate: ignore[EC102]").replace("\n", "\r\n")
    text = ("# validate: ignore-file[EC103]\n" + yml(FROM.strip())).replace("\n", "\r\n")
    assert fixed(in_tmp / "b", collector(yml=text), COLLECTOR_YML_PATH, "EC1") == COLLECTOR_YML.replace("\n", "\r\n")


@pytest.mark.parametrize(("before", "after"), [
    ("[file:OktaEventCollector.yml]\nignore=IN126,EC100\n", "[file:OktaEventCollector.yml]\nignore=IN126\n"),
    ("[file:OktaEventCollector.yml]\nignore=EC100\n[pack]\n", "[file:OktaEventCollector.yml]\n[pack]\n"),
    ("[pack]\nignore = EC999, BA106\n", "[pack]\nignore = BA106\n"),
], ids=["keeps-sdk-code", "removes-empty-entry", "spaces"])
def test_sp100_fix_pack_ignore(in_tmp, before, after):
    assert fixed(in_tmp, collector(extra={".pack-ignore": before}), ".pack-ignore", "EC1") == after


def test_sp100_examples_fix_to_their_fixed_text():
    rule = all_rules()["SP100"]
    for ex in rule.examples:
        if ex.fixed is None:
            continue
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            base = Path(tmp)
            root = write_pack(base, dict(ex.files))
            findings = run([str(root)], select=["SP100"]).findings
            for path, text in ex.fixed.items():
                edits = [e for f in findings if f.fix for e in f.fix.edits if e.path.endswith(path)]
                assert apply((root / path).read_text(), edits) == text, path
