"""The engine behind ``validator.validate`` and the CLI: discover, run, collect."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from validator.finding import Finding
from validator.pack import Pack

if TYPE_CHECKING:
    from validator.config import Settings


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
    settings: Settings | None = None,
    jobs: int = 1,
    cache_dir: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RunResult:
    """Check ``paths``. ``settings`` is the resolved configuration (``validator.config.resolve``;
    default: none, no file is read); ``select``, ``ignore``, ... override it like the command line.
    ``jobs``: worker processes for large runs (``validator.parallel``; 1: this process only);
    ``cache_dir``: the result cache (``validator.cache``; ``None``: no cache); ``progress(done,
    total)`` is called as packs finish."""
    from validator.config import Settings
    from validator.discovery import DiscoveryError, discover
    from validator.documents import DEFAULT_MAX_FILE_SIZE
    from validator.registry import all_rules
    from validator.runner import sort_findings

    settings = (settings or Settings()).override(select=select, ignore=ignore, extend_select=extend_select,
                                                 exclude=exclude, rule_options=rule_options)
    rules = settings.rules()
    options = settings.options(rules)
    try:
        max_size = options.get("SY104", {}).get("max-file-size", DEFAULT_MAX_FILE_SIZE)
        packs = discover(paths, exclude=settings.exclude_patterns(), whole_pack=whole_pack, max_file_size=max_size,
                         analysis_options=settings.analysis_options())
    except DiscoveryError as exc:
        raise UsageError(str(exc)) from None
    every_option = settings.options(list(all_rules().values()))
    for pack in packs:
        pack.rule_options = every_option
    from validator.parallel import run_packs

    cache = None
    if cache_dir is not None and not verbose:  # --verbose shows rule tracebacks: always run
        from validator.cache import Cache

        cache = Cache(cache_dir, [settings.fingerprint(), [r.code for r in rules], options, whole_pack, max_size])
    findings: list[Finding] = []
    for value in run_packs(packs, rules, options, verbose=verbose, jobs=jobs, cache=cache, progress=progress):
        findings.extend(value)
    return RunResult(sort_findings(settings.drop_ignored(findings)), packs)
