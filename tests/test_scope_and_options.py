"""Reporting scope for paths inside a pack, and options one rule reads from another."""

from __future__ import annotations

from validator.api import run
from validator.rules._fixtures import FETCHER_YML, fetcher

from tests.conftest import write_pack

CODE = "sample_packs/invalid/FetchCodeMistakes"


def test_a_folder_path_reports_its_code_file_findings():
    whole = run([CODE]).findings
    folder = sorted({f.path.rsplit("/", 1)[0] for f in whole if f.path.endswith(".py")})[0]
    inside = run([folder]).findings
    expected = [f for f in whole if f.path.startswith(folder + "/")]
    assert inside == expected and any(f.path.endswith(".py") for f in inside)


def test_a_file_path_reports_only_that_file():
    whole = run([CODE]).findings
    target = next(f.path for f in whole if f.path.endswith(".py"))
    assert {f.path for f in run([target]).findings} == {target}


def test_an_option_of_a_deselected_rule_reaches_the_rules_that_read_it(in_tmp):
    yml = FETCHER_YML.replace("name: max_fetch", "name: fetch_limit").replace("defaultvalue: '50'", "defaultvalue: ''")
    root = write_pack(in_tmp, fetcher(yml=yml))
    assert not [f for f in run([str(root)], select=["FI102"]).findings if f.code == "FI102"]
    configured = run([str(root)], select=["FI102"], rule_options={"FI101": {"max-fetch-names": ["fetch_limit"]}})
    assert [f.message for f in configured.findings if f.code == "FI102"] == ["'fetch_limit' has no defaultvalue"]
