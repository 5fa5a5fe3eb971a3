"""Area filters on incidents: named areas, constituency codes or a saved boundary polygon."""

from __future__ import annotations

import numpy as np
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_IN = 20_000


def area_geometry(value: str):
    """(codes, polygon) for an area value: named area / codes -> codes; a saved boundary -> polygon."""
    from beatbook.geo import NAMED_AREAS, AreaError, normalise_code

    value = (value or "").strip()
    if not value:
        return None, None
    if value.lower() in NAMED_AREAS:
        return list(NAMED_AREAS[value.lower()]), None
    try:
        return [normalise_code(v) for v in value.split(",") if v.strip()], None
    except AreaError:
        pass
    if apps.is_installed("beatbook.hotspots"):
        AreaBoundary = apps.get_model("hotspots", "AreaBoundary")  # noqa: N806
        boundary = AreaBoundary.objects.filter(slug=value[:60]).first()
        if boundary is not None:
            return None, boundary.polygon()
    raise ValidationError(
        _("Unknown area %(v)s: give mongkok, constituency codes like E06,E07 or a boundary id.")
        % {"v": value[:40]}
    )


def filter_in_area(queryset, value: str):
    """Incidents of ``queryset`` inside the area ``value``."""
    import shapely

    try:
        codes, polygon = area_geometry(value)
    except ValidationError:
        return queryset.none()
    if codes is not None:
        return queryset.filter(dcca__in=codes)
    if polygon is None:
        return queryset
    minx, miny, maxx, maxy = polygon.bounds
    boxed = queryset.filter(lon__gte=minx, lon__lte=maxx, lat__gte=miny, lat__lte=maxy)
    rows = np.array(list(boxed.values_list("pk", "lon", "lat")), dtype=float).reshape(-1, 3)
    if len(rows) == 0:
        return queryset.none()
    shapely.prepare(polygon)
    inside = shapely.contains_xy(polygon, rows[:, 1], rows[:, 2])
    ids = rows[inside, 0].astype(int).tolist()
    # Keep the IN list within SQLite's variable limit: use the shorter of "inside" and "outside".
    if len(ids) <= MAX_IN:
        return queryset.filter(pk__in=ids)
    outside = rows[~inside, 0].astype(int).tolist()
    return boxed.exclude(pk__in=outside[:MAX_IN])
