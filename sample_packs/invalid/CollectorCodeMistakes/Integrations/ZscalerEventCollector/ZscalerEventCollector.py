"""Zscaler Event Collector: sends ZIA audit logs to Cortex XSIAM."""
import demistomock as demisto  # noqa: F401
from CommonServerPython import *  # noqa: F401

VENDOR = 'zscaler'
PRODUCT = 'zia'
DATE_FORMAT = '%Y-%m-%dT%H:%M:%SZ'


class Client(BaseClient):
    def __init__(self, base_url: str, api_key: str):
        super().__init__(base_url=base_url, headers={'Authorization': f'Bearer {api_key}'})

    def search_audit_logs(self, since: str, limit: int) -> list[dict]:
        params = {'startTime': since, 'pageSize': limit}
        return self._http_request('GET', '/api/v1/auditlogEntryReport', params=params).get('entries', [])


def get_events(client: Client, since: str, limit: int) -> list[dict]:
    events = client.search_audit_logs(since, limit)
    for event in events:
        event['_time'] = event.get('time')
    return events


def fetch_events(client: Client, last_run: dict, first_fetch: str, max_fetch: int) -> tuple[list[dict], dict]:
    since = last_run.get('since') or arg_to_datetime(first_fetch).strftime(DATE_FORMAT)
    events = get_events(client, since, max_fetch)
    return events, {'since': events[-1]['time'] if events else since}


def fetch_events_command(client: Client, params: dict) -> None:
    events, next_run = fetch_events(client, demisto.getLastRun(), params.get('first_fetch', '3 days'),
                                    arg_to_number(params.get('max_fetch')) or 5000)
    demisto.setLastRun(next_run)
    if events:
        send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT, data_format='json')


def main() -> None:
    params = demisto.params()
    args = demisto.args()
    command = demisto.command()
    client = Client(params['url'], params['credentials']['password'])
    demisto.debug(f'Command being called is {command}')
    try:
        if command == 'test-module':
            get_events(client, arg_to_datetime('1 minute').strftime(DATE_FORMAT), 1)
            return_results('ok')
        elif command == 'zscaler-get-events':
            since = arg_to_datetime('1 hour').strftime(DATE_FORMAT)
            events = get_events(client, since, arg_to_number(args.get('limit')) or 50)
            return_results(CommandResults(outputs_prefix='Zscaler.Event', outputs=events))
            if argToBoolean(args.get('should_push_events', False)):
                send_events_to_xsiam(events, vendor=VENDOR)
        elif command == 'zscaler-reset-last-run':
            demisto.setLastRun({})
            return_results('Fetch history deleted.')
        elif command == 'fetch-events':
            fetch_events_command(client, params)
    except Exception as e:
        return_error(f'Failed to execute {command} command.\nError:\n{e}')


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
