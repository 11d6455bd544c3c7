"""FI207 incident-missing-occurred.

What it does:
    Checks that every incident dict of a fetch integration (see FI206 for which dicts are
    incident dicts; it uses FI206's `incident-list-names`) has an `occurred` key.

Why is this bad?
    Without `occurred` the incident gets the time it was created in Cortex XSOAR, not the
    time the event happened, so timelines, SLAs and time-based searches are off. A warning:
    the fetching guide calls the key both required and optional.

Example:
    incident = {'name': event['title'], 'rawJSON': json.dumps(event)}
    incidents.append(incident)

Use instead:
    incident = {'name': event['title'], 'occurred': event['created'],
                'rawJSON': json.dumps(event)}
    incidents.append(incident)

Fix safety:
    Not fixable: which field holds the event time is not known.
"""

from __future__ import annotations

from validator.rule import example, rule
from validator.rules._common import incident_dicts
from validator.rules._fixtures import (
    FETCHER_PY,
    FETCHER_PY_CLIENT,
    FETCHER_PY_PATH,
    FETCHER_YML,
    FETCHER_YML_PATH,
    UNIFIED_LINE_OFFSET,
    fetcher,
    unified,
)

OCCURRED_LINE = "            'occurred': alert['created'],\n"
NO_OCCURRED = FETCHER_PY.replace(OCCURRED_LINE, "")
SET_LATER = NO_OCCURRED.replace("        incidents.append({\n", "        incident = {\n").replace(
    "        })\n        since", "        }\n        incident['occurred'] = alert['created']\n"
    "        incidents.append(incident)\n        since")


@rule(
    code="FI207",
    name="incident-missing-occurred",
    summary="an incident dict without occurred",
    severity="warning",
    targets="integration",
    needs_code=True,
    examples=[
        example.valid(fetcher(), title="appended dict literal"),
        example.valid(fetcher(py=SET_LATER), title="key added by subscript assignment"),
        example.valid(fetcher(py=NO_OCCURRED, yml=FETCHER_YML + "deprecated: true\n"), title="deprecated"),
        example.invalid(fetcher(py=NO_OCCURRED), at=(FETCHER_PY_PATH, 11, 26), title="appended dict literal"),
        example.invalid(fetcher(py=FETCHER_PY_CLIENT.replace("    " + OCCURRED_LINE, "")),
                        at=(FETCHER_PY_PATH, 16, 30), title="Client method"),
        example.invalid(fetcher(yml=unified(NO_OCCURRED), py=None),
                        at=(FETCHER_YML_PATH, UNIFIED_LINE_OFFSET + 11, 30), title="unified YAML"),
    ],
)
def check(ctx):
    for incident in incident_dicts(ctx):
        if "occurred" not in incident.keys:
            yield ctx.finding(incident.node, "incident lacks 'occurred'")
