"""Makers of operations records for tests (and RESTRICTED instances for the URL-walking test)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from beatbook.core.models import HandlingCode
from beatbook.operations.models import ArrestCount, DrugSeizure, Operation

from .factories import make_objective, make_unit, restricted_factory, unique


def make_operation(objectives=None, **extra) -> Operation:
    defaults = {
        "name": unique("Operation "),
        "kind": "anti_triad",
        "lead_unit": extra.pop("lead_unit", None) or make_unit(),
        "starts_on": dt.date(2024, 3, 1),
        "ends_on": dt.date(2024, 3, 14),
        "handling_code": HandlingCode.NORMAL,
    }
    defaults.update(extra)
    operation = Operation.objects.create(**defaults)
    operation.objectives.set(objectives or [make_objective(code=unique("AP-TRIAD-SOC-T"))])
    return operation


def make_arrests(operation=None, **extra) -> ArrestCount:
    defaults = {
        "offence_group": "triad",
        "age_band": "16_20",
        "count": 3,
        "handling_code": HandlingCode.NORMAL,
    }
    defaults.update(extra)
    return ArrestCount.objects.create(operation=operation or make_operation(), **defaults)


def make_seizure(operation=None, **extra) -> DrugSeizure:
    defaults = {
        "drug_type": "ketamine",
        "weight_g": Decimal("12.50"),
        "estimated_value_hkd": Decimal("2500"),
        "handling_code": HandlingCode.NORMAL,
    }
    defaults.update(extra)
    return DrugSeizure.objects.create(operation=operation or make_operation(), **defaults)


for _model, _maker in ((Operation, make_operation), (ArrestCount, make_arrests), (DrugSeizure, make_seizure)):
    restricted_factory(_model)(lambda maker=_maker: maker(handling_code=HandlingCode.RESTRICTED))
