"""Import the Transport Department files into the database, and rebuild analysis frames from it.

The import is an upsert keyed by the TD's (year, serial) (and (year, serial, seq) for casualties and
vehicles), so it can be run again on the same or a corrected release without duplicating anything.
Bulk writes bypass the audit signals: one IMPORT audit entry records the counts instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from django.db import transaction
from django.utils import timezone

from beatbook.audit import recorder
from beatbook.audit.models import AuditAction
from beatbook.geo.boundaries import load_boundaries
from beatbook.geo.projection import points_in_polygon

from . import td_records
from .models import TD_CREDIT, Accident, Casualty, Vehicle

ACCIDENT_FIELDS = [
    "occurred_at", "severity", "district", "dcca", "lat", "lon", "grid_e", "grid_n", "street_name",
    "precise_location", "collision_type", "collision_type_cycle", "cycle_type", "vehicle_movements", "n_vehicles",
    "n_casualties", "weather", "rain", "natural_light", "at_junction", "junction_type", "junction_control",
    "within_70m", "crossing_control", "crossing_type", "road_type", "structure_type", "road_hierarchy",
    "road_ownership", "hit_and_run", "credit",
]  # fmt: skip
CASUALTY_FIELDS = [
    "accident_id", "age", "sex", "degree_of_injury", "role", "vehicle_class", "pedestrian_action",
    "pedestrian_location", "pedestrian_circumstances", "cycle_type", "injury_head", "injury_upper_trunk",
    "injury_lower_trunk", "injury_arms", "injury_legs", "grid_e", "grid_n", "credit",
]  # fmt: skip
VEHICLE_FIELDS = [
    "accident_id", "vehicle_class", "collision_with", "first_point", "manoeuvre", "accident_severity", "driver_age",
    "driver_sex", "year_of_manufacture", "cycle_type", "grid_e", "grid_n", "credit",
]  # fmt: skip
TEXT_LIMITS = {
    f.name: f.max_length
    for m in (Accident, Casualty, Vehicle)
    for f in m._meta.concrete_fields
    if getattr(f, "max_length", None)
}


@dataclass
class ImportReport:
    """What an import did (also written to the audit log)."""

    accidents_read: int = 0
    accidents_created: int = 0
    accidents_updated: int = 0
    casualties_created: int = 0
    casualties_updated: int = 0
    vehicles_created: int = 0
    vehicles_updated: int = 0
    skipped_outside_area: int = 0
    orphans_skipped: int = 0
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["problems"] = len(self.problems)
        return data


def assign_dcca(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """The 2019 Yau Tsim Mong constituency code each point lies in ("" elsewhere or unlocated)."""
    codes = np.full(len(lon), "", dtype=object)
    for code, polygon in load_boundaries().items():
        inside = points_in_polygon(lon, lat, polygon)
        codes[inside & (codes == "")] = code
    return codes


def _clean(value: Any, name: str) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None if name not in TEXT_LIMITS else ""
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, str) and name in TEXT_LIMITS:
        return value[: TEXT_LIMITS[name]]
    return value


def _rows(frame: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    frame = frame.astype(object).where(frame.notna(), None)
    return [
        {c: _clean(v, c) for c, v in zip(columns, row, strict=True)}
        for row in frame[columns].itertuples(index=False, name=None)
    ]


def import_frames(
    accidents: pd.DataFrame,
    casualties: pd.DataFrame,
    vehicles: pd.DataFrame,
    *,
    area=None,
    credit: str = TD_CREDIT,
    files: dict[str, str] | None = None,
    batch_size: int = 2000,
) -> ImportReport:
    """Upsert the three TD frames (from :mod:`td_records`); ``area`` (a WGS84 polygon) keeps only its accidents."""
    report = ImportReport(accidents_read=len(accidents))
    for frame in (accidents, casualties, vehicles):
        report.problems.extend(str(p) for p in td_records.bad_rows(frame))
    acc = accidents.copy()
    lon = pd.to_numeric(acc["lon"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    lat = pd.to_numeric(acc["lat"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    if area is not None:
        inside = points_in_polygon(lon, lat, area)
        report.skipped_outside_area = int((~inside).sum())
        acc, lon, lat = acc.loc[inside].reset_index(drop=True), lon[inside], lat[inside]
    acc["dcca"] = assign_dcca(lon, lat)
    acc["credit"] = credit
    # seq: the record's order within its accident in the file (stable for the same file).
    cas = casualties.copy()
    cas["seq"] = cas.groupby("key").cumcount() + 1
    veh = vehicles.copy()
    veh["seq"] = veh.groupby("key").cumcount() + 1
    keys = set(acc["key"])
    n_cas, n_veh = len(cas), len(veh)
    cas, veh = cas[cas["key"].isin(keys)].copy(), veh[veh["key"].isin(keys)].copy()
    if area is None:
        report.orphans_skipped = (n_cas - len(cas)) + (n_veh - len(veh))
    cas["credit"] = credit
    veh["credit"] = credit

    with transaction.atomic():
        existing = set(Accident.objects.values_list("year", "serial"))
        objs = [
            Accident(year=int(y), serial=int(s), **row)
            for (y, s), row in zip(
                acc[["year", "serial"]].itertuples(index=False, name=None),
                _rows(acc, ACCIDENT_FIELDS),
                strict=True,
            )
        ]
        report.accidents_updated = sum(1 for o in objs if (o.year, o.serial) in existing)
        report.accidents_created = len(objs) - report.accidents_updated
        Accident.objects.bulk_create(
            objs,
            batch_size=batch_size,
            update_conflicts=True,
            unique_fields=["year", "serial"],
            update_fields=ACCIDENT_FIELDS,
        )
        ids = {f"{y}-{s}": pk for pk, y, s in Accident.objects.values_list("pk", "year", "serial")}
        for frame, model, fields, prefix in (
            (cas, Casualty, CASUALTY_FIELDS, "casualties"),
            (veh, Vehicle, VEHICLE_FIELDS, "vehicles"),
        ):
            frame["accident_id"] = frame["key"].map(ids)
            existing = set(model.objects.values_list("year", "serial", "seq"))
            objs = [
                model(year=int(y), serial=int(s), seq=int(q), **row)
                for (y, s, q), row in zip(
                    frame[["year", "serial", "seq"]].itertuples(index=False, name=None),
                    _rows(frame, fields),
                    strict=True,
                )
            ]
            updated = sum(1 for o in objs if (o.year, o.serial, o.seq) in existing)
            setattr(report, f"{prefix}_updated", updated)
            setattr(report, f"{prefix}_created", len(objs) - updated)
            model.objects.bulk_create(
                objs,
                batch_size=batch_size,
                update_conflicts=True,
                unique_fields=["year", "serial", "seq"],
                update_fields=fields,
            )
        recorder.record(
            AuditAction.IMPORT,
            model="roads.accident",
            object_repr=f"TD import: {len(acc)} accidents, {len(cas)} casualties, {len(veh)} vehicles",
            after={**report.as_dict(), "files": files or {}, "credit": credit},
        )
    return report


def import_files(
    accidents: str | Path, casualties: str | Path, vehicles: str | Path, *, area=None, credit: str = TD_CREDIT
) -> ImportReport:
    """Read the three TD files (CSV or gzipped CSV) and upsert them (see :func:`import_frames`)."""
    acc = td_records.read_accidents(accidents)
    cas = td_records.read_casualties(casualties, accidents=acc)
    veh = td_records.read_vehicles(vehicles, accidents=acc)
    files = {"accidents": str(accidents), "casualties": str(casualties), "vehicles": str(vehicles)}
    return import_frames(acc, cas, veh, area=area, credit=credit, files=files)


# --- frames from the database -------------------------------------------------------------------------

ACCIDENT_FRAME_COLUMNS = [
    "pk",
    "year",
    "serial",
    "occurred_at",
    "severity",
    "lat",
    "lon",
    "street_name",
    "collision_type",
    "dcca",
]
CASUALTY_FRAME_COLUMNS = ["pk", "year", "serial", "role", "degree_of_injury", "age"]
VEHICLE_FRAME_COLUMNS = ["pk", "year", "serial", "vehicle_class"]


def day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in the site's time zone (Hong Kong), as an aware datetime."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _frame(qs, columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(list(qs.values_list(*columns)), columns=columns)
    frame["key"] = frame["year"].astype(str) + "-" + frame["serial"].astype(str)
    return frame


def frames_from_db(
    accidents_qs=None,
    casualties_qs=None,
    vehicles_qs=None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    bbox: tuple[float, float, float, float] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The records in the database as the three frames :mod:`beatbook.roads.analysis` takes.

    The querysets default to every row (callers pass ``visible_to(user)`` querysets); dates, when given,
    only pre-filter with a day's margin (the analysis applies the exact Hong Kong-day bounds); ``bbox``
    (min lon, min lat, max lon, max lat: the area polygon's bounds) pre-filters by location the same way
    (the analysis applies the exact polygon test), so a small area does not load all of Hong Kong.
    """
    acc_qs = Accident.objects.all() if accidents_qs is None else accidents_qs
    # Plain datetime bounds (not __date, which SQLite evaluates in Python row by row), a day's margin.
    if date_from:
        acc_qs = acc_qs.filter(occurred_at__gte=day_start(date_from - dt.timedelta(days=1)))
    if date_to:
        acc_qs = acc_qs.filter(occurred_at__lt=day_start(date_to + dt.timedelta(days=2)))
    if bbox is not None:
        min_lon, min_lat, max_lon, max_lat = bbox
        acc_qs = acc_qs.filter(lon__gte=min_lon, lon__lte=max_lon, lat__gte=min_lat, lat__lte=max_lat)
    acc = _frame(acc_qs, ACCIDENT_FRAME_COLUMNS)
    acc["occurred_at"] = pd.to_datetime(acc["occurred_at"], utc=True)
    for col in ("lat", "lon"):
        acc[col] = pd.to_numeric(acc[col], errors="coerce").astype(float)
    cas_qs = Casualty.objects.all() if casualties_qs is None else casualties_qs
    veh_qs = Vehicle.objects.all() if vehicles_qs is None else vehicles_qs
    if date_from or date_to or bbox is not None:
        cas_qs = cas_qs.filter(accident__in=acc_qs)
        veh_qs = veh_qs.filter(accident__in=acc_qs)
    cas = _frame(cas_qs, CASUALTY_FRAME_COLUMNS)
    cas["age"] = pd.to_numeric(cas["age"], errors="coerce").astype("Int64")
    veh = _frame(veh_qs, VEHICLE_FRAME_COLUMNS)
    return acc, cas, veh
