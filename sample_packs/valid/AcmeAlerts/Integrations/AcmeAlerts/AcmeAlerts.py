"""Acme Alerts: fetches Acme EDR alerts as incidents."""
import json

import demistomock as demisto  # noqa: F401
from CommonServerPython import *  # noqa: F401

SEVERITIES = {'Low': 1, 'Medium': 2, 'High': 3}


class Client(BaseClient):
    def list_alerts(self, since: str, min_severity: str, limit: int) -> list[dict]:
        params = {'created_after': since, 'min_severity': min_severity, 'limit': limit, 'order': 'asc'}
        return self._http_request('GET', '/v2/alerts', params=params).get('items', [])

    def get_alert(self, alert_id: str) -> dict:
        return self._http_request('GET', f'/v2/alerts/{alert_id}')


def alert_to_incident(alert: dict) -> dict:
    return {
        'name': f"Acme: {alert['title']}",
        'occurred': alert['created_at'],
        'details': alert.get('description', ''),
        'severity': SEVERITIES.get(alert.get('severity', 'Low'), 1),
        'dbotMirrorId': str(alert['id']),
        'rawJSON': json.dumps(alert),
    }


def fetch_incidents(client: Client, last_run: dict, first_fetch: str, min_severity: str,
                    max_fetch: int) -> tuple[list[dict], dict]:
    since = last_run.get('last_created') or arg_to_datetime(first_fetch).isoformat()
    seen = set(last_run.get('seen_ids', []))
    incidents = []
    for alert in client.list_alerts(since, min_severity, max_fetch):
        if str(alert['id']) in seen:
            continue
        incidents.append(alert_to_incident(alert))
        since = alert['created_at']
    return incidents, {'last_created': since, 'seen_ids': [i['dbotMirrorId'] for i in incidents]}


def get_alert_command(client: Client, args: dict) -> CommandResults:
    alert = client.get_alert(args['alert_id'])
    return CommandResults(outputs_prefix='Acme.Alert', outputs_key_field='id', outputs=alert)


def main() -> None:
    params = demisto.params()
    command = demisto.command()
    client = Client(base_url=params['url'], verify=True, headers={'Authorization': params['credentials']['password']})
    try:
        if command == 'test-module':
            client.list_alerts(since='1 minute', min_severity='High', limit=1)
            return_results('ok')
        elif command == 'fetch-incidents':
            incidents, next_run = fetch_incidents(client, demisto.getLastRun(), params.get('first_fetch', '3 days'),
                                                  params.get('min_severity', 'Medium'),
                                                  arg_to_number(params.get('max_fetch')) or 50)
            demisto.incidents(incidents)
            demisto.setLastRun(next_run)
        elif command == 'acme-get-alert':
            return_results(get_alert_command(client, demisto.args()))
        else:
            raise NotImplementedError(f'{command} is not implemented')
    except Exception as e:
        return_error(f'Failed to execute {command}: {e}')


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
