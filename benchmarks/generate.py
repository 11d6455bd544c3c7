"""Write a realistic, content-like tree of N packs for benchmarks (deterministic from a seed).

    python benchmarks/generate.py --packs 100 --seed 1 --out /tmp/bench-tree

Each pack looks like a pack of the public content repository: ``pack_metadata.json``, a
README, release notes, a layout JSON, and one integration (sometimes two), either an event
collector (``isfetchevents``) or a fetch-incidents integration (``isfetch``). An integration
has a YAML of realistic size (10-20 params, 20-60 commands with arguments and outputs),
Python code of 500-3,000 lines (a ``Client`` class, helpers, one function per command,
the fetch function, and a ``main()`` that dispatches with if/elif, ``match`` or a dict),
a unit-test file, description, image and test data. About one pack in ten carries a
deliberate mistake, so the run reports some findings.

The same ``--seed`` and ``--packs`` always produce byte-identical trees.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from pathlib import Path

VENDORS = [
    "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Wonka", "Cyberdyne",
    "Tyrell", "Soylent", "Aperture", "BlackMesa", "Oscorp", "Gringotts", "Monarch", "Nakatomi", "Pied",
    "Massive", "Dunder", "Prestige", "Sterling", "Virtucon", "Zorg", "Bluth", "Krusty", "Nimbus", "Octan",
    "Paper", "Quartz", "Rekall", "Sirius", "Tessier", "Ultor", "Veidt", "Weyland", "Xanatos", "Yoyodyne",
]
PRODUCTS = [
    "Cloud", "Identity", "Firewall", "EDR", "Mail", "Proxy", "SIEM", "Vault", "Gateway", "Audit", "DNS",
    "WAF", "CASB", "NDR", "Sandbox", "IAM", "VPN", "DLP", "MDM", "PAM",
]
NOUNS = [
    "alert", "incident", "user", "device", "rule", "policy", "group", "host", "file", "indicator", "case",
    "ticket", "session", "token", "report", "scan", "asset", "vulnerability", "application", "domain",
    "url", "hash", "quarantine", "endpoint", "investigation", "comment", "tag", "note", "attachment", "role",
]
VERBS = ["get", "list", "create", "update", "delete", "search", "block", "unblock", "enable", "disable",
         "add", "remove", "assign", "close", "reopen", "isolate", "release", "run", "fetch", "export"]
FIELDS = ["id", "name", "status", "severity", "created", "updated", "owner", "description", "type", "source",
          "category", "score", "ip", "hostname", "email", "username", "url", "sha256", "md5", "count",
          "first_seen", "last_seen", "tags", "priority", "assignee", "resolution", "region", "tenant_id"]
OUTPUT_TYPES = ["String", "Number", "Date", "Boolean", "Unknown"]
CATEGORIES = ["Analytics & SIEM", "Endpoint", "Network Security", "Identity and Access Management",
              "Email", "Cloud Services", "Data Enrichment & Threat Intelligence", "Case Management"]
SENTENCES = [
    "The maximum number of results to return.", "Filter the results by this value.",
    "A comma-separated list of values.", "The unique identifier of the object.",
    "Whether to include deleted objects in the response.", "The time to start from, e.g. 3 days ago.",
    "The page number of the results to retrieve.", "Sort the results by this field.",
    "Returns the full object, including nested fields.", "The name as shown in the management console.",
]


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(SENTENCES).rstrip(".") for _ in range(n)) + "."


def yq(text: str) -> str:
    """A YAML scalar for ``text`` (single-quoted when plain would be ambiguous)."""
    if not text or text[0] in "-?:,[]{}#&*!|>'\"%@`" or ": " in text or " #" in text or text.lower() in (
            "true", "false", "yes", "no", "null", "on", "off") or text.replace(".", "").isdigit():
        return "'" + text.replace("'", "''") + "'"
    return text


class Integration:
    def __init__(self, rng: random.Random, vendor: str, product: str, kind: str, defects: set[str],
                 commands: tuple[int, int] = (20, 60)) -> None:
        self.rng = rng
        self.vendor = vendor
        self.product = product
        self.kind = kind  # "collector" or "fetcher"
        self.defects = defects
        base = f"{vendor}{product}"
        self.folder = f"{base}EventCollector" if kind == "collector" else base
        self.display = f"{vendor} {product} Event Collector" if kind == "collector" else f"{vendor} {product}"
        self.prefix = f"{vendor}-{product}".lower()
        self.style = rng.choice(["if", "if", "match", "dict"])
        count = rng.randint(*commands)
        seen: set[str] = set()
        self.commands: list[dict] = []
        while len(self.commands) < count:
            verb, noun = rng.choice(VERBS), rng.choice(NOUNS)
            name = f"{self.prefix}-{noun}-{verb}" if rng.random() < 0.2 else f"{self.prefix}-{verb}-{noun}"
            if name in seen or name.endswith("-get-events"):
                continue
            seen.add(name)
            self.commands.append(self._command(name, verb, noun))
        if kind == "collector" and "EC104" not in defects:
            self.commands.insert(0, {
                "name": f"{self.prefix}-get-events", "verb": "get", "noun": "events",
                "args": [{"name": "should_push_events", "predefined": ["true", "false"], "default": "false",
                          "required": True, "description": "Whether to push the events to XSIAM."},
                         {"name": "limit", "default": "50", "description": "Maximum number of events to return."},
                         {"name": "from_date", "description": "Return events newer than this time."}],
                "outputs": [], "description": "Gets events from the product. Used for development and debugging.",
            })

    def _command(self, name: str, verb: str, noun: str) -> dict:
        rng = self.rng
        args = []
        for i in range(rng.randint(1, 8)):
            field = f"{noun}_id" if i == 0 else rng.choice(FIELDS) + ("" if rng.random() < 0.7 else f"_{i}")
            if any(a["name"] == field for a in args):
                continue
            arg: dict = {"name": field, "description": words(rng, rng.randint(1, 2))}
            if i == 0 and verb in ("get", "update", "delete", "close", "isolate"):
                arg["required"] = True
            roll = rng.random()
            if roll < 0.15:
                arg["predefined"] = ["true", "false"]
                arg["default"] = "false"
            elif roll < 0.25:
                arg["predefined"] = [rng.choice(["low", "medium", "high", "critical"]) for _ in range(3)]
                arg["predefined"] = sorted(set(arg["predefined"]))
            elif roll < 0.35:
                arg["isArray"] = True
            elif roll < 0.45:
                arg["default"] = str(rng.choice([10, 25, 50, 100]))
            args.append(arg)
        outputs = []
        context = f"{self.vendor}{self.product}.{noun.title().replace('_', '')}"
        for field in rng.sample(FIELDS, rng.randint(2, 15)):
            outputs.append({"path": f"{context}.{field}", "type": rng.choice(OUTPUT_TYPES),
                            "description": f"The {field.replace('_', ' ')} of the {noun}."})
        return {"name": name, "verb": verb, "noun": noun, "args": args, "outputs": outputs,
                "description": f"{verb.title()}s {noun}s in {self.vendor} {self.product}. " + words(rng, 1)}

    # --- YAML --------------------------------------------------------------------------

    def yaml(self) -> str:
        rng = self.rng
        d = self.defects
        display = self.display
        if "EC100" in d:
            display = f"{self.vendor} {self.product} Events"
        out = ["commonfields:", f"  id: {yq(display if 'EC100' in d else self.display)}", "  version: -1",
               f"name: {yq(self.display)}", f"display: {yq(display)}",
               f"category: {yq(rng.choice(CATEGORIES))}",
               f"description: {yq(f'Integration with {self.vendor} {self.product}. ' + words(rng, 2))}",
               "sectionorder:", "- Connect", "- Collect", "configuration:"]
        params = [
            ("Server URL", "url", 0, f"https://api.{self.vendor.lower()}.example.com", True, "Connect"),
            ("API key", "credentials", 9, None, True, "Connect"),
        ]
        if self.kind == "collector":
            params += [("Maximum number of events per fetch", "max_fetch", 0,
                        None if "EC106" in d else "1000", False, "Collect"),
                       ("First fetch time", "first_fetch", 0, "3 days", False, "Collect")]
        else:
            params += [("Fetch incidents", "isFetch", 8, None, False, "Collect"),
                       ("Incident type", "incidentType", 13, None, False, "Collect"),
                       ("Maximum number of incidents per fetch", "max_fetch", 0, "50", False, "Collect"),
                       ("First fetch time", "first_fetch", 0, "3 days", False, "Collect"),
                       ("Incidents Fetch Interval", "incidentFetchInterval", 19, "1", False, "Collect")]
        for i in range(rng.randint(4, 10)):
            field = rng.choice(FIELDS)
            params.append((f"Filter by {field.replace('_', ' ')}", f"filter_{field}_{i}", rng.choice([0, 8, 15]),
                           None, False, "Collect"))
        params += [("Trust any certificate (not secure)", "insecure", 8, None, False, "Connect"),
                   ("Use system proxy settings", "proxy", 8, None, False, "Connect")]
        for index, (label, name, ptype, default, required, section) in enumerate(params):
            if ptype == 9:
                out += ["- displaypassword: API key", f"  name: {name}", "  type: 9", "  hiddenusername: true"]
            else:
                out += [f"- display: {yq(label)}", f"  name: {name}",
                        f"  type: {yq(str(ptype)) if 'SX100' in d and index == 0 else ptype}"]
            if ptype == 15:
                out += ["  options:", "  - Low", "  - Medium", "  - High"]
            if default is not None:
                out.append(f"  defaultvalue: {yq(str(default)) if isinstance(default, str) else default}")
            out.append(f"  required: {'true' if required else 'false'}")
            out.append(f"  section: {section}")
            if name in ("insecure", "proxy"):
                out.append("  advanced: true")
        out += ["script:", "  type: python", "  subtype: python3", "  script: '-'",
                f"  dockerimage: demisto/python3:3.11.{rng.randint(1, 12)}.{rng.randint(100000, 120000)}"]
        if self.kind == "collector" and "EC101" not in d:
            out.append("  isfetchevents: true")
        if self.kind == "fetcher":
            out.append("  isfetch: true")
        out.append("  commands:")
        for command in self.commands:
            out += [f"  - name: {command['name']}", f"    description: {yq(command['description'])}"]
            out.append("    arguments:" if command["args"] else "    arguments: []")
            for arg in command["args"]:
                out += [f"    - name: {arg['name']}", f"      description: {yq(arg['description'])}"]
                if "predefined" in arg:
                    out += ["      auto: PREDEFINED", "      predefined:"]
                    out += [f"      - {yq(v)}" for v in arg["predefined"]]
                if "default" in arg:
                    out.append(f"      defaultValue: {yq(arg['default'])}")
                if arg.get("required"):
                    out.append("      required: true")
                if arg.get("isArray"):
                    out.append("      isArray: true")
            if command["outputs"]:
                out.append("    outputs:")
                for output in command["outputs"]:
                    out += [f"    - contextPath: {output['path']}",
                            f"      description: {yq(output['description'])}", f"      type: {output['type']}"]
        out += ["  runonce: false", f"fromversion: {'6.2.0' if 'EC102' in d else '6.10.0'}"]
        if self.kind == "collector":
            out += ["marketplaces:", "- xsoar" if "EC103" in d else "- marketplacev2"]
        out += ["tests:", "- No tests (auto formatted)"]
        if "SY101" in d:
            out.insert(4, f"display: {yq(display)}")
        return "\n".join(out) + "\n"

    # --- Python ------------------------------------------------------------------------

    def python(self) -> str:
        rng = self.rng
        v, p = self.vendor, self.product
        out = [
            "import demistomock as demisto  # noqa: F401",
            "from CommonServerPython import *  # noqa: F401",
            "from CommonServerUserPython import *  # noqa: F401",
            "",
            "import json",
            "import urllib3",
            "from datetime import datetime, timedelta",
            "from typing import Any",
            "",
            "urllib3.disable_warnings()",
            "",
            f"VENDOR = {v.lower()!r}",
            f"PRODUCT = {p.lower()!r}",
            "DATE_FORMAT = '%Y-%m-%dT%H:%M:%SZ'",
            "DEFAULT_LIMIT = 50",
            f"INTEGRATION_CONTEXT_BRAND = '{v}{p}'",
            "SEVERITY_MAP = {'low': 1, 'medium': 2, 'high': 3, 'critical': 4}",
            "",
            "",
            "class Client(BaseClient):",
            f'    """Client for the {v} {p} REST API."""',
            "",
            "    def __init__(self, base_url: str, api_key: str, verify: bool, proxy: bool):",
            "        headers = {'Authorization': f'Bearer {api_key}', 'Accept': 'application/json'}",
            "        super().__init__(base_url=base_url, verify=verify, proxy=proxy, headers=headers)",
            "",
            "    def list_events(self, since: str, limit: int, cursor: str | None = None) -> dict:",
            "        params = assign_params(since=since, limit=limit, cursor=cursor)",
            "        return self._http_request('GET', '/api/v1/events', params=params)",
            "",
        ]
        for command in self.commands:
            method = f"{command['verb']}_{command['noun']}"
            if any(line.startswith(f"    def {method}(") for line in out):
                continue
            http = {"get": "GET", "list": "GET", "search": "GET", "delete": "DELETE", "update": "PATCH"}.get(
                command["verb"], "POST")
            out += [f"    def {method}(self, **kwargs: Any) -> dict:",
                    f"        url_suffix = '/api/v1/{command['noun']}s'",
                    "        if kwargs.get('object_id'):",
                    "            url_suffix += f\"/{kwargs.pop('object_id')}\"",
                    f"        return self._http_request({http!r}, url_suffix, params=remove_empty_elements(kwargs))",
                    ""]
        out += [
            "",
            "def parse_date(value: str | None, default: str = '3 days') -> str:",
            "    parsed = arg_to_datetime(value or default)",
            "    if parsed is None:",
            "        raise ValueError(f'Invalid date: {value}')",
            "    return parsed.strftime(DATE_FORMAT)",
            "",
            "",
            "def paginate(fetch, limit: int, **kwargs: Any) -> list[dict]:",
            '    """Calls ``fetch`` page by page until ``limit`` items were read."""',
            "    items: list[dict] = []",
            "    cursor = None",
            "    while len(items) < limit:",
            "        response = fetch(cursor=cursor, limit=min(limit - len(items), 500), **kwargs)",
            "        page = response.get('items', [])",
            "        items.extend(page)",
            "        cursor = response.get('next')",
            "        if not cursor or not page:",
            "            break",
            "    return items[:limit]",
            "",
            "",
            "def to_readable(items: list[dict], title: str, headers: list[str]) -> str:",
            "    return tableToMarkdown(title, items, headers=headers, headerTransform=string_to_table_header,",
            "                           removeNull=True)",
            "",
            "",
        ]
        for i in range(rng.randint(2, 8)):
            field = rng.choice(FIELDS)
            out += [f"def normalize_{field}_{i}(value: Any) -> Any:",
                    "    if value is None:",
                    "        return None",
                    "    if isinstance(value, list):",
                    f"        return [normalize_{field}_{i}(item) for item in value]",
                    "    if isinstance(value, str):",
                    "        return value.strip().lower()",
                    "    return value",
                    "", ""]
        if self.kind == "collector":
            out += [
                "def get_events(client: Client, since: str, limit: int) -> tuple[list[dict], str]:",
                "    events = paginate(client.list_events, limit, since=since)",
                "    for event in events:",
                "        event['_time'] = event.get('created')",
                "    last = events[-1]['created'] if events else since",
                "    return events, last",
                "",
                "",
                "def fetch_events(client: Client, last_run: dict, first_fetch: str, max_fetch: int) -> tuple[list, dict]:",
                "    since = last_run.get('last_fetch') or parse_date(first_fetch)",
                "    events, last = get_events(client, since, max_fetch)",
                "    seen = set(last_run.get('ids', []))",
                "    events = [e for e in events if e.get('id') not in seen]",
                "    return events, {'last_fetch': last, 'ids': [e.get('id') for e in events if e.get('created') == last]}",
                "",
                "",
                "def get_events_command(client: Client, args: dict) -> tuple[list[dict], CommandResults]:",
                "    limit = arg_to_number(args.get('limit')) or DEFAULT_LIMIT",
                "    since = parse_date(args.get('from_date'))",
                "    events, _ = get_events(client, since, limit)",
                f"    readable = to_readable(events, '{v} {p} Events', ['id', 'created', 'type'])",
                "    return events, CommandResults(readable_output=readable, raw_response=events)",
                "",
                "",
            ]
        else:
            out += [
                "def alert_to_incident(alert: dict) -> dict:",
                "    return {",
                f"        'name': f\"{v} {p}: {{alert.get('title')}}\",",
                "        'occurred': alert.get('created'),",
                "        'severity': SEVERITY_MAP.get(str(alert.get('severity', 'low')).lower(), 1),",
                "        'dbotMirrorId': str(alert.get('id')),",
                "        'details': alert.get('description', ''),",
                "        'rawJSON': json.dumps(alert),",
                "    }",
                "",
                "",
                "def fetch_incidents(client: Client, last_run: dict, first_fetch: str, max_fetch: int) -> tuple[list, dict]:",
                "    since = last_run.get('last_fetch') or parse_date(first_fetch)",
                "    alerts = paginate(client.list_events, max_fetch, since=since)",
                "    incidents = [alert_to_incident(a) for a in alerts]",
                "    if alerts:",
                "        since = alerts[-1].get('created')",
                "    return incidents, {'last_fetch': since}",
                "",
                "",
            ]
        out += [
            "def test_module(client: Client) -> str:",
            "    try:",
            "        client.list_events(since=parse_date('1 minute'), limit=1)",
            "    except DemistoException as e:",
            "        if 'Forbidden' in str(e) or 'Unauthorized' in str(e):",
            "            return 'Authorization Error: make sure the API key is correctly set'",
            "        raise",
            "    return 'ok'",
            "",
            "",
        ]
        for command in self.commands:
            if command["noun"] == "events":
                continue
            out += self._command_function(command)
        out += self._main()
        if "SY102" in self.defects:
            out.insert(len(out) // 2, "def broken(:")
        return "\n".join(out) + "\n"

    def _function_name(self, command: dict) -> str:
        return command["name"].removeprefix(self.prefix + "-").replace("-", "_") + "_command"

    def _command_function(self, command: dict) -> list[str]:
        rng = self.rng
        noun, verb = command["noun"], command["verb"]
        method = f"{verb}_{noun}"
        lines = [f"def {self._function_name(command)}(client: Client, args: dict[str, Any]) -> CommandResults:",
                 f'    """{command["description"].split(".")[0]}."""']
        for arg in command["args"]:
            name = arg["name"]
            if arg.get("isArray"):
                lines.append(f"    {name} = argToList(args.get({name!r}))")
            elif "predefined" in arg and arg["predefined"] == ["true", "false"]:
                lines.append(f"    {name} = argToBoolean(args.get({name!r}, 'false'))")
            elif "default" in arg:
                lines.append(f"    {name} = arg_to_number(args.get({name!r})) or {arg['default']}")
            elif arg.get("required"):
                lines.append(f"    {name} = args[{name!r}]")
            else:
                lines.append(f"    {name} = args.get({name!r})")
        names = [a["name"] for a in command["args"]]
        call = ", ".join(f"{n}={n}" for n in names)
        lines += [f"    response = client.{method}({call})",
                  "    items = response.get('items') or [response]"]
        for _ in range(rng.randint(0, 12)):
            field = rng.choice(FIELDS)
            kind = rng.random()
            if kind < 0.3:
                lines += ["    for item in items:",
                          f"        if item.get({field!r}) is not None:",
                          f"            item[{field!r}] = str(item[{field!r}]).strip()"]
            elif kind < 0.6:
                lines += [f"    items = [item for item in items if item.get({field!r}) != 'deleted']"]
            elif kind < 0.8:
                lines += ["    try:",
                          f"        items.sort(key=lambda item: item.get({field!r}) or '')",
                          "    except TypeError:",
                          f"        demisto.debug('cannot sort {noun}s by {field}')"]
            else:
                lines += [f"    if len(items) > {rng.choice([50, 100, 500])}:",
                          "        items = items[:DEFAULT_LIMIT]",
                          f"        demisto.info('truncated the {noun} list')"]
        headers = [o["path"].rsplit(".", 1)[-1] for o in command["outputs"]][:6] or ["id"]
        prefix = command["outputs"][0]["path"].rsplit(".", 1)[0] if command["outputs"] else "Unknown"
        lines += [f"    readable = to_readable(items, '{noun.title()}s', {headers!r})",
                  "    return CommandResults(",
                  f"        outputs_prefix={prefix!r},",
                  "        outputs_key_field='id',",
                  "        outputs=items,",
                  "        readable_output=readable,",
                  "        raw_response=response,",
                  "    )", "", ""]
        return lines

    def _main(self) -> list[str]:
        fetch = "fetch-events" if self.kind == "collector" else "fetch-incidents"
        lines = [
            "def main() -> None:  # pragma: no cover",
            "    params = demisto.params()",
            "    args = demisto.args()",
            "    command = demisto.command()",
            "    demisto.debug(f'Command being called is {command}')",
            "    client = Client(",
            "        base_url=params.get('url', '').rstrip('/'),",
            "        api_key=params.get('credentials', {}).get('password'),",
            "        verify=not params.get('insecure', False),",
            "        proxy=params.get('proxy', False),",
            "    )",
            "    first_fetch = params.get('first_fetch', '3 days')",
            "    max_fetch = arg_to_number(params.get('max_fetch')) or DEFAULT_LIMIT",
            "    try:",
        ]
        if self.kind == "collector":
            fetch_body = ["last_run = demisto.getLastRun()",
                          "events, next_run = fetch_events(client, last_run, first_fetch, max_fetch)",
                          "send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)",
                          "demisto.setLastRun(next_run)"]
            get_events = f"{self.prefix}-get-events"
            get_body = ["events, results = get_events_command(client, args)",
                        "return_results(results)",
                        "if argToBoolean(args.get('should_push_events', 'false')):",
                        "    send_events_to_xsiam(events, vendor=VENDOR, product=PRODUCT)"]
        else:
            fetch_body = ["incidents, next_run = fetch_incidents(client, demisto.getLastRun(), first_fetch, max_fetch)",
                          "demisto.incidents(incidents)",
                          "demisto.setLastRun(next_run)"]
            get_events, get_body = None, []
        others = [c for c in self.commands if c["noun"] != "events"]
        if self.style == "if":
            lines += ["        if command == 'test-module':", "            return_results(test_module(client))",
                      f"        elif command == {fetch!r}:"]
            lines += [f"            {s}" for s in fetch_body]
            if get_events and "EC104" not in self.defects:
                lines.append(f"        elif command == {get_events!r}:")
                lines += [f"            {s}" for s in get_body]
            for c in others:
                lines += [f"        elif command == {c['name']!r}:",
                          f"            return_results({self._function_name(c)}(client, args))"]
            lines += ["        else:", "            raise NotImplementedError(f'Command {command} is not implemented')"]
        elif self.style == "match":
            lines += ["        match command:", "            case 'test-module':",
                      "                return_results(test_module(client))", f"            case {fetch!r}:"]
            lines += [f"                {s}" for s in fetch_body]
            if get_events and "EC104" not in self.defects:
                lines.append(f"            case {get_events!r}:")
                lines += [f"                {s}" for s in get_body]
            for c in others:
                lines += [f"            case {c['name']!r}:",
                          f"                return_results({self._function_name(c)}(client, args))"]
            lines += ["            case _:",
                      "                raise NotImplementedError(f'Command {command} is not implemented')"]
        else:
            lines = lines[:-1]
            lines.insert(0, "COMMANDS = {")
            for i, c in enumerate(others):
                lines.insert(1 + i, f"    {c['name']!r}: {self._function_name(c)},")
            lines.insert(1 + len(others), "}")
            lines.insert(2 + len(others), "")
            lines.insert(3 + len(others), "")
            lines += ["    try:", "        if command == 'test-module':", "            return_results(test_module(client))",
                      f"        elif command == {fetch!r}:"]
            lines += [f"            {s}" for s in fetch_body]
            if get_events and "EC104" not in self.defects:
                lines.append(f"        elif command == {get_events!r}:")
                lines += [f"            {s}" for s in get_body]
            lines += ["        elif command in COMMANDS:", "            return_results(COMMANDS[command](client, args))",
                      "        else:", "            raise NotImplementedError(f'Command {command} is not implemented')"]
        lines += ["    except Exception as e:",
                  "        return_error(f'Failed to execute {command} command.\\nError:\\n{str(e)}')",
                  "", "",
                  "if __name__ in ('__main__', '__builtin__', 'builtins'):", "    main()"]
        return lines

    def test_file(self) -> str:
        out = ["import json", "", "import pytest", f"from {self.folder} import Client, test_module", "", "",
               "@pytest.fixture", "def client():",
               "    return Client(base_url='https://example.com', api_key='key', verify=False, proxy=False)", "", ""]
        for command in self.commands[:10]:
            if command["noun"] == "events":
                continue
            name = self._function_name(command)
            out += [f"def test_{name}(client, requests_mock):",
                    f"    from {self.folder} import {name}",
                    "    requests_mock.register_uri(requests_mock.ANY, requests_mock.ANY, json={'items': [{'id': 1}]})",
                    f"    result = {name}(client, {{}})",
                    "    assert result.outputs", "", ""]
        return "\n".join(out).rstrip() + "\n"


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def write(path: Path, text: str | bytes) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    path.write_bytes(data)
    return len(data)


def generate(out: Path, packs: int, seed: int = 1, defect_rate: float = 0.1,
             commands: tuple[int, int] = (20, 60)) -> dict:
    """Write ``packs`` packs under ``out/Packs``; return a summary (files, bytes, lines, defects).

    ``commands`` is the range of commands per integration (tests use a small one)."""
    rng = random.Random(seed)
    root = out / "Packs"
    if root.exists():
        shutil.rmtree(root)
    stats = {"packs": packs, "seed": seed, "files": 0, "bytes": 0, "yaml_files": 0, "python_files": 0,
             "python_lines": 0, "yaml_lines": 0, "commands": 0, "defects": {}}
    used: set[str] = set()
    defect_pool = ["EC100", "EC101", "EC102", "EC103", "EC104", "EC106", "SX100", "SY101", "SY102", "SY103"]
    for index in range(packs):
        vendor, product = rng.choice(VENDORS), rng.choice(PRODUCTS)
        name = f"{vendor}{product}"
        if name in used:
            name = f"{name}{index}"
        used.add(name)
        pack = root / name
        kinds = ["collector" if rng.random() < 0.5 else "fetcher"]
        if rng.random() < 0.15:
            kinds.append("fetcher" if kinds[0] == "collector" else "collector")
        defects: set[str] = set()
        if rng.random() < defect_rate:
            defects.add(rng.choice([d for d in defect_pool if kinds[0] == "collector" or not d.startswith("EC")]))
        for d in defects:
            stats["defects"][d] = stats["defects"].get(d, 0) + 1
        integrations = [Integration(rng, vendor, product, kind, defects if i == 0 else set(), commands)
                        for i, kind in enumerate(kinds)]
        marketplaces = ["xsoar", "marketplacev2"] if "collector" not in kinds else ["marketplacev2"]
        metadata = {
            "name": f"{vendor} {product}", "description": f"Integrates {vendor} {product} with Cortex.",
            "support": rng.choice(["xsoar", "partner", "community"]), "currentVersion": f"1.{index % 7}.{index % 13}",
            "author": "Cortex XSOAR" if index % 3 else f"{vendor} Inc.", "url": f"https://www.{vendor.lower()}.example.com",
            "email": "", "created": "2023-01-10T09:13:27Z", "categories": [rng.choice(CATEGORIES)],
            "tags": [product], "useCases": [], "keywords": [vendor.lower(), product.lower()],
            "marketplaces": marketplaces,
        }
        files: dict[str, str | bytes] = {
            "pack_metadata.json": json.dumps(metadata, indent=4) + "\n",
            "README.md": f"# {vendor} {product}\n\n{words(rng, 6)}\n",
            "ReleaseNotes/1_0_1.md": f"#### Integrations\n\n##### {integrations[0].display}\n\n- {words(rng, 1)}\n",
            ".secrets-ignore": "https://api.example.com\n",
            ".pack-ignore": f"[file:{integrations[0].folder}.yml]\nignore=IN124\n",
            f"Layouts/layoutscontainer-{name}.json": json.dumps({
                "id": f"{name} Layout", "name": f"{name} Layout", "group": "incident", "version": -1,
                "fromVersion": "6.10.0", "detailsV2": {"tabs": [{"id": f"tab{i}", "name": f"Tab {i}", "sections": [
                    {"type": "fields", "items": [{"fieldId": f} for f in FIELDS[:8]]}]} for i in range(4)]},
            }, indent=4) + ("\n" if "SY103" not in defects else ",\n}\n"),
        }
        for integ in integrations:
            folder = f"Integrations/{integ.folder}/"
            files[folder + f"{integ.folder}.yml"] = integ.yaml()
            files[folder + f"{integ.folder}.py"] = integ.python()
            files[folder + f"{integ.folder}_test.py"] = integ.test_file()
            files[folder + f"{integ.folder}_description.md"] = f"## {integ.display}\n\n{words(rng, 3)}\n"
            files[folder + f"{integ.folder}_image.png"] = PNG
            files[folder + "README.md"] = f"# {integ.display}\n\n{words(rng, 8)}\n"
            files[folder + "command_examples"] = "\n".join(f"!{c['name']}" for c in integ.commands[:10]) + "\n"
            files[folder + "test_data/raw_response.json"] = json.dumps(
                {"items": [{f: f"value-{i}" for f in FIELDS[:10]} for i in range(5)]}, indent=2) + "\n"
            stats["commands"] += len(integ.commands)
        for rel, text in files.items():
            stats["bytes"] += write(pack / rel, text)
            stats["files"] += 1
            if rel.endswith(".yml"):
                stats["yaml_files"] += 1
                stats["yaml_lines"] += text.count("\n")  # type: ignore[union-attr]
            elif rel.endswith(".py") and not rel.endswith("_test.py"):
                stats["python_files"] += 1
                stats["python_lines"] += text.count("\n")  # type: ignore[union-attr]
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packs", "-n", type=int, default=10, help="number of packs (default 10)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="directory to write (Packs/ is created inside)")
    parser.add_argument("--defect-rate", type=float, default=0.1, help="share of packs with a mistake (default 0.1)")
    args = parser.parse_args(argv)
    stats = generate(args.out, args.packs, args.seed, args.defect_rate)
    json.dump(stats, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
