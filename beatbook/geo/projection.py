"""WGS84 <-> Hong Kong 1980 Grid (EPSG:2326) conversion, vectorised point-in-polygon and GeoJSON output."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

WGS84 = 4326
HK1980_GRID = 2326

ArrayLike = npt.ArrayLike
FloatArray = npt.NDArray[np.float64]


@lru_cache(maxsize=8)
def transformer(source_epsg: int, target_epsg: int) -> Transformer:
    """Return a cached ``Transformer`` (x/y = lon/lat or easting/northing order).

    Building one costs milliseconds (PROJ database look-up) and pyproj >= 3.1 transformers are thread-safe,
    so one per direction is shared by the whole process.
    """
    return Transformer.from_crs(source_epsg, target_epsg, always_xy=True)


def _as_float_arrays(a: ArrayLike, b: ArrayLike, names: str) -> tuple[FloatArray, FloatArray]:
    x = np.asarray(a, dtype=np.float64)
    y = np.asarray(b, dtype=np.float64)
    if x.shape != y.shape:
        raise ValueError(f"{names} must have the same shape, got {x.shape} and {y.shape}")
    return x, y


def wgs84_to_hk1980(lons: ArrayLike, lats: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Convert WGS84 longitudes/latitudes to HK1980 Grid eastings/northings in metres (NaN stays NaN)."""
    x, y = _as_float_arrays(lons, lats, "lons and lats")
    east, north = transformer(WGS84, HK1980_GRID).transform(x, y)
    return np.asarray(east, dtype=np.float64), np.asarray(north, dtype=np.float64)


def hk1980_to_wgs84(eastings: ArrayLike, northings: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Convert HK1980 Grid eastings/northings (metres) to WGS84 ``(lons, lats)`` (NaN stays NaN)."""
    x, y = _as_float_arrays(eastings, northings, "eastings and northings")
    lon, lat = transformer(HK1980_GRID, WGS84).transform(x, y)
    return np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)


def geometry_to_hk1980(geometry: BaseGeometry) -> BaseGeometry:
    """Return a copy of a WGS84 geometry in HK1980 Grid metres (for areas, buffers and distances)."""

    def _project(coords: FloatArray) -> FloatArray:
        east, north = wgs84_to_hk1980(coords[:, 0], coords[:, 1])
        return np.column_stack([east, north])

    return shapely.transform(geometry, _project)


def points_in_polygon(
    lons: ArrayLike, lats: ArrayLike, polygon: Polygon | MultiPolygon
) -> npt.NDArray[np.bool_]:
    """Return a boolean array: which (lon, lat) points lie strictly inside ``polygon`` (same CRS).

    Uses shapely 2's vectorised ``contains_xy`` on a prepared geometry; points on the boundary and
    NaN coordinates (unlocated records) are outside.
    """
    if not isinstance(polygon, Polygon | MultiPolygon):
        raise TypeError(f"polygon must be a shapely Polygon or MultiPolygon, got {type(polygon).__name__}")
    x, y = _as_float_arrays(lons, lats, "lons and lats")
    if x.size == 0:
        return np.zeros(x.shape, dtype=bool)
    # prepare() builds a spatial index inside the geometry once; later calls reuse it.
    shapely.prepare(polygon)
    return np.asarray(shapely.contains_xy(polygon, x, y), dtype=bool)


def to_geojson(
    geometry: BaseGeometry, properties: dict[str, Any] | None = None, *, precision: int | None = 6
) -> dict[str, Any]:
    """Return a GeoJSON Feature dict for ``geometry`` (WGS84) with ``properties``.

    Coordinates are rounded to ``precision`` decimal places (6 = about 0.1 m) to keep responses small;
    ``None`` keeps full precision. The result contains only lists, floats, strings and dicts.
    """
    if not isinstance(geometry, BaseGeometry):
        raise TypeError(f"geometry must be a shapely geometry, got {type(geometry).__name__}")
    if properties is not None and not isinstance(properties, dict):
        raise TypeError(f"properties must be a dict or None, got {type(properties).__name__}")
    if precision is not None:
        geometry = shapely.transform(geometry, lambda coords: np.round(coords, precision))
    return {
        "type": "Feature",
        "geometry": _listify(shapely.geometry.mapping(geometry)),
        "properties": dict(properties or {}),
    }


def _listify(value: Any) -> Any:
    """``mapping()`` returns nested tuples; JSON-ready output uses lists."""
    if isinstance(value, dict):
        return {k: _listify(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_listify(v) for v in value]
    if isinstance(value, np.floating):
        return float(value)
    return value
