"""Area parsing and the summary / black-site figures computed from the database records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from beatbook.geo.boundaries import NAMED_AREAS, AreaError, area_polygon

from . import analysis
from .importer import frames_from_db
from .models import Accident, Casualty, Vehicle


def parse_area(spec: str, *, allow_files: bool = True):
    """``mongkok`` / ``yau_tsim_mong``, a code list ``E06,E07``, or (command line only) a GeoJSON file path."""
    spec = (spec or "").strip()
    if not spec:
        raise AreaError("give an area: mongkok, a list of codes like E06,E07, or a GeoJSON file")
    if spec.lower() in NAMED_AREAS:
        return area_polygon(spec.lower())
    if allow_files and (spec.lower().endswith((".geojson", ".json")) or Path(spec).is_file()):
        path = Path(spec)
        if not path.is_file():
            raise AreaError(f"no such GeoJSON file: {spec}")
        return area_polygon(path)
    return area_polygon([code for code in spec.split(",") if code.strip()])


def parse_date(value: str | dt.date | None, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{name} {str(value)[:30]!r} is not a YYYY-MM-DD date") from None


def _bbox(area) -> tuple[float, float, float, float] | None:
    return None if area is None else tuple(area.bounds)


def _querysets(user):
    if user is None:
        return Accident.objects.all(), Casualty.objects.all(), Vehicle.objects.all()
    return (
        Accident.objects.visible_to(user),
        Casualty.objects.visible_to(user),
        Vehicle.objects.visible_to(user),
    )


def db_summary(area, date_from: dt.date | None, date_to: dt.date | None, user=None) -> dict[str, Any]:
    """The issue's summary dict for ``area`` (a polygon) from the records ``user`` may see (None = all)."""
    acc, cas, veh = frames_from_db(*_querysets(user), date_from=date_from, date_to=date_to, bbox=_bbox(area))
    return analysis.summary(acc, cas, veh, area, date_from, date_to)


def db_blacksites(
    area, date_from, date_to, *, radius: float = 50, top: int = 20, groups=None, severities=None, user=None
) -> list[dict[str, Any]]:
    """Black sites ranked from the database records (see :func:`beatbook.roads.analysis.blacksites`)."""
    acc, cas, veh = frames_from_db(*_querysets(user), date_from=date_from, date_to=date_to, bbox=_bbox(area))
    acc["street_name"] = acc["street_name"].replace("", None)
    acc["collision_type"] = acc["collision_type"].replace("", None)
    return analysis.blacksites(
        acc, cas, veh, area, date_from, date_to, radius=radius, top=top, groups=groups, severities=severities
    )


def credits(user=None) -> list[str]:
    """The distinct source lines of the records shown (for the credit on every page)."""
    qs = Accident.objects.all() if user is None else Accident.objects.visible_to(user)
    return list(qs.order_by().values_list("credit", flat=True).distinct()[:5])
