"""The command line: ``validate [OPTIONS] [PATHS]...`` (a thin layer over ``validator.api``)."""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from typing import Any

import click

from validator import __version__

ALWAYS_ON = ("SY100", "SY101", "SY102", "SY103", "SY104", "SY105", "SY900")
SEVERITIES = ("error", "warning", "info")

EPILOG = """\b
Examples:
  validate Packs/MyPack/                 check one pack
  validate .                             check a content repository (every pack under Packs/)
  validate Packs/A/Integrations/A/A.yml  check one file (its pack is read too)
  validate --select EC,FI --output-format concise Packs/
  validate --output-format json -o report.json Packs/
  validate --explain EC102               show a rule's docs and examples

\b
Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or internal error.
"""


def _codes(values: tuple[str, ...]) -> list[str] | None:
    if not values:
        return None
    return [c.strip().upper() for v in values for c in v.replace(" ", ",").split(",") if c.strip()]


def _keep(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Performance options reach ``_lint`` through the context (``_run_options``)."""
    ctx.meta[f"validate.{param.name}"] = value
    return value


def _run_options(quiet: bool) -> dict[str, Any]:
    """``jobs``, ``cache_dir`` and ``progress`` for ``api.run``; fix runs are serial and uncached."""
    from validator.parallel import default_jobs
    from validator.progress import ProgressBar, wanted

    ctx = click.get_current_context()
    fixing = any(ctx.params.get(name) for name in ("fix", "diff", "unsafe_fixes"))
    jobs = ctx.meta.get("validate.jobs")
    cache_dir = ctx.meta.get("validate.cache_dir") or os.environ.get("VALIDATE_CACHE_DIR") or ".validate_cache"
    return {"jobs": 1 if fixing else (jobs or default_jobs()),
            "cache_dir": None if fixing or ctx.meta.get("validate.no_cache") else cache_dir,
            "progress": ProgressBar() if wanted(quiet) else None}


def _fail(message: str) -> None:
    click.echo(f"validate: error: {message}", err=True)
    sys.exit(2)


@click.command(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--output-format", type=click.Choice(["auto", "full", "concise", "json", "github", "sarif", "junit", "gitlab"]),
              default="auto", show_default=True, help="Report format; auto is github under GitHub Actions, else full.")
@click.option("-o", "--output", "output_file", type=click.Path(dir_okay=False), help="Write the report to FILE.")
@click.option("--select", multiple=True, help="Rule codes or prefixes to run (comma-separated), e.g. EC,FI1.")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to skip.")
@click.option("--extend-select", multiple=True, help="Codes or prefixes to add to the selection.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported (2 still means an error).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of the findings.")
@click.option("--whole-pack", is_flag=True, help="Report findings for the whole pack of each file given.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply unsafe fixes.")
@click.option("--diff", is_flag=True, help="Print a unified diff of what the fixes would change; write nothing.")
@click.option("--list-rules", is_flag=True, help="List every rule (code, name, severity, fixable, summary).")
@click.option("--explain", metavar="CODE", help="Print a rule's documentation, options and examples.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the findings, no summary line.")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks of internal errors.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), metavar="N", expose_value=False, callback=lambda c, p, v: _keep(c, p, v),
              help="Worker processes for large runs (default or 0: the number of CPUs; 1: none).")
@click.option("--no-cache", is_flag=True, expose_value=False, callback=lambda c, p, v: _keep(c, p, v),
              help="Neither read nor write the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), metavar="DIR", expose_value=False,
              callback=lambda c, p, v: _keep(c, p, v),
              help="Where the result cache lives (default: $VALIDATE_CACHE_DIR, else .validate_cache).")
@click.option("--config", "config_file", metavar="FILE", help="Read settings from FILE (pyproject.toml or .validate.toml).")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--show-settings", is_flag=True, help="Print the effective settings and where each comes from.")
@click.version_option(__version__, "--version", prog_name="validate", message="%(prog)s %(version)s")
def main(paths: tuple[str, ...], output_format: str, output_file: str | None, select: tuple[str, ...],
         ignore: tuple[str, ...], extend_select: tuple[str, ...], fail_on: str, exit_zero: bool,
         statistics: bool, whole_pack: bool, list_rules: bool, explain: str | None, quiet: bool,
         verbose: bool, config_file: str | None, isolated: bool, show_settings: bool, fix: bool = False,
         unsafe_fixes: bool = False, diff: bool = False) -> None:
    """Lint Cortex XSOAR / XSIAM content packs: integration YAML, Python and pack metadata.

    PATHS are packs, files inside packs, or directories holding packs (default: .).
    """
    if output_format == "auto":
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "full"
    try:
        if list_rules:
            _emit(_list_rules(output_format), output_file)
            return
        if explain:
            _emit(_explain(explain), output_file)
            return
        settings, output_format, fail_on = _configure(list(paths), config_file, isolated, output_format, fail_on)
        if show_settings:
            shown = settings.override(select=_codes(select), ignore=_codes(ignore), extend_select=_codes(extend_select))
            _emit(shown.describe(), output_file)
            return
        code = _lint(list(paths) or ["."], output_format, output_file, _codes(select), _codes(ignore),
                     _codes(extend_select), fail_on, exit_zero, statistics, whole_pack, quiet, verbose,
                     settings=settings, fixes=(fix, unsafe_fixes, diff))
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback (unless --verbose)
        from validator.api import UsageError

        if verbose and not isinstance(exc, UsageError):
            import traceback

            traceback.print_exc()
        detail = (str(exc).splitlines() or [""])[0]  # one line, whatever the exception says
        _fail(str(exc) if isinstance(exc, UsageError) else f"internal error: {type(exc).__name__}: {detail}".rstrip(": "))
        return
    sys.exit(code)


def _lint(paths: list[str], output_format: str, output_file: str | None, select: list[str] | None,
          ignore: list[str] | None, extend_select: list[str] | None, fail_on: str, exit_zero: bool,
          statistics: bool, whole_pack: bool, quiet: bool, verbose: bool, settings: Any = None,
          fixes: tuple[bool, bool, bool] = (False, False, False)) -> int:
    from validator.api import run
    from validator.finding import Severity

    for code in ignore or []:
        if code in ALWAYS_ON:
            click.echo(f"validate: warning: {code} is always reported; ignoring it has no effect", err=True)
    started = time.perf_counter()
    perf = _run_options(quiet)

    def analyse(targets: list[str], **extra: Any) -> Any:
        return run(targets, select=select, ignore=ignore, extend_select=extend_select, whole_pack=whole_pack,
                   verbose=verbose, settings=settings, **{**perf, **extra})

    try:
        result = analyse(paths)
    finally:
        if perf["progress"] is not None:
            perf["progress"].close()
    fix, unsafe_fixes, diff = fixes
    fix_summary = ""
    if unsafe_fixes and not (fix or diff):
        click.echo("validate: warning: --unsafe-fixes has no effect without --fix or --diff", err=True)
    if fix or diff:  # validator/fix.py, serially in this process; --diff writes nothing
        from validator.fix import apply_fixes

        report = apply_fixes(result, lambda targets: analyse(targets, progress=None), paths, unsafe=unsafe_fixes,
                             write=not diff)
        if diff:
            _emit(report.diff(), output_file)
            if not quiet:
                click.echo(report.summary(diff=True, unsafe=unsafe_fixes), err=True, nl=False)
            return 1 if report.changes and not exit_zero else 0
        result, fix_summary = report.result, report.summary(unsafe=unsafe_fixes)
    findings = result.findings
    text = _statistics(findings) if statistics else _render(output_format, findings, result)
    if output_format in ("full", "concise") and not quiet and not statistics:
        text += _summary(findings, len(result.files), sum(1 for p in result.packs if p.root is not None),
                         time.perf_counter() - started) + fix_summary
    elif fix_summary and not quiet:
        click.echo(fix_summary, err=True, nl=False)
    _emit(text, output_file)
    threshold = Severity(fail_on)
    failing = any(f.severity >= threshold for f in findings)
    return 1 if failing and not exit_zero else 0


def _configure(paths: list[str], config_file: str | None, isolated: bool, output_format: str,
               fail_on: str) -> tuple[Any, str, str]:
    """The configuration file's settings (validator/config.py); flags given on the command line win."""
    from click.core import ParameterSource

    from validator.config import resolve

    settings = resolve(paths, config=config_file, isolated=isolated)
    for warning in settings.warnings:
        click.echo(f"validate: warning: {warning}", err=True)
    ctx = click.get_current_context()

    def given(name: str) -> bool:
        return ctx.get_parameter_source(name) not in (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP)

    settings = settings.override(fail_on=fail_on if given("fail_on") else None,
                                 output_format=output_format if given("output_format") else None)
    output_format = settings.output_format.value
    if output_format == "auto":
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "full"
    return settings, output_format, settings.fail_on.value


def _render(output_format: str, findings: list[Any], result: Any) -> str:
    from validator import registry
    from validator.reporters import Report, render

    by_path: dict[str, Any] = {}

    def read_lines(path: str) -> list[str] | None:
        # Index the documents once: scanning them per finding path is quadratic on big runs.
        if not by_path:
            for pack in result.packs:
                for doc in pack.documents:
                    by_path.setdefault(doc.display, doc)
        doc = by_path.get(path)
        return doc.lines if doc is not None and doc.text is not None else None

    report = Report(rules=registry.all_rules(), version=__version__, read_lines=read_lines,
                    files_checked=result.files)
    return render(output_format, findings, report)


def _summary(findings: list[Any], files: int, packs: int | None = None, elapsed: float | None = None) -> str:
    where = f"{files} files"
    if packs is not None:
        where += f" in {packs} pack{'s' if packs != 1 else ''}"
    if elapsed is not None:
        where += f", {elapsed:.2f}s"
    if not findings:
        return f"All checks passed ({where}).\n"
    counts = Counter(f.severity.value for f in findings)
    parts = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in SEVERITIES if counts[s])
    fixable = sum(1 for f in findings if f.fix)
    extra = f"; {fixable} fixable" if fixable else ""
    return f"Found {len(findings)} finding{'s' if len(findings) != 1 else ''} ({parts}{extra}) in {where}.\n"


def _statistics(findings: list[Any]) -> str:
    counts = Counter((f.code, f.name) for f in findings)
    return "".join(f"{n:>5}  {code}  {name}\n" for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _list_rules(output_format: str) -> str:
    from validator import registry

    rules = registry.all_rules().values()
    if output_format == "json":
        import json

        return json.dumps([{"code": r.code, "name": r.name, "severity": r.severity.value, "fixable": r.fixable,
                            "fix_safety": r.fix_safety, "summary": r.summary, "url": r.url} for r in rules],
                          indent=2) + "\n"
    return "".join(f"{r.code}  {r.name:<40} {r.severity.value:<8} {'fix' if r.fixable else '   '}  {r.summary}\n"
                   for r in rules)


def _explain(code: str) -> str:
    from validator import registry
    from validator.api import UsageError
    from validator.explain import explain

    rule = registry.all_rules().get(code.strip().upper())
    if rule is None:
        raise UsageError(f"unknown rule code '{code}'")
    return explain(rule)


def _emit(text: str, output_file: str | None) -> None:
    if output_file:
        try:
            with open(output_file, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            from validator.api import UsageError

            raise UsageError(f"cannot write {output_file}: {exc.strerror or exc}") from None
    else:
        click.echo(text, nl=False)
