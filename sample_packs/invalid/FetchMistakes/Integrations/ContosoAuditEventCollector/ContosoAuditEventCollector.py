"""Contoso Audit Event Collector: sends Contoso audit log events to Cortex XSIAM."""
import demistomock as demisto  # noqa: F401
from CommonServerPython import *  # noqa: F401

VENDOR = 'contoso'
PRODUCT = 'audit'


class Client(BaseClient):
    def get_audit_events(self, after_id: int, limit: int) -> list[dict]:
        params = {'after_id': after_id, 'limit': limit}
        return self._http_request('GET', '/api/audit/events', params=params).get('events', [])


def get_events(client: Client, after_id: int, limit: int) -> list[dict]:
    events = client.get_audit_events(after_id, limit)
    for event in events:
        event['_time'] = event.get('timestamp')
    return events


def main() -> None:
    params = demisto.params()
    args = demisto.args()
    command = demisto.command()
    client = Client(base_url=params['url'], verify=True, headers={'X-Api-Key': params['api_key']})
    try:
        if command == 'test-module':
            get_events(client, 0, 1)
            return_results('ok')
        elif command == 'contoso-audit-get-events':
            events = get_events(client, 0, arg_to_number(args.get('limit')) or 50)
            return_results(CommandResults(outputs_prefix='Contoso.AuditEvent', outputs=events))
            if argToBoolean(args.get('should_push_events', False)):
                send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)
        elif command == 'fetch-events':
            last_run = demisto.getLastRun()
            after_id = int(last_run.get('after_id', 0))
            events = get_events(client, after_id, arg_to_number(params.get('max_fetch')) or 1000)
            send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)
            demisto.setLastRun({'after_id': str(events[-1]['id'] if events else after_id)})
        else:
            raise NotImplementedError(f'{command} is not implemented')
    except Exception as e:
        return_error(f'Failed to execute {command}: {e}')


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
