"""Plan indicators counted from operations: operations per objective, young arrests, drugs, proceeds."""

from __future__ import annotations

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from beatbook.plan.computations import IndicatorValue, list_url, register, scoped

from .models import YOUNG_BANDS, ArrestCount, DrugSeizure, Operation


def _operations(indicator, start, end, user):
    return (
        scoped(Operation, user)
        .filter(objectives=indicator.objective, starts_on__range=(start, end))
        .exclude(status=Operation.Status.CANCELLED)
    )


def _filters(indicator, start, end) -> dict:
    return {
        "objective": indicator.objective.code,
        "started_after": start.isoformat(),
        "started_before": end.isoformat(),
    }


@register("operations.count", _("Operations mounted for the objective"))
def operations_count(indicator, params, start, end, user) -> IndicatorValue:
    """Operations serving the objective (optionally of ``kind``) that started in the period, not cancelled."""
    qs = _operations(indicator, start, end, user)
    if params.get("kind"):
        qs = qs.filter(kind=params["kind"])
    url = list_url(
        "operations:operation_list", kind=params.get("kind"), active="true", **_filters(indicator, start, end)
    )
    return IndicatorValue(qs.count(), url)


@register("operations.arrests", _("Persons arrested in operations for the objective"))
def arrests(indicator, params, start, end, user) -> IndicatorValue:
    """Arrest counts of those operations; ``ages: young`` keeps under-21s, ``offence_groups`` narrows."""
    qs = scoped(ArrestCount, user).filter(operation__in=_operations(indicator, start, end, user).values("pk"))
    bands = list(YOUNG_BANDS) if params.get("ages") == "young" else []
    if bands:
        qs = qs.filter(age_band__in=bands)
    groups = params.get("offence_groups") or []
    if groups:
        qs = qs.filter(offence_group__in=groups)
    url = list_url(
        "operations:arrestcount_list",
        active="true",
        age_band=bands,
        offence_group=groups,
        **_filters(indicator, start, end),
    )
    return IndicatorValue(qs.aggregate(n=Sum("count"))["n"] or 0, url)


@register("operations.drugs_weight", _("Drugs seized in operations (grams)"))
def drugs_weight(indicator, params, start, end, user) -> IndicatorValue:
    """Grams seized (optionally of ``drug_type``) in operations serving the objective."""
    qs = scoped(DrugSeizure, user).filter(operation__in=_operations(indicator, start, end, user).values("pk"))
    if params.get("drug_type"):
        qs = qs.filter(drug_type=params["drug_type"])
    url = list_url(
        "operations:drugseizure_list",
        active="true",
        drug_type=params.get("drug_type"),
        **_filters(indicator, start, end),
    )
    total = qs.aggregate(n=Sum("weight_g"))["n"]
    return IndicatorValue(float(total or 0), url)


@register("operations.proceeds_restrained", _("Cash and assets restrained in operations (HK$)"))
def proceeds_restrained(indicator, params, start, end, user) -> IndicatorValue:
    """HK$ restrained in operations serving the objective that started in the period."""
    qs = _operations(indicator, start, end, user)
    url = list_url("operations:operation_list", active="true", **_filters(indicator, start, end))
    total = qs.aggregate(n=Sum("cash_restrained_hkd"))["n"]
    return IndicatorValue(float(total or 0), url)
