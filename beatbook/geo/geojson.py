"""Strict reading of polygon GeoJSON supplied by operators (for example the official police district polygon).

The input may come from an upload form, so it is treated as hostile: bounded in size, vertex and feature
counts, checked type by type, and turned into a valid shapely (Multi)Polygon or a :class:`GeoJSONError`
whose message says what is wrong and where (``features[3].geometry.coordinates[0][5]``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

#: Largest GeoJSON text or file accepted (the shipped Yau Tsim Mong file is 24 KB).
MAX_GEOJSON_BYTES = 10 * 1024 * 1024
#: Most vertices accepted over all rings; far above any district outline.
MAX_VERTICES = 500_000
#: Most features accepted in a FeatureCollection.
MAX_FEATURES = 10_000

_WGS84_CRS_NAMES = {
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:OGC::CRS84",
    "urn:ogc:def:crs:EPSG::4326",
    "EPSG:4326",
}


class GeoJSONError(ValueError):
    """The GeoJSON is unreadable, too large, of the wrong type or geometrically invalid."""


def read_polygon_geojson(source: str | bytes | Path | Mapping[str, Any]) -> Polygon | MultiPolygon:
    """Read a Polygon, MultiPolygon, Feature or FeatureCollection and return its (unioned) area.

    ``source`` is a parsed GeoJSON mapping, GeoJSON text (``str``/``bytes`` starting with ``{``) or a path
    to a ``.geojson``/``.json`` file. Coordinates must be WGS84 longitude/latitude, as RFC 7946 requires.
    Several polygons (features or MultiPolygon parts) are unioned into one area.

    Raises :class:`GeoJSONError` for anything else, including files over :data:`MAX_GEOJSON_BYTES`, more
    than :data:`MAX_VERTICES` vertices, unclosed or self-intersecting rings and projected coordinates.
    """
    data = load_geojson(source)
    counter = [0]
    polygons = _polygons_of(data, "$", counter)
    if not polygons:
        raise GeoJSONError("$: the GeoJSON holds no polygon")
    area = polygons[0] if len(polygons) == 1 else shapely.union_all(polygons)
    if area.is_empty or area.area <= 0:
        raise GeoJSONError("$: the polygons enclose no area")
    if not isinstance(area, Polygon | MultiPolygon):
        # union_all of polygons is areal; anything else means degenerate input slipped through.
        raise GeoJSONError(f"$: the union of the polygons is a {area.geom_type}, not an area")
    return area


def load_geojson(source: str | bytes | Path | Mapping[str, Any]) -> Any:
    """Return parsed JSON from a mapping, JSON text/bytes or a ``.geojson``/``.json`` path.

    The size limit is enforced before parsing; NaN/Infinity and over-deep nesting are refused.
    Raises :class:`GeoJSONError`.
    """
    if isinstance(source, Mapping):
        return source
    if isinstance(source, Path):
        return _parse_text(_read_file(source), str(source))
    if isinstance(source, bytes | bytearray):
        if len(source) > MAX_GEOJSON_BYTES:
            raise GeoJSONError(f"GeoJSON is {len(source):,} bytes; the limit is {MAX_GEOJSON_BYTES:,}")
        try:
            text = bytes(source).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise GeoJSONError(f"GeoJSON is not UTF-8: {exc}") from None
        return _parse_text(text, "GeoJSON text")
    if isinstance(source, str):
        if source.lstrip().startswith("{"):
            if len(source) > MAX_GEOJSON_BYTES:
                raise GeoJSONError(
                    f"GeoJSON is {len(source):,} characters; the limit is {MAX_GEOJSON_BYTES:,}"
                )
            return _parse_text(source, "GeoJSON text")
        return _parse_text(_read_file(Path(source)), source)
    raise GeoJSONError(
        f"expected a GeoJSON mapping, text or file path, got {type(source).__name__}",
    )


def _read_file(path: Path) -> str:
    if path.suffix.lower() not in {".geojson", ".json"}:
        raise GeoJSONError(f"{path}: expected a .geojson or .json file")
    if not path.is_file():
        raise GeoJSONError(f"{path}: no such file")
    size = path.stat().st_size
    if size > MAX_GEOJSON_BYTES:
        raise GeoJSONError(f"{path}: {size:,} bytes; the limit is {MAX_GEOJSON_BYTES:,}")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GeoJSONError(f"{path}: not UTF-8 text: {exc}") from None


def _parse_text(text: str, where: str) -> Any:
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        # Deeply nested arrays are a classic way to crash a JSON parser.
        raise GeoJSONError(f"{where}: JSON nested too deeply") from None
    except (json.JSONDecodeError, ValueError) as exc:
        raise GeoJSONError(f"{where}: not valid JSON: {exc}") from None


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed in GeoJSON")


def _polygons_of(obj: Any, where: str, counter: list[int]) -> list[Polygon]:
    if not isinstance(obj, Mapping):
        raise GeoJSONError(f"{where}: expected a JSON object, got {_kind(obj)}")
    kind = obj.get("type")
    _check_crs(obj, where)
    if kind == "FeatureCollection":
        features = obj.get("features")
        if not isinstance(features, list):
            raise GeoJSONError(f"{where}.features: expected a list, got {_kind(features)}")
        if len(features) > MAX_FEATURES:
            raise GeoJSONError(f"{where}.features: {len(features):,} features; the limit is {MAX_FEATURES:,}")
        polygons: list[Polygon] = []
        for i, feature in enumerate(features):
            if not isinstance(feature, Mapping) or feature.get("type") != "Feature":
                raise GeoJSONError(f"{where}.features[{i}]: expected a Feature object")
            polygons.extend(_polygons_of(feature, f"{where}.features[{i}]", counter))
        return polygons
    if kind == "Feature":
        geometry = obj.get("geometry")
        if geometry is None:
            raise GeoJSONError(f"{where}.geometry: the feature has no geometry")
        return _polygons_of(geometry, f"{where}.geometry", counter)
    if kind == "Polygon":
        return [_polygon(obj.get("coordinates"), f"{where}.coordinates", counter)]
    if kind == "MultiPolygon":
        coords = obj.get("coordinates")
        if not isinstance(coords, list) or not coords:
            raise GeoJSONError(f"{where}.coordinates: expected a non-empty list of polygons")
        return [_polygon(part, f"{where}.coordinates[{i}]", counter) for i, part in enumerate(coords)]
    accepted = "Polygon, MultiPolygon, Feature or FeatureCollection"
    if isinstance(kind, str):
        raise GeoJSONError(f"{where}: type {kind[:40]!r} is not an area; expected {accepted}")
    raise GeoJSONError(f"{where}: missing 'type'; expected {accepted}")


def _check_crs(obj: Mapping[str, Any], where: str) -> None:
    """Refuse the obsolete (2008) ``crs`` member unless it names WGS84: RFC 7946 allows nothing else."""
    crs = obj.get("crs")
    if crs is None:
        return
    name = crs.get("properties", {}).get("name") if isinstance(crs, Mapping) else None
    if name not in _WGS84_CRS_NAMES:
        raise GeoJSONError(
            f"{where}.crs: coordinates must be WGS84 longitude/latitude (RFC 7946); got crs {str(name)[:80]!r}"
        )


def _polygon(coords: Any, where: str, counter: list[int]) -> Polygon:
    if not isinstance(coords, list) or not coords:
        raise GeoJSONError(f"{where}: expected a non-empty list of linear rings")
    rings = [_ring(ring, f"{where}[{i}]", counter) for i, ring in enumerate(coords)]
    polygon = Polygon(rings[0], rings[1:])
    if not polygon.is_valid:
        raise GeoJSONError(f"{where}: invalid polygon: {shapely.is_valid_reason(polygon)}")
    if polygon.area <= 0:
        raise GeoJSONError(f"{where}: the polygon encloses no area")
    return polygon


def _ring(ring: Any, where: str, counter: list[int]) -> list[tuple[float, float]]:
    if not isinstance(ring, list):
        raise GeoJSONError(f"{where}: expected a list of positions, got {_kind(ring)}")
    if len(ring) < 4:
        raise GeoJSONError(f"{where}: a linear ring needs at least 4 positions, got {len(ring)}")
    counter[0] += len(ring)
    if counter[0] > MAX_VERTICES:
        raise GeoJSONError(f"{where}: more than {MAX_VERTICES:,} vertices in total")
    points = [_position(pos, f"{where}[{j}]") for j, pos in enumerate(ring)]
    if points[0] != points[-1]:
        raise GeoJSONError(f"{where}: the ring is not closed (first and last positions differ)")
    return points


def _position(pos: Any, where: str) -> tuple[float, float]:
    if not isinstance(pos, list) or len(pos) not in (2, 3):
        raise GeoJSONError(f"{where}: expected [longitude, latitude], got {_kind(pos)}")
    for value in pos:
        # bool is an int subclass in Python; true/false is never a coordinate.
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise GeoJSONError(f"{where}: coordinates must be finite numbers, got {str(value)[:40]!r}")
    lon, lat = float(pos[0]), float(pos[1])
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        hint = ""
        if abs(lon) > 1000 or abs(lat) > 1000:
            hint = " (these look like projected metres, e.g. HK1980 Grid; convert to WGS84 first)"
        raise GeoJSONError(f"{where}: [{lon}, {lat}] is not a WGS84 longitude/latitude{hint}")
    return (lon, lat)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return type(value).__name__


def geometry_is_areal(geometry: BaseGeometry) -> bool:
    """Return True for a non-empty Polygon or MultiPolygon."""
    return isinstance(geometry, Polygon | MultiPolygon) and not geometry.is_empty
