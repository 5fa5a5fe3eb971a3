"""The main menu: each app may add ``navigation.py`` with ``MENU = [MenuItem(...), ...]``."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    permission: str = ""  # "" = any signed-in user
    order: int = 100


def menu_for(user) -> list[tuple[str, str]]:
    """(label, url) pairs the user may open, in menu order."""
    if user is None or not user.is_authenticated:
        return []
    items: list[MenuItem] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("beatbook."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.navigation")
        except ModuleNotFoundError:
            continue
        items.extend(getattr(module, "MENU", []))
    result = []
    for item in sorted(items, key=lambda i: i.order):
        if item.permission and not user.has_perm(item.permission):
            continue
        try:
            result.append((str(item.label), reverse(item.url_name)))
        except NoReverseMatch:
            continue
    return result
