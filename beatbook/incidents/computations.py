"""Plan indicator computations over incidents."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beatbook.plan.computations import IndicatorValue, list_url, register, scoped


def incidents_between(user, start: dt.date, end: dt.date, categories: list[str] | None = None):
    """Incidents ``user`` may see whose start falls on ``start``..``end`` (local dates), by category code."""
    from .models import Incident

    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    # A datetime range (not __date) so the occurred_from index is used.
    qs = scoped(Incident, user).filter(occurred_from__gte=since, occurred_from__lt=until)
    if categories:
        qs = qs.filter(category__code__in=categories)
    return qs


@register("incidents.count", _("Incidents recorded"))
def incidents_count(indicator, params, start, end, user) -> IndicatorValue:
    """Number of incidents of ``params["categories"]`` (all when absent) in the indicator's period."""
    categories = list(params.get("categories") or [])
    qs = incidents_between(user, start, end, categories)
    url = list_url(
        "incidents:incident_list",
        category=categories,
        occurred_after=start.isoformat(),
        occurred_before=end.isoformat(),
    )
    return IndicatorValue(float(qs.count()), url, detail=", ".join(categories))
