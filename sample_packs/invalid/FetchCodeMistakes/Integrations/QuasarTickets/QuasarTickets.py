"""Quasar Tickets: fetches Quasar helpdesk tickets as incidents."""
import demistomock as demisto  # noqa: F401
from CommonServerPython import *  # noqa: F401


class Client(BaseClient):
    def list_tickets(self, created_after: str, limit: int) -> list:
        response = self._http_request('GET', '/tickets', params={'created_after': created_after, 'limit': limit},
                                      resp_type='response')
        return response.json()['tickets']

    def get_ticket(self, ticket_id: str):
        return self._http_request('GET', f'/tickets/{ticket_id}', resp_type='response')


def fetch_incidents(client: Client, first_fetch: str, max_fetch: int) -> list[dict]:
    since = arg_to_datetime(first_fetch).isoformat()
    incidents = []
    for ticket in client.list_tickets(since, max_fetch):
        raw = client.get_ticket(ticket['id']).json()
        incident = {
            'name': f"Quasar ticket {ticket['number']}: {ticket['subject']}",
            'details': ticket.get('description', ''),
            'rawJSON': raw,
            'dbotMirrorId': int(ticket['id']),
        }
        incident['occurred'] = int(ticket['created_epoch'])
        incidents.append(incident)
    return incidents


def main() -> None:
    params = demisto.params()
    client = Client(base_url=params['url'], verify=True,
                    headers={'Authorization': f"Bearer {params['credentials']['password']}"})
    match demisto.command():
        case 'test-module':
            client.list_tickets('1 minute', 1)
            return_results('ok')
        case 'fetch-incidents':
            incidents = fetch_incidents(client, params.get('first_fetch', '3 days'),
                                        arg_to_number(params.get('max_fetch')) or 50)
            return_results(CommandResults(readable_output=f'fetched {len(incidents)} tickets', outputs=incidents))
        case 'quasar-get-ticket':
            ticket = client.get_ticket(demisto.args()['ticket_id']).json()
            return_results(CommandResults(outputs_prefix='Quasar.Ticket', outputs_key_field='id', outputs=ticket))
        case _:
            raise NotImplementedError(f'{demisto.command()} is not implemented')


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
