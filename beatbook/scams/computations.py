"""Plan indicator computations for the anti-fraud work (named in the plan file)."""

from __future__ import annotations

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from beatbook.plan.computations import IndicatorValue, list_url, register, scoped


@register("scams.lookups", _("Checks made on the public scam checker"))
def lookups(indicator, params, start, end, user) -> IndicatorValue:
    from .models import LookupCounter

    total = LookupCounter.objects.filter(day__range=(start, end)).aggregate(n=Sum("count"))["n"] or 0
    return IndicatorValue(
        float(total), list_url("scams:lookup_list", day_after=start.isoformat(), day_before=end.isoformat())
    )


@register("scams.partners_active", _("Partner organisations active in the anti-fraud scheme"))
def partners_active(indicator, params, start, end, user) -> IndicatorValue:
    from beatbook.partners.models import Organisation

    from .models import Report, Sighting

    orgs = set(
        scoped(Report, user)
        .filter(created_at__date__range=(start, end))
        .exclude(reporter_org=None)
        .values_list("reporter_org_id", flat=True)
    )
    orgs |= set(
        scoped(Sighting, user)
        .filter(seen_at__date__range=(start, end))
        .values_list("organisation_id", flat=True)
    )
    count = scoped(Organisation, user).filter(pk__in=orgs, active=True).count()
    return IndicatorValue(
        float(count),
        list_url(
            "scams:report_list",
            channel="partner",
            created_after=start.isoformat(),
            created_before=end.isoformat(),
        ),
    )


@register("scams.reports_confirmed", _("Partner reports confirmed by officers"))
def reports_confirmed(indicator, params, start, end, user) -> IndicatorValue:
    from .models import Report

    qs = scoped(Report, user).filter(status=Report.Status.CONFIRMED, reviewed_at__date__range=(start, end))
    if params.get("channel", "partner"):
        qs = qs.filter(channel=params.get("channel", "partner"))
    return IndicatorValue(
        float(qs.count()),
        list_url(
            "scams:report_list",
            status="confirmed",
            channel=params.get("channel", "partner"),
            reviewed_after=start.isoformat(),
            reviewed_before=end.isoformat(),
        ),
    )
