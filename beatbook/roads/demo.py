"""Demo: the Mong Kok part (E06-E15) of the real TD records, credited, plus synthetic enforcement operations."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from beatbook.core.models import HandlingCode
from beatbook.geo.boundaries import area_polygon
from beatbook.org.models import Unit
from beatbook.plan.models import Objective, Plan

from .models import Accident, EnforcementKind, EnforcementOperation

ORDER = 85
FILES = ("hk_accidents_2014_2019.csv.gz", "hk_casualties_2014_2019.csv.gz", "hk_vehicles_2014_2019.csv.gz")

# Real street reference points near Mong Kok black sites (WGS84), for the synthetic operations.
SITES = [
    ("Nathan Road / Argyle Street", "NATHAN ROAD", 22.3187, 114.1697),
    ("Nathan Road / Shan Tung Street", "NATHAN ROAD", 22.3158, 114.1702),
    ("Argyle Street / Sai Yeung Choi Street South", "ARGYLE STREET", 22.3193, 114.1707),
    ("Prince Edward Road West / Nathan Road", "PRINCE EDWARD ROAD WEST", 22.3244, 114.1685),
    ("Portland Street / Dundas Street", "PORTLAND STREET", 22.3131, 114.1697),
    ("Tong Mi Road / Argyle Street", "TONG MI ROAD", 22.3212, 114.1636),
]
KIND_OBJECTIVE = {
    EnforcementKind.DRINK_DRIVING: "AP-SAFETY-ROAD-2",
    EnforcementKind.DRUG_DRIVING: "AP-SAFETY-ROAD-2",
    EnforcementKind.SPEEDING: "AP-SAFETY-ROAD-2",
    EnforcementKind.ILLEGAL_RACING: "AP-SAFETY-ROAD-2",
    EnforcementKind.STEM: "AP-SAFETY-ROAD-4",
}
TITLES = {
    EnforcementKind.DRINK_DRIVING: "酒後駕駛截查 Drink-driving road block",
    EnforcementKind.DRUG_DRIVING: "藥駕／毒駕測試行動 Drug-driving testing operation",
    EnforcementKind.SPEEDING: "超速執法 Speed enforcement",
    EnforcementKind.ILLEGAL_RACING: "打擊非法賽車 Illegal racing operation",
    EnforcementKind.STEM: "重點交通執法項目 Selected traffic enforcement priorities",
}


def load(ctx) -> None:
    _load_real_records(ctx)
    _load_operations(ctx)


def _load_real_records(ctx) -> None:
    folder = settings.SHARED_DATA_DIR / "hk"
    paths = [folder / name for name in FILES]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        ctx.say(
            f"  roads: the Transport Department files are absent ({', '.join(missing)}); skipping real records"
        )
        return
    if Accident.objects.filter(dcca__in=[f"E{i:02d}" for i in range(6, 16)]).count() >= 3000:
        ctx.say("  roads: Mong Kok TD records already loaded")
        return
    from .importer import import_files

    report = import_files(*paths, area=area_polygon("mongkok"))
    ctx.say(
        f"  roads: {report.accidents_created + report.accidents_updated} real accidents (E06-E15), "
        f"{report.casualties_created + report.casualties_updated} casualties, "
        f"{report.vehicles_created + report.vehicles_updated} vehicles - Transport Department data via hkdatasets"
    )


def _load_operations(ctx) -> None:
    if EnforcementOperation.objects.filter(is_synthetic=True).exists():
        return
    objectives = {o.code: o for o in Objective.objects.filter(code__startswith="AP-SAFETY-ROAD")}
    if not objectives:
        ctx.say("  roads: no AP-SAFETY-ROAD objectives (plan not loaded); skipping enforcement operations")
        return
    unit = Unit.objects.filter(code__iexact="traffic").first() or Unit.objects.first()
    if unit is None:
        return
    rng = ctx.rng
    year = _plan_year(ctx)
    ops = []
    for _ in range(40):
        kind = rng.choice(list(EnforcementKind))
        name, street, lat, lon = rng.choice(SITES)
        planned = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        done = planned <= ctx.today and rng.random() < 0.9
        checked = rng.randint(40, 400) if done else 0
        ops.append(
            EnforcementOperation(
                objective=objectives.get(KIND_OBJECTIVE[kind]) or next(iter(objectives.values())),
                unit=unit,
                kind=kind,
                title=TITLES[kind],
                status="done" if done else "planned",
                planned_date=planned,
                done_date=planned if done else None,
                location_name=name,
                target_street=street,
                lat=lat + rng.uniform(-0.0004, 0.0004),
                lon=lon + rng.uniform(-0.0004, 0.0004),
                vehicles_checked=checked,
                summonses=rng.randint(0, checked // 4) if done else 0,
                arrests=rng.randint(0, 3) if done else 0,
                notes="示範資料（合成） Synthetic demo record.",
                is_synthetic=True,
                handling_code=HandlingCode.NORMAL,
            )
        )
    # save() (not bulk_create) so done operations create their plan activities; 40 rows is quick.
    for op in ops:
        op.save()
    ctx.say(f"  roads: {len(ops)} synthetic enforcement operations")


def _plan_year(ctx) -> int:
    """The loaded plan's year (the demo fills that year), else this year."""
    plan = Plan.objects.order_by("-year").first()
    return plan.year if plan else ctx.today.year
