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


def ring_ids(queryset, lat: float, lon: float, outer_m: float, inner_m: float = 0.0) -> list[int]:
    """Ids of located incidents of ``queryset`` at a distance d from (lat, lon) with inner_m <= d < outer_m.

    Distances are measured on the Hong Kong 1980 Grid (metres); a bounding box narrows the rows first.
    """
    from beatbook.geo.projection import wgs84_to_hk1980

    # 1 degree of latitude is ~110.6 km; longitude at 22.3 N is ~103 km: pad the box generously.
    dlat, dlon = outer_m / 100_000 + 0.001, outer_m / 90_000 + 0.001
    boxed = queryset.filter(
        lat__gte=lat - dlat, lat__lte=lat + dlat, lon__gte=lon - dlon, lon__lte=lon + dlon
    ).values_list("pk", "lon", "lat")
    rows = np.array(list(boxed), dtype=float).reshape(-1, 3)
    if len(rows) == 0:
        return []
    xs, ys = wgs84_to_hk1980(rows[:, 1], rows[:, 2])
    cx, cy = wgs84_to_hk1980([lon], [lat])
    dist = np.hypot(xs - cx[0], ys - cy[0])
    keep = (dist >= inner_m) & (dist < outer_m)
    return rows[keep, 0].astype(int).tolist()


def parse_ring(value: str) -> tuple[float, float, float, float]:
    """``"lat,lon,outer[,inner]"`` (metres) -> numbers; ValidationError with a clear message otherwise."""
    parts = [p.strip() for p in (value or "").split(",")]
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) not in (3, 4) or not all(np.isfinite(numbers)):
        raise ValidationError(_("Give the ring as latitude,longitude,outer radius[,inner radius] in metres."))
    lat, lon, outer = numbers[:3]
    inner = numbers[3] if len(numbers) == 4 else 0.0
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not 0 <= inner < outer <= 50_000:
        raise ValidationError(_("The ring needs a valid position and 0 <= inner < outer <= 50,000 m."))
    return lat, lon, outer, inner


def filter_ring(queryset, value: str):
    """Incidents of ``queryset`` inside the ring ``value`` ("lat,lon,outer[,inner]"); none if invalid."""
    try:
        lat, lon, outer, inner = parse_ring(value)
    except ValidationError:
        return queryset.none()
    return queryset.filter(pk__in=ring_ids(queryset, lat, lon, outer, inner))
