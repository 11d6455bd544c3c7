"""The shipped schemas are valid Draft 2020-12 and their messages are ours."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from validator.schema import format_path, load_schema, validate_tree
from validator.yamlread import read_yaml

SCHEMAS = ["integration.schema.json", "pack_metadata.schema.json"]


@pytest.mark.parametrize("name", SCHEMAS)
def test_schema_is_valid_against_the_meta_schema(name):
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["x-rule"] in ("SX100", "SX101")


@pytest.mark.parametrize(("path", "text"), [([], "(root)"), (["script", "commands", 2, "name"], "script.commands[2].name"),
                                            (["configuration", 0], "configuration[0]")])
def test_format_path(path, text):
    assert format_path(path) == text


BASE = """commonfields: {id: X, version: -1}
name: X
display: X
category: Utilities
description: d
configuration: []
script: {type: python, subtype: python3}
"""


@pytest.mark.parametrize(("extra", "message", "at"), [
    ("fromversion: '6.8'\n", "fromversion: '6.8' is not a version like 6.8.0", (8, 14)),
    ("fromversion: 6.8\n", "fromversion: expected string, got number", (8, 14)),
    ("marketplaces: [xsiam]\n", "marketplaces[0]: 'xsiam' is not one of 'xsoar', 'marketplacev2', 'xpanse', "
                                "'xsoar_saas', 'xsoar_on_prem', 'platform'", (8, 16)),
    ("deprecated: 'yes'\n", "deprecated: expected boolean, got string", (8, 13)),
    ("name:xsoar: ''\n", "name: must not be empty (in xsoar)", (8, 13)),
])
def test_messages_are_located_and_ours(extra, message, at):
    root = read_yaml(BASE + extra).root
    errors = validate_tree("integration.schema.json", root)
    assert [(e.message, (e.node.line, e.node.column)) for e in errors] == [(message, at)]


def test_missing_required_key_is_reported_at_the_parent_key():
    root = read_yaml(BASE.replace("script: {type: python, subtype: python3}", "script: {subtype: python3}")).root
    errors = validate_tree("integration.schema.json", root)
    assert [(e.message, e.node.line, e.node.column) for e in errors] == [("script: missing required key 'type'", 7, 1)]
