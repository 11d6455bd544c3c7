"""Initech Cases: fetches Initech SOC cases as incidents."""
import json

import demistomock as demisto  # noqa: F401
from CommonServerPython import *  # noqa: F401

SEVERITIES = {'Low': 1, 'Medium': 2, 'High': 3, 'Critical': 4}


class Client(BaseClient):
    def list_cases(self, opened_after: str, min_severity: str, limit: int) -> list[dict]:
        params = {'opened_after': opened_after, 'min_severity': min_severity, 'limit': limit, 'order': 'asc'}
        return self._http_request('GET', '/api/v2/cases', params=params)['cases']

    def get_case(self, case_id: str) -> dict:
        return self._http_request('GET', f'/api/v2/cases/{case_id}')


def test_module(client: Client, params: dict, args: dict) -> str:
    client.list_cases('1 minute', 'High', 1)
    return 'ok'


def get_case_command(client: Client, params: dict, args: dict) -> CommandResults:
    case = client.get_case(args['case_id'])
    return CommandResults(outputs_prefix='Initech.Case', outputs_key_field='id', outputs=case)


def fetch_incidents_command(client: Client, params: dict, args: dict) -> None:
    last_run = demisto.getLastRun()
    opened_after = last_run.get('opened_after') or arg_to_datetime(params.get('first_fetch', '3 days')).isoformat()
    incidents = []
    for case in client.list_cases(opened_after, params.get('min_severity', 'Medium'),
                                  arg_to_number(params.get('max_fetch')) or 50):
        incidents.append({
            'name': f"Initech case {case['id']}: {case['title']}",
            'occurred': case['opened_at'],
            'details': case.get('summary', ''),
            'severity': SEVERITIES.get(case.get('severity', 'Low'), 1),
            'dbotMirrorId': str(case['id']),
            'rawJSON': json.dumps(case),
        })
        opened_after = case['opened_at']
    demisto.incidents(incidents)
    demisto.setLastRun({'opened_after': opened_after, 'count': str(len(incidents))})


COMMANDS = {
    'test-module': lambda client, params, args: return_results(test_module(client, params, args)),
    'fetch-incidents': fetch_incidents_command,
    'initech-get-case': lambda client, params, args: return_results(get_case_command(client, params, args)),
}


def main() -> None:
    params = demisto.params()
    command = demisto.command()
    client = Client(base_url=params['url'], verify=True, headers={'X-Api-Token': params['credentials']['password']})
    try:
        handler = COMMANDS.get(command)
        if handler is None:
            raise NotImplementedError(f'{command} is not implemented')
        handler(client, params, demisto.args())
    except Exception as e:
        return_error(f'Failed to execute {command}: {e}')


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
