"""Plan indicators: exercises held, and the share of exercise findings closed."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from beatbook.plan.computations import IndicatorValue, list_url, register, scoped

from .models import Exercise, Finding


@register("readiness.exercises_held", _("Exercises held"))
def exercises_held(indicator, params, start, end, user) -> IndicatorValue:
    qs = scoped(Exercise, user).filter(
        objective=indicator.objective, status=Exercise.Status.HELD, held_date__range=(start, end)
    )
    if params.get("kind"):
        qs = qs.filter(kind=params["kind"])
    url = list_url(
        "readiness:exercise_list",
        objective=indicator.objective.code,
        status="held",
        kind=params.get("kind"),
        held_date_after=start.isoformat(),
        held_date_before=end.isoformat(),
    )
    return IndicatorValue(float(qs.count()), url)


@register("readiness.findings_closed_rate", _("Share of exercise findings closed"))
def findings_closed_rate(indicator, params, start, end, user) -> IndicatorValue:
    qs = scoped(Finding, user).filter(
        exercise__objective=indicator.objective, exercise__held_date__range=(start, end)
    )
    total = qs.count()
    closed = qs.filter(status=Finding.Status.CLOSED).count()
    url = list_url(
        "readiness:finding_list",
        objective=indicator.objective.code,
        held_date_after=start.isoformat(),
        held_date_before=end.isoformat(),
    )
    if not total:
        return IndicatorValue(None, url, detail=str(_("No findings from exercises held in the period.")))
    return IndicatorValue(round(closed / total, 4), url, detail=f"{closed}/{total}")
