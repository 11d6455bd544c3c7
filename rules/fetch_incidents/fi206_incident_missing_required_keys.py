"""FI206 incident-missing-required-keys.

What it does:
    Checks that every incident dict of a fetch integration has `name` and `rawJSON`.
    An *incident dict* is a dict literal that is an element of a list literal passed to
    `demisto.incidents(...)`, or that is added (`.append(d)`, `.insert(i, d)`,
    `.extend([...])`, `+= [...]`), directly or through a Name bound once to it in the same
    function, to a list whose name is passed to `demisto.incidents` somewhere in the module
    or is in `incident-list-names`. Its keys are its literal keys plus later `N['k'] = ...`
    in that function. Dicts with `**other` or a computed key, and dicts passed to a call
    (e.g. `.update()`) before they are added, are skipped: their keys are not known.

Why is this bad?
    The server needs `name` to create the incident, and `rawJSON` is what classification
    and mapping read: without it no field of the event can be mapped.

Example:
    incidents.append({'occurred': event['created'],
                      'details': event['summary']})

Use instead:
    incidents.append({'name': event['title'],
                      'occurred': event['created'],
                      'details': event['summary'],
                      'rawJSON': json.dumps(event)})

Fix safety:
    Not fixable: the right values are not known.

Options:
    incident-list-names: names of lists that hold incidents although the list passed to
    `demisto.incidents` has another name (e.g. a helper builds `new_incidents` and returns
    it). FI207–FI209, FI212 and FI213 use this option too, even when FI206 is deselected.
"""

from __future__ import annotations

from validator.rule import Option, example, rule
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

REQUIRED = ("name", "rawJSON")
RAW_LINE = "            'rawJSON': json.dumps(alert),\n"
NO_RAW = FETCHER_PY.replace(RAW_LINE, "")
NAMED = FETCHER_PY.replace("""        incidents.append({
            'name': alert['title'],""", """        incident = {
            'name': alert['title'],""").replace(RAW_LINE + "        })\n", """\
        }
        incident['rawJSON'] = json.dumps(alert)
        incidents.append(incident)
""")
NAMED_NO_RAW = NAMED.replace("        incident['rawJSON'] = json.dumps(alert)\n", "")
UPDATED = NAMED_NO_RAW.replace("        incidents.append(incident)\n",
                               "        incident.update(alert.get('custom_fields', {}))\n"
                               "        incidents.append(incident)\n")
SPREAD = NO_RAW.replace("        incidents.append({\n", "        incidents.append({\n            **alert,\n")
RENAMED = (NO_RAW.replace("    incidents = []\n", "    new_incidents = []\n")
           .replace("        incidents.append(", "        new_incidents.append(")
           .replace("    return incidents, ", "    return new_incidents, "))
SUMMARY = FETCHER_PY_CLIENT.replace("        demisto.incidents(incidents)\n", """\
        demisto.incidents([{'name': f'Acme: {len(incidents)} new alerts', 'details': json.dumps(incidents)}])
""")


@rule(
    code="FI206",
    name="incident-missing-required-keys",
    summary="an incident dict without name or rawJSON",
    severity="error",
    targets="integration",
    needs_code=True,
    options=[Option("incident-list-names", "list[string]", ["incidents"],
                    "names of lists that hold incident dicts, besides those passed to demisto.incidents")],
    examples=[
        example.valid(fetcher(), title="appended dict literal"),
        example.valid(fetcher(py=NAMED), title="key added by subscript assignment"),
        example.valid(fetcher(py=FETCHER_PY_CLIENT), title="Client method"),
        example.valid(fetcher(py=SPREAD), title="double-star keys are not known"),
        example.valid(fetcher(py=UPDATED), title="passed to update before the add"),
        example.valid(fetcher(py=RENAMED), title="other list name not configured"),
        example.valid(fetcher(yml=unified(), py=None), title="unified YAML"),
        example.valid(fetcher(py=NO_RAW, yml=FETCHER_YML.replace("  isfetch: true\n", "")), title="not a fetcher"),
        example.invalid(fetcher(py=NO_RAW), at=(FETCHER_PY_PATH, 11, 26), title="appended dict literal"),
        example.invalid(fetcher(py=NAMED_NO_RAW), at=(FETCHER_PY_PATH, 11, 20), title="Name bound once"),
        example.invalid(fetcher(py=SUMMARY), at=(FETCHER_PY_PATH, 24, 28), title="list literal in demisto.incidents"),
        example.invalid(fetcher(py=RENAMED), at=(FETCHER_PY_PATH, 11, 30), title="configured list name",
                        options={"incident-list-names": ["incidents", "new_incidents"]}),
        example.invalid(fetcher(yml=unified(NO_RAW), py=None), at=(FETCHER_YML_PATH, UNIFIED_LINE_OFFSET + 11, 30),
                        title="unified YAML"),
    ],
)
def check(ctx):
    for incident in incident_dicts(ctx):
        missing = [key for key in REQUIRED if key not in incident.keys]
        if missing:
            yield ctx.finding(incident.node, "incident lacks " + " and ".join(f"'{key}'" for key in missing))
