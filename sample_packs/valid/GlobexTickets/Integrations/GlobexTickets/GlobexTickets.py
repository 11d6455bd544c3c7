"""Globex Tickets: fetches Globex service desk tickets as incidents."""
import json

import demistomock as demisto  # noqa: F401
from CommonServerPython import *  # noqa: F401

PRIORITIES = {'low': 1, 'normal': 2, 'high': 3, 'urgent': 4}


class Client(BaseClient):
    def search_tickets(self, updated_after: str, min_severity: str, limit: int) -> list[dict]:
        params = {'updated_after': updated_after, 'min_priority': min_severity.lower(), 'per_page': limit,
                  'sort': 'updated_at'}
        return self._http_request('GET', '/v3/tickets', params=params).get('tickets', [])

    def get_ticket(self, ticket_id: str) -> dict:
        return self._http_request('GET', f'/v3/tickets/{ticket_id}')


def ticket_to_incident(ticket: dict) -> dict:
    incident = {
        'name': f"Globex #{ticket['number']}: {ticket['subject']}",
        'occurred': ticket['created_at'],
        'details': ticket.get('description', ''),
        'severity': PRIORITIES.get(ticket.get('priority', 'normal'), 2),
        'dbotMirrorId': str(ticket['id']),
    }
    incident['rawJSON'] = json.dumps(ticket)
    return incident


def fetch_incidents(client: Client, last_run: dict, params: dict) -> tuple[list[dict], dict]:
    updated_after = last_run.get('updated_after') or arg_to_datetime(params.get('first_fetch', '3 days')).isoformat()
    seen = set(last_run.get('seen_ids', []))
    incidents: list[dict] = []
    for ticket in client.search_tickets(updated_after, params.get('min_severity', 'Medium'),
                                        arg_to_number(params.get('max_fetch')) or 50):
        if str(ticket['id']) in seen:
            continue
        incidents.append(ticket_to_incident(ticket))
        updated_after = ticket['updated_at']
    next_run = {'updated_after': updated_after, 'seen_ids': [i['dbotMirrorId'] for i in incidents]}
    return incidents, next_run


def main() -> None:
    params = demisto.params()
    client = Client(base_url=params['url'], verify=True,
                    headers={'Authorization': f"Bearer {params['credentials']['password']}"})
    try:
        match demisto.command():
            case 'test-module':
                client.search_tickets(updated_after='1 minute', min_severity='High', limit=1)
                return_results('ok')
            case 'fetch-incidents':
                incidents, next_run = fetch_incidents(client, demisto.getLastRun(), params)
                demisto.incidents(incidents)
                demisto.setLastRun(next_run)
            case 'globex-get-ticket':
                ticket = client.get_ticket(demisto.args()['ticket_id'])
                return_results(CommandResults(outputs_prefix='Globex.Ticket', outputs_key_field='id', outputs=ticket))
            case _:
                raise NotImplementedError(f'{demisto.command()} is not implemented')
    except Exception as e:
        return_error(f'Failed to execute {demisto.command()}: {e}')


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
