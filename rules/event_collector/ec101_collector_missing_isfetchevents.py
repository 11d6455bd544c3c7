"""EC101 collector-missing-isfetchevents.

What it does:
    Flags an integration that looks like an event collector (its folder, id, name or
    display contains "Event Collector", or its code handles `fetch-events`) but does not
    set `script.isfetchevents: true` in the base key or any marketplace variant.

Why is this bad?
    Without the flag the platform never schedules `fetch-events`: the instance shows no
    "Fetch events" option and no event reaches XSIAM.

Example:
    name: Okta Event Collector
    script:
      type: python

Use instead:
    name: Okta Event Collector
    script:
      type: python
      isfetchevents: true

Fix safety:
    Safe when the code handles `fetch-events`; otherwise unsafe, because it enables
    fetching for code that may not implement it.
"""

from __future__ import annotations

from validator.rules._common import collector
from validator.rules._fixtures import COLLECTOR_PY, COLLECTOR_YML, COLLECTOR_YML_PATH, METADATA
from validator.rules._fixtures import collector as collector_pack
from validator.finding import Fix
from validator.fixops import yaml_set
from validator.rule import example, rule

# The fix appends the missing key as the last key of ``script``.
APPENDED = COLLECTOR_YML.replace("  isfetchevents: true\n", "").replace(
    "fromversion: 6.8.0\n", "  isfetchevents: true\nfromversion: 6.8.0\n")


@rule(
    code="EC101",
    name="collector-missing-isfetchevents",
    summary="an integration that looks like a collector but does not set isfetchevents",
    severity="error",
    targets="integration",
    fix_safety="safe-or-unsafe",
    examples=[
        example.valid(collector_pack()),
        example.invalid(collector_pack(yml=COLLECTOR_YML.replace("  isfetchevents: true\n", "")),
                        at=(COLLECTOR_YML_PATH, 18, 1), title="missing key",
                        fixed=collector_pack(yml=APPENDED)),
        example.invalid(collector_pack(yml=COLLECTOR_YML.replace("isfetchevents: true", "isfetchevents: false")),
                        at=(COLLECTOR_YML_PATH, 22, 18), title="false", fixed=collector_pack()),
        example.invalid(
            {"pack_metadata.json": METADATA,
             "Integrations/Okta/Okta.yml": COLLECTOR_YML.replace("  isfetchevents: true\n", "")
             .replace("Okta Event Collector", "Okta"),
             "Integrations/Okta/Okta.py": COLLECTOR_PY},
            at=("Integrations/Okta/Okta.yml", 18, 1), title="coded collector only",
            fixed={"pack_metadata.json": METADATA,
                   "Integrations/Okta/Okta.yml": APPENDED.replace("Okta Event Collector", "Okta"),
                   "Integrations/Okta/Okta.py": COLLECTOR_PY}),
    ],
)
def check(ctx):
    integ = ctx.integration
    if not collector(ctx) or integ.declared_collector:
        return
    reason = _reason(integ)
    variants = ctx.script.variants("isfetchevents") if ctx.script is not None else []
    at = variants[0][2] if variants else ctx.root.key_node("script")
    safe = integ.coded_collector
    fix = Fix("safe" if safe else "unsafe", "set script.isfetchevents: true",
              ops=(yaml_set(("script", "isfetchevents"), True),))
    yield ctx.finding(at, f"integration looks like an event collector ({reason}) but script.isfetchevents is not true",
                      fix=fix)


def _reason(integ) -> str:
    label = integ.named_collector_reason
    if label is not None:
        return f"{label} contains 'Event Collector'"
    return "code handles 'fetch-events'"
