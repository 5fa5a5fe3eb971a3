"""Patrol plans: hotspot grouping, visit rules (12-16 min, travel, 120-min revisit), randomness."""

from __future__ import annotations

import copy
import datetime as dt

import numpy as np
import pytest

from beatbook.analysis import AnalysisError, Grid, check_patrol_plan, plan_patrols, select_hotspots
from beatbook.analysis.events import CoordinateFrame
from beatbook.analysis.patrol import _parse_shift, travel_minutes

FRAME = CoordinateFrame.for_crs("EPSG:2326")
START = dt.datetime(2024, 3, 1, 7, 0)
END = dt.datetime(2024, 3, 1, 15, 0)


def district(seed: int = 3) -> tuple[np.ndarray, Grid]:
    """A 3 km x 3 km district of 150 m cells with a skewed risk surface."""
    grid = Grid(835_000.0, 819_000.0, 150.0, 20, 20, FRAME)
    return np.random.default_rng(seed).gamma(0.5, 1.0, grid.n_cells), grid


def minutes(s: str) -> float:
    return (dt.datetime.fromisoformat(s) - START).total_seconds() / 60


def test_hotspots_merge_adjacent_cells():
    grid = Grid(0.0, 0.0, 100.0, 10, 10, FRAME)
    risk = np.zeros(grid.n_cells)
    risk[[0, 1, 11]] = [9, 8, 7]  # touching (rook and diagonal)
    risk[55] = 6  # alone
    risk[99] = 5
    hs = select_hotspots(risk, grid, 2)
    assert [h["cells"] for h in hs] == [[0, 1, 11], [55]]
    assert hs[0]["id"] == "H1" and hs[0]["risk"] == pytest.approx(24)
    assert hs[0]["centroid"] == pytest.approx([(50 + 150 + 150) / 3, (50 + 50 + 150) / 3])
    assert [h["cells"] for h in select_hotspots(risk, grid, 2, max_cells=2)] == [[0, 1], [11]]
    assert len(select_hotspots(risk, grid, 10)) == 3  # only positive-risk cells; 0/1/11 form one
    with pytest.raises(AnalysisError, match="positive whole number"):
        select_hotspots(risk, grid, 0)


def test_plan_follows_every_rule():
    risk, grid = district()
    plan = plan_patrols(risk, grid, 8, 4, START, END, seed=1)
    assert check_patrol_plan(plan) == [] and plan["violations"] == []
    assert len(plan["hotspots"]) == 8 and [u["unit"] for u in plan["units"]] == ["U1", "U2", "U3", "U4"]
    centroid = {h["id"]: h["centroid_m"] for h in plan["hotspots"]}
    starts: dict[str, list[float]] = {h: [] for h in centroid}
    for unit in plan["units"]:
        prev = None
        for v in unit["visits"]:
            a, b = minutes(v["start"]), minutes(v["end"])
            assert 12 <= b - a <= 16 and a >= 0 and b <= 480
            if prev is not None:
                need = travel_minutes(centroid[prev[1]], centroid[v["hotspot"]], 4.0, 5)
                assert a - prev[0] >= need  # no overlap, and time to walk there
            prev = (b, v["hotspot"])
            starts[v["hotspot"]].append(a)
    for times in starts.values():
        pts = [0.0, *sorted(times), 480.0]
        assert max(np.diff(pts)) <= 120


def test_seeds_change_order_not_hotspots():
    risk, grid = district()
    a = plan_patrols(risk, grid, 8, 4, START, END, seed=1)
    b = plan_patrols(risk, grid, 8, 4, START, END, seed=2)
    again = plan_patrols(risk, grid, 8, 4, START, END, seed=1)
    assert a == again
    assert a["hotspots"] == b["hotspots"]
    order = lambda p: [[v["hotspot"] for v in u["visits"]] for u in p["units"]]  # noqa: E731
    assert order(a) != order(b)
    assert check_patrol_plan(b) == []


def test_more_units_than_hotspots_and_overnight_shift():
    risk, grid = district(5)
    s, e = _parse_shift(dt.date(2024, 3, 1), "22:00-06:00")
    assert e - s == dt.timedelta(hours=8) and e.date() == dt.date(2024, 3, 2)
    plan = plan_patrols(risk, grid, 3, 5, s, e, seed=4)
    assert len(plan["units"]) == 5 and check_patrol_plan(plan) == []


def test_infeasible_plan_is_refused_or_reported():
    grid = Grid(0.0, 0.0, 1000.0, 30, 30, FRAME)
    risk = np.zeros(grid.n_cells)
    risk[[0, 29, 870, 899]] = [4, 3, 2, 1]  # four corners ~29 km apart
    with pytest.raises(AnalysisError, match="add units"):
        plan_patrols(risk, grid, 4, 1, START, END, seed=1)
    plan = plan_patrols(risk, grid, 4, 1, START, END, seed=1, strict=False)
    assert any("without a visit" in v or "never visited" in v for v in plan["violations"])
    # One unit per corner needs no travel at all.
    ok = plan_patrols(risk, grid, 4, 4, START, END, seed=1)
    assert check_patrol_plan(ok) == []


def test_check_patrol_plan_catches_broken_plans():
    risk, grid = district()
    plan = plan_patrols(risk, grid, 4, 2, START, END, seed=9)
    visits = plan["units"][0]["visits"]
    broken = copy.deepcopy(plan)
    broken["units"][0]["visits"][0]["end"] = (START + dt.timedelta(minutes=30)).isoformat()
    assert any("outside 12-16 min" in p for p in check_patrol_plan(broken))
    broken = copy.deepcopy(plan)
    v1 = broken["units"][0]["visits"][1]
    v1["start"], v1["end"] = visits[0]["start"], visits[0]["end"]
    assert any("overlap" in p for p in check_patrol_plan(broken))
    broken = copy.deepcopy(plan)
    del broken["units"][0]["visits"][3:]
    assert any("min without a visit" in p for p in check_patrol_plan(broken))
    broken = copy.deepcopy(plan)
    broken["units"][0]["visits"][0]["hotspot"] = "H99"
    assert any("unknown hotspot" in p for p in check_patrol_plan(broken))
    assert check_patrol_plan({"units": []})[0].startswith("malformed plan")
    # Slower walkers need more travel time than this plan leaves.
    assert any("journey takes" in p for p in check_patrol_plan(plan, speed_kmh=0.5))


def test_bad_arguments():
    risk, grid = district()
    with pytest.raises(AnalysisError, match="units"):
        plan_patrols(risk, grid, 4, 0, START, END)
    with pytest.raises(AnalysisError, match="end after"):
        plan_patrols(risk, grid, 4, 1, END, START)
    with pytest.raises(AnalysisError, match="shorter than one visit"):
        plan_patrols(risk, grid, 4, 1, START, START + dt.timedelta(minutes=10))
    with pytest.raises(AnalysisError, match="nothing to patrol"):
        plan_patrols(np.zeros(grid.n_cells), grid, 4, 1, START, END)
    with pytest.raises(AnalysisError, match="07:00-15:00"):
        _parse_shift(dt.date(2024, 3, 1), "7am to 3pm")
