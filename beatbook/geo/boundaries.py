"""Constituency-area boundaries, the Mong Kok district approximation, area names and points of interest."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon

from beatbook.geo.geojson import GeoJSONError, load_geojson, read_polygon_geojson
from beatbook.geo.paths import PACKAGE_DATA_DIR

BOUNDARIES_FILE = PACKAGE_DATA_DIR / "yau_tsim_mong_dcca2019.geojson"
NAMES_FILE = PACKAGE_DATA_DIR / "hk_dcca2019_names.csv"
POI_FILE = PACKAGE_DATA_DIR / "mongkok_points_of_interest.csv"

#: 2019 constituency areas whose union approximates the Mong Kok Police District (police boundaries are
#: not public): Mong Kok West, Fu Pak, Olympic, Cherry, Tai Kok Tsui South/North, Tai Nan, Mong Kok North,
#: East and South.
MONGKOK_CODES: tuple[str, ...] = tuple(f"E{i:02d}" for i in range(6, 16))

#: Named areas accepted by :func:`area_polygon`.
NAMED_AREAS: dict[str, tuple[str, ...]] = {
    "mongkok": MONGKOK_CODES,
    "yau_tsim_mong": tuple(f"E{i:02d}" for i in range(1, 21)),
}

# Generous box around Hong Kong's land and waters (WGS84); an area outside it is almost certainly
# swapped axes or the wrong file.
HONG_KONG_BBOX = (113.75, 22.10, 114.55, 22.60)

_CODE_RE = re.compile(r"^([A-Z])-?(\d{2})$")


class AreaError(ValueError):
    """An area specification that cannot be turned into a polygon."""


@dataclass(frozen=True)
class DccaName:
    """Names of one 2019 District Council constituency area."""

    code: str
    name_zh: str
    name_en: str
    district_zh: str
    district_en: str


@dataclass(frozen=True)
class PointOfInterest:
    """A reference point (MTR station, police station, street reference point) in WGS84."""

    kind: str
    name_en: str
    name_zh: str
    code: str
    lat: float
    lon: float
    dcca2019: str
    source: str
    notes: str


def normalise_code(code: str) -> str:
    """Return a constituency code as written in the GeoJSON (``"E-06"``, ``"e06"`` -> ``"E06"``)."""
    if not isinstance(code, str):
        raise AreaError(f"a constituency code must be a string, got {type(code).__name__}")
    match = _CODE_RE.match(code.strip().upper())
    if not match:
        raise AreaError(f"{code[:20]!r} is not a constituency code like 'E06'")
    return f"{match.group(1)}{match.group(2)}"


def load_boundaries(path: str | Path | None = None) -> dict[str, Polygon | MultiPolygon]:
    """Return ``{code: geometry}`` (WGS84) from a constituency GeoJSON (default: the shipped Yau Tsim Mong file).

    Each feature needs a ``Region`` property holding its code; codes are normalised to ``E06`` form.
    """
    resolved = str(Path(path).resolve()) if path is not None else str(BOUNDARIES_FILE)
    return dict(_load_boundaries_cached(resolved))


@lru_cache(maxsize=8)
def _load_boundaries_cached(path: str) -> tuple[tuple[str, Polygon | MultiPolygon], ...]:
    # Parse the whole file once (size and type checks), then build each feature's own geometry.
    data = load_geojson(Path(path))
    if not isinstance(data, Mapping) or data.get("type") != "FeatureCollection":
        raise GeoJSONError(f"{path}: expected a FeatureCollection of constituency areas")
    features = data.get("features")
    if not isinstance(features, list):
        raise GeoJSONError(f"{path}: 'features' must be a list")
    result: dict[str, Polygon | MultiPolygon] = {}
    for i, feature in enumerate(features):
        props = feature.get("properties") if isinstance(feature, Mapping) else None
        region = props.get("Region") if isinstance(props, Mapping) else None
        if not isinstance(region, str):
            raise GeoJSONError(f"{path}: features[{i}] has no 'Region' code property")
        code = normalise_code(region)
        if code in result:
            raise GeoJSONError(f"{path}: constituency {code} appears twice")
        result[code] = read_polygon_geojson(feature)
    return tuple(sorted(result.items()))


def area_polygon(
    spec: str | Path | Iterable[str] | Mapping[str, Any],
    *,
    boundaries: Mapping[str, Polygon | MultiPolygon] | None = None,
    within_hong_kong: bool = True,
) -> Polygon | MultiPolygon:
    """Return the WGS84 area described by ``spec``.

    ``spec`` is one of:

    * a named area: ``"mongkok"`` (union of E06-E15, the working approximation of the Mong Kok Police
      District) or ``"yau_tsim_mong"``;
    * a list/tuple of constituency codes (``["E06", "E-07"]``), unioned;
    * GeoJSON: a mapping, JSON text, or a path to a ``.geojson``/``.json`` file (Polygon, MultiPolygon,
      Feature or FeatureCollection), so an operator can substitute the official district polygon.

    ``within_hong_kong`` rejects areas reaching outside a box around Hong Kong (swapped axes, wrong file).
    Raises :class:`AreaError` or :class:`GeoJSONError` (both ``ValueError``).
    """
    if isinstance(spec, str) and spec.strip().lower() in NAMED_AREAS:
        area = _union_codes(NAMED_AREAS[spec.strip().lower()], boundaries)
    elif isinstance(spec, Mapping | Path | bytes) or (isinstance(spec, str) and _looks_like_geojson(spec)):
        area = read_polygon_geojson(spec)
    elif isinstance(spec, str):
        names = ", ".join(sorted(NAMED_AREAS))
        raise AreaError(
            f"unknown area {spec[:40]!r}: give one of {names}, a list of codes, or a .geojson path/GeoJSON"
        )
    elif isinstance(spec, Iterable):
        area = _union_codes(list(spec), boundaries)
    else:
        raise AreaError(f"cannot make an area from {type(spec).__name__}")
    if within_hong_kong:
        _check_in_hong_kong(area)
    return area


def _looks_like_geojson(text: str) -> bool:
    stripped = text.strip()
    return stripped.startswith("{") or stripped.lower().endswith((".geojson", ".json"))


def _union_codes(
    codes: Iterable[str], boundaries: Mapping[str, Polygon | MultiPolygon] | None
) -> Polygon | MultiPolygon:
    table = boundaries if boundaries is not None else load_boundaries()
    normalised = [normalise_code(code) for code in codes]
    if not normalised:
        raise AreaError("the list of constituency codes is empty")
    missing = sorted(set(normalised) - set(table))
    if missing:
        shipped = f"{min(table)}..{max(table)}" if table else "none"
        raise AreaError(f"no boundary for {', '.join(missing)} (boundaries available: {shipped})")
    return shapely.union_all([table[code] for code in dict.fromkeys(normalised)])


def _check_in_hong_kong(area: Polygon | MultiPolygon) -> None:
    min_lon, min_lat, max_lon, max_lat = area.bounds
    box_min_lon, box_min_lat, box_max_lon, box_max_lat = HONG_KONG_BBOX
    if min_lon < box_min_lon or min_lat < box_min_lat or max_lon > box_max_lon or max_lat > box_max_lat:
        raise AreaError(
            f"the area (lon {min_lon:.4f}..{max_lon:.4f}, lat {min_lat:.4f}..{max_lat:.4f}) is not inside "
            "Hong Kong; check that coordinates are [longitude, latitude] in WGS84"
        )


def dcca_names() -> dict[str, DccaName]:
    """Return ``{code: DccaName}`` for all 452 constituency areas of 2019 (Chinese and English names)."""
    return dict(_dcca_names_cached())


@lru_cache(maxsize=1)
def _dcca_names_cached() -> tuple[tuple[str, DccaName], ...]:
    rows: dict[str, DccaName] = {}
    with NAMES_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = normalise_code(row["code"])
            rows[code] = DccaName(
                code=code,
                name_zh=row["name_zh"].strip(),
                name_en=row["name_en"].strip(),
                district_zh=row["district_zh"].strip(),
                district_en=row["district_en"].strip(),
            )
    return tuple(rows.items())


def points_of_interest(kind: str | None = None) -> list[PointOfInterest]:
    """Return the shipped Mong Kok reference points, optionally only one ``kind``.

    Kinds: ``mtr_station``, ``police_station``, ``street_centroid`` (the median of accident locations on
    a street, a label position rather than a street geometry).
    """
    points = list(_points_cached())
    if kind is None:
        return points
    kinds = {p.kind for p in points}
    if kind not in kinds:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(sorted(kinds))}")
    return [p for p in points if p.kind == kind]


@lru_cache(maxsize=1)
def _points_cached() -> tuple[PointOfInterest, ...]:
    with POI_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(
            PointOfInterest(
                kind=row["kind"],
                name_en=row["name_en"],
                name_zh=row["name_zh"],
                code=row["code"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                dcca2019=row["dcca2019"],
                source=row["source"],
                notes=row["notes"],
            )
            for row in csv.DictReader(handle)
        )
