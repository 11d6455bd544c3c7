"""SY100 yaml-syntax.

What it does:
    Reports YAML that cannot be parsed: scanner, parser and composer errors, a second
    document in the file, tab indentation, and documents over the structural limits
    (nesting deeper than 500 levels, more than 200,000 nodes counting alias expansions).

Why is this bad?
    The platform cannot load the integration at all, and no other rule can check it.
    The limits stop "billion laughs" alias bombs and pathological nesting before they
    exhaust memory in this tool, in editors or on the server.

Example:
    script:
      type: python
       subtype: python3

Use instead:
    script:
      type: python
      subtype: python3

Fix safety:
    Not fixable: the intended structure is unknown.
"""

from __future__ import annotations

from validator.rules._fixtures import COLLECTOR_YML_PATH, collector
from validator.context import problem_findings
from validator.rule import example, rule


@rule(
    code="SY100",
    name="yaml-syntax",
    summary="YAML that cannot be parsed or exceeds the structural limits",
    severity="error",
    targets="document",
    sdk=["BA102"],
    always_on=True,
    examples=[
        example.valid(collector()),
        example.invalid(collector(yml="script:\n  type: python\n   subtype: python3\n"),
                        at=(COLLECTOR_YML_PATH, 3, 11), title="bad indentation"),
        example.invalid(collector(yml="name: a\n---\nname: b\n"), at=(COLLECTOR_YML_PATH, 2, 1),
                        title="second document"),
        example.invalid(collector(yml="script:\n\ttype: python\n"), at=(COLLECTOR_YML_PATH, 2, 1),
                        title="tab indentation"),
        example.invalid(collector(yml="a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                                      + "".join(f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n"
                                                for p, c in zip("abcdef", "bcdefg"))),
                        at=(COLLECTOR_YML_PATH, 6, 8), title="alias bomb"),
    ],
)
def check(ctx):
    yield from problem_findings(ctx, "SY100")
