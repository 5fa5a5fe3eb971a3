"""Plan indicator computations over patrol plans."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from beatbook.plan.computations import IndicatorValue, list_url, register, scoped


def delivered_ratio(plans, visits_model, records_model, user) -> tuple[float | None, float, float]:
    """(delivered / planned, planned minutes, delivered minutes); each visit counts at most its plan."""
    visits = scoped(visits_model, user).filter(plan__in=plans).prefetch_related("records")
    planned = delivered = 0.0
    for visit in visits:
        p = visit.planned_minutes
        got = sum(r.minutes for r in visit.records.all() if r.left_at)
        planned += p
        delivered += min(got, p)
    return (delivered / planned if planned else None), planned, delivered


@register("patrols.dosage_delivered_ratio", _("Share of planned patrol minutes delivered"))
def dosage_delivered_ratio(indicator, params, start, end, user) -> IndicatorValue:
    """Delivered / planned patrol minutes over the plans serving this objective in the period."""
    from .models import PatrolPlan, PatrolVisit, Status, VisitRecord

    plans = scoped(PatrolPlan, user).filter(
        objectives=indicator.objective, on_date__range=(start, end), status=Status.DONE
    )
    ratio, planned, delivered = delivered_ratio(plans, PatrolVisit, VisitRecord, user)
    url = list_url(
        "hotspots:dosage",
        objective=indicator.objective.code,
        date_after=start.isoformat(),
        date_before=end.isoformat(),
    )
    detail = f"{delivered:.0f} / {planned:.0f} min"
    return IndicatorValue(None if ratio is None else round(ratio, 4), url, detail)
