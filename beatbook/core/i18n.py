"""Compile gettext catalogues without GNU gettext (polib), so a fresh machine needs only Python."""

from __future__ import annotations

from pathlib import Path

import polib

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def compile_catalogs(root: Path = PACKAGE_DIR) -> list[Path]:
    """Write a .mo beside every .po under ``root`` that is newer than its .mo; returns those written."""
    written = []
    for po_path in root.rglob("locale/*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written
