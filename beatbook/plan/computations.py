"""Indicator computations: domain apps register named functions; indicators name them in the plan file.

A computation returns an ``IndicatorValue`` whose ``records_url`` lists exactly the records counted, so
every figure on a dashboard can be traced back to its records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass
class IndicatorValue:
    value: float | None
    records_url: str = ""
    detail: str = ""


@dataclass
class Computation:
    name: str
    label: str
    func: Callable[..., IndicatorValue]


REGISTRY: dict[str, Computation] = {}


def register(name: str, label: str = ""):
    """Decorator: ``@register("incidents.count", _("Incidents recorded"))`` on
    ``f(indicator, params, start, end, user) -> IndicatorValue``.

    ``user`` is who is looking (None for system jobs): count only ``Model.objects.visible_to(user)`` via
    ``scoped(Model, user)`` so restricted records never leak through a count."""

    def wrap(func: Callable[..., IndicatorValue]):
        REGISTRY[name] = Computation(name=name, label=str(label) or name, func=func)
        return func

    return wrap


def period_to_date(indicator, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The indicator's period up to today (a running figure for the current year)."""
    today = today or timezone.localdate()
    return indicator.period_start, min(indicator.period_end, max(today, indicator.period_start))


def scoped(model, user):
    """Rows of ``model`` that ``user`` may see; every row for system jobs (user None)."""
    return model.objects.all() if user is None else model.objects.visible_to(user)


def compute(indicator, user=None, today: dt.date | None = None) -> IndicatorValue:
    """Current value of ``indicator``: its registered computation, else its latest manual reading."""
    start, end = period_to_date(indicator, today)
    if indicator.computation and indicator.computation != "manual":
        comp = REGISTRY.get(indicator.computation)
        if comp is None:
            return IndicatorValue(
                None, detail=str(_("Computation '%s' is not installed.") % indicator.computation)
            )
        return comp.func(indicator, indicator.computation_params or {}, start, end, user)
    from .models import IndicatorReading

    reading = (
        scoped(IndicatorReading, user)
        .filter(indicator=indicator, date__lte=end)
        .order_by("-date", "-pk")
        .first()
    )
    if reading is None:
        return IndicatorValue(None, detail=str(_("No reading recorded yet.")))
    return IndicatorValue(
        reading.value,
        records_url=reverse("plan:indicator_detail", kwargs={"pk": indicator.pk}),
        detail=str(_("Manual reading of %s") % reading.date.isoformat()),
    )


def status(indicator, value: float | None, today: dt.date | None = None) -> str:
    """on_track / at_risk / off_track / no_data: the value against the target pro rata for time elapsed."""
    if value is None or indicator.target is None:
        return "no_data"
    today = today or timezone.localdate()
    total = (indicator.period_end - indicator.period_start).days + 1
    elapsed = min(max((today - indicator.period_start).days + 1, 0), total)
    baseline = indicator.baseline or 0.0
    # Counting indicators that start at zero accrue over the period; others move from baseline to target.
    expected = baseline + (indicator.target - baseline) * (elapsed / total if total else 1)
    if indicator.direction == "up":
        if value >= expected:
            return "on_track"
        return "at_risk" if value >= expected * 0.9 else "off_track"
    if value <= expected:
        return "on_track"
    return "at_risk" if value <= expected * 1.1 else "off_track"


def list_url(name: str, **params) -> str:
    """URL of a list page filtered to the records a computation counted."""
    clean = {k: v for k, v in params.items() if v not in (None, "", [])}
    return f"{reverse(name)}?{urlencode(clean, doseq=True)}"


@register("activities.count", _("Activities recorded"))
def activities_count(indicator, params, start, end, user) -> IndicatorValue:
    from .models import Activity

    qs = scoped(Activity, user).filter(objective=indicator.objective, date__range=(start, end))
    if params.get("kind"):
        qs = qs.filter(kind=params["kind"])
    url = list_url(
        "plan:activity_list",
        objective=indicator.objective.code,
        kind=params.get("kind"),
        date_after=start.isoformat(),
        date_before=end.isoformat(),
    )
    return IndicatorValue(float(qs.count()), url)


@register("activities.output_sum", _("Sum of an activity output"))
def activities_output_sum(indicator, params, start, end, user) -> IndicatorValue:
    from .models import Activity

    key = params.get("output", "participants")
    qs = scoped(Activity, user).filter(objective=indicator.objective, date__range=(start, end))
    total = sum(int((a or {}).get(key, 0)) for a in qs.values_list("outputs", flat=True))
    url = list_url(
        "plan:activity_list",
        objective=indicator.objective.code,
        date_after=start.isoformat(),
        date_before=end.isoformat(),
    )
    return IndicatorValue(float(total), url, detail=key)
