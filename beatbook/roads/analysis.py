"""Road-safety figures for an area: the headline summary and black sites (accident clusters).

The functions take three DataFrames - accidents, casualties, vehicles - with the columns listed in
:data:`REQUIRED_COLUMNS`. :mod:`beatbook.roads.td_records` produces them from the Transport Department
files; the Django app builds them from its own rows (``pd.DataFrame.from_records(qs.values(...))``), so
both give the same figures from the same function. Extra columns are ignored.

Location: an accident is in the area when its WGS84 ``lon``/``lat`` point lies inside the WGS84 area
polygon. Using lat/lon (not the HK1980 grid) is what reproduces the checked figures for E06-E15:
lat/lon gives 3,178 accidents, the grid 3,174 (the grid and lat/lon of a record differ by about 1 m,
which moves boundary points). Accidents the TD did not geocode cannot be placed in any area.

Run ``python -m beatbook.roads.analysis --help`` for a command-line summary of the shared files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree
from shapely.geometry import MultiPolygon, Polygon

from beatbook.geo.projection import hk1980_to_wgs84, points_in_polygon, wgs84_to_hk1980

HK_TZ = "Asia/Hong_Kong"
SEVERITIES = ("Fatal", "Serious", "Slight")
KSI_DEGREES = ("Killed", "Seriously Injured")
ELDERLY_AGE = 65
# Ages outside this range are "not known" (TD codes 999); the readers already null them, but rows built
# elsewhere (e.g. a database import) get the same treatment so every path counts alike.
_MAX_PLAUSIBLE_AGE = 120

#: Vehicle classes (TD ``Vehicle_Class``) making up each group.
VEHICLE_GROUPS: dict[str, frozenset[str]] = {
    "goods_vehicle": frozenset({"Light goods vehicle", "Medium goods vehicle", "Heavy goods vehicle"}),
    # Vehicle_Class "Bicycle" and Pedal_cycle "Pedal Cycle" mark exactly the same vehicle records.
    "bicycle": frozenset({"Bicycle"}),
    "public_transport": frozenset(
        {"Public franchised bus", "Public non-franchised bus", "Public light bus", "Taxi"}
    ),
}
#: Filters accepted by :func:`blacksites` ``groups``: the vehicle groups plus accidents injuring a
#: pedestrian aged 65 or over.
GROUPS = (*VEHICLE_GROUPS, "elderly_pedestrian")

#: Columns each frame must have. ``street_name`` and ``collision_type`` are needed by blacksites only.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "accidents": ("key", "occurred_at", "severity", "lat", "lon"),
    "casualties": ("key", "role", "degree_of_injury", "age"),
    "vehicles": ("key", "vehicle_class"),
}
BLACKSITE_ACCIDENT_COLUMNS = ("street_name", "collision_type")


class AnalysisInputError(ValueError):
    """The frames or parameters given to an analysis function are unusable."""


# --- selection ----------------------------------------------------------------------------------------


def select_accidents(
    accidents: pd.DataFrame,
    area_polygon: Polygon | MultiPolygon | None,
    date_from: dt.date | str | None,
    date_to: dt.date | str | None,
) -> pd.DataFrame:
    """Return the accidents inside ``area_polygon`` (WGS84; None = anywhere) between the two dates.

    Dates are inclusive and compared in Hong Kong local time; None leaves that end open.
    """
    _require(accidents, "accidents", REQUIRED_COLUMNS["accidents"])
    duplicated = accidents["key"].duplicated()
    if duplicated.any():
        # A repeated key would count its casualties and vehicles twice.
        raise AnalysisInputError(
            f"accidents.key is not unique (e.g. {accidents['key'][duplicated].iloc[0]!r})"
        )
    start, end = _date(date_from, "date_from"), _date(date_to, "date_to")
    if start and end and start > end:
        raise AnalysisInputError(f"date_from {start} is after date_to {end}")
    local = _local_times(accidents["occurred_at"])
    mask = pd.Series(True, index=accidents.index)
    if start is not None:
        mask &= (local >= pd.Timestamp(start, tz=HK_TZ)).fillna(False)
    if end is not None:
        # Inclusive end date: everything before the following local midnight.
        mask &= (local < pd.Timestamp(end + dt.timedelta(days=1), tz=HK_TZ)).fillna(False)
    if area_polygon is not None:
        lon = pd.to_numeric(accidents["lon"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        lat = pd.to_numeric(accidents["lat"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        mask &= points_in_polygon(lon, lat, area_polygon)
    selected = accidents.loc[mask.to_numpy()].copy()
    selected["local_time"] = local[mask.to_numpy()]
    _check_values(selected["severity"], SEVERITIES, "accidents.severity")
    return selected


# --- summary ------------------------------------------------------------------------------------------


def summary(
    accidents: pd.DataFrame,
    casualties: pd.DataFrame,
    vehicles: pd.DataFrame,
    area_polygon: Polygon | MultiPolygon | None,
    date_from: dt.date | str | None,
    date_to: dt.date | str | None,
) -> dict[str, Any]:
    """Return the headline road-safety figures for an area and period (JSON-ready, plain ints).

    ``{"accidents", "by_severity": {Fatal, Serious, Slight}, "casualties", "pedestrian_casualties",
    "pedestrians_killed", "elderly_pedestrian_casualties", "elderly_pedestrian_ksi", "involving":
    {"goods_vehicle"|"bicycle"|"public_transport": {Fatal, Serious, Slight}}}``.

    Casualties are those of the selected accidents; elderly = known age >= 65 (unknown ages are not
    counted as elderly); KSI = killed or seriously injured. ``involving`` counts accidents, by accident
    severity, with at least one vehicle of the group (see :data:`VEHICLE_GROUPS`).
    """
    selected = select_accidents(accidents, area_polygon, date_from, date_to)
    cas, veh = _related(selected, casualties, vehicles)
    pedestrians = cas[cas["role"] == "Pedestrian"]
    elderly = pedestrians[_elderly(pedestrians["age"])]
    severity_of = selected.set_index("key")["severity"]
    involving = {}
    for group, classes in VEHICLE_GROUPS.items():
        keys = pd.unique(veh.loc[veh["vehicle_class"].isin(classes), "key"])
        involving[group] = _by_severity(severity_of.loc[keys])
    return {
        "accidents": int(len(selected)),
        "by_severity": _by_severity(selected["severity"]),
        "casualties": int(len(cas)),
        "pedestrian_casualties": int(len(pedestrians)),
        "pedestrians_killed": int((pedestrians["degree_of_injury"] == "Killed").sum()),
        "elderly_pedestrian_casualties": int(len(elderly)),
        "elderly_pedestrian_ksi": int(elderly["degree_of_injury"].isin(KSI_DEGREES).sum()),
        "involving": involving,
    }


# --- black sites --------------------------------------------------------------------------------------


def blacksites(
    accidents: pd.DataFrame,
    casualties: pd.DataFrame,
    vehicles: pd.DataFrame,
    area_polygon: Polygon | MultiPolygon | None,
    date_from: dt.date | str | None,
    date_to: dt.date | str | None,
    radius: float = 50,
    top: int = 20,
    groups: Iterable[str] | None = None,
    severities: Iterable[str] | None = None,
    *,
    rank_by: str = "accidents",
    min_accidents: int = 2,
) -> list[dict[str, Any]]:
    """Rank the worst accident locations: non-overlapping circles of ``radius`` metres.

    Every geocoded accident location is a candidate centre. A KD-tree on HK1980 Grid metres counts the
    accidents and killed-or-seriously-injured (KSI) casualties within ``radius`` of each; candidates are
    taken greedily, best first (``rank_by="accidents"``: accidents then KSI; ``"ksi"``: KSI then
    accidents), and each pick suppresses candidates within ``2 * radius`` so no two circles overlap and no
    accident is counted twice. Sites with fewer than ``min_accidents`` accidents are left out.

    ``groups`` keeps accidents matching ANY of :data:`GROUPS`; ``severities`` keeps accidents of those
    severities. Each site is a JSON-ready dict: ``rank``, ``lat``, ``lon``, ``grid_e``, ``grid_n``,
    ``radius_m``, ``accidents``, ``by_severity``, ``casualties``, ``ksi_casualties``,
    ``pedestrian_casualties``, ``streets``, ``collision_types``, ``road_users`` (each a list of
    ``{"name", "accidents"}``, most frequent first), ``trend`` (``{"years": [{"year", "accidents"}],
    "slope_per_year"}``) and ``accident_keys``.
    """
    if not (isinstance(radius, int | float) and np.isfinite(radius) and 1 <= radius <= 5000):
        raise AnalysisInputError(f"radius must be between 1 and 5000 metres, got {radius!r}")
    if not isinstance(top, int) or isinstance(top, bool) or not 1 <= top <= 1000:
        raise AnalysisInputError(f"top must be a whole number between 1 and 1000, got {top!r}")
    if rank_by not in ("accidents", "ksi"):
        raise AnalysisInputError(f"rank_by must be 'accidents' or 'ksi', got {rank_by!r}")
    if not isinstance(min_accidents, int) or min_accidents < 1:
        raise AnalysisInputError(f"min_accidents must be a whole number >= 1, got {min_accidents!r}")
    _require(accidents, "accidents", REQUIRED_COLUMNS["accidents"] + BLACKSITE_ACCIDENT_COLUMNS)
    group_list = _choices(groups, GROUPS, "groups")
    severity_list = _choices(severities, SEVERITIES, "severities")

    selected = select_accidents(accidents, area_polygon, date_from, date_to)
    if severity_list is not None:
        selected = selected[selected["severity"].isin(severity_list)]
    cas, veh = _related(selected, casualties, vehicles)
    if group_list is not None:
        wanted = set().union(*(_group_keys(g, cas, veh) for g in group_list))
        selected = selected[selected["key"].isin(wanted)]
        cas, veh = _related(selected, casualties, vehicles)

    lon = pd.to_numeric(selected["lon"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    lat = pd.to_numeric(selected["lat"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    located = np.isfinite(lon) & np.isfinite(lat)
    selected = selected.loc[located].reset_index(drop=True)
    if selected.empty:
        return []
    east, north = wgs84_to_hk1980(lon[located], lat[located])
    points = np.column_stack([east, north])

    ksi_per_key = cas[cas["degree_of_injury"].isin(KSI_DEGREES)].groupby("key").size()
    ksi = selected["key"].map(ksi_per_key).fillna(0).to_numpy(dtype=float)

    tree = cKDTree(points)
    # Identical coordinates are common (TD snaps to reference points): one candidate per location.
    centres, first_index = np.unique(points, axis=0, return_index=True)
    neighbours = tree.query_ball_point(centres, r=radius)
    n_acc = np.fromiter((len(n) for n in neighbours), dtype=float, count=len(centres))
    n_ksi = np.fromiter((ksi[n].sum() for n in neighbours), dtype=float, count=len(centres))
    primary, secondary = (n_acc, n_ksi) if rank_by == "accidents" else (n_ksi, n_acc)
    # Ties go to the location of the earliest accident record, so results are reproducible.
    order = np.lexsort((first_index, -secondary, -primary))

    centre_tree = cKDTree(centres)
    blocked = np.zeros(len(centres), dtype=bool)
    years = _year_span(selected, date_from, date_to)
    sites: list[dict[str, Any]] = []
    for c in order:
        if len(sites) >= top or n_acc[c] < min_accidents:
            break
        if blocked[c]:
            continue
        blocked[centre_tree.query_ball_point(centres[c], r=2 * radius)] = True
        members = selected.iloc[sorted(neighbours[c])]
        sites.append(_describe_site(len(sites) + 1, centres[c], radius, members, cas, veh, years))
    return sites


def _describe_site(
    rank: int,
    centre: np.ndarray,
    radius: float,
    members: pd.DataFrame,
    casualties: pd.DataFrame,
    vehicles: pd.DataFrame,
    years: list[int],
) -> dict[str, Any]:
    keys = set(members["key"])
    cas = casualties[casualties["key"].isin(keys)]
    veh = vehicles[vehicles["key"].isin(keys)]
    lon, lat = _to_wgs84(centre)
    per_year = members["local_time"].dt.year.value_counts()
    counts = [int(per_year.get(y, 0)) for y in years]
    slope = float(np.polyfit(years, counts, 1)[0]) if len(years) >= 2 else None
    road_users = veh.drop_duplicates(["key", "vehicle_class"])["vehicle_class"].value_counts()
    pedestrian_accidents = cas.loc[cas["role"] == "Pedestrian", "key"].nunique()
    if pedestrian_accidents:
        road_users = pd.concat([road_users, pd.Series({"Pedestrian": pedestrian_accidents})])
    return {
        "rank": rank,
        "lat": round(lat, 6),
        "lon": round(lon, 6),
        "grid_e": round(float(centre[0]), 1),
        "grid_n": round(float(centre[1]), 1),
        "radius_m": float(radius),
        "accidents": int(len(members)),
        "by_severity": _by_severity(members["severity"]),
        "casualties": int(len(cas)),
        "ksi_casualties": int(cas["degree_of_injury"].isin(KSI_DEGREES).sum()),
        "pedestrian_casualties": int((cas["role"] == "Pedestrian").sum()),
        "streets": _top(members["street_name"], 3),
        "collision_types": _top(members["collision_type"], 3),
        "road_users": _top_counts(road_users, 5),
        "trend": {
            "years": [{"year": y, "accidents": n} for y, n in zip(years, counts, strict=True)],
            "slope_per_year": None if slope is None else round(slope, 3),
        },
        "accident_keys": sorted((str(k) for k in keys), key=_key_order),
    }


# --- helpers ------------------------------------------------------------------------------------------


def _require(frame: pd.DataFrame, name: str, columns: Iterable[str]) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise AnalysisInputError(f"{name} must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise AnalysisInputError(f"{name} lacks column(s) {', '.join(missing)}")


def _check_values(values: pd.Series, allowed: Iterable[str], name: str) -> None:
    """Refuse unknown category values: a mis-mapped import must fail loudly, not count as zero."""
    unknown = set(values.dropna().unique()) - set(allowed)
    if unknown:
        shown = ", ".join(sorted(repr(str(u)) for u in unknown)[:5])
        raise AnalysisInputError(f"{name} has unexpected value(s) {shown}; expected {', '.join(allowed)}")


def _date(value: dt.date | str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        raise AnalysisInputError(f"{name} must be a date, not a datetime (dates are whole HK local days)")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise AnalysisInputError(f"{name} {value[:30]!r} is not a YYYY-MM-DD date") from None
    raise AnalysisInputError(f"{name} must be a date, got {type(value).__name__}")


def _local_times(values: pd.Series) -> pd.Series:
    """Return times as Asia/Hong_Kong; naive times are refused (their zone would be a guess)."""
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return values.dt.tz_convert(HK_TZ)
    if pd.api.types.is_datetime64_dtype(values.dtype):
        raise AnalysisInputError("accidents.occurred_at must be timezone-aware, got naive datetimes")
    present = values.dropna()
    if any(getattr(v, "tzinfo", None) is None for v in present):
        raise AnalysisInputError("accidents.occurred_at must hold timezone-aware datetimes")
    try:
        return pd.to_datetime(values, utc=True).dt.tz_convert(HK_TZ)
    except (TypeError, ValueError) as exc:
        raise AnalysisInputError(f"accidents.occurred_at is not a datetime column: {exc}") from None


def _related(
    selected: pd.DataFrame, casualties: pd.DataFrame, vehicles: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    _require(casualties, "casualties", REQUIRED_COLUMNS["casualties"])
    _require(vehicles, "vehicles", REQUIRED_COLUMNS["vehicles"])
    keys = set(selected["key"])
    cas = casualties[casualties["key"].isin(keys)]
    veh = vehicles[vehicles["key"].isin(keys)]
    _check_values(cas["role"], ("Driver", "Passenger", "Pedestrian"), "casualties.role")
    _check_values(
        cas["degree_of_injury"],
        ("Killed", "Seriously Injured", "Slightly Injured"),
        "casualties.degree_of_injury",
    )
    return cas, veh


def _elderly(ages: pd.Series) -> pd.Series:
    age = pd.to_numeric(ages, errors="coerce")
    return ((age >= ELDERLY_AGE) & (age <= _MAX_PLAUSIBLE_AGE)).fillna(False).astype(bool)


def _group_keys(group: str, casualties: pd.DataFrame, vehicles: pd.DataFrame) -> set[str]:
    if group == "elderly_pedestrian":
        pedestrians = casualties[casualties["role"] == "Pedestrian"]
        return set(pedestrians.loc[_elderly(pedestrians["age"]), "key"])
    return set(vehicles.loc[vehicles["vehicle_class"].isin(VEHICLE_GROUPS[group]), "key"])


def _choices(values: Iterable[str] | None, allowed: Iterable[str], name: str) -> list[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    chosen = list(values)
    unknown = [v for v in chosen if v not in allowed]
    if unknown or not chosen:
        raise AnalysisInputError(f"{name} must be a non-empty list from {', '.join(allowed)}; got {chosen!r}")
    return chosen


def _by_severity(values: pd.Series) -> dict[str, int]:
    counts = values.value_counts()
    return {s: int(counts.get(s, 0)) for s in SEVERITIES}


def _top(values: pd.Series, n: int) -> list[dict[str, Any]]:
    return _top_counts(values.dropna().value_counts(), n)


def _top_counts(counts: pd.Series, n: int) -> list[dict[str, Any]]:
    # Sort by count, then name, so equal counts come out in a stable order.
    items = sorted(((str(k), int(v)) for k, v in counts.items()), key=lambda kv: (-kv[1], kv[0]))
    return [{"name": k, "accidents": v} for k, v in items[:n]]


def _year_span(selected: pd.DataFrame, date_from: Any, date_to: Any) -> list[int]:
    start, end = _date(date_from, "date_from"), _date(date_to, "date_to")
    years = selected["local_time"].dt.year
    first = start.year if start else int(years.min())
    last = end.year if end else int(years.max())
    return list(range(first, last + 1))


def _key_order(key: str) -> list[tuple[int, int | str]]:
    """Sort "2014-999" before "2014-1000": numeric parts compare as numbers."""
    return [(0, int(part)) if part.isdigit() else (1, part) for part in key.split("-")]


def _to_wgs84(point: np.ndarray) -> tuple[float, float]:
    lon, lat = hk1980_to_wgs84(point[0], point[1])
    return float(lon), float(lat)


# --- command line -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Print the summary (and optionally black sites) for the shared TD files, with timings on stderr."""
    from beatbook.geo import area_polygon, shared_data_dir
    from beatbook.roads.td_records import read_accidents, read_casualties, read_vehicles

    parser = argparse.ArgumentParser(prog="python -m beatbook.roads.analysis", description=main.__doc__)
    parser.add_argument("--data", default=None, help="folder with the hk_*_2014_2019.csv.gz files")
    parser.add_argument("--area", default="mongkok", help="named area, or a .geojson path")
    parser.add_argument("--from", dest="date_from", default="2014-01-01")
    parser.add_argument("--to", dest="date_to", default="2019-12-31")
    parser.add_argument("--blacksites", type=int, default=0, metavar="N", help="also list the top N sites")
    args = parser.parse_args(argv)

    folder = (shared_data_dir() / "hk") if args.data is None else Path(args.data)
    t0 = time.perf_counter()
    acc = read_accidents(folder / "hk_accidents_2014_2019.csv.gz")
    cas = read_casualties(folder / "hk_casualties_2014_2019.csv.gz", accidents=acc)
    veh = read_vehicles(folder / "hk_vehicles_2014_2019.csv.gz", accidents=acc)
    t1 = time.perf_counter()
    area = area_polygon(args.area)
    result: dict[str, Any] = {"summary": summary(acc, cas, veh, area, args.date_from, args.date_to)}
    t2 = time.perf_counter()
    if args.blacksites:
        result["blacksites"] = blacksites(
            acc, cas, veh, area, args.date_from, args.date_to, top=args.blacksites
        )
    t3 = time.perf_counter()
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    print()
    print(
        f"read 3 files: {t1 - t0:.2f} s; summary: {t2 - t1:.3f} s"
        + (f"; blacksites: {t3 - t2:.3f} s" if args.blacksites else ""),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
