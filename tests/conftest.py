"""Shared test helpers: write a tiny pack from ``{relative path: text}`` and run on it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def write_pack(base: Path, files: dict[str, str | bytes], name: str = "Okta") -> Path:
    root = base / "Packs" / name
    root.mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
    return root


@pytest.fixture
def in_tmp(tmp_path: Path):
    """Run the test with the working directory in ``tmp_path`` (paths print relative)."""
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)
