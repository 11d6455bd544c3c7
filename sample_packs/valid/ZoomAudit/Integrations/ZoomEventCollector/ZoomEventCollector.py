"""Zoom Event Collector: sends Zoom operation and activity logs to Cortex XSIAM."""
import demistomock as demisto  # noqa: F401
from CommonServerPython import *  # noqa: F401

VENDOR = 'zoom'
PRODUCT = 'zoom'
DATE_FORMAT = '%Y-%m-%d'
LOG_TYPES = {'operationlogs': 'operation_logs', 'activities': 'activity_logs'}


class ZoomClient(BaseClient):
    def __init__(self, account_id: str, client_id: str, client_secret: str):
        super().__init__(base_url='https://api.zoom.us/v2')
        self.account_id = account_id
        self.client_id = client_id
        self.client_secret = client_secret

    def list_logs(self, log_type: str, start: str, page_size: int) -> list[dict]:
        response = self._http_request('GET', f'/report/{log_type}', params={'from': start, 'page_size': page_size})
        return response.get(LOG_TYPES[log_type], [])

    def collect(self, last_run: dict, limit: int) -> tuple[list[dict], dict]:
        events: list[dict] = []
        next_run = dict(last_run)
        for log_type in LOG_TYPES:
            start = last_run.get(log_type) or arg_to_datetime('1 day').strftime(DATE_FORMAT)
            page = self.list_logs(log_type, start, limit)
            for log in page:
                log['_time'] = log.get('time')
            if page:
                next_run[log_type] = page[-1]['time']
            events.extend(page)
        return events, next_run

    def run_fetch(self, max_fetch: int) -> None:
        events, next_run = self.collect(demisto.getLastRun(), max_fetch)
        send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)
        demisto.setLastRun(next_run)


def test_module(client: ZoomClient, params: dict, args: dict) -> str:
    client.list_logs('operationlogs', arg_to_datetime('1 day').strftime(DATE_FORMAT), 1)
    return 'ok'


def get_events_command(client: ZoomClient, params: dict, args: dict) -> CommandResults:
    events, _ = client.collect({}, arg_to_number(args.get('limit')) or 30)
    if argToBoolean(args.get('should_push_events', 'false')):
        send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)
    return CommandResults(outputs_prefix='Zoom.Event', outputs=events)


def fetch_events_command(client: ZoomClient, params: dict, args: dict) -> None:
    client.run_fetch(arg_to_number(params.get('max_fetch')) or 300)


COMMANDS = {
    'test-module': test_module,
    'zoom-get-events': get_events_command,
    'fetch-events': fetch_events_command,
}


def main() -> None:
    params = demisto.params()
    command = demisto.command()
    demisto.debug(f'Command being called is {command}')
    client = ZoomClient(params['account_id'], params['credentials']['identifier'], params['credentials']['password'])
    handler = COMMANDS.get(command)
    if handler is None:
        raise NotImplementedError(f'Command {command} is not implemented')
    result = handler(client, params, demisto.args())
    if result is not None:
        return_results(result)


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
