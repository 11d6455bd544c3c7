import demistomock as demisto
from CommonServerPython import *


def main():
    print 'legacy'
    command = demisto.command()
    if command == 'test-module':
        return_results('ok')
    elif command == 'legacy-ping':
        return_results('pong')


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
