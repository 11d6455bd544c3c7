"""Case Queue: fetches open cases of one project as incidents."""
import json

import demistomock as demisto  # noqa: F401
from CommonServerPython import *  # noqa: F401


class Client(BaseClient):
    def search_cases(self, project: str, created_after: str, limit: int) -> list[dict]:
        query = {'project': project, 'status': 'open', 'created_after': created_after, 'limit': limit}
        return self._http_request('POST', '/rest/cases/search', json_data=query).get('cases', [])

    def get_case(self, case_key: str) -> dict:
        return self._http_request('GET', f'/rest/cases/{case_key}')


def case_to_incident(case: dict) -> dict:
    return {
        'name': f"{case['key']}: {case['summary']}",
        'occurred': case['created'],
        'details': case.get('description', ''),
        'dbotMirrorId': str(case['key']),
        'rawJSON': json.dumps(case),
    }


def fetch_incidents(client: Client, last_run: dict, first_fetch: str, project: str,
                    limit: int) -> tuple[list[dict], dict]:
    created_after = last_run.get('created_after') or arg_to_datetime(first_fetch).isoformat()
    incidents = []
    for case in client.search_cases(project, created_after, limit):
        incidents.append(case_to_incident(case))
        created_after = case['created']
    return incidents, {'created_after': created_after}


def get_case_command(client: Client, args: dict) -> CommandResults:
    case = client.get_case(args['case_key'])
    return CommandResults(outputs_prefix='CaseQueue.Case', outputs_key_field='key', outputs=case)


def main() -> None:
    params = demisto.params()
    command = demisto.command()
    client = Client(base_url=params['url'], verify=True, headers={'X-Api-Key': params['api_key']})
    try:
        if command == 'test-module':
            client.search_cases(params['project'], '1 minute', 1)
            return_results('ok')
        elif command == 'fetch-incidents':
            incidents, next_run = fetch_incidents(client, demisto.getLastRun(), params.get('first_fetch', '3 days'),
                                                  params['project'], arg_to_number(params.get('limit')) or 50)
            demisto.incidents(incidents)
            demisto.setLastRun(next_run)
        elif command == 'case-queue-get-case':
            return_results(get_case_command(client, demisto.args()))
        else:
            raise NotImplementedError(f'{command} is not implemented')
    except Exception as e:
        return_error(f'Failed to execute {command}: {e}')


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
