"""Write rules and the impact evaluation of operations; views, API and CLI only call these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils.translation import gettext as _

from beatbook.analysis.errors import AnalysisError
from beatbook.analysis.evaluation import ImpactEvaluation, evaluate_impact
from beatbook.incidents.models import Category, Incident
from beatbook.incidents.spatial import ring_ids
from beatbook.plan.computations import list_url

from .models import YOUNG_BANDS, ArrestCount, DrugSeizure, Operation

# The control area reaches this far from the centre: the rest of the district and its surroundings.
CONTROL_OUTER_M = 3000


@dataclass
class AreaCount:
    """One of the six counts, with the link to exactly the incidents it counts."""

    before: int
    after: int
    before_url: str
    after_url: str


@dataclass
class Impact:
    """What the operation page shows under "Did it work?"."""

    before_period: tuple[dt.date, dt.date]
    after_period: tuple[dt.date, dt.date]
    categories: list[str]
    treated: AreaCount
    buffer: AreaCount
    control: AreaCount
    evaluation: ImpactEvaluation


def periods(operation: Operation) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    """The operation's own dates and an equally long period immediately before it."""
    days = (operation.ends_on - operation.starts_on).days + 1
    before_end = operation.starts_on - dt.timedelta(days=1)
    return (before_end - dt.timedelta(days=days - 1), before_end), (operation.starts_on, operation.ends_on)


def category_codes(operation: Operation) -> list[str]:
    """Crime categories the operation targets: those mapped to its objectives (all when none are)."""
    codes = list(
        Category.objects.filter(objective__in=operation.objectives.all(), active=True).values_list(
            "code", flat=True
        )
    )
    return sorted(codes)


def evaluate(operation: Operation, user, today: dt.date | None = None) -> Impact:
    """Count incidents the user may see in the treated area, the buffer ring and the control area.

    Raises ``ValidationError`` with a plain message when the operation cannot be evaluated (no area,
    not started yet, or the period reaches beyond today).
    """
    if not operation.has_area:
        raise ValidationError(_("Give the operation an area (centre and radius) to evaluate it."))
    today = today or dt.date.today()
    if operation.starts_on > today:
        raise ValidationError(_("The operation has not started yet."))
    before, after = periods(operation)
    if after[1] >= today:
        # Unequal periods would bias the before/after split.
        raise ValidationError(_("The operation is still running: evaluate it after it ends."))
    codes = category_codes(operation)
    incidents = Incident.objects.visible_to(user) if user is not None else Incident.objects.all()
    if codes:
        incidents = incidents.filter(category__code__in=codes)
    lat, lon = operation.centre_lat, operation.centre_lon
    r, b = operation.radius_m, operation.radius_m + operation.buffer_m
    rings = {"treated": (r, 0), "buffer": (b, r), "control": (CONTROL_OUTER_M, b)}
    counts: dict[str, AreaCount] = {}
    for name, (outer, inner) in rings.items():
        values, urls = [], []
        for start, end in (before, after):
            qs = incidents.filter(occurred_from__date__range=(start, end))
            values.append(len(ring_ids(qs, lat, lon, outer, inner)))
            urls.append(
                list_url(
                    "incidents:incident_list",
                    category=codes,
                    occurred_after=start.isoformat(),
                    occurred_before=end.isoformat(),
                    ring=f"{lat:.5f},{lon:.5f},{outer},{inner}",
                )
            )
        counts[name] = AreaCount(values[0], values[1], urls[0], urls[1])
    try:
        evaluation = evaluate_impact(
            counts["treated"].before,
            counts["treated"].after,
            counts["buffer"].before,
            counts["buffer"].after,
            counts["control"].before,
            counts["control"].after,
        )
    except AnalysisError as exc:
        raise ValidationError(str(exc))
    return Impact(before, after, codes, counts["treated"], counts["buffer"], counts["control"], evaluation)


def totals(operation: Operation, user) -> dict:
    """Outcome totals of one operation that ``user`` may see."""
    arrests = ArrestCount.objects.visible_to(user).filter(operation=operation)
    seizures = DrugSeizure.objects.visible_to(user).filter(operation=operation)
    return {
        "arrests": arrests.aggregate(n=Sum("count"))["n"] or 0,
        "young_arrests": arrests.filter(age_band__in=YOUNG_BANDS).aggregate(n=Sum("count"))["n"] or 0,
        "drugs_g": seizures.aggregate(n=Sum("weight_g"))["n"] or 0,
        "drugs_value": seizures.aggregate(n=Sum("estimated_value_hkd"))["n"] or 0,
    }
