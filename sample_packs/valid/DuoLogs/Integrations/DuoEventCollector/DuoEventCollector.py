"""Duo Event Collector: sends Duo authentication and administrator logs to Cortex XSIAM."""
import demistomock as demisto  # noqa: F401
from CommonServerPython import *  # noqa: F401

VENDOR = 'duo'
PRODUCT = 'duo'
ENDPOINTS = {'authentication': '/admin/v2/logs/authentication', 'administrator': '/admin/v1/logs/administrator'}


class Client(BaseClient):
    def get_logs(self, log_type: str, mintime: int, limit: int) -> list[dict]:
        params = {'mintime': mintime, 'limit': limit}
        response = self._http_request('GET', ENDPOINTS[log_type], params=params)
        return response.get('response', [])


def add_time(events: list[dict], log_type: str) -> list[dict]:
    for event in events:
        event['_time'] = timestamp_to_datestring(event['timestamp'] * 1000)
        event['log_type'] = log_type
    return events


def get_events(client: Client, log_type: str, mintime: int, limit: int) -> list[dict]:
    return add_time(client.get_logs(log_type, mintime, limit), log_type)


def fetch_events(client: Client, last_run: dict, log_types: list[str], max_fetch: int) -> tuple[list[dict], dict]:
    events: list[dict] = []
    next_run = dict(last_run)
    for log_type in log_types:
        mintime = last_run.get(log_type) or int(arg_to_datetime('1 hour').timestamp())
        fetched = get_events(client, log_type, mintime, max_fetch)
        if fetched:
            next_run[log_type] = fetched[-1]['timestamp'] + 1
        events.extend(fetched)
    return events, next_run


def fetch_events_command(client: Client, params: dict) -> None:
    events, next_run = fetch_events(client, demisto.getLastRun(), argToList(params.get('log_types')),
                                    arg_to_number(params.get('max_fetch')) or 1000)
    send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)
    demisto.setLastRun(next_run)


def get_events_command(client: Client, args: dict) -> CommandResults:
    events = get_events(client, args.get('log_type', 'authentication'), int(arg_to_datetime('1 day').timestamp()),
                        arg_to_number(args.get('limit')) or 50)
    return CommandResults(outputs_prefix='Duo.Event', outputs=events,
                          readable_output=tableToMarkdown('Duo events', events))


def main() -> None:
    params = demisto.params()
    client = Client(base_url=f"https://{params['host']}", verify=True,
                    auth=(params['credentials']['identifier'], params['credentials']['password']))
    match demisto.command():
        case 'test-module':
            get_events(client, 'authentication', int(arg_to_datetime('1 minute').timestamp()), 1)
            return_results('ok')
        case 'duo-get-events':
            return_results(get_events_command(client, demisto.args()))
        case 'fetch-events':
            fetch_events_command(client, params)
        case _:
            raise NotImplementedError(f'{demisto.command()} is not implemented')


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
