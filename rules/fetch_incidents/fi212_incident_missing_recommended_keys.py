"""FI212 incident-missing-recommended-keys.

What it does:
    Checks that every incident dict of a fetch integration (see FI206 for which dicts are
    incident dicts; it uses FI206's `incident-list-names`) has the recommended keys
    `details` and `dbotMirrorId`.

Why is this bad?
    `details` is the incident's short description shown to analysts; `dbotMirrorId`, the
    event's ID in the source product, fills the Source IDs column of Fetch History, which
    is how a missing or duplicated incident is traced back. The guide recommends both.

Example:
    incidents.append({'name': e['title'], 'occurred': e['time'],
                      'rawJSON': json.dumps(e)})

Use instead:
    incidents.append({'name': e['title'], 'occurred': e['time'],
                      'details': e['summary'], 'dbotMirrorId': str(e['id']),
                      'rawJSON': json.dumps(e)})

Fix safety:
    Not fixable: which fields hold them is not known.
"""

from __future__ import annotations

from validator.rule import example, rule
from validator.rules._common import incident_dicts
from validator.rules._fixtures import FETCHER_PY, FETCHER_PY_PATH, FETCHER_YML, fetcher

RECOMMENDED = ("details", "dbotMirrorId")
BARE = (FETCHER_PY.replace("            'details': alert['summary'],\n", "")
        .replace("            'dbotMirrorId': str(alert['id']),\n", ""))
RENAMED = (BARE.replace("    incidents = []\n", "    new_incidents = []\n")
           .replace("        incidents.append(", "        new_incidents.append(")
           .replace("    return incidents, ", "    return new_incidents, "))


@rule(
    code="FI212",
    name="incident-missing-recommended-keys",
    summary="an incident dict without details or dbotMirrorId",
    severity="info",
    targets="integration",
    needs_code=True,
    examples=[
        example.valid(fetcher(), title="both keys"),
        example.valid(fetcher(py=RENAMED), title="list name not known"),
        example.valid(fetcher(py=BARE, yml=FETCHER_YML.replace("  isfetch: true\n", "")), title="not a fetcher"),
        example.invalid(fetcher(py=BARE), at=(FETCHER_PY_PATH, 11, 26), title="both missing"),
        example.invalid(fetcher(py=FETCHER_PY.replace("            'details': alert['summary'],\n", "")),
                        at=(FETCHER_PY_PATH, 11, 26), title="details missing"),
    ],
)
def check(ctx):
    for incident in incident_dicts(ctx):
        missing = [key for key in RECOMMENDED if key not in incident.keys]
        if missing:
            yield ctx.finding(incident.node,
                              "incident lacks recommended " + " and ".join(f"'{key}'" for key in missing))
