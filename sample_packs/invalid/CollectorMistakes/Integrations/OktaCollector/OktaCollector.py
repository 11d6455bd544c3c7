import demistomock as demisto
from CommonServerPython import *


def main():
    command = demisto.command()
    if command == 'test-module':
        return_results('ok')
    elif command == 'okta-list-logs':
        return_results([])
    elif command == 'fetch-events':
        events = []
        send_events_to_xsiam(events, vendor='okta', product='okta')
        demisto.setLastRun({})


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
