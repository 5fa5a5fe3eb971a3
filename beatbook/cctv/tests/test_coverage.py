"""The coverage analysis is pure: tested without a database."""

import pytest

from ..coverage import Point, analyse, distance_m, grid_hotspots, outreach_list, parse_points, uncovered

# Sai Yeung Choi St South / Shantung St, Mong Kok. 0.001 deg latitude is about 111 m.
BASE = (22.3180, 114.1700)


def north(metres: float, key: str, label: str = "") -> Point:
    return Point(key, BASE[0] + metres / 111_195.0, BASE[1], label or key)


def test_distance_is_metres():
    assert distance_m(*BASE, *BASE) == 0
    assert distance_m(*BASE, BASE[0] + 0.001, BASE[1]) == pytest.approx(111.2, abs=0.5)


def test_hotspot_covered_exactly_at_radius_and_uncovered_just_beyond():
    hotspots = [Point("H1", *BASE)]
    assert analyse(hotspots, [north(100, "S1")], radius_m=100.01)[0].covered
    result = analyse(hotspots, [north(101, "S1")], radius_m=100)[0]
    assert not result.covered and result.nearest_camera.key == "S1"
    assert result.nearest_camera_m == pytest.approx(101, abs=0.1)


def test_no_cameras_means_nothing_is_covered():
    result = analyse([Point("H1", *BASE)], [], radius_m=100)
    assert not result[0].covered and result[0].nearest_camera is None


def test_outreach_candidates_near_uncovered_hotspots_only_nearest_first():
    h1, h2 = Point("H1", *BASE), north(1000, "H2")
    cameras = [north(1020, "S1")]  # covers H2 only
    candidates = [
        north(50, "B-near", "Near building"),
        north(150, "B-mid"),
        north(400, "B-far"),
        north(990, "B-by-H2"),
    ]
    results = analyse([h1, h2], cameras, radius_m=100, candidates=candidates, outreach_radius_m=200)
    by_key = {r.hotspot.key: r for r in results}
    assert [c.key for c, _d in by_key["H1"].candidates] == ["B-near", "B-mid"]
    assert by_key["H2"].covered and by_key["H2"].candidates == []
    assert [r.hotspot.key for r in uncovered(results)] == ["H1"]


def test_outreach_list_ranks_buildings_near_most_hotspots_first():
    h1, h2 = Point("H1", *BASE), north(120, "H2")
    shared = north(60, "shared")
    only_h1 = north(-30, "only-h1")
    results = analyse([h1, h2], [], radius_m=50, candidates=[shared, only_h1], outreach_radius_m=100)
    listing = outreach_list(results)
    assert [p.key for p, _spots, _d in listing] == ["shared", "only-h1"]
    assert sorted(listing[0][1]) == ["H1", "H2"]


def test_bad_radius_and_points_are_refused():
    with pytest.raises(ValueError):
        analyse([], [], radius_m=0)
    with pytest.raises(ValueError):
        parse_points("22.3")
    with pytest.raises(ValueError):
        parse_points("95,114")
    assert parse_points("22.318,114.170,Shantung St; 22.32,114.171") == [
        Point("P1", 22.318, 114.17, "Shantung St"),
        Point("P2", 22.32, 114.171, "P2"),
    ]


def test_grid_hotspots_ranks_busiest_cells():
    points = [BASE] * 5 + [(BASE[0] + 0.01, BASE[1])] * 3 + [(BASE[0] + 0.02, BASE[1])]
    spots = grid_hotspots(points, cell_m=150, top=5, min_count=3)
    assert [s.label for s in spots] == ["5 incidents", "3 incidents"]
