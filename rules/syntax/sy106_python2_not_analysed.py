"""SY106 python2-not-analysed.

What it does:
    Reports, at `script.subtype`, python2 code that does not parse as Python 3: no code
    rule runs on it.

Why is this bad?
    Python 2 integrations are end-of-life on the platform, and this tool cannot check
    their code. The finding tells you which integrations went unchecked.

Example:
    script:
      subtype: python2   # the .py contains: print "hi"

Use instead:
    script:
      subtype: python3   # the .py contains: print("hi")

Fix safety:
    Not fixable.
"""

from __future__ import annotations

from validator.rules._fixtures import COLLECTOR_PY, COLLECTOR_YML, COLLECTOR_YML_PATH, collector
from validator.rule import example, rule

PY2 = collector(yml=COLLECTOR_YML.replace("subtype: python3", "subtype: python2"),
                py=COLLECTOR_PY.replace("def main():", "def main():\n    print 'starting'"))


@rule(
    code="SY106",
    name="python2-not-analysed",
    summary="python2 code that is not analysed",
    severity="info",
    targets="integration",
    examples=[
        example.valid(collector()),
        example.invalid(PY2, at=(COLLECTOR_YML_PATH, 20, 12)),
    ],
)
def check(ctx):
    problem = ctx.integration.code_problem
    if problem is not None and problem.code == "SY106":
        yield ctx.finding((problem.line, problem.column), problem.message)
