"""Shared example packs: every rule example is a one-line variation of these.

``collector()`` and ``fetcher()`` return ``{relative path: text}`` for a tiny but realistic
pack; keyword arguments replace or drop (``None``) single files.
"""

from __future__ import annotations

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
