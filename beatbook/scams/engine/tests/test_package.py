"""Packaging guards: the engine stays Django-free and its data files ship with the wheel."""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[1]
# Suffixes that pyproject.toml's [tool.setuptools.package-data] ships (a .tsv would silently be dropped).
SHIPPED_SUFFIXES = {".yaml", ".csv", ".txt", ".json", ".md"}


def test_no_django_imports() -> None:
    for path in ENGINE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n == "django" or n.startswith("django.") for n in names), path


def test_data_files_are_packaged() -> None:
    data = [p for p in (ENGINE / "data").iterdir() if p.is_file()]
    assert data
    assert all(p.suffix in SHIPPED_SUFFIXES for p in data), [
        p.name for p in data if p.suffix not in SHIPPED_SUFFIXES
    ]
