"""Tests for beatbook.geo: paths, boundaries, the Mong Kok area, hostile GeoJSON, projection, GeoJSON output."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon

from beatbook import geo
from beatbook.geo import (
    MONGKOK_CODES,
    AreaError,
    GeoJSONError,
    area_polygon,
    dcca_names,
    geometry_to_hk1980,
    hk1980_to_wgs84,
    load_boundaries,
    normalise_code,
    points_in_polygon,
    points_of_interest,
    read_polygon_geojson,
    repo_root,
    shared_data_dir,
    to_geojson,
    wgs84_to_hk1980,
)
from beatbook.geo import geojson as geojson_module

# A small square in Mong Kok (around Argyle Street / Nathan Road), WGS84.
SQUARE = [[114.168, 22.318], [114.171, 22.318], [114.171, 22.321], [114.168, 22.321], [114.168, 22.318]]
MONG_KOK_STATION = (114.16935224, 22.319300588)


def _poi(name_en: str) -> geo.PointOfInterest:
    return next(p for p in points_of_interest() if p.name_en == name_en)


# --- paths --------------------------------------------------------------------------------------------


def test_shared_data_dir_defaults_beside_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BEATBOOK_SHARED_DATA", raising=False)
    assert shared_data_dir() == repo_root().parent / "shared" / "data"
    assert (repo_root() / "pyproject.toml").is_file()


def test_shared_data_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BEATBOOK_SHARED_DATA", str(tmp_path))
    assert shared_data_dir() == tmp_path
    monkeypatch.setenv("BEATBOOK_SHARED_DATA", "   ")  # blank means unset, not the current directory
    assert shared_data_dir() == repo_root().parent / "shared" / "data"


def test_shipped_data_matches_the_shared_copy() -> None:
    shared = shared_data_dir() / "hk"
    assert shared.is_dir(), f"shared data missing at {shared}; set BEATBOOK_SHARED_DATA"
    for name in ("yau_tsim_mong_dcca2019.geojson", "hk_dcca2019_names.csv", "mongkok_points_of_interest.csv"):
        assert (geo.PACKAGE_DATA_DIR / name).read_bytes() == (shared / name).read_bytes(), name
    assert (geo.PACKAGE_DATA_DIR / "NOTICE.md").is_file()


# --- boundaries and names -----------------------------------------------------------------------------


def test_load_boundaries_returns_the_twenty_yau_tsim_mong_areas() -> None:
    boundaries = load_boundaries()
    assert sorted(boundaries) == [f"E{i:02d}" for i in range(1, 21)]
    assert all(g.is_valid and g.area > 0 for g in boundaries.values())
    boundaries.clear()  # the caller's copy; the cache must be unaffected
    assert len(load_boundaries()) == 20


def test_load_boundaries_rejects_a_file_without_codes(tmp_path: Path) -> None:
    path = tmp_path / "areas.geojson"
    feature = {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [SQUARE]}}
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    with pytest.raises(GeoJSONError, match="Region"):
        load_boundaries(path)


def test_mongkok_is_the_union_of_e06_to_e15() -> None:
    boundaries = load_boundaries()
    mongkok = area_polygon("mongkok")
    expected = shapely.union_all([boundaries[c] for c in MONGKOK_CODES])
    assert tuple(f"E{i:02d}" for i in range(6, 16)) == MONGKOK_CODES
    assert mongkok.equals(expected)
    assert isinstance(mongkok, Polygon)  # one contiguous district
    area_km2 = geometry_to_hk1980(mongkok).area / 1e6
    assert 2.0 < area_km2 < 3.0, area_km2


def test_mongkok_contains_its_stations_and_not_yau_ma_tei() -> None:
    mongkok = area_polygon("mongkok")
    for station in points_of_interest("mtr_station"):
        inside = mongkok.contains(Point(station.lon, station.lat))
        in_mongkok_dcca = station.dcca2019[:3] in MONGKOK_CODES
        assert inside == in_mongkok_dcca, station.name_en
    assert mongkok.contains(Point(_poi("Mongkok Police Station").lon, _poi("Mongkok Police Station").lat))
    assert not mongkok.contains(Point(_poi("Yau Ma Tei").lon, _poi("Yau Ma Tei").lat))


def test_area_from_a_list_of_codes_normalises_them() -> None:
    assert area_polygon(["E-06", "e07"]).equals(area_polygon(["E06", "E07"]))
    assert area_polygon(("E06",)).equals(load_boundaries()["E06"])


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (["E99"], "no boundary for E99"),
        (["A01"], "no boundary for A01"),
        ([], "empty"),
        (["Mong Kok"], "not a constituency code"),
        ([6], "must be a string"),
        ("kowloon", "unknown area"),
        (42, "cannot make an area"),
    ],
)
def test_area_polygon_rejects_bad_specs(spec: object, message: str) -> None:
    with pytest.raises(AreaError, match=message):
        area_polygon(spec)  # type: ignore[arg-type]


def test_normalise_code() -> None:
    assert normalise_code(" e-06 ") == "E06"
    with pytest.raises(AreaError):
        normalise_code("E6")


def test_dcca_names_have_chinese_and_english() -> None:
    names = dcca_names()
    assert len(names) == 452
    assert names["E06"].name_zh == "旺角西"
    assert names["E06"].name_en == "MONG KOK WEST"
    assert names["E06"].district_en == "Yau Tsim Mong"
    assert names["A01"].name_zh == "中環"
    assert all(code == entry.code and len(code) == 3 for code, entry in names.items())


def test_points_of_interest() -> None:
    kinds = {p.kind for p in points_of_interest()}
    assert kinds == {"mtr_station", "police_station", "street_centroid"}
    assert len(points_of_interest("mtr_station")) == 5
    assert _poi("Mong Kok").name_zh == "旺角"
    with pytest.raises(ValueError, match="unknown kind"):
        points_of_interest("hospital")


# --- GeoJSON input ------------------------------------------------------------------------------------

POLYGON = {"type": "Polygon", "coordinates": [SQUARE]}


@pytest.mark.parametrize(
    "spec",
    [
        POLYGON,
        {"type": "MultiPolygon", "coordinates": [[SQUARE]]},
        {"type": "Feature", "properties": {"name": "x"}, "geometry": POLYGON},
        {
            "type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {}, "geometry": POLYGON}],
        },
        json.dumps(POLYGON),
        json.dumps(POLYGON).encode(),
    ],
)
def test_area_polygon_accepts_geojson_forms(spec: object) -> None:
    area = area_polygon(spec)  # type: ignore[arg-type]
    assert area.equals(Polygon(SQUARE))


def test_area_polygon_reads_a_geojson_file_by_path_or_string(tmp_path: Path) -> None:
    path = tmp_path / "official.geojson"
    path.write_text(json.dumps({"type": "Feature", "properties": {}, "geometry": POLYGON}))
    assert area_polygon(path).equals(Polygon(SQUARE))
    assert area_polygon(str(path)).equals(Polygon(SQUARE))


def test_multipolygon_parts_are_unioned() -> None:
    other = [[x + 0.01, y] for x, y in SQUARE]
    area = read_polygon_geojson({"type": "MultiPolygon", "coordinates": [[SQUARE], [other]]})
    assert isinstance(area, MultiPolygon)
    assert len(area.geoms) == 2


def test_polygon_with_a_hole() -> None:
    hole = [[114.169, 22.319], [114.170, 22.319], [114.170, 22.320], [114.169, 22.320], [114.169, 22.319]]
    area = read_polygon_geojson({"type": "Polygon", "coordinates": [SQUARE, hole]})
    assert not area.contains(Point(114.1695, 22.3195))
    assert area.contains(Point(114.1685, 22.3185))


def _ring_with(position: object) -> dict:
    return {"type": "Polygon", "coordinates": [[position, *SQUARE[1:-1], position]]}


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"type": "Polygon", "coordinates": [[[NaN, 22.3]]]}', "not valid JSON"),
        ("{" + '"a":' * 1 + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        (b"\xff\xfe{}", "not UTF-8"),
        ({"type": "Point", "coordinates": [114.17, 22.32]}, "'Point' is not an area"),
        ({"type": "LineString", "coordinates": SQUARE}, "not an area"),
        ({"type": "GeometryCollection", "geometries": [POLYGON]}, "not an area"),
        ({"coordinates": [SQUARE]}, "missing 'type'"),
        ([POLYGON], "expected a GeoJSON mapping|expected a JSON object"),
        ({"type": "Polygon", "coordinates": []}, "non-empty list"),
        ({"type": "Polygon", "coordinates": "abc"}, "non-empty list"),
        ({"type": "Polygon", "coordinates": [SQUARE[:3]]}, "at least 4 positions"),
        ({"type": "Polygon", "coordinates": [SQUARE[:-1] + [[114.1, 22.3]]]}, "not closed"),
        (_ring_with(["114.168", "22.318"]), "finite numbers"),
        (_ring_with([True, 22.318]), "finite numbers"),
        (_ring_with([114.168]), r"expected \[longitude, latitude\]"),
        (_ring_with([835_000.0, 820_000.0]), "projected metres"),
        (_ring_with([22.318, 114.168]), "not a WGS84 longitude/latitude"),
        (
            {
                "type": "Polygon",
                "coordinates": [
                    [
                        [114.168, 22.318],
                        [114.171, 22.321],
                        [114.171, 22.318],
                        [114.168, 22.321],
                        [114.168, 22.318],
                    ]
                ],
            },
            "Self-intersection",
        ),
        ({"type": "Feature", "geometry": None, "properties": {}}, "has no geometry"),
        ({"type": "FeatureCollection", "features": [POLYGON]}, "expected a Feature"),
        ({"type": "FeatureCollection", "features": {}}, "expected a list"),
        ({"type": "FeatureCollection", "features": []}, "holds no polygon"),
        (
            {**POLYGON, "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2326"}}},
            "must be WGS84",
        ),
    ],
)
def test_bad_geojson_is_refused_with_a_clear_error(spec: object, message: str) -> None:
    with pytest.raises(GeoJSONError, match=message):
        read_polygon_geojson(spec)  # type: ignore[arg-type]


def test_geojson_size_and_vertex_limits(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(geojson_module, "MAX_GEOJSON_BYTES", 100)
    big = json.dumps({"type": "Feature", "properties": {"pad": "x" * 200}, "geometry": POLYGON})
    with pytest.raises(GeoJSONError, match="limit"):
        read_polygon_geojson(big)
    path = tmp_path / "big.geojson"
    path.write_text(big)
    with pytest.raises(GeoJSONError, match="limit"):
        read_polygon_geojson(path)
    monkeypatch.setattr(geojson_module, "MAX_GEOJSON_BYTES", 10_000)
    monkeypatch.setattr(geojson_module, "MAX_VERTICES", 4)
    with pytest.raises(GeoJSONError, match="vertices"):
        read_polygon_geojson(POLYGON)


def test_geojson_file_errors(tmp_path: Path) -> None:
    with pytest.raises(GeoJSONError, match="no such file"):
        read_polygon_geojson(tmp_path / "missing.geojson")
    text_file = tmp_path / "area.txt"
    text_file.write_text(json.dumps(POLYGON))
    with pytest.raises(GeoJSONError, match=r"\.geojson or \.json"):
        read_polygon_geojson(text_file)


def test_area_outside_hong_kong_is_refused() -> None:
    london = [[-0.2, 51.5], [-0.1, 51.5], [-0.1, 51.6], [-0.2, 51.6], [-0.2, 51.5]]
    with pytest.raises(AreaError, match="not inside Hong Kong"):
        area_polygon({"type": "Polygon", "coordinates": [london]})
    assert area_polygon({"type": "Polygon", "coordinates": [london]}, within_hong_kong=False).area > 0


# --- projection ---------------------------------------------------------------------------------------


def test_wgs84_to_hk1980_matches_a_known_grid_point() -> None:
    # Mong Kok station's reference point sits on HK1980 835493 E, 820033 N (within a metre).
    east, north = wgs84_to_hk1980(*MONG_KOK_STATION)
    assert abs(float(east) - 835_493) < 1.0
    assert abs(float(north) - 820_033) < 1.0


def test_projection_round_trip_and_nan() -> None:
    lons = np.array([114.15, 114.17, np.nan])
    lats = np.array([22.30, 22.33, 22.31])
    east, north = wgs84_to_hk1980(lons, lats)
    assert np.isnan(east[2])
    back_lon, back_lat = hk1980_to_wgs84(east, north)
    np.testing.assert_allclose(back_lon[:2], lons[:2], atol=1e-8)
    np.testing.assert_allclose(back_lat[:2], lats[:2], atol=1e-8)
    with pytest.raises(ValueError, match="same shape"):
        wgs84_to_hk1980([114.1, 114.2], [22.3])


def test_transformers_are_cached() -> None:
    assert geo.transformer(4326, 2326) is geo.transformer(4326, 2326)


def test_points_in_polygon_is_vectorised_and_excludes_nan() -> None:
    square = Polygon(SQUARE)
    lons = np.array([114.169, 114.2, np.nan, 114.170])
    lats = np.array([22.319, 22.319, 22.319, np.nan])
    assert points_in_polygon(lons, lats, square).tolist() == [True, False, False, False]
    assert points_in_polygon([], [], square).shape == (0,)
    with pytest.raises(TypeError, match="Polygon"):
        points_in_polygon([114.169], [22.319], Point(0, 0))  # type: ignore[arg-type]


def test_to_geojson_is_json_ready_and_rounded() -> None:
    feature = to_geojson(area_polygon("mongkok"), {"name": "Mong Kok", "codes": list(MONGKOK_CODES)})
    assert feature["type"] == "Feature"
    assert feature["geometry"]["type"] == "Polygon"
    first = feature["geometry"]["coordinates"][0][0]
    assert isinstance(first, list)
    assert all(round(c, 6) == c for c in first)
    assert feature["properties"]["codes"][0] == "E06"
    round_trip = read_polygon_geojson(json.loads(json.dumps(feature)))
    assert math.isclose(round_trip.area, area_polygon("mongkok").area, rel_tol=1e-6)
    assert (
        to_geojson(Point(114.1234567891, 22.3), precision=None)["geometry"]["coordinates"][0]
        == 114.1234567891
    )
    with pytest.raises(TypeError):
        to_geojson({"type": "Point"})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        to_geojson(Point(0, 0), ["not", "a", "dict"])  # type: ignore[arg-type]
