"""EC105 collector-get-events-prefix.

What it does:
    Checks that the prefix of a collector's `*-get-events` command relates to the vendor
    or product: a word of the folder, id, name, display, provider, pack directory or
    pack name (3+ letters, camel case split, generic words such as "event" or "collector"
    dropped) must occur in the prefix, or a part of the prefix must occur in one of those
    names. `allowed-prefixes` lists prefixes to accept as they are.

Why is this bad?
    Command names are global on a tenant: `<product-prefix>-get-events` keeps collectors
    from clashing and tells users which product a command talks to.

Example:
    display: Okta Event Collector
    script:
      commands:
      - name: acme-get-events

Use instead:
    display: Okta Event Collector
    script:
      commands:
      - name: okta-get-events

Fix safety:
    Not fixable: renaming a command breaks playbooks that use it.

Options:
    allowed-prefixes: prefixes accepted without comparison (e.g. an abbreviation).
"""

from __future__ import annotations

import re

from validator.rules._common import collector, commands
from validator.rules._fixtures import COLLECTOR_YML, COLLECTOR_YML_PATH
from validator.rules._fixtures import collector as collector_pack
from validator.rule import Option, example, rule
from validator.tree import Map

GENERIC = {"event", "events", "collector", "collection", "integration", "cortex", "xsiam", "xsoar", "api",
           "the", "for", "and"}


def words(text: str) -> set[str]:
    parts = re.split(r"[^A-Za-z0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text))
    return {p.lower() for p in parts if len(p) >= 3 and p.lower() not in GENERIC and not re.fullmatch(r"v\d+", p.lower())}


def sources(ctx) -> list[str]:
    integ = ctx.integration
    found = [text for _, text in integ.names]
    provider = ctx.root.value("provider")
    if isinstance(provider, str):
        found.append(provider)
    if ctx.pack.root is not None:
        found.append(ctx.pack.root.name)
    meta = ctx.pack.metadata_map
    if isinstance(meta, Map) and isinstance(meta.value("name"), str):
        found.append(meta.value("name"))
    return found


def related(prefix: str, names: list[str]) -> bool:
    squashed = prefix.lower().replace("-", "").replace("_", "")
    tokens = [t for t in re.split(r"[-_]", prefix.lower()) if len(t) >= 3]
    all_words = set().union(*(words(n) for n in names)) if names else set()
    strings = [re.sub(r"[^a-z0-9]", "", n.lower()) for n in names]
    return any(w in squashed for w in all_words) or any(t in s for t in tokens for s in strings)


@rule(
    code="EC105",
    name="collector-get-events-prefix",
    summary="a '*-get-events' command whose prefix does not name the vendor or product",
    severity="warning",
    targets="integration",
    options=[Option("allowed-prefixes", "list[string]", [], "prefixes accepted as they are")],
    examples=[
        example.valid(collector_pack()),
        example.valid(collector_pack(yml=COLLECTOR_YML.replace("okta-get-events", "acme-get-events")),
                      options={"allowed-prefixes": ["acme"]}, title="allowed prefix"),
        example.invalid(collector_pack(yml=COLLECTOR_YML.replace("okta-get-events", "acme-get-events")),
                        at=(COLLECTOR_YML_PATH, 24, 11)),
    ],
)
def check(ctx):
    if not collector(ctx):
        return
    names = sources(ctx)
    allowed = set(ctx.options["allowed-prefixes"])
    for _, name in commands(ctx.script):
        if not name.value.endswith("-get-events"):
            continue
        prefix = name.value[: -len("-get-events")]
        if prefix in allowed or related(prefix, names):
            continue
        listed = ", ".join(sorted(set().union(*(words(n) for n in names))))
        yield ctx.finding(name, f"'{name.value}' prefix '{prefix}' does not match the vendor or product ({listed})")
