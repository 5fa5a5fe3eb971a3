"""Where Beatbook's data lives: files shipped in this package, and the shared reference-data folder."""

from __future__ import annotations

import os
from pathlib import Path

#: Files shipped with the package (boundaries, names, points of interest); see data/NOTICE.md.
PACKAGE_DATA_DIR = Path(__file__).resolve().parent / "data"


def repo_root() -> Path:
    """Return the root of the source checkout (the folder holding ``beatbook/`` and ``pyproject.toml``)."""
    # beatbook/geo/paths.py -> parents[0]=geo, [1]=beatbook, [2]=repository root
    return Path(__file__).resolve().parents[2]


def shared_data_dir() -> Path:
    """Return the shared, read-only reference-data folder (``shared/data``).

    ``$BEATBOOK_SHARED_DATA`` wins when set (and not empty); otherwise ``<repo_root>/../shared/data``, which
    is where both the development machines and CI (a fresh clone with ``shared/`` beside it) keep it.
    The folder is not guaranteed to exist: callers that need a file should check and say which one.
    """
    configured = os.environ.get("BEATBOOK_SHARED_DATA", "").strip()
    if configured:
        return Path(configured).expanduser()
    return repo_root().parent / "shared" / "data"
