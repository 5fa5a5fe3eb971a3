"""Demo: the default Mong Kok area, a forecast for the next shifts, today's patrol plans and past plans
with recorded visits (so the dosage report and the dosage indicators of AP-VIOLENT-1 / AP-FRAUD-2 show
figures). Everything is made from the synthetic incidents and is labelled synthetic."""

from __future__ import annotations

import datetime as dt

import numpy as np
from django.utils import timezone

from beatbook.org.models import Unit

from . import services
from .models import PatrolPlan, PatrolVisit, Status, VisitRecord

ORDER = 55


def _past_dates(today: dt.date) -> list[dt.date]:
    """Weekly plans through the plan year 2024 and daily plans for the last ten days."""
    dates = [dt.date(2024, 1, 8) + dt.timedelta(weeks=w) for w in range(52)]
    dates += [today - dt.timedelta(days=d) for d in range(10, 0, -1)]
    return [d for d in dates if d < today]


def load(ctx) -> None:
    from beatbook.incidents.models import Incident

    boundary = services.default_boundary()
    if not Incident.objects.filter(is_synthetic=True).exists():
        ctx.say("  hotspots: no synthetic incidents; skipped")
        return
    unit = Unit.objects.filter(code="PATROL").first()
    today = ctx.today
    made = 0
    for day in _past_dates(today):
        plan, created = services.request_patrol_plan(
            day,
            "15:00-23:00",
            services.DEFAULT_CATEGORIES,
            units=3,
            hotspots=6,
            method="kde",
            unit=unit,
            boundary=boundary,
            is_synthetic=True,
            run_now=True,
        )
        made += int(created)
    # Visits delivered on past plans: most visits made, some cut short or missed (a realistic dosage).
    rng = np.random.default_rng(ctx.seed)
    # Plans that already have records were handled by an earlier run (idempotent: never add more).
    done = set(
        VisitRecord.objects.filter(visit__plan__is_synthetic=True).values_list("visit__plan_id", flat=True)
    )
    now = timezone.now()
    records = []
    visits = PatrolVisit.objects.filter(plan__is_synthetic=True, planned_end__lt=now).exclude(
        plan_id__in=done
    )
    for visit in visits.order_by("pk"):
        if rng.random() < 0.12:
            continue
        arrive = visit.planned_start + dt.timedelta(minutes=float(rng.normal(2, 2)))
        stay = visit.planned_minutes * float(rng.uniform(0.7, 1.1))
        records.append(
            VisitRecord(
                visit=visit,
                arrived_at=arrive,
                left_at=arrive + dt.timedelta(minutes=stay),
                note="synthetic",
                is_synthetic=True,
            )
        )
    VisitRecord.objects.bulk_create(records)
    # The next shifts: a forecast each (the app's default "auto"), and today's plans.
    for day, shift in services.next_shifts(count=3):
        services.request_forecast(
            day, shift, services.DEFAULT_CATEGORIES, boundary=boundary, is_synthetic=True, run_now=True
        )
    for shift in services.SHIFTS:
        services.request_patrol_plan(
            today,
            shift,
            services.DEFAULT_CATEGORIES,
            units=4,
            hotspots=8,
            unit=unit,
            boundary=boundary,
            is_synthetic=True,
            run_now=True,
        )
    failed = PatrolPlan.objects.filter(is_synthetic=True, status=Status.FAILED).count()
    ctx.say(
        f"  hotspots: {made} past patrol plans, {len(records)} synthetic visit records, forecasts for the "
        f"next shifts and today's plans{f' ({failed} plans failed)' if failed else ''}"
    )
