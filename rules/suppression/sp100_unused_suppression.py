"""SP100 unused-suppression.

What it does:
    Checks the suppression directives of our codes: `# noqa: CODE` on a Python line,
    `# validate: ignore[CODE]` comments and `.pack-ignore` entries. It flags a code that
    names no rule, a code that can never be suppressed (SY100-SY105, SY900, SP100), and a
    code whose rule ran on that file and reported nothing there to suppress. It also flags
    a bare `# noqa` on a Python line where a finding of ours is reported: a bare `# noqa`
    does not suppress our findings.

    Codes of other tools (`F401`, `E501`) are never flagged, nor are sdk codes in
    `.pack-ignore` (the sdk still reads them), nor codes of rules that did not run (not
    selected, or skipped because the code could not be analysed).

Why is this bad?
    A suppression that suppresses nothing hides the next real finding on that line, and a
    misspelt code suppresses nothing at all while looking as if it did.

Example:
    send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)  # noqa: EC204

Use instead:
    send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)

Fix safety:
    Safe: removes the flagged codes from the directive, and the directive once it names
    nothing else (other tools' `# noqa` codes stay; an emptied `.pack-ignore` entry is
    removed). A bare `# noqa` is not removed: other tools may rely on it. SP100 itself
    cannot be suppressed by a directive; deselect it or use `per-file-ignores`.
"""

from __future__ import annotations

from dataclasses import replace

from validator.rules._fixtures import COLLECTOR_PY, COLLECTOR_PY_PATH, COLLECTOR_YML, COLLECTOR_YML_PATH, collector

from validator.finding import Fix
from validator.rule import example, rule

MESSAGES = {
    "unused": "unused suppression of {code}",
    "unknown": "unknown rule code '{code}'",
    "unsuppressible": "{code} cannot be suppressed",
    "bare": "bare noqa does not suppress validate findings",
}

_OTHER_TOOLS = COLLECTOR_PY.replace("import demistomock as demisto\n", "import demistomock as demisto  # noqa: F401\n")
_UNKNOWN = _OTHER_TOOLS.replace("        send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)\n",
                                "        send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)  # noqa: EC999\n")
_MIXED = _UNKNOWN.replace("  # noqa: EC999\n", "  # noqa: E501, EC999\n")
_ALWAYS_ON = COLLECTOR_YML.replace("fromversion: 6.8.0\n", "fromversion: 6.8.0  # validate: ignore[SY101]\n")


@rule(
    code="SP100",
    name="unused-suppression",
    summary="a suppression comment or .pack-ignore entry that suppresses nothing",
    severity="warning",
    targets="pack",
    fix_safety="safe",
    examples=[
        example.valid(collector(py=_OTHER_TOOLS), title="other tools' codes"),
        example.invalid(collector(py=_UNKNOWN), at=(COLLECTOR_PY_PATH, 25, 71), title="unknown code",
                        fixed=collector(py=_OTHER_TOOLS)),
        example.invalid(collector(yml=_ALWAYS_ON, py=_OTHER_TOOLS), at=(COLLECTOR_YML_PATH, 29, 21),
                        title="always-on code", fixed=collector(py=_OTHER_TOOLS)),
        example.invalid(collector(py=_MIXED), at=(COLLECTOR_PY_PATH, 25, 71), title="beside another tool's code",
                        # other tools' codes stay in the comment
                        fixed=collector(py=_MIXED.replace("  # noqa: E501, EC999\n", "  # noqa: E501\n"))),
    ],
)
def check(ctx):
    # The runner runs SP100 after every other rule and after the suppressions were applied;
    # ctx.suppressions is what validator/suppress.py found in the pack.
    state = ctx.suppressions
    if state is None:
        return
    for problem in state.problems():
        d = problem.directive
        message = MESSAGES[problem.reason].format(code=problem.code)
        fix = None
        if problem.edit is not None:
            where = ".pack-ignore" if d.kind == "pack-ignore" else "the comment"
            fix = Fix("safe", f"remove {problem.code} from {where}", edits=(problem.edit,))
        finding = ctx.finding((d.line, d.column), message, fix=fix)
        yield replace(finding, path=d.path, end_line=d.line, end_column=d.end_column)
