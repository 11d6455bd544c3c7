"""SY102 python-syntax.

What it does:
    Reports integration code that Python 3 cannot parse, including code nested too deeply
    for the parser. For a unified YAML the position is mapped into `script.script`. When
    `script.subtype` is `python2`, SY106 is reported instead.

Why is this bad?
    The integration fails to load on the server, and none of the code rules can check it.

Example:
    def main(:
        pass

Use instead:
    def main():
        pass

Fix safety:
    Not fixable.
"""

from __future__ import annotations

from validator.rules._fixtures import COLLECTOR_PY, COLLECTOR_PY_PATH, collector
from validator.rule import example, rule


@rule(
    code="SY102",
    name="python-syntax",
    summary="integration code that does not parse as Python 3",
    severity="error",
    targets="integration",
    always_on=True,
    examples=[
        example.valid(collector()),
        example.invalid(collector(py=COLLECTOR_PY.replace("def main():", "def main(:")),
                        at=(COLLECTOR_PY_PATH, 12, 10)),
    ],
)
def check(ctx):
    problem = ctx.integration.code_problem
    if problem is not None and problem.code == "SY102":
        source = ctx.integration.code
        yield ctx.finding((problem.line, problem.column), problem.message, document=source.document)
