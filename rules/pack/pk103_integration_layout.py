"""PK103 integration-layout.

What it does:
    Checks the split-integration layout: the YAML and the code file are named after their
    folder (`Integrations/OktaEventCollector/OktaEventCollector.yml` and `.py`), and the
    code lives in exactly one place: a code file with `script: '-'` (or `''`), or the code
    in `script.script` with no code file.

Why is this bad?
    Packaging tools find the code by the folder name; a misnamed file is left out of the
    uploaded integration, and code in both places means one copy is silently ignored.

Example:
    Integrations/OktaEventCollector/Okta.yml
    Integrations/OktaEventCollector/OktaEventCollector.py

Use instead:
    Integrations/OktaEventCollector/OktaEventCollector.yml
    Integrations/OktaEventCollector/OktaEventCollector.py

Fix safety:
    Not fixable: renaming files is left to you (and your version control).
"""

from __future__ import annotations

from validator.rules._fixtures import COLLECTOR_PY, COLLECTOR_YML, METADATA, collector
from validator.integration import CODE_EXTENSIONS
from validator.rule import example, rule
from validator.tree import Scalar

FOLDER = "Integrations/OktaEventCollector/"


@rule(
    code="PK103",
    name="integration-layout",
    summary="integration files not named after their folder, or code in the wrong place",
    severity="error",
    targets="integration",
    examples=[
        example.valid(collector()),
        example.invalid({"pack_metadata.json": METADATA, FOLDER + "Okta.yml": COLLECTOR_YML,
                         FOLDER + "OktaEventCollector.py": COLLECTOR_PY},
                        at=(FOLDER + "Okta.yml", 1, 1), title="YAML not named after folder"),
        example.invalid(collector(py=None), at=(FOLDER + "OktaEventCollector.yml", 18, 1), title="no code"),
        example.invalid(collector(yml=COLLECTOR_YML.replace("script: '-'", "script: print(1)")),
                        at=(FOLDER + "OktaEventCollector.yml", 21, 11), title="code in both places"),
    ],
)
def check(ctx):
    integ = ctx.integration
    folder = integ.folder.name
    in_folder = folder != "Integrations" and not integ.explicit
    if in_folder and integ.yaml.path.stem != folder:
        yield ctx.finding(None, f"'{integ.yaml.path.name}' is not named after its folder '{folder}'")
    if integ.type not in CODE_EXTENSIONS:
        return
    code_file = integ.code_file
    if in_folder and code_file is not None and code_file.path.stem != folder:
        yield ctx.finding(None, f"'{code_file.path.name}' is not named after its folder '{folder}'",
                          document=code_file)
    node = ctx.script.get("script") if ctx.script is not None else None
    value = node.value if isinstance(node, Scalar) else None
    empty = value is None or (isinstance(value, str) and value.strip() in ("", "-"))
    if code_file is not None and isinstance(value, str) and not empty:
        yield ctx.finding(node, f"script.script holds code although '{code_file.path.name}' exists")
    elif code_file is None and empty and (node is None or isinstance(node, Scalar)):
        shown = "missing" if node is None else f"'{value or ''}'"
        expected = f"{folder}{CODE_EXTENSIONS[integ.type]}"
        yield ctx.finding(ctx.root.key_node("script"),
                          f"no code: script.script is {shown} and '{expected}' does not exist")
