"""Demo: synthetic operations of the plan year serving the triad, drugs, fraud and CT objectives."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from beatbook.core.models import HandlingCode
from beatbook.org.models import Unit
from beatbook.plan.models import Objective, Plan

from .models import ArrestCount, DrugSeizure, Operation

ORDER = 88

# (name, kind, objectives, month, day, days, lat, lon, radius, places)
OPERATIONS = [
    (
        "雷霆行動（示範） Operation Thunderbolt (synthetic)",
        "anti_triad",
        ["AP-TRIAD-SOC-1"],
        2,
        5,
        14,
        22.3193,
        114.1694,
        250,
        "Portland Street / Shantung Street entertainment premises",
    ),
    (
        "清源行動（示範） Operation Clearwater (synthetic)",
        "anti_drug",
        ["AP-DRUGS-TRAF-1", "AP-DRUGS-YOUTH-1"],
        3,
        11,
        21,
        22.3180,
        114.1690,
        300,
        "Shanghai Street subdivided flats",
    ),
    (
        "天網行動（示範） Operation Skynet (synthetic)",
        "anti_deception",
        ["AP-FRAUD-2"],
        4,
        8,
        28,
        22.3185,
        114.1708,
        200,
        "Sai Yeung Choi Street South quick-cash blackspots",
    ),
    (
        "鐵壁行動（示範） Operation Ironwall (synthetic)",
        "organised_burglary",
        ["AP-TRIAD-OC-1"],
        5,
        6,
        30,
        22.3225,
        114.1717,
        300,
        "Fa Yuen Street and Tung Choi Street",
    ),
    (
        "追源行動（示範） Operation Source (synthetic)",
        "proceeds",
        ["AP-TRIAD-POC-1", "AP-TRIAD-POC-2"],
        6,
        3,
        45,
        22.3168,
        114.1702,
        250,
        "Money service operators, Nathan Road",
    ),
    (
        "護城行動（示範） Operation Citadel (synthetic)",
        "counter_terrorism",
        ["AP-CT-PREV-1"],
        7,
        1,
        7,
        22.3200,
        114.1720,
        400,
        "Mong Kok MTR stations and footbridges",
    ),
    (
        "晨曦行動（示範） Operation Dawn (synthetic)",
        "anti_drug",
        ["AP-DRUGS-YOUTH-1"],
        8,
        19,
        21,
        22.3210,
        114.1620,
        300,
        "Tai Kok Tsui youth hang-outs",
    ),
    (
        "長城行動（示範） Operation Great Wall (synthetic)",
        "anti_triad",
        ["AP-TRIAD-SOC-1"],
        9,
        9,
        14,
        22.3193,
        114.1694,
        250,
        "Argyle Street mahjong parlours",
    ),
]
ARRESTS = {
    "anti_triad": ("triad", [(3, "under_16"), (6, "16_20"), (14, "21_plus")]),
    "anti_drug": ("drugs", [(2, "under_16"), (5, "16_20"), (11, "21_plus")]),
    "anti_deception": ("deception", [(1, "16_20"), (4, "21_plus")]),
    "organised_burglary": ("robbery_burglary", [(2, "16_20"), (7, "21_plus")]),
    "proceeds": ("money_laundering", [(3, "21_plus")]),
}
SEIZURES = {
    "anti_drug": [
        ("methamphetamine", "412.50", "206000"),
        ("ketamine", "96.00", "19000"),
        ("cannabis", "1250.00", "250000"),
    ]
}


def load(ctx) -> None:
    if Operation.objects.filter(is_synthetic=True).exists():
        return
    objectives = {
        o.code: o for o in Objective.objects.filter(code__in={c for op in OPERATIONS for c in op[2]})
    }
    units = list(Unit.objects.order_by("pk")[:6])
    if not objectives or not units:
        ctx.say("  operations: plan or units missing; skipping")
        return
    plan = Plan.objects.order_by("-year").first()
    year = plan.year if plan else ctx.today.year
    made = 0
    for i, (name, kind, codes, month, day, days, lat, lon, radius, places) in enumerate(OPERATIONS):
        starts = dt.date(year, month, day)
        ends = starts + dt.timedelta(days=days - 1)
        if starts > ctx.today:
            continue  # no record in the future
        operation = Operation.objects.create(
            name=name,
            kind=kind,
            status=Operation.Status.COMPLETED if ends < ctx.today else Operation.Status.ACTIVE,
            lead_unit=units[i % len(units)],
            starts_on=starts,
            ends_on=ends,
            centre_lat=lat,
            centre_lon=lon,
            radius_m=radius,
            buffer_m=radius,
            places=places,
            briefing="示範簡報（合成資料）。 Synthetic briefing: intelligence-led, targeting premises, not people.",
            debrief="示範總結（合成資料）。 Synthetic debrief: premises closed, follow-up visits planned.",
            cash_restrained_hkd=Decimal(120000 * (i % 3)) if kind in ("proceeds", "anti_deception") else 0,
            cash_confiscated_hkd=Decimal(40000) if kind == "proceeds" else 0,
            premises_searched=ctx.rng.randint(3, 25),
            intelligence_reports=ctx.rng.randint(2, 12),
            # Most operations stay RESTRICTED; one is released to normal handling after its debrief.
            handling_code=HandlingCode.NORMAL if i == 2 else HandlingCode.RESTRICTED,
            is_synthetic=True,
        )
        operation.objectives.set([objectives[c] for c in codes if c in objectives])
        group, bands = ARRESTS.get(kind, ("other", []))
        for count, band in bands:
            ArrestCount.objects.create(
                operation=operation,
                offence_group=group,
                age_band=band,
                count=count + ctx.rng.randint(0, 2),
                handling_code=operation.handling_code,
                is_synthetic=True,
            )
        for drug, grams, value in SEIZURES.get(kind, []):
            DrugSeizure.objects.create(
                operation=operation,
                drug_type=drug,
                weight_g=Decimal(grams),
                estimated_value_hkd=Decimal(value),
                handling_code=operation.handling_code,
                is_synthetic=True,
            )
        made += 1
    ctx.say(f"  operations: {made} synthetic operations with arrest counts and seizures")
