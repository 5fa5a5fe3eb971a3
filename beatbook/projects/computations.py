"""Plan indicators from projects: stakeholder engagements held, milestones reached on time."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from beatbook.plan.computations import IndicatorValue, list_url, register, scoped

from .models import Engagement, Milestone


@register("projects.engagements", _("Stakeholder engagements on the objective's projects"))
def engagements(indicator, params, start, end, user) -> IndicatorValue:
    """Engagements (optionally of ``kind``) on projects serving the objective, dated in the period."""
    qs = scoped(Engagement, user).filter(project__objective=indicator.objective, date__range=(start, end))
    if params.get("kind"):
        qs = qs.filter(kind=params["kind"])
    url = list_url(
        "projects:engagement_list",
        objective=indicator.objective.code,
        kind=params.get("kind"),
        date_after=start.isoformat(),
        date_before=end.isoformat(),
    )
    return IndicatorValue(qs.count(), url)


@register("projects.milestones_on_time", _("Share of milestones due in the period reached on time"))
def milestones_on_time(indicator, params, start, end, user) -> IndicatorValue:
    """Milestones planned in the period: the share reached on or before the planned date."""
    qs = scoped(Milestone, user).filter(
        project__objective=indicator.objective, planned_on__range=(start, end)
    )
    url = list_url(
        "projects:milestone_list",
        objective=indicator.objective.code,
        planned_after=start.isoformat(),
        planned_before=end.isoformat(),
    )
    due = qs.count()
    if not due:
        return IndicatorValue(None, url, detail=str(_("No milestones due in the period.")))
    on_time = sum(1 for m in qs if m.actual_on and m.actual_on <= m.planned_on)
    return IndicatorValue(round(on_time / due, 4), url, detail=f"{on_time}/{due}")
