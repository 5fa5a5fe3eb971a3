"""Makers of road-safety records for tests (and RESTRICTED instances for the URL-walking test)."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from beatbook.core.models import HandlingCode
from beatbook.roads.models import Accident, Casualty, EnforcementOperation, Vehicle

from .factories import make_objective, make_unit, restricted_factory, unique

_serials = itertools.count(900_000)


def make_accident(**extra) -> Accident:
    defaults = {
        "year": 2019,
        "serial": next(_serials),
        "severity": "Serious",
        "dcca": "E06",
        "occurred_at": timezone.make_aware(dt.datetime(2019, 5, 1, 10, 0)),
        "lat": 22.3193,
        "lon": 114.1694,
        "street_name": unique("STREET "),
    }
    defaults.update(extra)
    return Accident.objects.create(**defaults)


def make_casualty(accident=None, **extra) -> Casualty:
    accident = accident or make_accident(handling_code=extra.get("handling_code", HandlingCode.NORMAL))
    defaults = {
        "seq": next(_serials) % 30000,
        "degree_of_injury": "Seriously Injured",
        "role": "Pedestrian",
        "age": 70,
    }
    defaults.update(extra)
    return Casualty.objects.create(accident=accident, year=accident.year, serial=accident.serial, **defaults)


def make_vehicle(accident=None, **extra) -> Vehicle:
    accident = accident or make_accident(handling_code=extra.get("handling_code", HandlingCode.NORMAL))
    defaults = {"seq": next(_serials) % 30000, "vehicle_class": unique("Taxi ")}
    defaults.update(extra)
    return Vehicle.objects.create(accident=accident, year=accident.year, serial=accident.serial, **defaults)


def make_enforcement(**extra) -> EnforcementOperation:
    objective = extra.pop("objective", None) or make_objective(code=unique("AP-SAFETY-ROAD-T"))
    defaults = {
        "kind": "speeding",
        "title": unique("Speed check "),
        "planned_date": dt.date(2024, 5, 1),
        "unit": make_unit(),
        "lat": 22.3190,
        "lon": 114.1697,
    }
    defaults.update(extra)
    return EnforcementOperation.objects.create(objective=objective, **defaults)


for _model, _maker in (
    (Accident, make_accident),
    (Casualty, make_casualty),
    (Vehicle, make_vehicle),
    (EnforcementOperation, make_enforcement),
):
    restricted_factory(_model)(lambda maker=_maker: maker(handling_code=HandlingCode.RESTRICTED))
