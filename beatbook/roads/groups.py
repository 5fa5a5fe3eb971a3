"""Database versions of the plan's road-user groups (same definitions as :mod:`beatbook.roads.analysis`)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from beatbook.geo.boundaries import NAMED_AREAS, normalise_code

from .analysis import ELDERLY_AGE, KSI_DEGREES, VEHICLE_GROUPS

GROUP_CHOICES = [
    ("all", _("All road users")),
    ("public_transport", _("Public transport")),
    ("bicycle", _("Cyclists")),
    ("goods_vehicle", _("Goods vehicles")),
    ("elderly_pedestrian", _("Elderly pedestrians (65+)")),
    ("pedestrian", _("Pedestrians")),
]
AREA_CHOICES = [("mongkok", _("Mong Kok (E06-E15)")), ("yau_tsim_mong", _("Yau Tsim Mong (E01-E20)"))]


def area_codes(area: str) -> list[str] | None:
    """Constituency codes for a named area or a comma list (``E06,E07``); None = anywhere."""
    area = (area or "").strip()
    if not area or area == "all":
        return None
    if area.lower() in NAMED_AREAS:
        return list(NAMED_AREAS[area.lower()])
    return [normalise_code(code) for code in area.split(",") if code.strip()]


def accidents_in_group(qs: QuerySet, group: str, prefix: str = "") -> QuerySet:
    """Accidents (or rows related through ``prefix``, e.g. ``accident__``) in a plan group."""
    if not group or group == "all":
        return qs
    if group in VEHICLE_GROUPS:
        return qs.filter(**{f"{prefix}vehicles__vehicle_class__in": sorted(VEHICLE_GROUPS[group])}).distinct()
    if group in ("elderly_pedestrian", "pedestrian"):
        cond = {f"{prefix}casualties__role": "Pedestrian"}
        if group == "elderly_pedestrian":
            cond.update({f"{prefix}casualties__age__gte": ELDERLY_AGE, f"{prefix}casualties__age__lte": 120})
        return qs.filter(**cond).distinct()
    raise ValueError(f"unknown group {group!r}")


def casualties_in_group(qs: QuerySet, group: str) -> QuerySet:
    """Casualties counted for a group: pedestrian groups by the person; vehicle groups by the accident."""
    if not group or group == "all":
        return qs
    if group == "pedestrian":
        return qs.filter(role="Pedestrian")
    if group == "elderly_pedestrian":
        return qs.filter(role="Pedestrian", age__gte=ELDERLY_AGE, age__lte=120)
    if group in VEHICLE_GROUPS:
        return qs.filter(accident__vehicles__vehicle_class__in=sorted(VEHICLE_GROUPS[group])).distinct()
    raise ValueError(f"unknown group {group!r}")


KSI_Q = Q(degree_of_injury__in=KSI_DEGREES)
