"""Fuzzing (GitHub issue 10): random mutations of the sample packs never crash a run.

Each input is a sample pack with one of its YAML, JSON or Python files mutated (byte flips,
truncations, random bytes or YAML-ish text inserted, lines duplicated or deleted, mapping
keys deleted, values swapped for another type). ``validator.api.run`` must not raise, no
rule may fail (SY900), findings come sorted, and every finding's 1-based line and column
lie within its file (line <= number of lines + 1). Every output format renders them.

Profiles: ``ci`` (default: a fixed, modest set of inputs so the file runs in well under a
minute on 2 cores) and ``long`` (thousands of random inputs), chosen with the environment
variable ``VALIDATE_FUZZ_PROFILE=long``.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import REPO

settings.register_profile(
    "ci", max_examples=100, deadline=None, derandomize=True, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
settings.register_profile(
    "long", max_examples=3000, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
PROFILE = settings.get_profile(os.environ.get("VALIDATE_FUZZ_PROFILE", "ci"))

SAMPLES = REPO / "sample_packs"
PACKS = sorted(p for group in ("valid", "invalid") for p in (SAMPLES / group).iterdir() if p.is_dir())
SUFFIXES = (".yml", ".yaml", ".json", ".py")
TARGETS = [(pack, path.relative_to(pack)) for pack in PACKS for path in sorted(pack.rglob("*"))
           if path.is_file() and path.suffix in SUFFIXES]
FORMATS = ("full", "concise", "json", "github", "sarif", "junit", "gitlab")
LINE_BREAK = re.compile("\r\n|\r|\n")  # the lines an editor shows; finding positions count these
# Fragments that steer the parsers into their odd corners once inserted somewhere.
FRAGMENTS = ["&a ", "*a", "<<: *a\n", "!foo ", "!!python/object/apply:os.system ['touch x'] ", "!!binary ", "? ",
             "- ", ": ", "|\n", ">-\n", "~", "null", "{", "}", "[", "]", ",", "'", '"', "#", "\t", "\r\n", "\r",
             "\n", "\u2028", "\x85", "\ufeff", "é", "日本", "\\", "0x1F", "1e400", "9" * 5000, "---\n", "...\n",
             "%YAML 1.1\n", "NaN", "/* */", "lambda: ", "def f(:", "if x:\n", "    ", "\x0c", "print 'x'\n",
             "send_events_to_xsiam(", "demisto.command()", "`", ")", "(", "\x00", '"\\ud800"', "\\udc80"]

STATS: Counter[str] = Counter()


# --- mutations ------------------------------------------------------------------------------

def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


@st.composite
def _flip(draw: Any, data: bytes, kind: str) -> bytes:
    if not data:
        return data
    i = draw(st.integers(0, len(data) - 1))
    return data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1:]


@st.composite
def _truncate(draw: Any, data: bytes, kind: str) -> bytes:
    return data[:draw(st.integers(0, len(data)))]


@st.composite
def _insert_bytes(draw: Any, data: bytes, kind: str) -> bytes:
    i = draw(st.integers(0, len(data)))
    return data[:i] + draw(st.binary(min_size=1, max_size=12)) + data[i:]


@st.composite
def _insert_text(draw: Any, data: bytes, kind: str) -> bytes:
    i = draw(st.integers(0, len(data)))
    pieces = draw(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), min_size=1, max_size=4))
    return data[:i] + "".join(pieces).encode("utf-8", "surrogatepass") + data[i:]


@st.composite
def _duplicate_lines(draw: Any, data: bytes, kind: str) -> bytes:
    lines = _lines(data)
    if not lines:
        return data
    start = draw(st.integers(0, len(lines) - 1))
    end = draw(st.integers(start + 1, min(len(lines), start + 6)))
    at = draw(st.integers(0, len(lines)))
    return b"".join(lines[:at] + lines[start:end] + lines[at:])


@st.composite
def _delete_lines(draw: Any, data: bytes, kind: str) -> bytes:
    lines = _lines(data)
    if not lines:
        return data
    start = draw(st.integers(0, len(lines) - 1))
    end = draw(st.integers(start + 1, min(len(lines), start + 4)))
    return b"".join(lines[:start] + lines[end:])


@st.composite
def _reindent(draw: Any, data: bytes, kind: str) -> bytes:
    lines = _lines(data)
    if not lines:
        return data
    i = draw(st.integers(0, len(lines) - 1))
    if draw(st.booleans()):
        lines[i] = b" " * draw(st.integers(1, 4)) + lines[i]
    else:
        lines[i] = lines[i].lstrip(b" \t")
    return b"".join(lines)


def _load(data: bytes, kind: str) -> Any:
    text = data.decode("utf-8")
    if kind == "json":
        return json.loads(text)
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(text)


def _dump(value: Any, kind: str) -> bytes:
    if kind == "json":
        return json.dumps(value, indent=2).encode()
    from ruamel.yaml import YAML

    out = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.dump(value, out)
    return out.getvalue().encode()


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _parent(value: Any, path: tuple) -> Any:
    for step in path[:-1]:
        value = value[step]
    return value


OTHER_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**30), st.floats(allow_nan=True),
              st.text(max_size=8), st.sampled_from(["true", "-", "", "python2", "marketplacev2", "1000"])),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(st.text(max_size=5), children,
                                                                                max_size=3)),
    max_leaves=6,
)


@st.composite
def _swap_value(draw: Any, data: bytes, kind: str) -> bytes:
    """Replace one value of the YAML/JSON document by a value of another type."""
    try:
        doc = _load(data, kind)
    except Exception:  # noqa: BLE001 - already broken by an earlier mutation
        return data
    paths = [p for p in _paths(doc) if p]
    if not paths:
        return _dump(draw(OTHER_VALUES), kind)
    path = draw(st.sampled_from(paths))
    _parent(doc, path)[path[-1]] = draw(OTHER_VALUES)
    return _dump(doc, kind)


@st.composite
def _delete_key(draw: Any, data: bytes, kind: str) -> bytes:
    try:
        doc = _load(data, kind)
    except Exception:  # noqa: BLE001 - already broken by an earlier mutation
        return data
    paths = [p for p in _paths(doc) if p and isinstance(_parent(doc, p), dict)]
    if not paths:
        return data
    path = draw(st.sampled_from(paths))
    del _parent(doc, path)[path[-1]]
    return _dump(doc, kind)


TEXT_MUTATIONS = [_flip, _truncate, _insert_bytes, _insert_text, _insert_text, _duplicate_lines, _delete_lines,
                  _reindent]
TREE_MUTATIONS = [_swap_value, _swap_value, _delete_key]


@st.composite
def mutated_pack(draw: Any, family: str) -> tuple[Path, dict[Path, bytes | None], list[str]]:
    """A sample pack with one file mutated by text-level (bytes, lines) or tree-level (keys,
    types) changes, or (``unified``) its mutated Python moved into ``script.script``.
    Returns the pack, the changed files (``None``: deleted) and the mutations applied."""
    if family == "unified":
        return draw(unified_pack())
    targets = TARGETS if family == "text" else [t for t in TARGETS if t[1].suffix != ".py"]
    pack, rel = draw(st.sampled_from(targets))
    kind = {".py": "python", ".json": "json"}.get(rel.suffix, "yaml")
    data = (pack / rel).read_bytes()
    choices = TEXT_MUTATIONS if family == "text" else TREE_MUTATIONS
    applied = []
    for mutation in draw(st.lists(st.sampled_from(choices), min_size=1, max_size=3)):
        data = draw(mutation(data, kind))
        applied.append(mutation.__name__.strip("_"))
    return pack, {rel: data}, applied


SCRIPT_LINE = re.compile(r"^( *)script: (?:'-'|''|-)[ \t]*\r?\n", re.MULTILINE)
UNIFIED = [(pack, yml.relative_to(pack), yml.with_suffix(".py").relative_to(pack))
           for pack in PACKS for yml in sorted(pack.rglob("*.yml"))
           if yml.with_suffix(".py").is_file() and SCRIPT_LINE.search(yml.read_bytes().decode("utf-8", "replace"))]


@st.composite
def unified_pack(draw: Any) -> tuple[Path, dict[Path, bytes | None], list[str]]:
    """The (mutated) code file of an integration moved into its YAML as a block or quoted scalar."""
    pack, rel_yml, rel_py = draw(st.sampled_from(UNIFIED))
    code = (pack / rel_py).read_bytes()
    applied = ["unified"]
    for mutation in draw(st.lists(st.sampled_from(TEXT_MUTATIONS), max_size=2)):
        code = draw(mutation(code, "python"))
        applied.append(mutation.__name__.strip("_"))
    text = code.decode("utf-8", "replace")
    yml = (pack / rel_yml).read_bytes().decode("utf-8", "replace")
    match = SCRIPT_LINE.search(yml)
    assert match is not None
    indent = match.group(1)
    if draw(st.booleans()):
        body = "".join(f"{indent}  {line}\n" if line.strip() else "\n" for line in text.split("\n"))
        script = f"{indent}script: |{draw(st.sampled_from(['', '-', '+']))}\n{body}"
    else:
        script = f"{indent}script: {json.dumps(text)}\n"
    yml = yml[:match.start()] + script + yml[match.end():]
    return pack, {rel_yml: yml.encode("utf-8"), rel_py: None}, applied


# --- checks ----------------------------------------------------------------------------------

def check_positions(findings: list[Any]) -> None:
    """Every finding lies within its file: 1-based, line <= number of lines + 1."""
    texts: dict[str, list[str] | None] = {}
    for f in findings:
        assert f.line >= 1 and f.column >= 1, f
        if f.path not in texts:
            path = Path(f.path)
            texts[f.path] = None
            if path.is_file():
                try:
                    text = path.read_bytes().decode("utf-8")
                except UnicodeDecodeError:
                    text = None
                if text is not None and "\x00" not in text:
                    texts[f.path] = LINE_BREAK.split(text.removeprefix("\ufeff"))
                elif f.code == "SY104":
                    texts[f.path] = []
        lines = texts[f.path]
        if lines is None:
            continue  # a directory or a file that is gone
        if lines and lines[-1] == "":
            lines = lines[:-1]
        assert f.line <= len(lines) + 1, (f, len(lines))
        if f.line <= len(lines):
            assert f.column <= len(lines[f.line - 1]) + 1, (f, lines[f.line - 1])
        else:
            assert f.column == 1, f
        if f.end_line is not None:
            assert (f.end_line, f.end_column or 1) >= (f.line, f.column), f
            assert f.end_line <= len(lines) + 1, (f, len(lines))


def check_run(paths: list[str]) -> Any:
    from validator.api import run
    from validator.cli import _render

    result = run(paths)
    findings = result.findings
    keys = [(f.path, f.line, f.column, f.code, f.message, f.end_line or 0, f.end_column or 0) for f in findings]
    assert keys == sorted(keys), "findings are not sorted"
    failed = [f for f in findings if f.code == "SY900"]
    assert not failed, failed
    check_positions(findings)
    for fmt in FORMATS:
        text = _render(fmt, findings, result)
        text.encode("utf-8")  # what stdout or -o FILE must be able to write
        if fmt in ("json", "sarif", "gitlab"):
            json.loads(text)
    return result


@pytest.fixture(scope="module")
def workdir():
    path = Path(tempfile.mkdtemp(prefix="validate-fuzz-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.parametrize("family", ["text", "tree", "unified"])
@settings(PROFILE)
@given(data=st.data())
def test_mutated_pack_never_crashes(workdir: Path, family: str, data: st.DataObject):
    pack, changes, applied = data.draw(mutated_pack(family))
    STATS["inputs"] += 1
    for name in applied:
        STATS[name] += 1
    target = workdir / f"case{STATS['inputs']}" / pack.name
    shutil.copytree(pack, target)
    for rel, content in changes.items():
        if content is None:
            (target / rel).unlink()
        else:
            (target / rel).write_bytes(content)
    try:
        check_run([str(target)])
    finally:
        shutil.rmtree(target.parent, ignore_errors=True)


@settings(PROFILE)
@given(data=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES),
       name=st.sampled_from(["Integrations/X/X", "Integrations/X/X", "pack_metadata", "Layouts/l"]))
def test_random_bytes_as_any_file(workdir: Path, data: bytes, suffix: str, name: str):
    """Pure noise in place of a file of a valid pack."""
    STATS["inputs"] += 1
    STATS["random_file"] += 1
    target = workdir / f"case{STATS['inputs']}" / "Pack"
    shutil.copytree(SAMPLES / "valid" / "OktaLogs", target)
    rel = "pack_metadata.json" if name == "pack_metadata" else name + suffix
    (target / rel).parent.mkdir(parents=True, exist_ok=True)
    (target / rel).write_bytes(data)
    try:
        check_run([str(target)])
    finally:
        shutil.rmtree(target.parent, ignore_errors=True)


def test_fuzz_inputs_were_run():
    """Reports how many inputs ran (``pytest -rA``/``-s`` shows it) and that the fuzzers ran at all."""
    if not STATS["inputs"]:
        pytest.skip("the fuzz tests did not run in this session")
    print(f"fuzzed inputs: {STATS['inputs']} ({', '.join(f'{k} {v}' for k, v in sorted(STATS.items()))})")
    assert STATS["inputs"] >= 2
