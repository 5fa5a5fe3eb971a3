"""``bulletins.sent`` and ``bulletins.read_rate`` (read receipts over partner-portal deliveries)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from beatbook.plan.computations import IndicatorValue, list_url, register, scoped

from .filtersets import acknowledged_delivery_ids
from .models import Bulletin, ChannelKind, Delivery


def _objective(indicator, params):
    objective = params.get("objective")
    return indicator.objective.code if objective == "self" else objective


@register("bulletins.sent", _("Bulletins sent"))
def bulletins_sent(indicator, params, start, end, user) -> IndicatorValue:
    """Params: ``objective`` ("self" or an id) to count only bulletins serving that objective."""
    qs = scoped(Bulletin, user).filter(status=Bulletin.Status.SENT, sent_at__date__range=(start, end))
    objective = _objective(indicator, params)
    if objective:
        qs = qs.filter(objective__code=objective)
    url = list_url(
        "bulletins:bulletin_list",
        status="sent",
        sent_after=start.isoformat(),
        sent_before=end.isoformat(),
        objective=objective,
    )
    return IndicatorValue(float(qs.count()), url)


@register("bulletins.read_rate", _("Share of partner deliveries acknowledged"))
def bulletins_read_rate(indicator, params, start, end, user) -> IndicatorValue:
    qs = scoped(Delivery, user).filter(
        channel=ChannelKind.PORTAL,
        bulletin__status=Bulletin.Status.SENT,
        bulletin__sent_at__date__range=(start, end),
    )
    objective = _objective(indicator, params)
    if objective:
        qs = qs.filter(bulletin__objective__code=objective)
    total = qs.count()
    read = len(acknowledged_delivery_ids(qs))
    url = list_url(
        "bulletins:delivery_list",
        channel="portal",
        bulletin_sent_after=start.isoformat(),
        bulletin_sent_before=end.isoformat(),
        objective=objective,
    )
    if not total:
        return IndicatorValue(None, url, detail="0 deliveries")
    return IndicatorValue(round(read / total, 4), url, detail=f"{read}/{total}")
