"""Where the coverage analysis gets "current hotspots" from, in order of preference:

1. points given by the user (``latitude,longitude[,label]; ...``);
2. the hotspots app: the hotspots of the latest finished patrol plans (``hotspots.PatrolHotspot``);
3. the incidents app, when installed: the busiest 150 m cells of the last 90 days of incidents;
4. otherwise none (the page says so).
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.utils import timezone

from .coverage import Point, grid_hotspots


def _visible(model, user):
    """Rows ``user`` may see; every row for commands (user None)."""
    return model.objects.all() if user is None else model.objects.visible_to(user)


def current_hotspots(user) -> tuple[list[Point], str]:
    """(points, source description), limited to what ``user`` may see (None: a command, everything)."""
    if apps.is_installed("beatbook.hotspots"):
        try:
            plan_model = apps.get_model("hotspots", "PatrolPlan")
            spot_model = apps.get_model("hotspots", "PatrolHotspot")
        except LookupError:
            plan_model = spot_model = None
        if spot_model is not None:
            plans = _visible(plan_model, user).filter(status="done")
            latest = plans.order_by("-on_date").values_list("on_date", flat=True).first()
            if latest is not None:
                spots = (
                    _visible(spot_model, user).filter(plan__in=plans.filter(on_date=latest)).order_by("rank")
                )
                points, seen = [], set()
                for spot in spots[:200]:
                    key = (round(spot.lat, 5), round(spot.lon, 5))
                    if key in seen:  # several shifts on one day share hotspots
                        continue
                    seen.add(key)
                    points.append(Point(f"H{spot.pk}", spot.lat, spot.lon, spot.label or spot.code))
                if points:
                    return points, f"hotspots app (patrol plans of {latest})"
    if apps.is_installed("beatbook.incidents"):
        try:
            model = apps.get_model("incidents", "Incident")
        except LookupError:
            model = None
        if model is not None:
            since = timezone.now() - dt.timedelta(days=90)
            qs = _visible(model, user).filter(lat__isnull=False, lon__isnull=False, occurred_from__gte=since)
            points = grid_hotspots(qs.values_list("lat", "lon")[:50000])
            if points:
                return points, "incidents (last 90 days, 150 m cells)"
    return [], ""
