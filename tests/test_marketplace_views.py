"""Marketplace-suffixed keys (RULES.md section 4): one table of cases for the helpers every
rule uses: Map.view / Map.variants, hidden_in / hidden_everywhere / has_default,
Integration.flag and effective_marketplaces, and config_params / params_named."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from validator.rules._common import config_params, has_default, hidden_everywhere, hidden_in, params_named

from tests.conftest import write_pack
from validator.discovery import discover
from validator.runner import load
from validator.tree import Scalar, Seq

ALL = ["xsoar", "marketplacev2", "xpanse", "xsoar_saas", "xsoar_on_prem", "platform"]
XSOAR_FAMILY = ["xsoar", "xsoar_saas", "xsoar_on_prem"]


def _yaml(param: str, root: str, script: str) -> str:
    return (
        "commonfields:\n  id: Acme\n  version: -1\nname: Acme\ndisplay: Acme\ncategory: Utilities\n"
        f"description: Acme.\n{root}configuration:\n{param}script:\n  type: python\n  subtype: python3\n"
        f"  script: ''\n{script}"
    )


def _integration(tmp_path, param: str, root: str = "", script: str = "", pack: list[str] | None = None):
    metadata: dict[str, Any] = {"name": "Acme", "description": "Acme.", "support": "xsoar",
                                "currentVersion": "1.0.0", "author": "Acme", "categories": ["Utilities"]}
    if pack is not None:
        metadata["marketplaces"] = pack
    root_dir = write_pack(tmp_path, {"pack_metadata.json": json.dumps(metadata),
                                     "Integrations/Acme/Acme.yml": _yaml(param, root, script)})
    (found,) = discover([str(root_dir)])
    load(found)
    (integration,) = found.integrations
    return integration


def _value(node) -> Any:
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Seq):
        return [_value(i) for i in node.items]
    return node


def _param(integ):
    return integ.root.get("configuration").items[0]


Query = Callable[[Any], Any]
DISPLAY = "- name: url\n  display: Server URL\n  display:marketplacev2: Tenant URL\n  type: 0\n"
P = "- name: max_fetch\n  display: Max\n  type: 0\n"

# (id, param YAML, root extra, script extra, pack marketplaces, query(integration), expected)
CASES: list[tuple[str, str, str, str, list[str] | None, Query, Any]] = [
    ("display-marketplacev2-overrides-in-its-view", DISPLAY, "", "", None,
     lambda i: _value(_param(i).view("display", "marketplacev2")), "Tenant URL"),
    ("display-base-in-other-views", DISPLAY, "", "", None,
     lambda i: _value(_param(i).view("display", "xsoar")), "Server URL"),
    ("view-pair-returns-the-variant-key", DISPLAY, "", "", None,
     lambda i: _param(i).view_pair("display", "marketplacev2")[0].text, "display:marketplacev2"),
    ("variants-base-first-then-known-markets", P + "  defaultvalue: '50'\n  defaultvalue:xpanse: '5'\n"
     "  defaultvalue:xsoar: '10'\n", "", "", None,
     lambda i: [m for m, _, _ in _param(i).variants("defaultvalue")], [None, "xsoar", "xpanse"]),
    ("unknown-suffix-ignored-by-view", P + "  display:xsiam: Other\n", "", "", None,
     lambda i: _value(_param(i).view("display", "marketplacev2")), "Max"),
    ("unknown-suffix-is-not-a-variant", P + "  display:xsiam: Other\n", "", "", None,
     lambda i: [m for m, _, _ in _param(i).variants("display")], [None]),
    ("variant-without-base-exists-only-in-its-view", P + "  defaultvalue:xsoar: '50'\n", "", "", None,
     lambda i: (_value(_param(i).view("defaultvalue", "xsoar")), _param(i).view("defaultvalue", "marketplacev2")),
     ("50", None)),
    ("values-replaced-whole-not-merged", P + "  hidden: [xsoar, xpanse]\n  hidden:marketplacev2: [xpanse]\n", "", "",
     None, lambda i: _value(_param(i).view("hidden", "marketplacev2")), ["xpanse"]),
    ("defaultvalue-xsoar-counts-as-a-default", P + "  defaultvalue:xsoar: '50'\n", "", "", None,
     lambda i: has_default(_param(i)), True),
    ("defaultvalue-xsoar-absent-from-marketplacev2-view", P + "  defaultvalue:xsoar: '50'\n", "", "", None,
     lambda i: has_default(_param(i), "marketplacev2"), False),
    ("blank-variant-overrides-default-in-its-view", P + "  defaultvalue: '50'\n  defaultvalue:marketplacev2: ''\n",
     "", "", None, lambda i: (has_default(_param(i)), has_default(_param(i), "marketplacev2")), (True, False)),
    ("no-default-anywhere", P + "  defaultvalue: ''\n", "", "", None, lambda i: has_default(_param(i)), False),
    ("hidden-list-names-marketplacev2", P + "  hidden: [marketplacev2]\n", "", "", None,
     lambda i: (hidden_in(_param(i), "marketplacev2"), hidden_in(_param(i), "xsoar")), (True, False)),
    ("hidden-marketplacev2-variant-true", P + "  hidden:marketplacev2: true\n", "", "", None,
     lambda i: (hidden_in(_param(i), "marketplacev2"), hidden_in(_param(i), "xsoar")), (True, False)),
    ("hidden-string-true", P + "  hidden: 'true'\n", "", "", None,
     lambda i: (hidden_in(_param(i), "xsoar"), hidden_in(_param(i), "platform")), (True, True)),
    ("hidden-string-false", P + "  hidden: 'false'\n", "", "", None, lambda i: hidden_in(_param(i), "xsoar"), False),
    ("hidden-variant-false-unhides-in-its-view", P + "  hidden: true\n  hidden:xsoar: false\n", "", "", None,
     lambda i: (hidden_in(_param(i), "xsoar"), hidden_in(_param(i), "marketplacev2")), (False, True)),
    ("hidden-unknown-suffix-ignored", P + "  hidden:xsiam: true\n", "", "", None,
     lambda i: any(hidden_in(_param(i), m) for m in ALL), False),
    ("hidden-everywhere-true", P + "  hidden: true\n", "", "", ["xsoar"],
     lambda i: hidden_everywhere(_param(i), i), True),
    ("hidden-list-misses-xsoar-saas-of-pack-xsoar", P + "  hidden: [xsoar, marketplacev2]\n", "", "",
     ["xsoar", "marketplacev2"], lambda i: hidden_everywhere(_param(i), i), False),
    ("hidden-list-covers-every-effective-marketplace", P + "  hidden: [marketplacev2, xpanse]\n", "", "",
     ["marketplacev2", "xpanse"], lambda i: hidden_everywhere(_param(i), i), True),
    ("hidden-everywhere-uses-integration-marketplaces", P + "  hidden: [marketplacev2]\n",
     "marketplaces:\n- marketplacev2\n", "", ["xsoar", "marketplacev2"],
     lambda i: hidden_everywhere(_param(i), i), True),
    ("pack-xsoar-covers-xsoar-saas-and-on-prem", P, "", "", ["xsoar"],
     lambda i: i.effective_marketplaces, XSOAR_FAMILY),
    ("integration-marketplaces-override-pack", P, "marketplaces:\n- marketplacev2\n", "", ["xsoar"],
     lambda i: i.effective_marketplaces, ["marketplacev2"]),
    ("no-marketplaces-anywhere-means-all-six", P, "", "", None, lambda i: i.effective_marketplaces, ALL),
    ("isfetch-true-only-in-xsoar-variant", P, "", "  isfetch: false\n  isfetch:xsoar: true\n", None,
     lambda i: i.is_fetcher, True),
    ("isfetch-string-true", P, "", "  isfetch: 'True'\n", None, lambda i: i.is_fetcher, True),
    ("isfetch-unknown-suffix-ignored", P, "", "  isfetch:xsiam: true\n", None, lambda i: i.is_fetcher, False),
    ("isfetchevents-true-only-in-marketplacev2-variant", P, "", "  isfetchevents:marketplacev2: true\n", None,
     lambda i: i.declared_collector, True),
    ("longrunning-true-only-in-a-variant", P, "", "  longRunning:marketplacev2: true\n", None,
     lambda i: i.flag("longRunning"), True),
    ("param-only-in-one-marketplace-configuration", P,
     "configuration:xsoar:\n- {name: first_fetch, display: First fetch, type: 0}\n", "", None,
     lambda i: ([_value(p.get("name")) for p in i.root.view("configuration", "xsoar").items],
                [_value(p.get("name")) for p in i.root.view("configuration", "marketplacev2").items]),
     (["first_fetch"], ["max_fetch"])),
    ("config-params-name-the-variant-list", P,
     "configuration:xsoar:\n- {name: first_fetch, display: First fetch, type: 0}\n", "", None,
     lambda i: [(m, k, p.value("name")) for m, k, _, p in config_params(i.root)],
     [(None, "configuration", "max_fetch"), ("xsoar", "configuration:xsoar", "first_fetch")]),
    ("param-identity-uses-the-base-name", "- name: limit\n  name:xsoar: max_fetch\n  display: Max\n  type: 0\n",
     "", "", None, lambda i: params_named(i.root, {"max_fetch"}), []),
]


@pytest.mark.parametrize(("param", "root", "script", "pack", "query", "expected"),
                         [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_marketplace_view(tmp_path, param, root, script, pack, query, expected):
    assert query(_integration(tmp_path, param, root, script, pack)) == expected
