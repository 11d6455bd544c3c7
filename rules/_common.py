"""Helpers several rules share: which integrations a family applies to, params, versions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.tree import Map, Scalar, Seq, is_blank, is_true

MARKET = "marketplacev2"  # EC1xx and PK102 read this view (RULES.md section 4)


def collector(ctx) -> bool:
    """The integration is an event collector (section 1) and not deprecated."""
    integ = ctx.integration
    return integ is not None and integ.root is not None and not integ.deprecated and integ.is_collector


def fetcher(ctx) -> bool:
    integ = ctx.integration
    return integ is not None and integ.root is not None and not integ.deprecated and integ.is_fetcher


def params(root: Map | None) -> Iterator[tuple[int, Map]]:
    """``(index, param)`` for each mapping in ``configuration``."""
    configuration = root.get("configuration") if root else None
    if isinstance(configuration, Seq):
        for index, item in enumerate(configuration.items):
            if isinstance(item, Map):
                yield index, item


def commands(script: Map | None) -> Iterator[tuple[Map, Scalar]]:
    """``(command, name node)`` for each command with a string ``name``."""
    items = script.get("commands") if script else None
    if isinstance(items, Seq):
        for item in items.items:
            if isinstance(item, Map):
                name = item.get("name")
                if isinstance(name, Scalar) and isinstance(name.value, str):
                    yield item, name


def hidden_in(param: Map, market: str) -> bool:
    """A param is hidden in M when ``hidden`` is true or lists M (section 4)."""
    for variant, _key, value in param.variants("hidden"):
        if variant not in (None, market):
            continue
        if is_true(value) or (isinstance(value, Seq) and any(
                isinstance(i, Scalar) and i.value == market for i in value.items)):
            return True
    return False


def hidden_everywhere(param: Map, integration) -> bool:
    markets = integration.effective_marketplaces
    return bool(markets) and all(hidden_in(param, m) for m in markets)


def has_default(param: Map, market: str | None = None) -> bool:
    """A non-empty ``defaultvalue`` in the view of ``market``, or in any variant when None."""
    if market is not None:
        return not is_blank(param.view("defaultvalue", market))
    return any(not is_blank(value) for _, _, value in param.variants("defaultvalue"))


def version_tuple(text: str) -> tuple[int, ...] | None:
    """``6.10.0`` -> (6, 10, 0); ``None`` when not dotted numbers."""
    if not re.fullmatch(r"\d+(\.\d+)*", text.strip()):
        return None
    return tuple(int(p) for p in text.strip().split("."))


def version_lower(text: str, minimum: str) -> bool | None:
    """Whether ``text`` is lower than ``minimum``, comparing parts numerically (missing = 0)."""
    have, want = version_tuple(text), version_tuple(minimum)
    if have is None or want is None:
        return None
    size = max(len(have), len(want))
    return have + (0,) * (size - len(have)) < want + (0,) * (size - len(want))
