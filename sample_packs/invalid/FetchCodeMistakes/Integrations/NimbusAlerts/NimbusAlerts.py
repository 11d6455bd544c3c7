"""Nimbus Alerts: fetches Nimbus cloud firewall alerts as incidents."""
import json

import demistomock as demisto  # noqa: F401
from CommonServerPython import *  # noqa: F401


class Client(BaseClient):
    def search_alerts(self, since: str, limit: int) -> list[dict]:
        params = {'updated_after': since, 'limit': limit, 'sort': 'updated_at'}
        return self._http_request('GET', '/v1/alerts', params=params).get('alerts', [])

    def get_alert(self, alert_id: str) -> dict:
        return self._http_request('GET', f'/v1/alerts/{alert_id}')


def alerts_to_incidents(alerts: list[dict]) -> list[dict]:
    incidents = []
    for alert in alerts:
        incidents.append({
            'name': f"Nimbus: {alert['rule_name']}",
            'occurred': alert['updated_at'],
            'details': alert.get('summary', ''),
            'dbotMirrorId': str(alert['id']),
        })
    return incidents


def fetch_incidents_command(client: Client, params: dict) -> None:
    last_run = demisto.getLastRun()
    since = last_run.get('last_fetch') or arg_to_datetime(params.get('first_fetch', '3 days')).isoformat()
    try:
        alerts = client.search_alerts(since, arg_to_number(params.get('max_fetch')) or 100)
    except DemistoException as error:
        demisto.error(f'Nimbus fetch failed: {error}')
        demisto.setLastRun(last_run)
        raise
    incidents = alerts_to_incidents(alerts)
    next_run = {'last_fetch': alerts[-1]['updated_at'] if alerts else since, 'fetched': len(incidents)}
    demisto.setLastRun(next_run)
    if incidents:
        demisto.incidents(incidents)


def main() -> None:
    params = demisto.params()
    command = demisto.command()
    client = Client(base_url=params['url'], verify=True,
                    headers={'X-Api-Key': params['credentials']['password']})
    try:
        if command == 'test-module':
            client.search_alerts(since='1 minute', limit=1)
            return_results('ok')
        elif command == 'fetch-incidents':
            fetch_incidents_command(client, params)
        elif command == 'nimbus-get-alert':
            alert = client.get_alert(demisto.args()['alert_id'])
            return_results(CommandResults(outputs_prefix='Nimbus.Alert', outputs_key_field='id', outputs=alert,
                                          raw_response=json.dumps(alert)))
        else:
            raise NotImplementedError(f'{command} is not implemented')
    except Exception as e:
        return_error(f'Failed to execute {command}: {e}')


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
