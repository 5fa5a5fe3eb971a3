"""``partners.reached``: distinct partner organisations with outreach (visit, talk, materials...) in the period."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from beatbook.plan.computations import IndicatorValue, list_url, register, scoped

from .models import Organisation, Outreach


@register("partners.reached", _("Partner organisations reached"))
def partners_reached(indicator, params, start, end, user) -> IndicatorValue:
    """Params: ``kinds`` (organisation types), ``programme`` (a programme id; default: the indicator's own
    programme when its objective belongs to one), ``objective`` ("self" = the indicator's own objective,
    or an objective id) to count only outreach recorded against it."""
    outreach = scoped(Outreach, user).filter(date__range=(start, end))
    objective = params.get("objective")
    if objective == "self":
        objective = indicator.objective.code
    if objective:
        outreach = outreach.filter(objective__code=objective)
    qs = scoped(Organisation, user).filter(pk__in=outreach.values("organisation_id"))
    kinds = params.get("kinds") or []
    if kinds:
        qs = qs.filter(kind__in=kinds)
    # An indicator of a programme (e.g. PG-ZYH-1) counts that programme's partners unless told otherwise.
    programme = params.get("programme")
    if programme is None and indicator.objective.area.kind == "programme":
        programme = indicator.objective.area.code
    if programme:
        qs = qs.filter(programmes__code=programme)
    url = list_url(
        "partners:organisation_list",
        kind=kinds,
        programme=programme,
        reached_after=start.isoformat(),
        reached_before=end.isoformat(),
        outreach_objective=objective,
    )
    return IndicatorValue(float(qs.count()), url)
