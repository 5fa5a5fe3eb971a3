"""``cctv.cameras_registered`` and ``cctv.footage_answered_in_time_rate``."""

from __future__ import annotations

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from beatbook.plan.computations import IndicatorValue, list_url, register, scoped

from .filtersets import decided_ids, in_time_ids
from .models import CameraSite, FootageRequest


@register("cctv.cameras_registered", _("Community CCTV cameras registered"))
def cameras_registered(indicator, params, start, end, user) -> IndicatorValue:
    """Cameras at active sites whose consent is dated on or before the period end."""
    qs = scoped(CameraSite, user).filter(active=True, consent_date__lte=end)
    total = qs.aggregate(n=Sum("cameras"))["n"] or 0
    url = list_url("cctv:camerasite_list", active="true", consent_date_before=end.isoformat())
    return IndicatorValue(float(total), url, detail=f"{qs.count()} sites")


@register("cctv.footage_answered_in_time_rate", _("Footage requests answered before the overwrite date"))
def footage_answered_in_time_rate(indicator, params, start, end, user) -> IndicatorValue:
    """Of requests made in the period that are answered or past their overwrite date, the share answered
    (received or refused) before the footage was overwritten. Open requests with time left are not counted."""
    qs = scoped(FootageRequest, user).filter(requested_at__date__range=(start, end))
    decided = qs.filter(pk__in=decided_ids(qs))
    total = decided.count()
    ok = len(in_time_ids(decided))
    url = list_url(
        "cctv:footagerequest_list",
        requested_after=start.isoformat(),
        requested_before=end.isoformat(),
        decided="true",
    )
    if not total:
        return IndicatorValue(None, url, detail="0 requests")
    return IndicatorValue(round(ok / total, 4), url, detail=f"{ok}/{total}")
