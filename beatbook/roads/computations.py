"""Plan indicators computed from road records: KSI by group, enforcement outputs by type."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from beatbook.plan.computations import IndicatorValue, list_url, register, scoped

from .groups import KSI_Q, area_codes, casualties_in_group
from .importer import day_start
from .models import Accident, Casualty, EnforcementOperation

OUTPUTS = ("cases", "summonses", "arrests", "vehicles_checked")


@register("roads.ksi", _("People killed or seriously injured on the roads"))
def ksi(indicator, params, start, end, user) -> IndicatorValue:
    """KSI casualties of accidents in the area (default Mong Kok) in the period, for a plan group."""
    group = params.get("group", "all")
    area = params.get("area", "mongkok")
    since, until = day_start(start), day_start(end + dt.timedelta(days=1))
    qs = scoped(Casualty, user).filter(
        KSI_Q, accident__occurred_at__gte=since, accident__occurred_at__lt=until
    )
    codes = area_codes(area)
    if codes is not None:
        qs = qs.filter(accident__dcca__in=codes)
    qs = casualties_in_group(qs, group)
    url = list_url(
        "roads:casualty_list",
        ksi="true",
        group=None if group == "all" else group,
        area=area,
        date_after=start.isoformat(),
        date_before=end.isoformat(),
    )
    # No accident records at all for the period means "not imported yet", not "zero casualties".
    if not scoped(Accident, user).filter(occurred_at__gte=since, occurred_at__lt=until).exists():
        return IndicatorValue(None, url, detail=str(_("No accident records imported for this period.")))
    return IndicatorValue(float(qs.count()), url, detail=str(group))


@register("roads.enforcement_outputs", _("Enforcement outputs (summonses and arrests)"))
def enforcement_outputs(indicator, params, start, end, user) -> IndicatorValue:
    """Cases (summonses + arrests, or the named ``output``) of enforcement operations done in the period."""
    kind = params.get("kind")
    output = params.get("output", "cases")
    if output not in OUTPUTS:
        return IndicatorValue(None, detail=f"unknown output {output!r}")
    qs = scoped(EnforcementOperation, user).filter(status="done", done_date__range=(start, end))
    if kind:
        qs = qs.filter(kind=kind)
    total = 0
    for summonses, arrests, checked in qs.values_list("summonses", "arrests", "vehicles_checked"):
        total += {
            "cases": summonses + arrests,
            "summonses": summonses,
            "arrests": arrests,
            "vehicles_checked": checked,
        }[output]
    url = list_url(
        "roads:enforcementoperation_list",
        kind=kind,
        status="done",
        done_date_after=start.isoformat(),
        done_date_before=end.isoformat(),
    )
    return IndicatorValue(float(total), url, detail=f"{kind or 'all'}: {output}")
