"""A progress bar on stderr for long runs.

Shown only when stderr is a terminal, the run has taken more than ``DELAY`` seconds, and
nothing says the output is read by a machine: not under CI (``CI`` set), not in a
pre-commit hook (``PRE_COMMIT`` set), not with ``--quiet``. It is redrawn at most ten
times a second and erased before the report is printed.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

DELAY = 1.0
WIDTH = 30


def wanted(quiet: bool, stream: TextIO | None = None) -> bool:
    stream = stream or sys.stderr
    if quiet or os.environ.get("CI") or os.environ.get("PRE_COMMIT") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class ProgressBar:
    """``bar(done, total)`` as packs finish; ``bar.close()`` erases it."""

    def __init__(self, stream: TextIO | None = None, delay: float = DELAY) -> None:
        self.stream = stream or sys.stderr
        self.start = time.monotonic()
        self.delay = delay
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.start < self.delay or (now - self.last < 0.1 and done < total):
            return
        self.last = now
        filled = int(WIDTH * done / total) if total else WIDTH
        bar = "#" * filled + "-" * (WIDTH - filled)
        text = f"\r[{bar}] {done}/{total} packs  {now - self.start:.1f}s"
        try:
            self.stream.write(text)
            self.stream.flush()
            self.shown = True
        except (OSError, ValueError):
            pass

    def close(self) -> None:
        if self.shown:
            try:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
            except (OSError, ValueError):
                pass
            self.shown = False
