import demistomock as demisto
from CommonServerPython import *


def main():
    command = demisto.command()
    if command == 'test-module':
        return_results('ok')
    elif command == 'acme-get-events':
        return_results([])
    elif command == 'fetch-events':
        send_events_to_xsiam([], vendor='duo', product='duo')
        demisto.setLastRun({})


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
