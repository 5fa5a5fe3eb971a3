"""Plan indicators of staff support: training hours per officer, qualifications current, pulse response rate."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from beatbook.org.models import Staff
from beatbook.plan.computations import IndicatorValue, list_url, register, scoped

from . import services
from .models import PulseResponse, PulseSurvey, Qualification


@register("people.training_hours_per_officer", _("Training hours per officer"))
def training_hours_per_officer(indicator, params, start, end, user) -> IndicatorValue:
    """Course and exercise hours in the period over active staff (regular officers unless ``rank_class``)."""
    staff = scoped(Staff, user).filter(active=True, rank_class=params.get("rank_class", "regular"))
    ids = list(staff.values_list("pk", flat=True))
    url = list_url(
        "people:trainingattendance_list", date_after=start.isoformat(), date_before=end.isoformat()
    )
    if not ids:
        return IndicatorValue(None, url, detail=str(_("No active staff.")))
    total = sum(services.training_hours(ids, start, end).values())
    return IndicatorValue(round(float(total) / len(ids), 2), url, detail=f"{total} h / {len(ids)}")


@register("people.qualifications_current", _("Share of qualifications current"))
def qualifications_current(indicator, params, start, end, user) -> IndicatorValue:
    """Qualifications of active staff that have not expired on the last day of the period."""
    qs = scoped(Qualification, user).filter(staff__active=True)
    url = list_url("people:qualification_list", staff_active="true")
    total = qs.count()
    if not total:
        return IndicatorValue(None, url, detail=str(_("No qualifications recorded.")))
    expired = qs.filter(expires_on__lt=end).count()
    return IndicatorValue(round((total - expired) / total, 4), url, detail=f"{total - expired}/{total}")


@register("people.pulse_response_rate", _("Pulse-survey response rate"))
def pulse_response_rate(indicator, params, start, end, user) -> IndicatorValue:
    """Answers over active staff surveyed, for the objective's surveys that closed in the period."""
    from beatbook.org.models import Unit

    surveys = scoped(PulseSurvey, user).filter(objective=indicator.objective, closes_on__range=(start, end))
    url = list_url(
        "people:pulsesurvey_list",
        objective=indicator.objective.code,
        closes_after=start.isoformat(),
        closes_before=end.isoformat(),
    )
    answers = surveyed = 0
    for survey in surveys:
        answers += PulseResponse.objects.filter(survey=survey).count()
        surveyed += Staff.objects.filter(unit__in=Unit.descendant_ids([survey.unit_id]), active=True).count()
    if not surveyed:
        return IndicatorValue(None, url, detail=str(_("No survey closed in the period.")))
    return IndicatorValue(round(answers / surveyed, 4), url, detail=f"{answers}/{surveyed}")
