"""Suppressions: ``# noqa``, ``# validate: ignore[...]`` comments and ``.pack-ignore`` (RULES.md section 5).

The runner calls :func:`apply` once per pack with every finding of the selected rules and
the (rule, file) pairs the rules ran on; it returns the findings that stay and a
:class:`Suppressions` record that SP100 (``rules/suppression/sp100_unused_suppression.py``)
turns into unused-suppression findings.

Directives:

- ``# noqa: CODE[, CODE]`` on a Python line (a ``.py`` file, or a line of the literal block
  that holds the code of a unified YAML): only codes of our pattern count; a bare ``# noqa``
  suppresses nothing of ours.
- ``# validate: ignore[CODE, ...]`` as a comment on the reported line (YAML and Python);
  on its own line in the leading comment block of a file, for the whole file (of the
  embedded code, for the code of a unified YAML). ``# validate: ignore-file[CODE, ...]``
  on its own line anywhere is always for the whole file.
- ``.pack-ignore`` at the pack root: ``[file:NAME]`` / ``[pack]`` with ``ignore=CODES``;
  sdk codes map to our rules through each rule's ``sdk`` list.

SY100-SY105, SY900 (always-on rules) and SP100 itself are never suppressed by a directive.

Comments are found without tokenising: a regex over the Python text that skips string
literals (exact for Python 3.11 code, measured ~10x faster than ``tokenize``), and a
line scan for YAML that knows quoted scalars but not multi-line ones. Files without the
words ``noqa`` or ``validate`` are not scanned at all.
"""

from __future__ import annotations

import bisect
import posixpath
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from validator.documents import display_path
from validator.finding import Edit, Finding

if TYPE_CHECKING:
    from validator.pack import Pack

OUR_CODE = re.compile(r"(SY|SX|EC|FI|CM|PK|SP)\d{3}")
UNSUPPRESSIBLE = ("SP100",)  # besides the always-on rules
PACK_IGNORE = ".pack-ignore"
_CANDIDATE = re.compile(r"noqa|validate", re.IGNORECASE)
_NOQA = re.compile(r"#\s*noqa(?![\w-])(?::\s*(?P<codes>[A-Za-z]+[0-9]+(?:[,\s]+[A-Za-z]+[0-9]+)*))?", re.IGNORECASE)
_VALIDATE = re.compile(r"#\s*validate\s*:\s*(?P<kind>ignore-file|ignore)\s*\[(?P<codes>[^\]\r\n]*)\]", re.IGNORECASE)
_PY_TOKEN = re.compile(
    r"""[rRbBuUfF]{0,2}(?:\"\"\"(?:\\.|[^\\])*?\"\"\"|'''(?:\\.|[^\\])*?'''|"(?:\\.|[^"\\\r\n])*"|'(?:\\.|[^'\\\r\n])*')"""
    r"|(?P<comment>\#[^\r\n]*)",
    re.DOTALL,
)
_NEWLINE = re.compile(r"\r\n|\r|\n")
_SPLIT = re.compile(r"[,\s]+")


# --- directives ------------------------------------------------------------------------------


@dataclass(eq=False)
class Directive:
    """One suppression comment or ``.pack-ignore`` entry.

    ``start``/``end`` are character offsets of the directive in its file's text and
    ``codes_start``/``codes_end`` those of its code list (used to build SP100's fix).
    A comment covers lines ``first``..``last`` of ``path``; a ``.pack-ignore`` entry covers
    the files named ``name`` (and ``extra``), or every file of the pack when ``name`` is None.
    """

    kind: str  # "noqa", "ignore", "ignore-file" or "pack-ignore"
    path: str
    line: int
    column: int
    end_column: int
    start: int
    end: int
    codes_start: int
    codes_end: int
    codes: tuple[str, ...]
    first: int = 0
    last: int = 0
    name: str | None = None
    extra: frozenset[str] = frozenset()
    used: set[str] = field(default_factory=set)

    @property
    def bare(self) -> bool:
        return self.kind == "noqa" and not self.codes

    @property
    def ours(self) -> list[str]:
        return [c for c in self.codes if OUR_CODE.fullmatch(c)]

    def covers(self, finding: Finding) -> bool:
        if self.kind == "pack-ignore":
            return self.name is None or posixpath.basename(finding.path) == self.name or finding.path in self.extra
        return finding.path == self.path and self.first <= finding.line <= self.last

    def covers_file(self, path: str) -> bool:
        if self.kind == "pack-ignore":
            return self.name is None or posixpath.basename(path) == self.name or path in self.extra
        return path == self.path


@dataclass(frozen=True)
class Problem:
    """A directive code SP100 reports: ``reason`` is unused, unknown, unsuppressible or bare."""

    directive: Directive
    code: str
    reason: str
    edit: Edit | None


@dataclass
class Suppressions:
    """What :func:`apply` found in one pack, for SP100."""

    directives: list[Directive]
    texts: dict[str, str]
    ran: set[tuple[str, str]]
    kept: list[Finding]

    def problems(self) -> list[Problem]:
        from validator.registry import all_rules

        rules = all_rules()
        found: list[Problem] = []
        flagged_lines = {(f.path, f.line) for f in self.kept if f.code not in UNSUPPRESSIBLE}
        for d in self.directives:
            if d.bare:
                if (d.path, d.line) in flagged_lines:
                    found.append(Problem(d, "", "bare", None))
                continue
            reasons = [(code, reason) for code in dict.fromkeys(d.ours) if (reason := self._reason(d, code, rules))]
            if not reasons:
                continue
            edit = removal_edit(d, self.texts[d.path], {code for code, _ in reasons})
            found += [Problem(d, code, reason, edit) for code, reason in reasons]
        return found

    def _reason(self, d: Directive, code: str, rules: dict) -> str | None:
        rule = rules.get(code)
        if rule is None:
            return "unknown"
        if rule.always_on or code in UNSUPPRESSIBLE:
            return "unsuppressible"
        if code in d.used:
            return None
        ran = any(c == code and d.covers_file(path) for c, path in self.ran)
        return "unused" if ran else None


def apply(pack: Pack, findings: Iterable[Finding], ran: set[tuple[str, str]],
          verbose: bool = False) -> tuple[list[Finding], Suppressions]:
    """The findings no directive suppresses, and the pack's directives with their use."""
    from validator.registry import all_rules

    rules = all_rules()
    sdk: dict[str, set[str]] = {}
    for rule in rules.values():
        for code in rule.sdk:
            sdk.setdefault(code.upper(), set()).add(rule.code)
    directives, texts = collect(pack, verbose, sdk)
    by_path: dict[str, list[Directive]] = {}
    pack_wide: list[Directive] = []
    for d in directives:
        if d.bare:
            continue
        (pack_wide if d.kind == "pack-ignore" else by_path.setdefault(d.path, [])).append(d)
    kept: list[Finding] = []
    for finding in findings:
        known = rules.get(finding.code)
        if finding.code in UNSUPPRESSIBLE or (known is not None and known.always_on):
            kept.append(finding)
            continue
        hit = False
        for d in (*by_path.get(finding.path, ()), *pack_wide):
            if not d.covers(finding):
                continue
            for code in d.codes:
                if code == finding.code or (d.kind == "pack-ignore" and finding.code in sdk.get(code, ())):
                    d.used.add(code)
                    hit = True
        if not hit:
            kept.append(finding)
    return kept, Suppressions(directives, texts, ran, kept)


# --- collecting ------------------------------------------------------------------------------


def collect(pack: Pack, verbose: bool = False,
            sdk: dict[str, set[str]] | None = None) -> tuple[list[Directive], dict[str, str]]:
    """Every directive in the pack's files (those findings are reported for) and .pack-ignore."""
    regions: dict[str, list[tuple[int, object]]] = {}  # YAML path -> [(first line, CodeSource)]
    for integration in pack.integrations:
        source = integration.code
        if source is not None and source.document is integration.yaml and source.block:
            regions.setdefault(integration.yaml.display, []).append((source.line_offset + 1, source))
    directives: list[Directive] = []
    texts: dict[str, str] = {}
    for doc in pack.documents:
        suffix = doc.path.suffix.lower()
        if suffix not in (".py", ".yml", ".yaml") or not pack.reports_on(doc.path):
            continue
        text = doc.text
        if text is None or not _CANDIDATE.search(text):
            continue
        texts[doc.display] = text
        lines = _Lines(text)
        if suffix == ".py":
            directives += python_directives(doc.display, text, lines)
        else:
            directives += yaml_directives(doc.display, text, lines, regions.get(doc.display, []))
    found = pack_ignore(pack, verbose, sdk or {})
    if found:
        path, text, entries = found
        texts[path] = text
        directives += entries
    return directives, texts


class _Lines:
    """Line starts of a text (line breaks as Python and YAML see them: \\n, \\r\\n, \\r)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line, 0-based column of a character offset."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index]

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column

    def line_text(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def __len__(self) -> int:
        return len(self.starts)


def _leading_block_end(lines: Iterable[str]) -> int:
    """The number of lines of the leading comment block (blank or comment lines)."""
    count = 0
    for line in lines:
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        count += 1
    return count


def python_comments(code: str) -> Iterator[int]:
    """Character offsets of the comments of Python source (string literals skipped)."""
    for match in _PY_TOKEN.finditer(code):
        if match.group("comment") is not None:
            yield match.start()


def python_directives(path: str, text: str, lines: _Lines) -> list[Directive]:
    leading = _leading_block_end(lines.line_text(n) for n in range(1, len(lines) + 1))
    found = []
    for offset in python_comments(text):
        line, column = lines.position(offset)
        own = not lines.line_text(line)[:column].strip()
        found += _parse_comment(path, text, offset, line, column, own, python=True,
                                whole_file=own and line <= leading, scope=(1, sys.maxsize))
    return found


def yaml_directives(path: str, text: str, lines: _Lines, regions: list[tuple[int, object]]) -> list[Directive]:
    found: list[Directive] = []
    code_lines: set[int] = set()
    for first, source in regions:
        code = source.text  # type: ignore[attr-defined]
        code_lines_total = len(_Lines(code))
        code_lines.update(range(first, first + code_lines_total))
        found += _embedded_directives(path, text, lines, code, first, source.column_offset)  # type: ignore[attr-defined]
    leading = _leading_block_end(lines.line_text(n) for n in range(1, len(lines) + 1))
    for number in range(1, len(lines) + 1):
        if number in code_lines:
            continue
        line = lines.line_text(number)
        if "#" not in line or not _CANDIDATE.search(line):
            continue
        column = yaml_comment_start(line)
        if column is None:
            continue
        own = not line[:column].strip()
        found += _parse_comment(path, text, lines.offset(number, column), number, column, own, python=False,
                                whole_file=own and number <= leading, scope=(1, sys.maxsize))
    return found


def _embedded_directives(path: str, text: str, lines: _Lines, code: str, first: int,
                         indent: int) -> list[Directive]:
    """Directives of the Python held by a unified YAML's literal block, in YAML positions."""
    if not _CANDIDATE.search(code):
        return []
    code_lines = _Lines(code)
    leading = _leading_block_end(code_lines.line_text(n) for n in range(1, len(code_lines) + 1))
    scope = (first, first + len(code_lines) - 1)
    found = []
    for offset in python_comments(code):
        line, column = code_lines.position(offset)
        own = not code_lines.line_text(line)[:column].strip()
        yaml_line, yaml_column = line + first - 1, column + indent
        if yaml_line > len(lines) or not lines.line_text(yaml_line)[yaml_column:].startswith("#"):
            continue  # the block does not map line by line (tabs, odd indentation): skip it
        found += _parse_comment(path, text, lines.offset(yaml_line, yaml_column), yaml_line, yaml_column, own,
                                python=True, whole_file=own and line <= leading, scope=scope)
    return found


def yaml_comment_start(line: str) -> int | None:
    """The column where a YAML comment starts on one line, or None (single-line quotes known)."""
    quote = None
    previous = None  # the last non-blank character outside quotes
    index = 0
    while index < len(line):
        ch = line[index]
        if quote is not None:
            if quote == '"' and ch == "\\":
                index += 2
                continue
            if ch == quote:
                if quote == "'" and line[index + 1:index + 2] == "'":
                    index += 2
                    continue
                quote = None
                previous = ch
        elif ch in "'\"" and (previous is None or previous in ":-[{,?"):
            quote = ch
        elif ch == "#" and (index == 0 or line[index - 1] in " \t"):
            return index
        elif ch not in " \t":
            previous = ch
        index += 1
    return None


def _parse_comment(path: str, text: str, offset: int, line: int, column: int, own: bool, *, python: bool,
                   whole_file: bool, scope: tuple[int, int]) -> list[Directive]:
    """The directives in the comment starting at ``offset`` (up to the end of its line)."""
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    comment = text[offset:end].rstrip("\r")
    found = []
    if python:
        for m in _NOQA.finditer(comment):
            codes = tuple(c.upper() for c in _SPLIT.split(m.group("codes") or "") if c)
            c_start, c_end = (m.start("codes"), m.end("codes")) if m.group("codes") else (m.end(), m.end())
            found.append(_directive("noqa", path, offset, line, column, m.start(), m.end(), c_start, c_end, codes,
                                    (line, line)))
    for m in _VALIDATE.finditer(comment):
        codes = tuple(c.upper() for c in _SPLIT.split(m.group("codes")) if c)
        kind = m.group("kind").lower()
        file_wide = own and (kind == "ignore-file" or whole_file)
        lines = scope if file_wide else (line, line)
        found.append(_directive("ignore-file" if file_wide else "ignore", path, offset, line, column, m.start(),
                                m.end(), m.start("codes"), m.end("codes"), codes, lines))
    return found


def _directive(kind: str, path: str, offset: int, line: int, column: int, start: int, end: int, c_start: int,
               c_end: int, codes: tuple[str, ...], lines: tuple[int, int]) -> Directive:
    return Directive(kind, path, line, column + start + 1, column + end + 1, offset + start, offset + end,
                     offset + c_start, offset + c_end, codes, first=lines[0], last=lines[1])


# --- .pack-ignore ----------------------------------------------------------------------------


def pack_ignore(pack: Pack, verbose: bool, sdk: dict[str, set[str]]) -> tuple[str, str, list[Directive]] | None:
    """The ``ignore=`` entries of ``[file:NAME]`` and ``[pack]`` in the pack's .pack-ignore."""
    if pack.root is None:
        return None
    path = pack.root / PACK_IGNORE
    try:
        # a FIFO or device (a symlink to /dev/zero) would block or never end: regular files only
        if not path.is_file() or path.stat().st_size > pack.max_file_size:
            return None
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    text = text.removeprefix("\ufeff")
    display = display_path(path)
    code_files = {i.yaml.path.name: i.code_file.display for i in pack.integrations if i.code_file is not None}
    lines = _Lines(text)
    section: str | None = None
    found = []
    for number in range(1, len(lines) + 1):
        line = lines.line_text(number)
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip()
            continue
        m = re.match(r"\s*ignore\s*[=:]\s*(?P<codes>.*?)\s*$", line, re.IGNORECASE)
        if m is None or section is None or not (section == "pack" or section.startswith("file:")):
            continue
        name = section[5:].strip() if section.startswith("file:") else None
        codes = tuple(c.upper() for c in _SPLIT.split(m.group("codes")) if c)
        start = lines.offset(number, 0)
        found.append(Directive("pack-ignore", display, number, 1, len(line) + 1, start, start + len(line),
                               start + m.start("codes"), start + m.end("codes"), codes, name=name,
                               extra=frozenset({code_files[name]} if name in code_files else ())))
        if verbose:
            for code in codes:
                if not OUR_CODE.fullmatch(code) and code not in sdk:
                    print(f"validate: note: {display}:{number}: code '{code}' maps to no rule; ignored",
                          file=sys.stderr)
    return display, text, found


# --- SP100's fix -----------------------------------------------------------------------------


def removal_edit(d: Directive, text: str, remove: set[str]) -> Edit:
    """The edit that drops ``remove`` from a directive, and the directive once it is empty."""
    remaining = [c for c in d.codes if c not in remove]
    original = text[d.codes_start:d.codes_end]
    if remaining:
        separator = ", " if ", " in original or (d.kind == "noqa" and " " in original) else ","
        return Edit(d.path, d.codes_start, d.codes_end, separator.join(remaining))
    line_start = max(text.rfind("\n", 0, d.start), text.rfind("\r", 0, d.start)) + 1
    line_end = len(text)
    for newline in ("\n", "\r"):
        found = text.find(newline, d.end)
        if found >= 0:
            line_end = min(line_end, found)
    before, after = text[line_start:d.start], text[d.end:line_end]
    if d.kind == "pack-ignore" or (not before.strip() and not after.strip()):
        stop = line_end + (2 if text.startswith("\r\n", line_end) else 1 if line_end < len(text) else 0)
        return Edit(d.path, line_start, stop, "")  # the whole line
    # Edits of directives on one line must not overlap: each takes the blanks before it, never after.
    start = d.start
    if before.strip():
        while start > line_start and text[start - 1] in " \t":
            start -= 1
    if not after.strip():
        return Edit(d.path, start, line_end, "")
    rest = after.lstrip(" \t")
    if rest.startswith("#"):
        return Edit(d.path, start, d.end, "")  # another comment follows: it stays
    return Edit(d.path, d.start, d.end + len(after) - len(rest), "# ")  # the comment's other words stay one
