import demistomock as demisto
from CommonServerPython import *


def main():
    command = demisto.command()
    if command == 'test-module':
        return_results('ok')
    elif command == 'thing-ping':
        return_results('pong')


if __name__ in ('__main__', '__builtin__', 'builtins'):
    main()
