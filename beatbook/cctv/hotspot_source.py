"""Where the coverage analysis gets "current hotspots" from, in order of preference:

1. points given by the user (``latitude,longitude[,label]; ...``);
2. the hotspots app, when installed, if it has a model named ``Hotspot`` with latitude/longitude;
3. the incidents app, when installed: the busiest 150 m cells of the last 90 days of incidents;
4. otherwise none (the page says so).
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.utils import timezone

from .coverage import Point, grid_hotspots


def _coords(obj) -> tuple[float, float] | None:
    for lat_name, lon_name in (("latitude", "longitude"), ("lat", "lon"), ("centroid_lat", "centroid_lon")):
        lat, lon = getattr(obj, lat_name, None), getattr(obj, lon_name, None)
        if lat is not None and lon is not None:
            return float(lat), float(lon)
    return None


def current_hotspots(user) -> tuple[list[Point], str]:
    """(points, source description), limited to what ``user`` may see."""
    if apps.is_installed("beatbook.hotspots"):
        try:
            model = apps.get_model("hotspots", "Hotspot")
        except LookupError:
            model = None
        if model is not None:
            qs = model.objects.visible_to(user) if hasattr(model.objects, "visible_to") else model.objects.none()
            field_names = {f.name for f in model._meta.get_fields()}
            if "is_current" in field_names:
                qs = qs.filter(is_current=True)
            points = []
            for obj in qs[:200]:
                coords = _coords(obj)
                if coords:
                    points.append(Point(f"H{obj.pk}", coords[0], coords[1], str(obj)[:80]))
            if points:
                return points, "hotspots app"
    if apps.is_installed("beatbook.incidents"):
        try:
            model = apps.get_model("incidents", "Incident")
        except LookupError:
            model = None
        if model is not None and hasattr(model.objects, "visible_to"):
            field_names = {f.name for f in model._meta.get_fields()}
            if {"latitude", "longitude"} <= field_names:
                qs = model.objects.visible_to(user).exclude(latitude__isnull=True)
                time_field = next((f for f in ("occurred_at", "reported_at", "date") if f in field_names), None)
                if time_field:
                    since = timezone.now() - dt.timedelta(days=90)
                    qs = qs.filter(**{f"{time_field}__gte": since if time_field != "date" else since.date()})
                points = grid_hotspots(qs.values_list("latitude", "longitude")[:50000])
                if points:
                    return points, "incidents (last 90 days, 150 m cells)"
    return [], ""
