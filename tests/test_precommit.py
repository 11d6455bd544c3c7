"""The pre-commit hook end to end with the real ``pre-commit`` (``pre-commit try-repo``).

pre-commit builds the hook's environment by installing this repository with pip, so the
test needs the package index the project installs from (as CI has); it is skipped when
git or pre-commit is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
pytestmark = pytest.mark.skipif(shutil.which("git") is None or not (REPO / ".git").exists(),
                                reason="needs git and a git checkout of this repository")


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def content_repo(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    pytest.importorskip("pre_commit")
    base = tmp_path_factory.mktemp("content")
    shutil.copytree(REPO / "sample_packs" / "valid" / "OktaLogs", base / "Packs" / "OktaLogs")
    git(base, "init", "-q", "-b", "main")
    git(base, "config", "user.email", "dev@example.com")
    git(base, "config", "user.name", "dev")
    git(base, "add", "-A")
    git(base, "commit", "-q", "-m", "initial")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
           "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return base, env


def try_repo(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PRE_COMMIT, "try-repo", str(REPO), "validate", "--verbose"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=600)


def test_hook_fails_on_a_staged_broken_file_and_reports_only_that_file(content_repo):
    repo, env = content_repo
    yml = repo / "Packs/OktaLogs/Integrations/OktaEventCollector/OktaEventCollector.yml"
    original = yml.read_text()
    yml.write_text(original.replace("fromversion: 6.8.0", "fromversion: 6.5.0"))
    git(repo, "add", str(yml))
    try:
        result = try_repo(repo, env)
        out = result.stdout + result.stderr
        assert result.returncode == 1, out
        assert "OktaEventCollector.yml:76:14: EC102 [error] fromversion '6.5.0' is lower than 6.8.0" in out
        assert "pack_metadata.json:" not in out and "OktaEventCollector.py:" not in out
    finally:
        yml.write_text(original)
        git(repo, "add", str(yml))


def test_hook_passes_on_a_clean_change(content_repo):
    repo, env = content_repo
    readme = repo / "Packs/OktaLogs/Integrations/OktaEventCollector/OktaEventCollector.py"
    readme.write_text(readme.read_text() + "\n# a harmless comment\n")
    git(repo, "add", str(readme))
    result = try_repo(repo, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout
