"""Factories for the CCTV registry (RESTRICTED makers registered)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from beatbook.core.models import HandlingCode

from .factories import RESTRICTED_FACTORIES, unique


def make_site(**extra):
    from beatbook.cctv.models import CameraSite

    building = extra.pop("building", None) or unique("Building ")
    defaults = {
        "address": "1 Nathan Road",
        "contact_name": "Mr Chan",
        "latitude": 22.3193,
        "longitude": 114.1694,
        "retention_days": 14,
        "sharing_tier": "on_request",
        "consent_date": dt.date(2024, 1, 10),
        "cameras": 4,
    }
    defaults.update(extra)
    return CameraSite.objects.create(building=building, **defaults)


def make_footage_request(site=None, **extra):
    from beatbook.cctv.models import FootageRequest

    defaults = {
        "incident_reference": unique("MK RN 24"),
        "incident_time": timezone.now() - dt.timedelta(days=1),
    }
    defaults.update(extra)
    return FootageRequest.objects.create(site=site or make_site(), **defaults)


def make_survey(**extra):
    from beatbook.cctv.models import BuildingSurvey

    building = extra.pop("building", None) or unique("Surveyed Building ")
    defaults = {"checklist": {"cctv_entrance": "yes", "guard_24h": "no"}, "surveyed_on": dt.date(2024, 4, 1)}
    defaults.update(extra)
    return BuildingSurvey.objects.create(building=building, **defaults)


def _register() -> None:
    from beatbook.cctv.models import BuildingSurvey, CameraSite, FootageRequest

    r = HandlingCode.RESTRICTED
    RESTRICTED_FACTORIES.update(
        {
            CameraSite: lambda: make_site(handling_code=r),
            FootageRequest: lambda: make_footage_request(handling_code=r),
            BuildingSurvey: lambda: make_survey(handling_code=r),
        }
    )


_register()
