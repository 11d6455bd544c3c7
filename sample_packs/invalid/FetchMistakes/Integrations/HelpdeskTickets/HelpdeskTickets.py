"""Helpdesk Tickets: fetches tickets of one Helpdesk queue as incidents."""
import json

import demistomock as demisto  # noqa: F401
from CommonServerPython import *  # noqa: F401


class Client(BaseClient):
    def list_tickets(self, queue: str, updated_after: str, limit: int) -> list[dict]:
        params = {'queue': queue, 'updated_after': updated_after, 'limit': limit, 'sort': 'updated_at'}
        return self._http_request('GET', '/api/v2/tickets', params=params).get('tickets', [])

    def get_ticket(self, ticket_id: str) -> dict:
        return self._http_request('GET', f'/api/v2/tickets/{ticket_id}')


def ticket_to_incident(ticket: dict) -> dict:
    return {
        'name': f"Helpdesk #{ticket['id']}: {ticket['subject']}",
        'occurred': ticket['created_at'],
        'details': ticket.get('description', ''),
        'dbotMirrorId': str(ticket['id']),
        'rawJSON': json.dumps(ticket),
    }


def fetch_incidents(client: Client, last_run: dict, first_fetch: str, queue: str,
                    max_fetch: int) -> tuple[list[dict], dict]:
    updated_after = last_run.get('updated_after') or arg_to_datetime(first_fetch).isoformat()
    incidents = []
    for ticket in client.list_tickets(queue, updated_after, max_fetch):
        incidents.append(ticket_to_incident(ticket))
        updated_after = ticket['updated_at']
    return incidents, {'updated_after': updated_after}


def get_ticket_command(client: Client, args: dict) -> CommandResults:
    ticket = client.get_ticket(args['ticket_id'])
    return CommandResults(outputs_prefix='Helpdesk.Ticket', outputs_key_field='id', outputs=ticket)


def main() -> None:
    params = demisto.params()
    command = demisto.command()
    client = Client(base_url=params['url'], verify=True,
                    headers={'Authorization': f"Bearer {params['credentials']['password']}"})
    try:
        if command == 'test-module':
            client.list_tickets(params.get('queue', 'Security'), '1 minute', 1)
            return_results('ok')
        elif command == 'fetch-incidents':
            incidents, next_run = fetch_incidents(client, demisto.getLastRun(), params.get('fetch_time', '3 days'),
                                                  params.get('queue', 'Security'),
                                                  arg_to_number(params.get('max_fetch')) or 50)
            demisto.incidents(incidents)
            demisto.setLastRun(next_run)
        elif command == 'helpdesk-get-ticket':
            return_results(get_ticket_command(client, demisto.args()))
        else:
            raise NotImplementedError(f'{command} is not implemented')
    except Exception as e:
        return_error(f'Failed to execute {command}: {e}')


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
