"""Phishing Mailbox: fetches reported phishing emails as incidents."""
import json

import demistomock as demisto  # noqa: F401
from CommonServerPython import *  # noqa: F401


class Client(BaseClient):
    def list_messages(self, folder: str, received_after: str, limit: int) -> list[dict]:
        params = {'folder': folder, 'received_after': received_after, 'limit': limit, 'order': 'asc'}
        return self._http_request('GET', '/api/messages', params=params).get('messages', [])

    def get_message(self, message_id: str) -> dict:
        return self._http_request('GET', f'/api/messages/{message_id}')


def message_to_incident(message: dict) -> dict:
    return {
        'name': f"Reported phishing: {message['subject']}",
        'occurred': message['received_at'],
        'details': message.get('preview', ''),
        'dbotMirrorId': str(message['id']),
        'rawJSON': json.dumps(message),
    }


def fetch_incidents(client: Client, last_run: dict, first_fetch: str, folder: str,
                    max_fetch: int) -> tuple[list[dict], dict]:
    received_after = last_run.get('received_after') or arg_to_datetime(first_fetch).isoformat()
    incidents = []
    for message in client.list_messages(folder, received_after, max_fetch):
        incidents.append(message_to_incident(message))
        received_after = message['received_at']
    return incidents, {'received_after': received_after}


def get_email_command(client: Client, args: dict) -> CommandResults:
    message = client.get_message(args['message_id'])
    return CommandResults(outputs_prefix='PhishingMailbox.Email', outputs_key_field='id', outputs=message)


def main() -> None:
    params = demisto.params()
    command = demisto.command()
    credentials = params['credentials']
    client = Client(base_url=params['url'], verify=True, auth=(credentials['identifier'], credentials['password']))
    try:
        if command == 'test-module':
            client.list_messages(params.get('folder', 'Inbox'), '1 minute', 1)
            return_results('ok')
        elif command == 'fetch-incidents':
            incidents, next_run = fetch_incidents(client, demisto.getLastRun(), params.get('first_fetch', '1 day'),
                                                  params.get('folder', 'Inbox'),
                                                  arg_to_number(params.get('max_fetch')) or 50)
            demisto.incidents(incidents)
            demisto.setLastRun(next_run)
        elif command == 'phishing-mailbox-get-email':
            return_results(get_email_command(client, demisto.args()))
        else:
            raise NotImplementedError(f'{command} is not implemented')
    except Exception as e:
        return_error(f'Failed to execute {command}: {e}')


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
