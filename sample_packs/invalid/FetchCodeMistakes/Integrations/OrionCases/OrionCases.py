"""Orion Cases: fetches Orion SOC cases as incidents."""
import json

import demistomock as demisto  # noqa: F401
from CommonServerPython import *  # noqa: F401


class Client(BaseClient):
    def list_cases(self, opened_after: str, limit: int) -> list[dict]:
        return self._http_request('GET', '/api/cases', params={'opened_after': opened_after, 'limit': limit})['cases']

    def get_case(self, case_id: str) -> dict:
        return self._http_request('GET', f'/api/cases/{case_id}')


def test_module(client: Client, params: dict) -> None:
    client.list_cases('1 minute', 1)
    return_results('ok')


def get_case_command(client: Client, params: dict) -> None:
    case = client.get_case(demisto.args()['case_id'])
    return_results(CommandResults(outputs_prefix='Orion.Case', outputs_key_field='id', outputs=case))


def fetch_incidents_command(client: Client, params: dict) -> None:
    last_run = demisto.getLastRun()
    since = last_run.get('opened_after') or arg_to_datetime(params.get('first_fetch', '3 days')).isoformat()
    incidents = []
    for case in client.list_cases(since, arg_to_number(params.get('max_fetch')) or 200):
        incidents.append({
            'name': f"Orion case {case['id']}: {case['title']}",
            'dbotMirrorId': str(case['id']),
            'rawJSON': json.dumps(case),
        })
        since = case['opened_at']
    demisto.incidents(incidents)
    demisto.setLastRun({'opened_after': since})


COMMANDS = {
    'test-module': test_module,
    'orion-get-case': get_case_command,
}


def main() -> None:
    params = demisto.params()
    client = Client(base_url=params['url'], verify=True, headers={'X-Token': params['credentials']['password']})
    COMMANDS[demisto.command()](client, params)


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
