"""The engine behind ``validator.validate`` and the CLI: discover, run, collect."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from validator.finding import Finding
from validator.pack import Pack


class UsageError(Exception):
    """Bad paths, codes, options or configuration: exit code 2 with this one-line message."""


@dataclass
class RunResult:
    findings: list[Finding]
    packs: list[Pack] = field(default_factory=list)

    @property
    def files(self) -> list[str]:
        return sorted({doc.display for pack in self.packs for doc in pack.documents})


def run(
    paths: list[str],
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    extend_select: list[str] | None = None,
    exclude: list[str] | None = None,
    rule_options: dict[str, dict[str, Any]] | None = None,
    whole_pack: bool = False,
    verbose: bool = False,
) -> RunResult:
    from validator import registry
    from validator.discovery import DiscoveryError, discover
    from validator.runner import run_pack, sort_findings

    try:
        registry.check_selectors(select or [], "--select")
        registry.check_selectors(ignore or [], "--ignore")
        registry.check_selectors(extend_select or [], "--extend-select")
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    rules = registry.select(select, ignore, extend_select)
    options = {rule.code: {**rule.default_options(), **(rule_options or {}).get(rule.code, {})} for rule in rules}
    try:
        packs = discover(paths, exclude=exclude, whole_pack=whole_pack)
    except DiscoveryError as exc:
        raise UsageError(str(exc)) from None
    findings: list[Finding] = []
    for pack in packs:
        findings.extend(run_pack(pack, rules, options, verbose))
    return RunResult(sort_findings(findings), packs)
