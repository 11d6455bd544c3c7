"""Shared example packs: every rule example is a one-line variation of these.

``collector()`` and ``fetcher()`` return ``{relative path: text}`` for a tiny but realistic
pack; keyword arguments replace or drop (``None``) single files. ``with_send``,
``commands_appended`` and ``without_lines`` are the variations several rules make;
``fetch_branch_examples`` and ``collector_branch_examples`` are the examples the absence
rules about a call from the fetch branch share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from validator.rule import Example, example

METADATA = """{
  "name": "Okta",
  "description": "Collects Okta system logs.",
  "support": "xsoar",
  "currentVersion": "1.0.0",
  "author": "Cortex XSOAR",
  "categories": ["Analytics & SIEM"],
  "marketplaces": ["xsoar", "marketplacev2"]
}
"""

COLLECTOR_YML = """commonfields:
  id: Okta Event Collector
  version: -1
name: Okta Event Collector
display: Okta Event Collector
category: Analytics & SIEM
description: Collects system log events from Okta.
configuration:
- display: Server URL
  name: url
  type: 0
  required: true
- display: Maximum number of events per fetch
  name: max_fetch
  type: 0
  defaultvalue: '1000'
  required: false
script:
  type: python
  subtype: python3
  script: '-'
  isfetchevents: true
  commands:
  - name: okta-get-events
    description: Gets events from Okta.
    arguments:
    - name: limit
      description: Maximum number of events to return.
fromversion: 6.8.0
marketplaces:
- marketplacev2
"""

COLLECTOR_PY = """import demistomock as demisto
from CommonServerPython import *

VENDOR = 'okta'
PRODUCT = 'okta'


def get_events(client, limit):
    return client.search(limit=limit)


def main():
    params = demisto.params()
    client = Client(params['url'])
    command = demisto.command()
    if command == 'test-module':
        get_events(client, 1)
        return_results('ok')
    elif command == 'okta-get-events':
        events = get_events(client, int(demisto.args().get('limit', 50)))
        return_results(CommandResults(outputs=events))
    elif command == 'fetch-events':
        last_run = demisto.getLastRun()
        events = get_events(client, int(params.get('max_fetch', 1000)))
        send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)
        demisto.setLastRun({'from': last_run.get('from', '')})


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
"""

COLLECTOR_SEND = "send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)"
"""The send call of ``COLLECTOR_PY``, ``COLLECTOR_PY_MATCH``, ``COLLECTOR_PY_DICT`` and ``COLLECTOR_PY_CLIENT``."""
COLLECTOR_SET_LAST_RUN = "demisto.setLastRun({'from': last_run.get('from', '')})"
"""The setLastRun call of ``COLLECTOR_PY``, ``COLLECTOR_PY_DICT`` and ``COLLECTOR_PY_CLIENT``."""

FETCHER_YML = """commonfields:
  id: Acme Alerts
  version: -1
name: Acme Alerts
display: Acme Alerts
category: Case Management
description: Fetches alerts from Acme as incidents.
configuration:
- display: Server URL
  name: url
  type: 0
  required: true
- display: Fetch incidents
  name: isFetch
  type: 8
  required: false
- display: Incident type
  name: incidentType
  type: 13
  required: false
- display: First fetch time
  name: first_fetch
  type: 0
  defaultvalue: 3 days
  required: false
- display: Maximum number of incidents per fetch
  name: max_fetch
  type: 0
  defaultvalue: '50'
  required: false
- display: Incidents Fetch Interval
  name: incidentFetchInterval
  type: 19
  defaultvalue: '1'
  required: false
script:
  type: python
  subtype: python3
  script: '-'
  isfetch: true
  commands:
  - name: acme-get-alert
    description: Gets one alert.
    arguments:
    - name: alert_id
      required: true
fromversion: 6.0.0
"""

FETCHER_PY = """import json

import demistomock as demisto
from CommonServerPython import *


def fetch_incidents(client, last_run, first_fetch, max_fetch):
    since = last_run.get('last_fetch') or first_fetch
    incidents = []
    for alert in client.list_alerts(since=since, limit=max_fetch):
        incidents.append({
            'name': alert['title'],
            'occurred': alert['created'],
            'details': alert['summary'],
            'dbotMirrorId': str(alert['id']),
            'rawJSON': json.dumps(alert),
        })
        since = alert['created']
    return incidents, {'last_fetch': since}


def main():
    params = demisto.params()
    client = Client(params['url'])
    command = demisto.command()
    if command == 'test-module':
        return_results('ok')
    elif command == 'fetch-incidents':
        incidents, next_run = fetch_incidents(client, demisto.getLastRun(), params.get('first_fetch'),
                                              int(params.get('max_fetch', 50)))
        demisto.incidents(incidents)
        demisto.setLastRun(next_run)
    elif command == 'acme-get-alert':
        return_results(client.get_alert(demisto.args()['alert_id']))


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
"""

COLLECTOR_DIR = "Integrations/OktaEventCollector/"
FETCHER_DIR = "Integrations/AcmeAlerts/"


def _pack(folder: str, stem: str, yml: str | None, py: str | None, metadata: str | None,
          extra: dict[str, str] | None) -> dict[str, str]:
    files: dict[str, str] = {}
    if metadata is not None:
        files["pack_metadata.json"] = metadata
    if yml is not None:
        files[f"{folder}{stem}.yml"] = yml
    if py is not None:
        files[f"{folder}{stem}.py"] = py
    files.update(extra or {})
    return files


def collector(yml: str | None = COLLECTOR_YML, py: str | None = COLLECTOR_PY, metadata: str | None = METADATA,
              extra: dict[str, str] | None = None) -> dict[str, str]:
    """An event collector pack (``OktaEventCollector``) that passes every rule."""
    return _pack(COLLECTOR_DIR, "OktaEventCollector", yml, py, metadata, extra)


def fetcher(yml: str | None = FETCHER_YML, py: str | None = FETCHER_PY, metadata: str | None = METADATA,
            extra: dict[str, str] | None = None) -> dict[str, str]:
    """A fetch-incidents pack (``AcmeAlerts``) that passes every rule."""
    return _pack(FETCHER_DIR, "AcmeAlerts", yml, py, metadata, extra)


COLLECTOR_YML_PATH = COLLECTOR_DIR + "OktaEventCollector.yml"
COLLECTOR_PY_PATH = COLLECTOR_DIR + "OktaEventCollector.py"
FETCHER_YML_PATH = FETCHER_DIR + "AcmeAlerts.yml"
FETCHER_PY_PATH = FETCHER_DIR + "AcmeAlerts.py"


def commands_appended(lines: str) -> str:
    """``COLLECTOR_YML`` with ``lines`` at the end of ``script.commands``, after the last argument
    of its one command: ``  - name: x`` adds a command (line 29), ``    - name: y`` an argument
    of ``okta-get-events``."""
    last_argument = "      description: Maximum number of events to return.\n"
    return COLLECTOR_YML.replace(last_argument, last_argument + lines)


def with_send(call: str, py: str = COLLECTOR_PY) -> str:
    """``py`` with ``call`` in place of its send call (``COLLECTOR_SEND``)."""
    return py.replace(COLLECTOR_SEND, call)


def without_lines(py: str, *code: str) -> str:
    """``py`` without the lines that hold just one of ``code`` (at any indentation)."""
    return "".join(line for line in py.splitlines(keepends=True) if line.strip() not in code)


# --- Dispatch styles and unified YAML (FI2xx examples). Each variant passes every rule. ---

_FETCHER_MAIN = FETCHER_PY[FETCHER_PY.index("def main():"):FETCHER_PY.index("\n\nif __name__")]

FETCHER_PY_MATCH = FETCHER_PY.replace(_FETCHER_MAIN, """def main():
    params = demisto.params()
    client = Client(params['url'])
    match demisto.command():
        case 'test-module':
            return_results('ok')
        case 'fetch-incidents':
            incidents, next_run = fetch_incidents(client, demisto.getLastRun(), params.get('first_fetch'),
                                                  int(params.get('max_fetch', 50)))
            demisto.incidents(incidents)
            demisto.setLastRun(next_run)
        case 'acme-get-alert':
            return_results(client.get_alert(demisto.args()['alert_id']))
        case _:
            raise NotImplementedError(demisto.command())
""")
"""``FETCHER_PY`` dispatching with ``match demisto.command():`` (same line numbers above main)."""

FETCHER_PY_DICT = FETCHER_PY.replace(_FETCHER_MAIN, """def fetch_incidents_command(client, params):
    incidents, next_run = fetch_incidents(client, demisto.getLastRun(), params.get('first_fetch'),
                                          int(params.get('max_fetch', 50)))
    demisto.incidents(incidents)
    demisto.setLastRun(next_run)


COMMANDS = {
    'test-module': lambda client, params: return_results('ok'),
    'fetch-incidents': fetch_incidents_command,
    'acme-get-alert': lambda client, params: return_results(client.get_alert(demisto.args()['alert_id'])),
}


def main():
    params = demisto.params()
    client = Client(params['url'])
    COMMANDS[demisto.command()](client, params)
""")
"""``FETCHER_PY`` dispatching through a dict of commands (``COMMANDS[demisto.command()](...)``)."""

UNIFIED_LINE_OFFSET = FETCHER_YML.splitlines().index("  script: '-'") + 1
"""In ``unified(py)``, Python line L is YAML line ``UNIFIED_LINE_OFFSET + L`` and column C is C + 4."""


def unified(py: str = FETCHER_PY, yml: str = FETCHER_YML) -> str:
    """``yml`` with ``py`` embedded as a ``script.script: |`` block: a unified YAML (use it as
    ``fetcher(yml=unified(py), py=None)``)."""
    block = "".join(f"    {line}\n" if line.strip() else "\n" for line in py.splitlines())
    return yml.replace("  script: '-'\n", "  script: |\n" + block)

FETCHER_PY_CATCH_ALL = FETCHER_PY.replace("""    elif command == 'acme-get-alert':
        return_results(client.get_alert(demisto.args()['alert_id']))
""", "").replace("    elif command == 'fetch-incidents':\n", """    elif command == 'acme-get-alert':
        return_results(client.get_alert(demisto.args()['alert_id']))
    else:
""")
"""``FETCHER_PY`` whose final ``else:`` (line 30) is the fetch-incidents branch."""

FETCHER_PY_CLIENT = """import json

import demistomock as demisto
from CommonServerPython import *


class AcmeClient(BaseClient):
    def list_alerts(self, since, limit):
        return self._http_request('GET', '/v2/alerts', params={'created_after': since, 'limit': limit})

    def fetch_incidents(self, first_fetch, max_fetch):
        last_run = demisto.getLastRun()
        since = last_run.get('last_fetch') or first_fetch
        incidents = []
        for alert in self.list_alerts(since, max_fetch):
            incidents.append({
                'name': alert['title'],
                'occurred': alert['created'],
                'details': alert['summary'],
                'dbotMirrorId': str(alert['id']),
                'rawJSON': json.dumps(alert),
            })
            since = alert['created']
        demisto.incidents(incidents)
        demisto.setLastRun({'last_fetch': since})


def main():
    params = demisto.params()
    client = AcmeClient(params['url'])
    command = demisto.command()
    if command == 'test-module':
        return_results('ok')
    elif command == 'fetch-incidents':
        client.fetch_incidents(params.get('first_fetch'), int(params.get('max_fetch', 50)))
    elif command == 'acme-get-alert':
        return_results(client.get_alert(demisto.args()['alert_id']))


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
"""
"""A fetcher whose fetch runs in a Client method (``client.fetch_incidents(...)``)."""

FETCHER_YML_LONG_RUNNING = FETCHER_YML.replace("  isfetch: true\n", "  isfetch: true\n  longRunning: true\n")
"""A long-running fetcher (``script.longRunning: true``), which may keep its position in the
integration context."""

FETCHER_PY_SAMPLES = FETCHER_PY.replace("""\
        incidents, next_run = fetch_incidents(client, demisto.getLastRun(), params.get('first_fetch'),
                                              int(params.get('max_fetch', 50)))
        demisto.incidents(incidents)
        demisto.setLastRun(next_run)
""", """\
        # for mapping only: the long-running execution saves samples of what it created
        demisto.incidents(get_integration_context().get('samples', []))
""")
"""``FETCHER_PY`` whose fetch-incidents only returns the samples a long-running execution saved
for mapping: it neither reads nor saves the last run."""


# --- Collector dispatch styles and a unified collector (EC2xx/CM examples). Each variant
# keeps COLLECTOR_PY's first 11 lines (imports, VENDOR, PRODUCT, get_events) and passes every rule.

_COLLECTOR_HEAD = COLLECTOR_PY[:COLLECTOR_PY.index("def main():")]
_COLLECTOR_TAIL = "\n\nif __name__ in ('__main__', '__builtin__', 'builtins'):\n    main()\n"

COLLECTOR_PY_MATCH = _COLLECTOR_HEAD + """def fetch_events(client, last_run, limit):
    events = get_events(client, limit)
    return events, {'from': last_run.get('from', '')}


def fetch_events_command(client, params):
    events, next_run = fetch_events(client, demisto.getLastRun(), int(params.get('max_fetch', 1000)))
    send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)
    demisto.setLastRun(next_run)


def main():
    params = demisto.params()
    client = Client(params['url'])
    match demisto.command():
        case 'test-module':
            get_events(client, 1)
            return_results('ok')
        case 'okta-get-events':
            return_results(CommandResults(outputs=get_events(client, 50)))
        case 'fetch-events':
            fetch_events_command(client, params)
        case _:
            raise NotImplementedError(demisto.command())
""" + _COLLECTOR_TAIL
"""``match demisto.command():`` (the 'fetch-events' pattern on line 33); the calls are in
``fetch_events_command`` (lines 18-21), a helper between the branch and ``get_events``."""

COLLECTOR_PY_DICT = _COLLECTOR_HEAD + """def test_module(client, params):
    get_events(client, 1)
    return 'ok'


def get_events_command(client, params):
    return CommandResults(outputs=get_events(client, int(demisto.args().get('limit', 50))))


def fetch_events_command(client, params):
    last_run = demisto.getLastRun()
    events = get_events(client, int(params.get('max_fetch', 1000)))
    send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)
    demisto.setLastRun({'from': last_run.get('from', '')})


COMMANDS = {
    'test-module': test_module,
    'okta-get-events': get_events_command,
    'fetch-events': fetch_events_command,
}


def main():
    params = demisto.params()
    command = demisto.command()
    if command not in COMMANDS:
        raise NotImplementedError(f'{command} is not implemented')
    result = COMMANDS[command](Client(params['url']), params)
    if result is not None:
        return_results(result)
""" + _COLLECTOR_TAIL
"""A dict of commands (``COMMANDS[command](...)``, the 'fetch-events' key on line 31) guarded
by ``if command not in COMMANDS: raise``; the calls are in ``fetch_events_command`` (21-25)."""

COLLECTOR_PY_CLIENT = _COLLECTOR_HEAD + """class OktaClient(BaseClient):
    def search_logs(self, limit):
        return self._http_request('GET', '/api/v1/logs', params={'limit': limit})

    def fetch_events(self, limit):
        last_run = demisto.getLastRun()
        events = self.search_logs(limit)
        send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)
        demisto.setLastRun({'from': last_run.get('from', '')})


def main():
    params = demisto.params()
    client = OktaClient(params['url'])
    command = demisto.command()
    demisto.debug(f'Command being called is {command}')
    if command in ('test-module', 'okta-get-events'):
        return_results(client.search_logs(1))
    else:
        client.fetch_events(int(params.get('max_fetch', 1000)))
""" + _COLLECTOR_TAIL
"""``command in (...)`` with a catch-all ``else:`` (line 30) that fetches through a method
(``client.fetch_events``, lines 16-20)."""

COLLECTOR_UNIFIED_OFFSET = COLLECTOR_YML.splitlines().index("  script: '-'") + 1
"""In ``unified(py, COLLECTOR_YML)``, Python line L is YAML line ``COLLECTOR_UNIFIED_OFFSET + L``
and column C is C + 4."""


def unified_collector(py: str = COLLECTOR_PY, yml: str = COLLECTOR_YML) -> dict[str, str]:
    """The collector pack with ``py`` embedded in its YAML (``script.script: |``), no .py file."""
    return collector(yml=unified(py, yml), py=None)


def api_module(py: str = FETCHER_PY) -> str:
    """``py`` plus ``from AcmeApiModule import *``: code the model cannot see (RULES.md 2.3)."""
    star = "from CommonServerPython import *\n"
    return py.replace(star, star + "from AcmeApiModule import *\n")


def getattr_dispatch(py: str = FETCHER_PY) -> str:
    """``py`` (``FETCHER_PY`` or a variant) whose ``acme-get-alert`` branch dispatches with
    ``getattr(client, command...)``: the dispatch is not resolved (RULES.md 2.3)."""
    return py.replace(
        "    elif command == 'acme-get-alert':\n        return_results(client.get_alert(demisto.args()['alert_id']))",
        "    elif hasattr(client, command.replace('-', '_')):\n"
        "        return_results(getattr(client, command.replace('-', '_'))(**demisto.args()))")

COLLECTOR_PY_API_MODULE = """import demistomock as demisto
from CommonServerPython import *
from OktaApiModule import *


def main():
    params = demisto.params()
    client = OktaClient(params['url'])
    command = demisto.command()
    if command == 'test-module':
        return_results(test_okta(client))
    elif command == 'fetch-events':
        fetch_okta_events(client, params)
""" + _COLLECTOR_TAIL
"""Precision: the fetch-events branch's calls live in an API module (invisible here), and so
may 'okta-get-events': the dispatch is not resolved and absence rules stay silent."""

COLLECTOR_PY_GETATTR = """import demistomock as demisto
from CommonServerPython import *

import okta_handlers


def main():
    params = demisto.params()
    client = Client(params['url'])
    command = demisto.command()
    if command == 'test-module':
        return_results('ok')
        return
    if command == 'fetch-events':
        demisto.debug('fetching events')
    return_results(getattr(okta_handlers, command)(client, params))
""" + _COLLECTOR_TAIL
"""Precision: ``getattr(module, command)`` runs any command: the dispatch is not resolved."""

COLLECTOR_PY_TWO_CLIENTS = COLLECTOR_PY_CLIENT.replace("\n\ndef main():", """

class ReplayClient:
    def fetch_events(self, limit):
        return []


def main():""")
"""Precision: ``client.fetch_events(...)`` may run either class's method; reachability follows
neither (RULES.md 2.4), so absence rules about the fetch-events branch stay silent."""

COLLECTOR_PY_DICT_EXTENDED = COLLECTOR_PY_DICT.replace("    'okta-get-events': get_events_command,\n", "").replace(
    "}\n\n\ndef main():", "}\nCOMMANDS['okta-get-events'] = get_events_command\n\n\ndef main():")
"""Precision: a dict of commands extended after its literal: its keys are not all it holds."""


# --- Example sets of the absence rules about a call reachable from the fetch branch ---


def fetch_branch_examples(lacking: Callable[[str], str], valid: Iterable[Example] = (),
                          invalid: Iterable[Example] = ()) -> list[Example]:
    """The examples of an absence rule about a call reachable from the 'fetch-incidents' branch
    (FI201–FI203); ``lacking(py)`` removes that call from ``FETCHER_PY`` or a dispatch variant.
    Valid: each dispatch style as it is, and ``lacking`` in a non-fetcher and behind an
    unresolved dispatch; then ``valid``. Invalid: ``lacking`` in each dispatch style and in a
    unified YAML, reported at the branch; then ``invalid``."""
    return [
        example.valid(fetcher(), title="if-elif"),
        example.valid(fetcher(py=FETCHER_PY_MATCH), title="match-case"),
        example.valid(fetcher(py=FETCHER_PY_DICT), title="dict dispatch to a helper"),
        example.valid(fetcher(py=FETCHER_PY_CATCH_ALL), title="catch-all else"),
        example.valid(fetcher(py=FETCHER_PY_CLIENT), title="Client method"),
        example.valid(fetcher(py=lacking(FETCHER_PY), yml=FETCHER_YML.replace("  isfetch: true\n", "")),
                      title="not a fetcher"),
        example.valid(fetcher(py=api_module(lacking(FETCHER_PY))), title="API module star import: not resolved"),
        example.valid(fetcher(py=getattr_dispatch(lacking(FETCHER_PY))), title="getattr dispatch: not resolved"),
        *valid,
        example.invalid(fetcher(py=lacking(FETCHER_PY)), at=(FETCHER_PY_PATH, 28, 21), title="if-elif"),
        example.invalid(fetcher(py=lacking(FETCHER_PY_MATCH)), at=(FETCHER_PY_PATH, 28, 14), title="match-case"),
        example.invalid(fetcher(py=lacking(FETCHER_PY_DICT)), at=(FETCHER_PY_PATH, 31, 5), title="dict dispatch"),
        example.invalid(fetcher(py=lacking(FETCHER_PY_CATCH_ALL)), at=(FETCHER_PY_PATH, 30, 5),
                        title="catch-all reported at else"),
        example.invalid(fetcher(py=lacking(FETCHER_PY_CLIENT)), at=(FETCHER_PY_PATH, 34, 21), title="Client method"),
        example.invalid(fetcher(yml=unified(lacking(FETCHER_PY)), py=None),
                        at=(FETCHER_YML_PATH, UNIFIED_LINE_OFFSET + 28, 25), title="unified YAML"),
        *invalid,
    ]


def collector_branch_examples(lacking: Callable[[str], str], valid: Iterable[Example] = (),
                              invalid: Iterable[Example] = ()) -> list[Example]:
    """The examples of an absence rule about a call reachable from a collector's 'fetch-events'
    branch (EC203, EC208); ``lacking(py)`` removes that call from ``COLLECTOR_PY`` or a dispatch
    variant. Valid: each dispatch style as it is, an unresolved dispatch and a method two
    classes define; then ``valid``. Invalid: ``lacking`` in each dispatch style and in a
    unified YAML, reported at the branch; then ``invalid``."""
    return [
        example.valid(collector(), title="if-elif"),
        example.valid(collector(py=COLLECTOR_PY_MATCH), title="match-case, through a helper"),
        example.valid(collector(py=COLLECTOR_PY_DICT), title="dict of commands"),
        example.valid(collector(py=COLLECTOR_PY_CLIENT), title="catch-all else, through a method"),
        example.valid(unified_collector(), title="unified YAML"),
        example.valid(collector(py=COLLECTOR_PY_API_MODULE), title="API module import: not resolved"),
        example.valid(collector(py=COLLECTOR_PY_GETATTR), title="getattr dispatch: not resolved"),
        example.valid(collector(py=COLLECTOR_PY_TWO_CLIENTS), title="a method two classes define: not known"),
        *valid,
        example.invalid(collector(py=lacking(COLLECTOR_PY)), at=(COLLECTOR_PY_PATH, 22, 21), title="if-elif"),
        example.invalid(collector(py=lacking(COLLECTOR_PY_MATCH)), at=(COLLECTOR_PY_PATH, 31, 14),
                        title="match-case, through a helper"),
        example.invalid(collector(py=lacking(COLLECTOR_PY_DICT)), at=(COLLECTOR_PY_PATH, 30, 5),
                        title="dict of commands"),
        example.invalid(collector(py=lacking(COLLECTOR_PY_CLIENT)), at=(COLLECTOR_PY_PATH, 29, 5),
                        title="catch-all else, through a method"),
        example.invalid(unified_collector(lacking(COLLECTOR_PY)),
                        at=(COLLECTOR_YML_PATH, COLLECTOR_UNIFIED_OFFSET + 22, 25), title="unified YAML"),
        *invalid,
    ]
