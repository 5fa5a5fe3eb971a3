"""The demo loader: every app may add ``demo.py`` with ``ORDER = n`` and ``load(ctx: DemoContext)``.

Loaders must be idempotent (running ``beatbook demo`` twice changes nothing) and must mark every
record they invent with ``is_synthetic=True``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
from dataclasses import dataclass, field

from django.apps import apps
from django.utils import timezone


@dataclass
class DemoContext:
    stdout: object
    seed: int = 2024
    today: dt.date = field(default_factory=timezone.localdate)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (role, username, password)
    notes: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.rng = random.Random(self.seed)

    def say(self, text: str) -> None:
        self.stdout.write(text)


def demo_modules() -> list:
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("beatbook."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        if module.__name__ == __name__:
            continue
        modules.append(module)
    return sorted(modules, key=lambda m: getattr(m, "ORDER", 100))
