"""Start-up stays light: commands that check nothing import neither jsonschema nor libcst
(DESIGN.md section 3), and a run of valid packs does not need jsonschema either."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO

HEAVY = ("jsonschema", "libcst")


def imported_after(args: list[str]) -> list[str]:
    code = ("import sys\nfrom validator.cli import main\n"
            f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
            f"print('HEAVY', sorted(m for m in {HEAVY!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    line = [ln for ln in result.stdout.splitlines() if ln.startswith("HEAVY ")]
    assert line, result.stdout + result.stderr
    return eval(line[-1][len("HEAVY "):])  # noqa: S307 - our own printed list


@pytest.mark.parametrize("args", [
    ["--version"],
    ["--help"],
    ["--list-rules"],
    ["--list-rules", "--output-format", "json"],
    ["--explain", "EC102"],
    ["--explain", "SX100"],
])
def test_commands_that_check_nothing_import_nothing_heavy(args: list[str]):
    assert imported_after(args) == []


def test_valid_packs_are_checked_without_jsonschema():
    """validator/schemacheck.py answers "valid" itself; jsonschema is for reporting errors."""
    assert imported_after(["sample_packs/valid", "--no-cache", "-q"]) == []
