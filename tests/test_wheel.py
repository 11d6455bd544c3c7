"""The wheel installs rules/ and schemas/ inside ``validator`` and works from any directory."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

from tests.conftest import REPO


def test_wheel_installs_and_runs_outside_the_checkout(tmp_path: Path):
    source = tmp_path / "src"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", ".venv", ".ci-venv", "build", "*.egg-info",
                                                                "__pycache__", ".pytest_cache", ".validate_cache"))
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist),
                    str(source)], check=True, capture_output=True, timeout=300)
    wheel = next(dist.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "validator/rules/event_collector/ec102_collector_fromversion.py" in names
    assert "validator/schemas/integration.schema.json" in names
    assert not any(n.startswith(("rules/", "schemas/", "tests/")) for n in names)

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.check_output([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        text=True).strip())
    # Dependencies come from the test environment (no network); the package itself from the wheel.
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)

    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(REPO / "sample_packs", elsewhere / "sample_packs")
    run = [str(python), "-m", "validator"]
    where = subprocess.run([str(python), "-c", "import validator; print(validator.__file__)"], cwd=elsewhere,
                           capture_output=True, text=True)
    assert str(site) in where.stdout, where.stdout + where.stderr
    valid = subprocess.run([*run, "sample_packs/valid"], cwd=elsewhere, capture_output=True, text=True)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    invalid = subprocess.run([*run, "sample_packs/invalid", "--select", "EC102"], cwd=elsewhere, capture_output=True,
                             text=True)
    assert invalid.returncode == 1 and "EC102" in invalid.stdout
