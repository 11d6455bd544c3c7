"""Okta Event Collector: sends Okta System Log events to Cortex XSIAM."""
import demistomock as demisto  # noqa: F401
from CommonServerPython import *  # noqa: F401

VENDOR = 'okta'
PRODUCT = 'okta'
DATE_FORMAT = '%Y-%m-%dT%H:%M:%S.%fZ'
PAGE_SIZE = 1000


class Client(BaseClient):
    """Talks to the Okta System Log API."""

    def __init__(self, base_url: str, api_key: str, verify: bool, proxy: bool):
        headers = {'Authorization': f'SSWS {api_key}', 'Accept': 'application/json'}
        super().__init__(base_url=base_url, verify=verify, proxy=proxy, headers=headers)

    def get_logs(self, since: str, limit: int) -> list[dict]:
        params = {'since': since, 'limit': min(limit, PAGE_SIZE), 'sortOrder': 'ASCENDING'}
        return self._http_request('GET', '/api/v1/logs', params=params)


def get_events(client: Client, since: str, limit: int) -> list[dict]:
    events: list[dict] = []
    while len(events) < limit:
        page = client.get_logs(since, limit - len(events))
        if not page:
            break
        for event in page:
            event['_time'] = event.get('published')
        events.extend(page)
        since = page[-1]['published']
    return events[:limit]


def test_module(client: Client) -> str:
    client.get_logs(since=arg_to_datetime('1 minute').strftime(DATE_FORMAT), limit=1)
    return 'ok'


def get_events_command(client: Client, args: dict) -> tuple[list[dict], CommandResults]:
    since = arg_to_datetime(args.get('from_date') or '1 hour').strftime(DATE_FORMAT)
    events = get_events(client, since, arg_to_number(args.get('limit')) or 50)
    readable = tableToMarkdown('Okta events', events, headers=['uuid', 'eventType', 'published'])
    return events, CommandResults(outputs_prefix='Okta.Event', outputs_key_field='uuid', outputs=events,
                                  readable_output=readable)


def fetch_events(client: Client, last_run: dict, first_fetch: str, max_fetch: int) -> tuple[list[dict], dict]:
    since = last_run.get('since') or arg_to_datetime(first_fetch).strftime(DATE_FORMAT)
    events = get_events(client, since, max_fetch)
    next_run = {'since': events[-1]['published'] if events else since}
    return events, next_run


def main() -> None:
    params = demisto.params()
    args = demisto.args()
    command = demisto.command()
    client = Client(base_url=params['url'].rstrip('/'), api_key=params['credentials']['password'],
                    verify=not params.get('insecure', False), proxy=params.get('proxy', False))
    demisto.debug(f'Command being called is {command}')
    try:
        if command == 'test-module':
            return_results(test_module(client))
        elif command == 'okta-get-events':
            events, results = get_events_command(client, args)
            return_results(results)
            if argToBoolean(args.get('should_push_events', False)):
                send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)
        elif command == 'fetch-events':
            events, next_run = fetch_events(client, demisto.getLastRun(), params.get('first_fetch', '1 hour'),
                                            arg_to_number(params.get('max_fetch')) or 1000)
            send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)
            demisto.setLastRun(next_run)
        else:
            raise NotImplementedError(f'Command {command} is not implemented')
    except Exception as e:
        return_error(f'Failed to execute {command} command.\nError:\n{e}')


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
