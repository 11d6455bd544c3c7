"""Box Event Collector: sends Box enterprise admin logs to Cortex XSIAM."""
import demistomock as demisto  # noqa: F401
from CommonServerPython import *  # noqa: F401

VENDOR = 'box'
PRODUCT = 'box'


class BoxClient(BaseClient):
    def __init__(self, credentials: dict, verify: bool, proxy: bool):
        super().__init__(base_url='https://api.box.com', verify=verify, proxy=proxy)
        self.token = credentials.get('password', '')

    def get_admin_logs(self, stream_position: str, limit: int) -> dict:
        params = {'stream_type': 'admin_logs', 'stream_position': stream_position, 'limit': limit}
        return self._http_request('GET', '/2.0/events', params=params,
                                  headers={'Authorization': f'Bearer {self.token}'})

    def fetch_events(self, max_fetch: int) -> None:
        last_run = demisto.getLastRun()
        response = self.get_admin_logs(last_run.get('stream_position', '0'), max_fetch)
        push_events(response.get('entries', []))
        demisto.setLastRun({'stream_position': response.get('next_stream_position')})


def push_events(entries: list[dict]) -> None:
    for entry in entries:
        event = {'_time': entry.get('created_at'), **entry}
        send_events_to_xsiam(event, vendor=VENDOR, product=PRODUCT)


def get_events_command(client: BoxClient, args: dict) -> CommandResults:
    response = client.get_admin_logs('0', arg_to_number(args.get('limit')) or 10)
    return CommandResults(outputs_prefix='Box.Event', outputs=response.get('entries', []))


def main() -> None:
    params = demisto.params()
    client = BoxClient(params.get('credentials_json', {}), verify=not params.get('insecure', False),
                       proxy=params.get('proxy', False))
    match demisto.command():
        case 'test-module':
            client.get_admin_logs('now', 1)
            return_results('ok')
        case 'box-get-events':
            return_results(get_events_command(client, demisto.args()))
        case 'fetch_events':
            client.fetch_events(arg_to_number(demisto.params().get('max_fetch')) or 500)
        case _:
            raise NotImplementedError(f'{demisto.command()} is not implemented')


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
