"""Factories for hotspot records (and their RESTRICTED makers for the URL-walking test)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from beatbook.core.models import HandlingCode

from .factories import restricted_factory, unique

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[114.165, 22.315], [114.175, 22.315], [114.175, 22.325], [114.165, 22.325], [114.165, 22.315]]
    ],
}


def make_boundary(**extra):
    from beatbook.hotspots.models import AreaBoundary

    defaults = {"slug": unique("area-"), "name_zh": "測試區", "name_en": "Test area", "geojson": SQUARE}
    defaults.update(extra)
    return AreaBoundary.objects.create(**defaults)


def make_forecast(**extra):
    from beatbook.hotspots.models import Forecast

    defaults = {
        "key": unique("fc-"),
        "boundary": extra.pop("boundary", None) or make_boundary(),
        "on_date": dt.date(2024, 5, 2),
        "shift": "07:00-15:00",
        "categories": ["robbery"],
        "method": "naive",
        "status": "done",
        "params": {"window_days": 365},
        "input_start": dt.date(2023, 5, 2),
        "input_end": dt.date(2024, 5, 1),
    }
    defaults.update(extra)
    return Forecast.objects.create(**defaults)


def make_plan(**extra):
    from beatbook.hotspots.models import PatrolPlan

    tz = timezone.get_current_timezone()
    defaults = {
        "key": unique("pp-"),
        "boundary": extra.pop("boundary", None) or make_boundary(),
        "on_date": dt.date(2024, 5, 2),
        "shift": "07:00-15:00",
        "categories": ["robbery"],
        "status": "done",
        "shift_start": dt.datetime(2024, 5, 2, 7, tzinfo=tz),
        "shift_end": dt.datetime(2024, 5, 2, 15, tzinfo=tz),
    }
    defaults.update(extra)
    return PatrolPlan.objects.create(**defaults)


def make_visit(plan=None, **extra):
    from beatbook.hotspots.models import PatrolHotspot, PatrolVisit

    plan = plan or make_plan(handling_code=extra.get("handling_code", HandlingCode.NORMAL))
    hotspot = PatrolHotspot.objects.create(
        plan=plan,
        code="H1",
        cells=[1],
        x=836000,
        y=820000,
        lat=22.32,
        lon=114.17,
        risk=1.0,
        bounds=[[835900, 819900, 836050, 820050]],
    )
    start = plan.shift_start or timezone.now()
    defaults = {
        "plan": plan,
        "hotspot": hotspot,
        "patrol_unit": "U1",
        "planned_start": start,
        "planned_end": start + dt.timedelta(minutes=14),
    }
    defaults.update(extra)
    return PatrolVisit.objects.create(**defaults)


def make_record(visit=None, **extra):
    from beatbook.hotspots.models import VisitRecord

    visit = visit or make_visit()
    defaults = {
        "visit": visit,
        "arrived_at": visit.planned_start,
        "left_at": visit.planned_start + dt.timedelta(minutes=13),
        "note": unique("note "),
    }
    defaults.update(extra)
    return VisitRecord.objects.create(**defaults)


def _register() -> None:
    from beatbook.hotspots.models import AreaBoundary, Forecast, PatrolPlan, PatrolVisit, VisitRecord

    r = HandlingCode.RESTRICTED
    restricted_factory(AreaBoundary)(lambda: make_boundary(handling_code=r))
    restricted_factory(Forecast)(lambda: make_forecast(handling_code=r))
    restricted_factory(PatrolPlan)(lambda: make_plan(handling_code=r))
    restricted_factory(PatrolVisit)(lambda: make_visit(handling_code=r))
    restricted_factory(VisitRecord)(lambda: make_record(handling_code=r))


_register()
