"""validate: an offline, fast linter for Cortex XSOAR / XSIAM content packs.

Importing the package is cheap; ``validate()`` pulls in the engine on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "validate"]

if TYPE_CHECKING:
    from validator.finding import Finding


def validate(paths: list[str] | str, *, select: list[str] | None = None, ignore: list[str] | None = None,
             **settings: Any) -> list[Finding]:
    """Validate ``paths`` (packs, files, content-repo roots) and return sorted findings.

    ``select``/``ignore`` take codes or prefixes (``EC``, ``EC1``, ``EC102``). Raises
    ``validator.api.UsageError`` for unknown codes or paths that do not exist.
    """
    from validator.api import run

    return run([paths] if isinstance(paths, str) else list(paths), select=select, ignore=ignore, **settings).findings
