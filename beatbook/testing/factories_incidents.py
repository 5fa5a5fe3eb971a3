"""Factories for incidents records (and their RESTRICTED makers for the URL-walking test)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from beatbook.core.models import HandlingCode

from .factories import restricted_factory, unique


def make_category(code: str | None = None, **extra):
    from beatbook.incidents.models import Category

    code = code or unique("cat")
    found = Category.objects.filter(code=code).first()
    if found is not None and not extra:
        return found
    return Category.objects.create(code=code, name_zh=f"類別{code}", name_en=f"Category {code}", **extra)


def make_incident(category=None, **extra):
    from beatbook.incidents.models import Incident

    defaults = {
        "occurred_from": timezone.make_aware(dt.datetime(2024, 5, 1, 22, 30)),
        "lat": 22.3193,
        "lon": 114.1694,
        "reference": unique("INC-"),
        "source": "test",
        "premises": "street",
    }
    defaults.update(extra)
    return Incident.objects.create(category=category or make_category("robbery"), **defaults)


def make_batch(**extra):
    from beatbook.incidents.models import ImportBatch

    defaults = {"source": unique("src"), "filename": unique("file") + ".csv", "status": "done"}
    defaults.update(extra)
    return ImportBatch.objects.create(**defaults)


def _register() -> None:
    from beatbook.incidents.models import Category, ImportBatch, Incident

    restricted_factory(Incident)(lambda: make_incident(handling_code=HandlingCode.RESTRICTED))
    restricted_factory(Category)(lambda: make_category(handling_code=HandlingCode.RESTRICTED))
    restricted_factory(ImportBatch)(lambda: make_batch(handling_code=HandlingCode.RESTRICTED))


_register()
