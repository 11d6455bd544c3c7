"""Runs the selected rules on each pack and returns sorted findings (DESIGN.md section 2)."""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from validator.context import Context
from validator.documents import display_path
from validator.finding import Finding
from validator.pack import Pack
from validator.rule import Rule


def load(pack: Pack) -> None:
    """Read every document of the pack once, recording reading problems."""
    if pack.metadata is not None:
        _ = pack.metadata.json
    for integration in pack.integrations:
        integration.load()
    for doc in pack.json_files:
        _ = doc.json


def contexts(rule: Rule, pack: Pack, options: Mapping[str, Any]) -> Iterator[Context]:
    """One context per item the rule targets; blocked documents are skipped (section 0)."""
    if rule.targets == "pack":
        yield Context(rule, pack, options)
    elif rule.targets == "integration":
        for integration in pack.integrations:
            if rule.code.startswith("SY") or integration.root is not None:
                yield Context(rule, pack, options, integration=integration)
    else:
        for doc in pack.documents:
            yield Context(rule, pack, options, document=doc)


def run_rule(rule: Rule, ctx: Context, verbose: bool = False) -> list[Finding]:
    """The rule's findings; an exception becomes one SY900 finding (never stops the run)."""
    try:
        return list(rule.check(ctx))
    except Exception as exc:  # noqa: BLE001 - any bug in a rule must not stop the run
        doc = ctx.document or (ctx.integration.yaml if ctx.integration else ctx.pack.metadata)
        path = doc.display if doc else (str(ctx.pack.root) if ctx.pack.root else "")
        detail = str(exc).splitlines()[0] if str(exc) else ""
        if verbose:
            traceback.print_exc()
        from validator.finding import Severity

        return [Finding("SY900", "internal-error", Severity.ERROR, path, 1, 1, None, None,
                        f"rule {rule.code} failed: {type(exc).__name__}: {detail}".rstrip(": "))]


AFTER_SUPPRESSIONS = ("SP100",)  # rules that read what the suppressions did, so run last


class RunLog:
    """Which rules ran on which files of a pack (for SP100, RULES.md section 5).

    A rule *ran* on a file when a context of it read the file (section 0: not blocked),
    did not call ``ctx.skip()`` and did not raise.
    """

    def __init__(self) -> None:
        self.ran: set[tuple[str, str]] = set()

    def record(self, ctx: Context, found: list[Finding]) -> None:
        code = ctx.rule.code
        if ctx.skipped or (code != "SY900" and any(f.code == "SY900" for f in found)):
            return  # skipped, or the rule raised: it did not finish there
        self.ran.update((code, path) for path in read_paths(ctx))


def read_paths(ctx: Context) -> list[str]:
    """The files a context's rule reads: its document, the integration's YAML and code, or the pack's."""
    syntax = ctx.rule.code.startswith("SY")
    if ctx.document is not None:
        return [ctx.document.display] if syntax or not ctx.document.blocked else []
    if ctx.integration is not None:
        integration = ctx.integration
        paths = [integration.yaml.display]
        if integration.code is not None and (syntax or integration.python is not None):
            paths.append(integration.code.document.display)
        return paths
    paths = [doc.display for doc in ctx.pack.documents if syntax or not doc.blocked]
    if ctx.pack.root is not None:
        paths.append(display_path(ctx.pack.root / "pack_metadata.json"))
    return paths


def _options_of(rule: Rule, options: Mapping[str, Mapping[str, Any]] | None) -> Mapping[str, Any]:
    return (options or {}).get(rule.code) or rule.default_options()


def run_pack(
    pack: Pack,
    rules: Iterable[Rule],
    options: Mapping[str, Mapping[str, Any]] | None = None,
    verbose: bool = False,
) -> list[Finding]:
    load(pack)
    findings: list[Finding] = []
    log = RunLog()
    late = []
    for rule in rules:
        if rule.code in AFTER_SUPPRESSIONS:
            late.append(rule)
            continue
        for ctx in contexts(rule, pack, _options_of(rule, options)):
            found = run_rule(rule, ctx, verbose)
            findings.extend(found)
            log.record(ctx, found)
    from validator import suppress

    findings, suppressions = suppress.apply(pack, findings, log.ran, verbose)
    for rule in late:
        for ctx in contexts(rule, pack, _options_of(rule, options)):
            ctx.suppressions = suppressions
            findings.extend(run_rule(rule, ctx, verbose))
    if pack.only is not None:
        findings = [f for f in findings if pack.reports_on_display(f.path)]
    return findings


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    unique = {(f.sort_key, f.end_line, f.end_column): f for f in findings}
    return [unique[k] for k in sorted(unique, key=lambda k: (k[0], k[1] or 0, k[2] or 0))]
