"""events.reviewed_rate: the share of held events (of the indicator's objective) with a post-event review."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from beatbook.plan.computations import IndicatorValue, list_url, register, scoped

from .models import PublicEvent


@register("events.reviewed_rate", _("Share of events held that have a post-event review"))
def reviewed_rate(indicator, params, start, end, user) -> IndicatorValue:
    """Events of the objective (optionally ``kind``) that ended in the period, not cancelled; share reviewed."""
    qs = (
        scoped(PublicEvent, user)
        .filter(objective=indicator.objective, starts_at__date__range=(start, end))
        .exclude(status=PublicEvent.Status.CANCELLED)
    )
    from django.utils import timezone

    qs = qs.filter(ends_at__lte=timezone.now())
    if params.get("kind"):
        qs = qs.filter(kind=params["kind"])
    held = qs.count()
    reviewed = qs.filter(review__isnull=False).count()
    url = list_url(
        "events:publicevent_list",
        objective=indicator.objective.code,
        kind=params.get("kind"),
        held="true",
        date_after=start.isoformat(),
        date_before=end.isoformat(),
    )
    if not held:
        return IndicatorValue(None, url, detail=str(_("No events held in the period.")))
    return IndicatorValue(round(reviewed / held, 4), url, detail=f"{reviewed}/{held}")
