"""SY900 internal-error.

What it does:
    Reports a rule that raised an exception on a file. The other rules and files are
    still checked; the exit code is at least 1.

Why is this bad?
    It is a bug in this tool, not in your content: the failing rule's checks are missing
    for that file. Please report it with the message and, if you can, the file.

Example:
    # any input that makes a rule raise

Use instead:
    # nothing to change in the content; run with --verbose for the traceback

Fix safety:
    Not fixable.
"""

from __future__ import annotations

from validator.rules._fixtures import collector
from validator.rule import example, rule


@rule(
    code="SY900",
    name="internal-error",
    summary="a rule raised an exception (a bug in validate)",
    severity="error",
    targets="pack",
    always_on=True,
    examples=[example.valid(collector())],
)
def check(ctx):
    # The runner turns a rule's exception into this finding; there is nothing to check here.
    return iter(())
