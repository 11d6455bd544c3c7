"""Applying fixes: ``--fix``, ``--unsafe-fixes`` and ``--diff`` (DESIGN.md section 8).

A finding's ``Fix`` carries text ``edits`` (character offsets into ``Document.text``) and/or
structured ``ops`` (``validator/fixops.py``). Per file and per round:

1. *Positional* changes first, on the text as analysed: ``Fix.edits`` and the Python ops
   (``py.wrap``, ``py.remove_arg``). Python ops re-locate their node with ``ast`` (cheap,
   exact positions) and become text edits, so formatting and comments are untouched;
   libcst is not needed for them (its ``PositionProvider`` costs ~1 s per large file) and
   the result is re-parsed with ``ast``. In a unified YAML (code in a ``script.script``
   literal block) the edits are mapped into the block (RULES.md 2.6).
2. *Structural* changes next: YAML ops through a ruamel.yaml round-trip (``width=4096``,
   ``preserve_quotes``, the file's own sequence indentation), JSON ``json.append`` as a text
   edit that keeps the layout.

A YAML file is rewritten only when ruamel's load -> dump reproduces it byte for byte (after
CRLF -> LF and without the BOM); otherwise it is left alone with a notice. Every result is
re-parsed; a file that would no longer parse is left unchanged with a notice. CRLF files are
written back with CRLF, a BOM is kept. Writes are atomic (a temporary file in the same
directory, ``os.replace``) and keep the file mode; a read-only file, a file changed since it
was read, or a failed write (full disk) leaves the original intact with a one-line notice.

After writing, the affected packs are analysed again and newly fixable findings are fixed,
until nothing changes (at most ``MAX_ROUNDS`` rounds). ``--diff`` runs one round without
writing and renders a unified diff (``a/`` ``b/`` prefixes; ``git apply`` and ``patch -p1``
accept it). Everything here runs serially in the main process; ruamel.yaml is imported only
when a YAML fix is applied.
"""

from __future__ import annotations

import ast
import bisect
import dataclasses
import hashlib
import json
import os
import re
import stat
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from validator.finding import Edit, Finding

MAX_ROUNDS = 5
# A file with one of these findings is never fixed (RULES.md section 6).
BLOCKING = frozenset({"SY100", "SY101", "SY102", "SY103", "SY104", "SY105", "SY900"})
# These block only the fixes to the code (.py, or the code embedded in a unified YAML).
CODE_BLOCKING = frozenset({"SY102", "SY106"})
YAML_SUFFIXES = (".yml", ".yaml")
KNOWN_OPS = frozenset({"yaml.set", "yaml.insert", "yaml.append", "yaml.remove", "json.append", "py.wrap",
                       "py.remove_arg"})
BOM = "\ufeff"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class FixError(Exception):
    """A fix (or a whole file) that cannot be applied; the message is the notice's reason."""


@dataclass
class FileChange:
    """One file the fixes change: its display path and content before and after (bytes)."""

    display: str
    before: bytes
    after: bytes


@dataclass
class FixReport:
    """What a fix run did. ``result`` is the run result after fixing (what remains)."""

    result: Any
    fixed: int = 0
    more_unsafe: int = 0
    changes: dict[Path, FileChange] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    def summary(self, *, diff: bool = False, unsafe: bool = False) -> str:
        """``Fixed 3 findings; 2 more fixable with --unsafe-fixes`` (``Would fix`` for --diff)."""
        noun = "finding" if self.fixed == 1 else "findings"
        text = f"{'Would fix' if diff else 'Fixed'} {self.fixed} {noun}"
        if self.more_unsafe and not unsafe:
            text += f"; {self.more_unsafe} more fixable with --unsafe-fixes"
        return text + "\n"

    def diff(self) -> str:
        return render_diff(self.changes.values())


# --- the run ----------------------------------------------------------------------------


def apply_fixes(
    result: Any,
    rerun: Callable[[list[str]], Any],
    paths: list[str],
    *,
    unsafe: bool = False,
    write: bool = True,
    notify: Callable[[str], None] | None = None,
) -> FixReport:
    """Apply the fixes of ``result.findings`` (safe ones; unsafe too with ``unsafe``).

    ``rerun(paths)`` analyses paths again (the same selection and configuration as the
    first run) and returns a new run result; it is called with the paths of the packs whose
    files changed. With ``write=False`` (``--diff``) nothing is written: one round is
    computed and the changes are in ``report.changes``.
    """
    report = FixReport(result=result)
    shown: set[str] = set()

    def notice(message: str) -> None:
        if message in shown:
            return
        shown.add(message)
        report.notices.append(message)
        if notify is not None:
            notify(message)
        else:
            print(f"validate: warning: {message}", file=sys.stderr)

    failed: dict[Path, str] = {}  # file -> content hash it failed on (do not retry unchanged)
    for _ in range(MAX_ROUNDS):
        jobs = _plan(report.result, unsafe)
        planned: dict[int, int] = {}
        for job in jobs:
            for part in job.parts:
                planned[id(part.finding)] = planned.get(id(part.finding), 0) + 1
        succeeded: dict[int, int] = {}
        changed: list[Path] = []
        for job in jobs:
            digest = _hash(job.baseline) if job.baseline is not None else None
            if digest is not None and failed.get(job.path) == digest:
                continue
            try:
                outcome = _apply_job(job, write)
            except FixError as exc:
                notice(f"{job.display}: not fixed: {exc}")
                if digest is not None:
                    failed[job.path] = digest
                continue
            for message in outcome.notices:
                notice(message)
            if outcome.after is None:
                continue
            for finding in outcome.applied:
                succeeded[id(finding)] = succeeded.get(id(finding), 0) + 1
            change = report.changes.get(job.path)
            before = change.before if change else outcome.before
            report.changes[job.path] = FileChange(job.display, before, outcome.after)
            changed.append(job.path)
        report.fixed += sum(1 for key, count in succeeded.items() if count == planned.get(key))
        if not changed or not write:
            break
        report.result = _rerun(report.result, rerun, paths, changed)
    if write:
        report.changes = {p: c for p, c in report.changes.items() if c.before != c.after}
    report.more_unsafe = 0 if unsafe else sum(
        1 for f in _fixable(report.result, unsafe=True) if f.fix is not None and f.fix.applicability == "unsafe")
    return report


def _allowed(finding: Finding, unsafe: bool) -> bool:
    fix = finding.fix
    if fix is None or not (fix.ops or fix.edits):
        return False
    return fix.applicability == "safe" or (unsafe and fix.applicability == "unsafe")


def _fixable(result: Any, unsafe: bool) -> list[Finding]:
    """The findings whose fix may be applied: allowed, and touching no blocked file."""
    blocked, code_blocked = _blocked(result)
    roots = _pack_roots(result)
    out = []
    for finding in result.findings:
        if not _allowed(finding, unsafe):
            continue
        targets = _targets_of(finding, roots)
        if any(path in blocked or (code and path in code_blocked) for path, code, _ in targets):
            continue
        out.append(finding)
    return out


def _targets_of(finding: Finding, roots: dict[Path, Path]) -> list[tuple[Path, bool, Any]]:
    """``(file, touches code, edit or op)`` for each piece of the finding's fix."""
    assert finding.fix is not None
    own = _abs(finding.path)
    out: list[tuple[Path, bool, Any]] = []
    for edit in finding.fix.edits:
        target = _abs(edit.path) if edit.path else own
        out.append((target, target.suffix == ".py", edit))
    for op in finding.fix.ops:
        target = own
        if op[0] == "json.append" and len(op) > 3 and op[3]:
            target = _resolve_file(op[3], own, roots.get(own))
        out.append((target, op[0].startswith("py.") or target.suffix == ".py", op))
    return out


def _pack_roots(result: Any) -> dict[Path, Path]:
    roots: dict[Path, Path] = {}
    for pack in getattr(result, "packs", []):
        if pack.root is not None:
            for doc in pack.documents:
                roots[_abs_path(doc.path)] = _abs_path(pack.root)
    return roots


def _blocked(result: Any) -> tuple[set[Path], set[Path]]:
    """Files never fixed, and files whose code must not be fixed (RULES.md section 6)."""
    blocked: set[Path] = set()
    code: set[Path] = set()
    for finding in result.findings:
        if finding.code in BLOCKING and finding.path:
            blocked.add(_abs(finding.path))
        if finding.code in CODE_BLOCKING and finding.path:
            code.add(_abs(finding.path))
    for pack in getattr(result, "packs", []):
        for doc in pack.documents:
            if any(p.code in BLOCKING for p in doc.problems):
                blocked.add(_abs_path(doc.path))
        for integration in pack.integrations:
            problem = getattr(integration, "code_problem", None)
            if problem is not None:
                code.add(_abs_path(integration.yaml.path))
                code_file = integration.__dict__.get("code_file")
                if code_file is not None:
                    code.add(_abs_path(code_file.path))
    return blocked, code


def _abs(display: str) -> Path:
    return Path(os.path.abspath(display))


def _abs_path(path: Path) -> Path:
    return Path(os.path.abspath(path))


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- planning: which changes go to which file --------------------------------------------


@dataclass
class _Part:
    """The share of one finding's fix that lands in one file."""

    finding: Finding
    edits: list[Edit] = field(default_factory=list)
    ops: list[tuple] = field(default_factory=list)


@dataclass
class _Job:
    path: Path
    display: str
    baseline: bytes | None  # the bytes the analysis read (None: not read by it)
    code: Any = None  # CodeSource when the file holds analysed Python
    parts: list[_Part] = field(default_factory=list)


def _plan(result: Any, unsafe: bool) -> list[_Job]:
    docs: dict[Path, Any] = {}
    codes: dict[Path, Any] = {}
    for pack in getattr(result, "packs", []):
        for doc in pack.documents:
            docs[_abs_path(doc.path)] = doc
        for integration in pack.integrations:
            source = integration.__dict__.get("code")
            if source is not None:
                codes[_abs_path(source.document.path)] = source
    roots = _pack_roots(result)
    jobs: dict[Path, _Job] = {}
    owners: dict[int, dict[Path, _Part]] = {}

    def part(finding: Finding, path: Path) -> _Part:
        job = jobs.get(path)
        if job is None:
            doc = docs.get(path)
            raw = doc.__dict__.get("raw") if doc is not None else None
            job = jobs[path] = _Job(path, _display(path), raw, codes.get(path))
        per_finding = owners.setdefault(id(finding), {})
        if path not in per_finding:
            per_finding[path] = _Part(finding)
            job.parts.append(per_finding[path])
        return per_finding[path]

    for finding in _fixable(result, unsafe):
        for target, _code, piece in _targets_of(finding, roots):
            if isinstance(piece, Edit):
                part(finding, target).edits.append(piece)
            else:
                part(finding, target).ops.append(piece)
    return [jobs[p] for p in sorted(jobs)]


def _resolve_file(name: str, own: Path, pack_root: Path | None) -> Path:
    """``json.append``'s ``file``: absolute, or relative to the pack, else to the directory."""
    candidate = Path(name)
    if candidate.is_absolute():
        return candidate
    if pack_root is not None and (pack_root / candidate).exists():
        return pack_root / candidate
    if Path(os.path.abspath(name)).exists():
        return Path(os.path.abspath(name))
    return own.parent / candidate


def _display(path: Path) -> str:
    from validator.documents import display_path

    return display_path(path)


# --- applying to one file ------------------------------------------------------------------


@dataclass
class _Outcome:
    before: bytes
    after: bytes | None
    applied: list[Finding] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def _apply_job(job: _Job, write: bool) -> _Outcome:
    path = Path(os.path.realpath(job.path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FixError(f"cannot read file: {exc.strerror or exc}") from None
    if job.baseline is not None and data != job.baseline:
        raise FixError("file changed during the run")
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        raise FixError("not valid UTF-8") from None
    bom = decoded.startswith(BOM)
    text = decoded[1:] if bom else decoded
    crlf = "\r\n" in text
    if crlf and re.search(r"(?<!\r)\n|\r(?!\n)", text):
        raise FixError("mixed line endings")
    if not crlf and "\r" in text:
        raise FixError("CR line endings")
    kind = _kind(path)
    outcome = _Outcome(before=data, after=None)
    failed: set[int] = set()

    def phase(attempted: list[_Part], ok: list[_Part]) -> None:
        done = {id(p) for p in ok}
        failed.update(id(p) for p in attempted if id(p) not in done)

    unknown = [p for p in job.parts if any(op[0] not in KNOWN_OPS for op in p.ops)]
    for part in unknown:
        outcome.notices.append(f"{job.display}: {part.finding.code} at line {part.finding.line} not fixed: "
                               "unknown fix operation")
    phase(unknown, [])

    # 1. positional edits on the text as analysed
    positional = [p for p in job.parts if p.edits or any(op[0].startswith("py.") for op in p.ops)]
    new_text = text
    if positional:
        new_text, ok = _apply_positional(text, job, positional, kind, outcome)
        phase(positional, ok)
    work = new_text.replace("\r\n", "\n")

    # 2. structural ops on the (LF) text
    yaml_parts = [p for p in job.parts if any(op[0].startswith("yaml.") for op in p.ops)]
    json_parts = [p for p in job.parts if any(op[0].startswith("json.") for op in p.ops)]
    if yaml_parts and kind != "yaml":
        for part in yaml_parts:
            outcome.notices.append(f"{job.display}: {part.finding.code} at line {part.finding.line} not fixed: "
                                   "a YAML operation on a file that is not YAML")
        phase(yaml_parts, [])
    elif yaml_parts:
        work, ok = _apply_yaml(work, yaml_parts, job.display, outcome)
        phase(yaml_parts, ok)
    if json_parts:
        work, ok = _apply_json(work, json_parts, job.display, outcome)
        phase(json_parts, ok)

    final = work.replace("\n", "\r\n") if crlf else work
    if final == text:
        return outcome
    _check_parses(final, kind)
    after = ((BOM if bom else "") + final).encode("utf-8")
    if write:
        write_atomic(path, after, data)
    outcome.after = after
    outcome.applied = [p.finding for p in job.parts if id(p) not in failed]
    return outcome


def _kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(YAML_SUFFIXES):
        return "yaml"
    if name.endswith(".json"):
        return "json"
    if name.endswith(".py"):
        return "python"
    return "text"


def _check_parses(text: str, kind: str) -> None:
    """Raise ``FixError`` when ``text`` would no longer parse as its kind of file."""
    if kind == "yaml":
        from validator.yamlread import YamlError, read_yaml

        try:
            doc = read_yaml(text)
        except YamlError as exc:
            raise FixError(f"the fix would break the YAML ({exc.message}); file left unchanged") from None
        if doc.duplicates:
            raise FixError("the fix would create a duplicate key; file left unchanged")
    elif kind == "json":
        from validator.jsonread import JsonError, read_json

        try:
            read_json(text)
        except JsonError as exc:
            raise FixError(f"the fix would break the JSON ({exc.message}); file left unchanged") from None
    elif kind == "python":
        error = _python_error(text)
        if error is not None:
            raise FixError(f"the fix would break the Python ({error}); file left unchanged")


def _python_error(code: str) -> str | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        return str(getattr(exc, "msg", exc) or type(exc).__name__)
    return None


# --- positional edits (Fix.edits, Python ops) --------------------------------------------------


class _Lines:
    """Line starts of a text, splitting on CRLF, CR and LF like the Python tokenizer."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def offset(self, line: int, column: int) -> int:
        """Character offset of a 1-based line and 0-based character column."""
        if not 1 <= line <= len(self.starts):
            raise FixError(f"line {line} is outside the file")
        return self.starts[line - 1] + column

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1]


def _apply_positional(text: str, job: _Job, parts: list[_Part], kind: str,
                      outcome: _Outcome) -> tuple[str, list[_Part]]:
    accepted: list[tuple[int, int, str]] = []
    ok: list[_Part] = []
    code_edits: list[tuple[int, int, str]] = []  # in the code's own text (unified YAML check)
    for part in sorted(parts, key=lambda p: p.finding.sort_key):
        try:
            edits = [(e.start, e.end, e.text) for e in part.edits]
            code_local: list[tuple[int, int, str]] = []
            for op in part.ops:
                if op[0].startswith("py."):
                    local, mapped = _python_op(op, job, text)
                    code_local.extend(local)
                    edits.extend(mapped)
        except FixError as exc:
            outcome.notices.append(f"{job.display}: {part.finding.code} at line {part.finding.line} not fixed: {exc}")
            continue
        if any(not 0 <= s <= e <= len(text) for s, e, _ in edits):
            outcome.notices.append(f"{job.display}: {part.finding.code} at line {part.finding.line} not fixed: "
                                   "edit outside the file")
            continue
        fresh = [e for e in edits if e not in accepted]
        if any(_overlaps(a, b) for a in fresh for b in accepted):
            continue  # conflicts with a fix already taken; the next round retries it
        accepted.extend(fresh)
        code_edits.extend(c for c in code_local if c not in code_edits)
        ok.append(part)
    if not accepted:
        return text, []
    new_text = _splice(text, accepted)
    if kind == "python":
        error = _python_error(new_text)
        if error is not None:
            raise FixError(f"the fix would break the Python ({error}); file left unchanged")
    elif job.code is not None and code_edits:  # code embedded in a YAML: check the result
        expected = _splice(job.code.text, code_edits)
        error = _python_error(expected)
        if error is not None:
            raise FixError(f"the fix would break the embedded Python ({error}); file left unchanged")
        if _embedded_code(new_text) != expected:
            raise FixError("cannot map the Python fix into script.script; file left unchanged")
    return new_text, ok


def _overlaps(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    if a[0] == a[1] == b[0] == b[1]:
        return True  # two insertions at one point: order unknown
    return a[0] < b[1] and b[0] < a[1]


def _splice(text: str, edits: Iterable[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _embedded_code(yaml_text: str) -> str | None:
    from validator.tree import Map
    from validator.yamlread import YamlError, read_yaml

    try:
        root = read_yaml(yaml_text).root
    except YamlError:
        return None
    script = root.get("script") if isinstance(root, Map) else None
    return script.value("script") if isinstance(script, Map) else None


def _python_op(op: tuple, job: _Job, file_text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """A Python op as text edits: (in the code's text, in the file's text)."""
    source = job.code
    if source is None:
        if job.path.suffix != ".py":
            raise FixError("no analysed Python code in this file")
        code = file_text
    else:
        if not source.block:
            raise FixError("the embedded code is not a literal block scalar")
        code = source.text
    lines = _Lines(code)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise FixError("the code does not parse") from None
    if op[0] == "py.wrap":
        local = _wrap_edits(tree, code, lines, tuple(op[1]), str(op[2]))
    elif op[0] == "py.remove_arg":
        local = _remove_arg_edits(tree, code, lines, tuple(op[1]), op[2], op[3])
    else:
        raise FixError(f"unknown operation {op[0]}")
    if source is None or (source.line_offset == 0 and source.column_offset == 0 and source.document.path.suffix == ".py"):
        return local, local
    file_lines = _Lines(file_text)
    mapped = []
    for start, end, new in local:
        mapped.append((_map_offset(lines, file_lines, source, start), _map_offset(lines, file_lines, source, end), new))
    return local, mapped


def apply_python_op(code: str, op: tuple) -> str:
    """``code`` with one Python op (``py.wrap``, ``py.remove_arg``) applied, checked to parse."""
    local, _ = _python_op(op, _Job(Path("code.py"), "code.py", None), code)
    result = _splice(code, local)
    error = _python_error(result)
    if error is not None:
        raise FixError(f"the fix would break the Python ({error})")
    return result


def _map_offset(lines: _Lines, file_lines: _Lines, source: Any, offset: int) -> int:
    line, column = lines.position(offset)
    return file_lines.offset(line + source.line_offset, column + source.column_offset)


def _node_span(lines: _Lines, code: str, node: ast.AST) -> tuple[int, int]:
    """Character offsets [start, end) of an ast node (ast columns count UTF-8 bytes)."""
    start = lines.offset(node.lineno, _char_col(lines, code, node.lineno, node.col_offset))  # type: ignore[attr-defined]
    end_line = node.end_lineno  # type: ignore[attr-defined]
    end = lines.offset(end_line, _char_col(lines, code, end_line, node.end_col_offset))  # type: ignore[attr-defined]
    return start, end


def _char_col(lines: _Lines, code: str, line: int, byte_col: int) -> int:
    start = lines.starts[line - 1]
    end = lines.starts[line] if line < len(lines.starts) else len(code)
    text = code[start:end]
    if text.isascii():
        return byte_col
    return len(text.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))


def _span_offsets(lines: _Lines, span: tuple) -> tuple[int, int]:
    line, col, end_line, end_col = (int(v) for v in span)
    return lines.offset(line, col), lines.offset(end_line, end_col)


def _wrap_edits(tree: ast.AST, code: str, lines: _Lines, span: tuple, func: str) -> list[tuple[int, int, str]]:
    start, end = _span_offsets(lines, span)
    for node in ast.walk(tree):
        if isinstance(node, ast.expr) and (node.lineno, node.end_lineno) == (span[0], span[2]) \
                and _node_span(lines, code, node) == (start, end):
            break
    else:
        raise FixError("the expression to wrap was not found")
    if not re.fullmatch(r"[A-Za-z_][\w.]*", func):
        raise FixError(f"bad function name {func!r}")
    return [(start, start, f"{func}("), (end, end, ")")]


def _remove_arg_edits(tree: ast.AST, code: str, lines: _Lines, span: tuple, keyword: str | None,
                      index: int | None) -> list[tuple[int, int, str]]:
    start, end = _span_offsets(lines, span)
    call = next((n for n in ast.walk(tree) if isinstance(n, ast.Call) and (n.lineno, n.end_lineno) == (span[0], span[2])
                 and _node_span(lines, code, n) == (start, end)), None)
    if call is None:
        raise FixError("the call was not found")
    target: ast.AST | None = None
    if keyword is not None:
        target = next((k for k in call.keywords if k.arg == keyword), None)
    if target is None and index is not None and 0 <= index < len(call.args) \
            and not any(isinstance(a, ast.Starred) for a in call.args[:index + 1]):
        target = call.args[index]
    if target is None:
        raise FixError("the argument was not found")
    args = sorted([*call.args, *call.keywords], key=lambda n: _node_span(lines, code, n))
    func_end = _node_span(lines, code, call.func)[1]
    open_at = func_end + (_find_char(code[func_end:end], "(") or 0)
    spans = [_expand_parens(code, *_node_span(lines, code, a), open_at + 1, end - 1) for a in args]
    i = args.index(target)
    t_start, t_end = spans[i]
    if i + 1 < len(args):  # remove "arg, " up to the next argument
        nxt = spans[i + 1][0]
        between = code[t_end:nxt]
        comma = _find_comma(between)
        if comma is None:
            raise FixError("cannot find the comma after the argument")
        if "#" in between:  # keep comments: drop only "arg," and the spaces after it on its line
            stop = t_end + comma + 1
            while stop < nxt and code[stop] in " \t":
                stop += 1
            return [(t_start, stop, "")]
        return [(t_start, nxt, "")]
    if i > 0:  # the last argument: remove ", arg"
        prev_end = spans[i - 1][1]
        between = code[prev_end:t_start]
        comma = _find_comma(between)
        if comma is None:
            raise FixError("cannot find the comma before the argument")
        if "#" in between:
            line_start = code.rfind("\n", 0, t_start) + 1
            cut = line_start if not code[line_start:t_start].strip() else t_start
            return [(prev_end + comma, prev_end + comma + 1, ""), (cut, t_end, "")]
        return [(prev_end + comma, t_end, "")]
    # the only argument: remove it and a trailing comma
    call_end = end - 1  # the closing parenthesis
    after = code[t_end:call_end]
    comma = _find_comma(after)
    stop = t_end + comma + 1 if comma is not None else t_end
    return [(t_start, stop, "")]


def _find_comma(between: str) -> int | None:
    """The first comma in text between two arguments (only spaces, parentheses, comments)."""
    return _find_char(between, ",")


def _find_char(between: str, char: str) -> int | None:
    i = 0
    while i < len(between):
        ch = between[i]
        if ch == "#":
            nl = between.find("\n", i)
            if nl < 0:
                return None
            i = nl
        elif ch == char:
            return i
        i += 1
    return None


def _expand_parens(code: str, start: int, end: int, low: int, high: int) -> tuple[int, int]:
    """Widen an argument's span over the parentheses around it (``f((a), b)``): ast spans
    exclude them. ``low``/``high`` bound the call's own parentheses."""
    while True:
        before = start - 1
        while before >= low and code[before] in " \t\r\n\\":
            before -= 1
        after = end
        while after < high and code[after] in " \t\r\n\\":
            after += 1
        if before >= low and after < high and code[before] == "(" and code[after] == ")":
            start, end = before, after + 1
        else:
            return start, end


# --- YAML through ruamel round-trip ---------------------------------------------------------


_ITEM_LINE = re.compile(r"^( *)- ")


def sequence_style(text: str) -> str:
    """``"flush"`` when block sequence items start at their parent key's column (``key:`` then
    ``- item``), ``"indented"`` when they are indented by 2; the first clear case decides."""
    lines = text.split("\n")
    for i, line in enumerate(lines[:-1]):
        if not line.rstrip().endswith(":") and "#" not in line:
            continue
        stripped = line.split(" #", 1)[0].rstrip()
        if not stripped.endswith(":") or stripped.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        rest = line[indent:]
        while rest.startswith("- "):  # "- key:" inside a sequence item
            step = len(rest) - len(rest[2:].lstrip(" "))
            indent += step
            rest = rest[step:]
        for nxt in lines[i + 1:]:
            if not nxt.strip() or nxt.lstrip().startswith("#"):
                continue
            item = _ITEM_LINE.match(nxt)
            if item:
                column = len(item.group(1))
                if column == indent:
                    return "flush"
                if column == indent + 2:
                    return "indented"
            break
    return "flush"


def _yaml_instance(style: str) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.preserve_quotes = True
    if style == "indented":
        yaml.indent(mapping=2, sequence=4, offset=2)
    else:
        yaml.indent(mapping=2, sequence=2, offset=0)
    return yaml


class YamlSession:
    """A ruamel round-trip of one YAML text whose dump is byte-identical to the source."""

    def __init__(self, text: str) -> None:
        import io

        self.text = text
        self.strip_final_newline = False
        first = sequence_style(text)
        styles = [first, "indented" if first == "flush" else "flush"]
        self.yaml = _yaml_instance(first)
        try:
            self.data = self.yaml.load(text)
        except Exception as exc:  # noqa: BLE001 - ruamel raises many error types
            raise FixError(f"ruamel.yaml cannot load the file ({type(exc).__name__})") from None
        for style in styles:
            for explicit in (False, True) if text.startswith("---") else (False,):
                yaml = _yaml_instance(style)
                yaml.explicit_start = explicit or None
                out = io.StringIO()
                try:
                    yaml.dump(self.data, out)
                except Exception:  # noqa: BLE001, S112 - this style cannot dump it: try the next
                    continue
                dumped = out.getvalue()
                if dumped == text or (dumped == text + "\n" and not text.endswith("\n")):
                    self.yaml = yaml
                    self.strip_final_newline = dumped != text
                    return
        raise FixError("its YAML round-trip is not byte-identical (formatting ruamel.yaml cannot "
                       "reproduce), so it is not rewritten")

    def dump(self) -> str:
        import io

        out = io.StringIO()
        self.yaml.dump(self.data, out)
        dumped = out.getvalue()
        if self.strip_final_newline and dumped.endswith("\n"):
            dumped = dumped[:-1]
        elif self.text.endswith("\n") and not dumped.endswith("\n"):
            dumped += "\n"
        return dumped

    def apply(self, op: tuple) -> None:
        name = op[0]
        if name == "yaml.set":
            _yaml_set(self.data, tuple(op[1]), op[2])
        elif name == "yaml.insert":
            _yaml_insert(self.data, tuple(op[1]), op[2], op[3], op[4] if len(op) > 4 else None)
        elif name == "yaml.append":
            _yaml_append(self.data, tuple(op[1]), op[2])
        elif name == "yaml.remove":
            _yaml_remove(self.data, tuple(op[1]))
        else:
            raise FixError(f"unknown operation {name}")


def _apply_yaml(text: str, parts: list[_Part], display: str, outcome: _Outcome) -> tuple[str, list[_Part]]:
    session = YamlSession(text)
    ok: list[_Part] = []
    done: list[tuple] = []
    for part in sorted(parts, key=lambda p: p.finding.sort_key):
        ops = [op for op in part.ops if op[0].startswith("yaml.")]
        try:
            for op in ops:
                if op not in done:
                    session.apply(op)
        except (FixError, KeyError, IndexError, TypeError, ValueError) as exc:
            reason = exc if isinstance(exc, FixError) else f"{type(exc).__name__}: {exc}"
            outcome.notices.append(f"{display}: {part.finding.code} at line {part.finding.line} not fixed: {reason}")
            # undo a partly applied fix: replay the fixes that worked on a fresh load
            session = YamlSession(text)
            for op in done:
                session.apply(op)
            continue
        done.extend(op for op in ops if op not in done)
        ok.append(part)
    if not ok:
        return text, []
    return session.dump(), ok


def _is_map(node: Any) -> bool:
    from ruamel.yaml.comments import CommentedMap

    return isinstance(node, CommentedMap)


def _is_seq(node: Any) -> bool:
    from ruamel.yaml.comments import CommentedSeq

    return isinstance(node, CommentedSeq)


def _is_block(node: Any) -> bool:
    return (_is_map(node) or _is_seq(node)) and not node.fa.flow_style() and len(node) > 0


def _find_key(mapping: Any, key: Any) -> Any:
    if key in mapping:
        return key
    for existing in mapping:
        if str(existing) == str(key):
            return existing
    return None


def _resolve(data: Any, path: tuple) -> Any:
    node = data
    for step in path:
        if _is_map(node):
            key = _find_key(node, step)
            if key is None:
                raise FixError(f"no key '{step}' in the YAML")
            node = node[key]
        elif _is_seq(node) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            raise FixError(f"cannot follow '{step}' in the YAML")
    return node


def _convert(value: Any, like: Any = None, flow: bool = False) -> Any:
    """Plain Python data as ruamel round-trip data; a string keeps the quoting of ``like``."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _convert(v, flow=flow)
        if flow:
            out.fa.set_flow_style()
        else:
            out.fa.set_block_style()
        return out
    if isinstance(value, (list, tuple)):
        seq = CommentedSeq(_convert(v, flow=flow) for v in value)
        if flow:
            seq.fa.set_flow_style()
        else:
            seq.fa.set_block_style()
        return seq
    if isinstance(value, str) and isinstance(like, (SingleQuotedScalarString, DoubleQuotedScalarString)):
        return type(like)(value)
    return value


# Comments after a node's last line are attached by ruamel to the deepest last scalar of the
# block collection that precedes them. A new last key or item would be emitted after them,
# so they move to the new node (and, on removal, to the previous node).


def _holder(node: Any) -> tuple[Any, Any, int] | None:
    """(container, key, slot) of the comment after the last line of a block collection."""
    while _is_block(node):
        if _is_map(node):
            key = list(node.keys())[-1]
            value = node[key]
            if _is_block(value):
                node = value
                continue
            return node, key, 2
        index = len(node) - 1
        if _is_block(node[index]):
            node = node[index]
            continue
        return node, index, 0
    return None


def _token(container: Any, key: Any, slot: int) -> Any:
    items = container.ca.items.get(key)
    if not items or len(items) <= slot:
        return None
    return items[slot]


def _take_tail(where: tuple[Any, Any, int] | None) -> str:
    """Detach and return the comment lines after the holder's own line."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
    from ruamel.yaml.tokens import CommentToken

    if where is None:
        return ""
    container, key, slot = where
    token = _token(container, key, slot)
    if not isinstance(token, CommentToken) or not isinstance(token.value, str):
        return ""
    value = token.value
    if isinstance(container[key], (LiteralScalarString, FoldedScalarString)):
        head, tail = "", value  # a block scalar already ended its own line
    else:
        cut = value.find("\n")
        if cut < 0:
            return ""
        head, tail = value[:cut + 1], value[cut + 1:]
    if not tail:
        return ""
    if head:
        token.value = head
    else:
        container.ca.items[key][slot] = None
    return tail


def _put_tail(where: tuple[Any, Any, int] | None, tail: str) -> None:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
    from ruamel.yaml.tokens import CommentToken

    if not tail or where is None:
        return
    container, key, slot = where
    token = _token(container, key, slot)
    if isinstance(token, CommentToken) and isinstance(token.value, str):
        token.value = token.value + tail
        return
    block_scalar = isinstance(container[key], (LiteralScalarString, FoldedScalarString))
    token = CommentToken(("" if block_scalar else "\n") + tail, CommentMark(0), None)
    items = container.ca.items.setdefault(key, [None, None, None, None])
    while len(items) < 4:
        items.append(None)
    items[slot] = token


def _value_holder(container: Any, key: Any) -> tuple[Any, Any, int] | None:
    """Where the comment after ``container[key]`` lives (the node itself or its last scalar)."""
    value = container[key]
    if _is_block(value):
        return _holder(value)
    return container, key, (2 if _is_map(container) else 0)


def _append_key(mapping: Any, key: Any, value: Any) -> None:
    tail = _take_tail(_holder(mapping)) if _is_block(mapping) else ""
    mapping[key] = value
    if tail:
        _put_tail(_value_holder(mapping, key), tail)


def _yaml_set(data: Any, path: tuple, value: Any) -> None:
    if not path:
        raise FixError("cannot replace the whole document")
    parent = _resolve(data, path[:-1])
    last = path[-1]
    if _is_map(parent):
        key = _find_key(parent, last)
        if key is None:
            _append_key(parent, last, _convert(value, flow=parent.fa.flow_style()))
            return
        old = parent[key]
        tail = _take_tail(_holder(old)) if _is_block(old) else ""
        parent[key] = _convert(value, like=old)
        _keep_comment_gap(parent, key, 2, old, parent[key])
        if tail:
            _put_tail(_value_holder(parent, key), tail)
    elif _is_seq(parent) and isinstance(last, int) and 0 <= last < len(parent):
        old = parent[last]
        tail = _take_tail(_holder(old)) if _is_block(old) else ""
        parent[last] = _convert(value, like=old)
        _keep_comment_gap(parent, last, 0, old, parent[last])
        if tail:
            _put_tail(_value_holder(parent, last), tail)
    else:
        raise FixError(f"cannot set '{last}' in the YAML")


def _keep_comment_gap(container: Any, key: Any, slot: int, old: Any, new: Any) -> None:
    """ruamel keeps an end-of-line comment at its column: move it by the change in width so
    the gap between the value and ``# comment`` stays the same."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    token = _token(container, key, slot)
    if not isinstance(token, CommentToken) or not token.value.startswith("#"):
        return
    old_width, new_width = _scalar_width(old), _scalar_width(new)
    if old_width is None or new_width is None or old_width == new_width:
        return
    token.start_mark = CommentMark(max(0, token.column + new_width - old_width))  # type: ignore[assignment]


def _scalar_width(value: Any) -> int | None:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if isinstance(value, (SingleQuotedScalarString, DoubleQuotedScalarString)):
        return len(value) + 2
    if isinstance(value, bool):
        return 4 if value else 5
    if value is None:
        return 0
    if isinstance(value, (str, int, float)):
        return len(str(value))
    return None


def _yaml_insert(data: Any, parent_path: tuple, key: str, value: Any, after: str | None) -> None:
    parent = _resolve(data, parent_path)
    if not _is_map(parent):
        raise FixError("cannot insert a key into something that is not a mapping")
    if _find_key(parent, key) is not None:
        _yaml_set(data, (*parent_path, key), value)
        return
    keys = list(parent.keys())
    anchor = _find_key(parent, after) if after is not None else None
    new = _convert(value, flow=parent.fa.flow_style())
    if anchor is None or keys.index(anchor) == len(keys) - 1:
        _append_key(parent, key, new)
        return
    position = keys.index(anchor) + 1
    tail = _take_tail(_value_holder(parent, anchor)) if not parent.fa.flow_style() else ""
    parent.insert(position, key, new)
    if tail:
        _put_tail(_value_holder(parent, key), tail)


def _yaml_append(data: Any, path: tuple, value: Any) -> None:
    if not path:
        raise FixError("cannot append to the whole document")
    parent = _resolve(data, path[:-1])
    last = path[-1]
    if _is_map(parent):
        key = _find_key(parent, last)
        if key is None:
            _append_key(parent, last, _convert([value], flow=parent.fa.flow_style()))
            return
        node = parent[key]
        if node is None:  # "key:" with no value
            parent[key] = _convert([value])
            return
    else:
        node = _resolve(data, path)
    if not _is_seq(node):
        raise FixError(f"'{last}' is not a list")
    flow = node.fa.flow_style() or bool(len(node) and (_is_map(node[-1]) or _is_seq(node[-1]))
                                        and node[-1].fa.flow_style())
    like = node[-1] if len(node) else None
    item = _convert(value, like=like, flow=flow)
    tail = _take_tail(_holder(node)) if _is_block(node) else ""
    node.append(item)
    if tail:
        _put_tail(_value_holder(node, len(node) - 1), tail)


def _yaml_remove(data: Any, path: tuple) -> None:
    if not path:
        raise FixError("cannot remove the whole document")
    parent = _resolve(data, path[:-1])
    last = path[-1]
    if _is_map(parent):
        key = _find_key(parent, last)
        if key is None:
            raise FixError(f"no key '{last}' in the YAML")
        keys = list(parent.keys())
        index = keys.index(key)
        tail = _take_tail(_value_holder(parent, key)) if not parent.fa.flow_style() else ""
        previous = keys[index - 1] if index > 0 else None
        del parent[key]
        parent.ca.items.pop(key, None)
        if tail and previous is not None:
            _put_tail(_value_holder(parent, previous), tail)
    elif _is_seq(parent) and isinstance(last, int) and 0 <= last < len(parent):
        tail = _take_tail(_value_holder(parent, last)) if not parent.fa.flow_style() else ""
        del parent[last]  # ruamel renumbers the comments of the later items
        if not parent:
            parent.fa.set_flow_style()
        if tail and last > 0:
            _put_tail(_value_holder(parent, last - 1), tail)
        elif tail and len(path) >= 2:
            _put_before_first(data, path[:-1], tail)
    else:
        raise FixError(f"cannot remove '{last}' from the YAML")


def _put_before_first(data: Any, seq_path: tuple, tail: str) -> None:
    """Comments that followed a removed first item: before the new first item (or, when
    the sequence is now empty, after it)."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    grand = _resolve(data, seq_path[:-1])
    key = _find_key(grand, seq_path[-1]) if _is_map(grand) else None
    if key is None:
        return
    if len(grand[key]) == 0:
        grand[key].fa.set_flow_style()  # now "key: []"; its comment follows the value
        _put_tail((grand, key, 2), tail)
        return
    items = grand.ca.items.setdefault(key, [None, None, None, None])
    while len(items) < 4:
        items.append(None)
    if items[3] is None:
        items[3] = []
    items[3].append(CommentToken(tail, CommentMark(0), None))


# --- JSON ----------------------------------------------------------------------------------


def _apply_json(text: str, parts: list[_Part], display: str, outcome: _Outcome) -> tuple[str, list[_Part]]:
    ok: list[_Part] = []
    done: list[tuple] = []
    for part in sorted(parts, key=lambda p: p.finding.sort_key):
        current = text
        try:
            for op in part.ops:
                if op[0] != "json.append":
                    continue
                if op not in done:
                    current = json_append(current, tuple(op[1]), op[2])
        except FixError as exc:
            outcome.notices.append(f"{display}: {part.finding.code} at line {part.finding.line} not fixed: {exc}")
            continue
        done.extend(op for op in part.ops if op[0] == "json.append" and op not in done)
        text = current
        ok.append(part)
    return text, ok


def json_append(text: str, path: tuple, value: Any) -> str:
    """Append ``value`` to the JSON array at ``path`` as a text edit keeping the layout: one-line
    arrays stay on one line, multi-line arrays get the new item on its own line with the
    indentation of the last item. A missing key at the end of ``path`` becomes ``[value]``."""
    from validator.jsonread import JsonError, read_json
    from validator.tree import Map, Seq, walk

    try:
        root = read_json(text)
    except JsonError as exc:
        raise FixError(f"the JSON does not parse ({exc.message})") from None
    lines = [0] + [m.end() for m in re.finditer("\n", text)]

    def offset(line: int, column: int) -> int:
        return lines[line - 1] + column - 1

    encoded = json.dumps(value, ensure_ascii=False)
    node = walk(root, list(path))
    if node is None:
        parent = walk(root, list(path[:-1])) if path else None
        if not isinstance(parent, Map) or not path or not isinstance(path[-1], str):
            raise FixError("the JSON path does not exist")
        entry = f"{json.dumps(path[-1], ensure_ascii=False)}: [{encoded}]"
        items = [(offset(k.line, k.column), offset(v.end_line, v.end_column)) for k, v in parent.pairs]
        return _insert_item(text, offset(parent.line, parent.column), offset(parent.end_line, parent.end_column) - 1,
                            items, entry, lines)
    if not isinstance(node, Seq):
        raise FixError("the JSON value is not an array")
    items = [(offset(i.line, i.column), offset(i.end_line, i.end_column)) for i in node.items]
    return _insert_item(text, offset(node.line, node.column), offset(node.end_line, node.end_column) - 1,
                        items, encoded, lines)


def _insert_item(text: str, open_at: int, close_at: int, items: list[tuple[int, int]], new: str,
                 lines: list[int]) -> str:
    if not items:
        return text[:open_at + 1] + new + text[close_at:]
    last_start, last_end = items[-1]
    if "\n" not in text[last_end:close_at]:  # the closing bracket follows on the same line
        separator = text[items[-2][1]:items[-1][0]] if len(items) > 1 else ", "
        if "\n" in separator or not separator.startswith(","):
            separator = ", "
        return text[:last_end] + separator + new + text[last_end:]
    line_start = lines[bisect.bisect_right(lines, last_start) - 1]
    before = text[line_start:last_start]
    if before.strip():  # several items on the last line: continue it
        separator = text[items[-2][1]:items[-1][0]] if len(items) > 1 else ", "
        return text[:last_end] + (separator if "\n" not in separator else ", ") + new + text[last_end:]
    return text[:last_end] + ",\n" + before + new + text[last_end:]


# --- writing ----------------------------------------------------------------------------


def _write_all(handle: Any, data: bytes) -> None:
    """Write ``data`` to the temporary file (a seam for tests that simulate a full disk)."""
    handle.write(data)


def write_atomic(path: Path, data: bytes, expected: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its mode; raise ``FixError`` (with the
    original untouched) when the file is read-only, no longer holds ``expected``, or the
    write fails."""
    path = Path(os.path.realpath(path))
    try:
        before = os.stat(path)
    except OSError as exc:
        raise FixError(f"cannot stat file: {exc.strerror or exc}") from None
    if not os.access(path, os.W_OK) or not before.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise FixError("file is read-only")
    try:
        current = path.read_bytes()
    except OSError as exc:
        raise FixError(f"cannot read file: {exc.strerror or exc}") from None
    if current != expected:
        raise FixError("file changed during the run")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".validate-tmp")
        with os.fdopen(fd, "wb") as handle:
            _write_all(handle, data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, stat.S_IMODE(before.st_mode))
        now = os.stat(path)
        if (now.st_size, now.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
            raise FixError("file changed during the run")
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise FixError(f"cannot write file: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


# --- re-running the affected packs ------------------------------------------------------------


def _rerun(result: Any, rerun: Callable[[list[str]], Any], paths: list[str], changed: list[Path]) -> Any:
    from validator.runner import sort_findings

    packs = list(getattr(result, "packs", []))
    affected = []
    for pack in packs:
        files = {_abs_path(d.path) for d in pack.documents}
        root = _abs_path(pack.root) if pack.root is not None else None
        if any(p in files or (root is not None and root in p.parents) for p in changed):
            affected.append(pack)
    targets: list[str] = []
    for pack in affected:
        chosen = _targets(pack, paths)
        if chosen is None:
            return rerun(paths)
        targets.extend(t for t in chosen if t not in targets)
    if not affected or not targets:
        return rerun(paths)
    fresh = rerun(targets)
    gone = set(map(id, affected))
    owned = {_abs_path(d.path) for p in affected for d in p.documents}
    roots = [_abs_path(p.root) for p in affected if p.root is not None]

    def stale(finding: Finding) -> bool:
        where = _abs(finding.path)
        return where in owned or any(r == where or r in where.parents for r in roots)

    kept = [f for f in result.findings if not stale(f)]
    merged_packs = [p for p in packs if id(p) not in gone] + list(getattr(fresh, "packs", []))
    merged_packs.sort(key=lambda p: (p.root is None, str(p.root or "")))
    findings = sort_findings([*kept, *fresh.findings])
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return dataclasses.replace(result, findings=findings, packs=merged_packs)
    fresh.findings = findings
    fresh.packs = merged_packs
    return fresh


def _targets(pack: Any, paths: list[str]) -> list[str] | None:
    """The command-line paths that select ``pack`` with the same scope as the first run."""
    if pack.root is None:
        return [d.display for d in pack.documents] or None
    root = _abs_path(pack.root)
    inside = []
    for raw in paths:
        given = _abs(raw)
        if given == root or given in root.parents:
            return [str(root)]
        if root in given.parents:
            inside.append(raw)
    return inside or None


# --- diff ------------------------------------------------------------------------------------


def render_diff(changes: Iterable[FileChange]) -> str:
    """A unified diff of the changes, paths prefixed ``a/`` and ``b/`` (``git apply``, ``patch -p1``)."""
    import difflib

    out: list[str] = []
    for change in sorted(changes, key=lambda c: c.display):
        before = change.before.decode("utf-8")
        after = change.after.decode("utf-8")
        if before == after:
            continue
        name = change.display.lstrip("/")
        lines = difflib.unified_diff(_split_lines(before), _split_lines(after),
                                     fromfile=f"a/{name}", tofile=f"b/{name}")
        for line in lines:
            if line.endswith("\n"):
                out.append(line)
            else:
                out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _split_lines(text: str) -> list[str]:
    """Lines with their ends, split on LF only (as ``patch`` and ``git apply`` see them)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)
