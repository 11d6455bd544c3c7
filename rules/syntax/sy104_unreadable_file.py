"""SY104 unreadable-file.

What it does:
    Reports a file that cannot be read as text, checked in this order: a broken symbolic
    link, an operating-system error (such as permission denied), a size above
    `max-file-size`, a NUL byte (binary content), invalid UTF-8.

Why is this bad?
    Content files must be UTF-8 text; anything else is not checked by this tool and is
    likely to fail on upload.

Example:
    # saved as Latin-1, so é is byte 0xe9
    display: Café Event Collector

Use instead:
    # saved as UTF-8
    display: Café Event Collector

Fix safety:
    Not fixable.

Options:
    max-file-size: files larger than this many bytes are not read.
"""

from __future__ import annotations

from validator.rules._fixtures import COLLECTOR_YML_PATH, collector
from validator.context import problem_findings
from validator.rule import Option, example, rule


@rule(
    code="SY104",
    name="unreadable-file",
    summary="a file that cannot be read as UTF-8 text",
    severity="error",
    targets="document",
    always_on=True,
    options=[Option("max-file-size", "int", 5_242_880, "largest file read, in bytes")],
    examples=[
        example.valid(collector()),
        example.invalid(collector(yml="name: a\x00b\n"), at=(COLLECTOR_YML_PATH, 1, 1), title="NUL byte"),
    ],
)
def check(ctx):
    yield from problem_findings(ctx, "SY104")
