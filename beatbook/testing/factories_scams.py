"""Factories for the anti-fraud app, and its RESTRICTED-instance makers for the URL-walking test."""

from __future__ import annotations

from beatbook.core.models import HandlingCode

from .factories import RESTRICTED_FACTORIES, unique

_phone_counter = iter(range(10_000_000, 99_999_999))


def next_phone() -> str:
    """A fresh, valid Hong Kong mobile number in E.164 (+852 9xxx xxxx)."""
    return f"+8529{next(_phone_counter) % 10_000_000:07d}"


def make_org(kind: str = "bank", **extra):
    from beatbook.partners.models import Organisation

    name = extra.pop("name_en", unique("Partner "))
    return Organisation.objects.create(
        name_zh=extra.pop("name_zh", f"夥伴{name}"), name_en=name, kind=kind, **extra
    )


def make_scam_indicator(**extra):
    from beatbook.scams.models import Indicator

    defaults = {"type": "phone", "status": Indicator.Status.REPORTED, "partner_count": 1}
    defaults.update(extra)
    if "normalized" not in defaults:
        defaults["normalized"] = next_phone() if defaults["type"] == "phone" else unique("evil-") + ".top"
    defaults.setdefault("display", defaults["normalized"])
    return Indicator.objects.create(**defaults)


def make_report(**extra):
    from beatbook.scams.models import Report

    defaults = {"channel": "public", "value": next_phone(), "value_type": "phone", "triage_score": 10}
    defaults.update(extra)
    return Report.objects.create(**defaults)


def make_sighting(**extra):
    from beatbook.scams.models import Sighting

    extra.setdefault("indicator", make_scam_indicator())
    extra.setdefault("organisation", make_org())
    extra.setdefault("note", unique("Sighting note "))
    return Sighting.objects.create(**extra)


def make_subscription(**extra):
    from beatbook.scams.models import AlertSubscription

    extra.setdefault("organisation", make_org())
    extra.setdefault("name", unique("Alerts "))
    extra.setdefault("email", "alerts@example.org")
    return AlertSubscription.objects.create(**extra)


def make_import_batch(**extra):
    from beatbook.scams.models import ImportBatch

    return ImportBatch.objects.create(source_name=unique("Feed "), format="list", level="suspected", **extra)


def _register() -> None:
    from beatbook.scams.models import AlertSubscription, ImportBatch, Indicator, Report, Sighting

    restricted = {"handling_code": HandlingCode.RESTRICTED}
    RESTRICTED_FACTORIES.update(
        {
            Indicator: lambda: make_scam_indicator(**restricted),
            Report: lambda: make_report(**restricted),
            Sighting: lambda: make_sighting(**restricted),
            AlertSubscription: lambda: make_subscription(**restricted),
            ImportBatch: lambda: make_import_batch(**restricted),
        }
    )


_register()
