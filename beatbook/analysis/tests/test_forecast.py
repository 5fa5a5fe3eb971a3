"""Each forecasting model on synthetic data, no look-ahead, records, the web-app API."""

from __future__ import annotations

import numpy as np
import pytest

from beatbook.analysis import (
    METHODS,
    AnalysisError,
    AutoForecaster,
    Grid,
    KDEForecaster,
    NaiveForecaster,
    ProMapForecaster,
    SEPPForecaster,
    events_from_arrays,
    explain_cell,
    forecast_surface,
    make_forecaster,
)
from beatbook.analysis.events import CoordinateFrame, day_to_date

from .conftest import X0, Y0, synthetic_events

ON = 17_000 + 600  # a day inside the synthetic period (days 17000..17729)
FAST = {"sepp": {"max_iter": 30}, "auto": {"validation_days": 20}, "kde": {"bandwidth": 100.0}}


def hot_cells(grid):
    # Cells of the planted hotspots at (300, 300), (1700, 1200), (900, 2300) m from the origin.
    return grid.cell_index(
        np.array([X0 + 300, X0 + 1700, X0 + 900]), np.array([Y0 + 300, Y0 + 1200, Y0 + 2300])
    )


@pytest.mark.parametrize("method", ["naive", "kde", "sepp", "auto"])
def test_persistent_hotspots_ranked_first(method, events, grid):
    risk = make_forecaster(method, **FAST.get(method, {})).fit(events, grid).predict(day_to_date(ON))
    assert risk.shape == (grid.n_cells,) and np.all(np.isfinite(risk)) and np.all(risk >= 0)
    top3 = set(np.argsort(-risk)[:3].tolist())
    assert top3 == set(hot_cells(grid).tolist())


@pytest.mark.parametrize("method", list(METHODS))
def test_no_look_ahead(method, events, grid):
    """A forecast for a day is the same whether or not later events were given to fit()."""
    past = events.subset(events.day < ON)
    full = make_forecaster(method, **FAST.get(method, {})).fit(events, grid).predict(ON)
    only_past = make_forecaster(method, **FAST.get(method, {})).fit(past, grid).predict(ON)
    np.testing.assert_allclose(full, only_past)


def single_event_setup(days_before: int, x: float = 125.0, y: float = 125.0):
    frame = CoordinateFrame.for_crs("EPSG:2326")
    grid = Grid(0.0, 0.0, 50.0, 9, 9, frame)
    ev = events_from_arrays([x], [y], [day_to_date(ON - days_before)], crs="EPSG:2326")
    return ev, grid


def test_naive_window_edges():
    ev, grid = single_event_setup(365)
    assert NaiveForecaster().fit(ev, grid).predict(ON).sum() == 1
    ev, grid = single_event_setup(366)
    assert NaiveForecaster().fit(ev, grid).predict(ON).sum() == 0
    ev, grid = single_event_setup(0)  # same day: not used
    assert NaiveForecaster().fit(ev, grid).predict(ON).sum() == 0


def test_kde_bandwidth_and_half_life():
    ev, grid = single_event_setup(10)
    assert KDEForecaster(bandwidth=0).fit(ev, grid).predict(ON).sum() == 1
    smooth = KDEForecaster(bandwidth=50).fit(ev, grid).predict(ON).reshape(grid.shape)
    assert smooth[2, 2] == smooth.max() and smooth[2, 3] == pytest.approx(smooth[3, 2]) and smooth[2, 3] > 0
    decayed = KDEForecaster(bandwidth=0, window_days=None, half_life_days=10).fit(ev, grid).predict(ON)
    assert decayed.sum() == pytest.approx(0.5)


def test_promap_weights_by_hand():
    ev, grid = single_event_setup(1)
    r = ProMapForecaster(bandwidth=100, window_days=56).fit(ev, grid).predict(ON).reshape(grid.shape)
    # cell (2,2): 1/(1+0); rook neighbours 50 m: 1/2; diagonals 70.7 m: 1/(1+sqrt 2); 100 m: 1/3; beyond: 0.
    assert r[2, 2] == pytest.approx(1.0)
    assert r[2, 3] == pytest.approx(0.5)
    assert r[3, 3] == pytest.approx(1 / (1 + np.sqrt(2)))
    assert r[2, 4] == pytest.approx(1 / 3)
    assert r[4, 4] == 0 and r[2, 5] == 0
    ev, grid = single_event_setup(8)  # second week: time weight 1/2
    assert ProMapForecaster(bandwidth=100).fit(ev, grid).predict(ON).max() == pytest.approx(0.5)
    ev, grid = single_event_setup(57)
    assert ProMapForecaster(bandwidth=100, window_days=56).fit(ev, grid).predict(ON).max() == 0


def test_sepp_finds_self_excitation_only_when_present():
    exciting = synthetic_events(seed=2, days=500, hotspots=(), background=3.0, trigger=0.4, trigger_days=3.0)
    poisson = synthetic_events(seed=2, days=500, hotspots=((1500, 1500, 1.0),), background=3.0)
    grids = [Grid.from_events(e, 100) for e in (exciting, poisson)]
    m1 = SEPPForecaster(training_days=None).fit(exciting, grids[0])
    m0 = SEPPForecaster(training_days=None).fit(poisson, grids[1])
    m1.predict(17_000 + 499)
    m0.predict(17_000 + 499)
    assert 0.2 < m1.fitted_["theta"] < 0.6  # planted branching ratio 0.4 (same-cell offspring)
    assert m0.fitted_["theta"] < 0.1
    assert 0.1 < m1.fitted_["omega"] < 0.6  # planted mean delay 1 + ~2.5 days


def test_sepp_recent_event_raises_its_cell():
    quiet = synthetic_events(seed=4, days=400, hotspots=(), background=2.0, trigger=0.3)
    grid = Grid.from_events(quiet, 250)
    base = SEPPForecaster(training_days=None).fit(quiet, grid).predict(17_000 + 400)
    extra = events_from_arrays([X0 + 1510.0], [Y0 + 1510.0], [day_to_date(17_000 + 399)], crs="EPSG:2326")
    both = type(quiet)(
        np.r_[quiet.x, extra.x], np.r_[quiet.y, extra.y], np.r_[quiet.day, extra.day], quiet.frame
    )
    boosted = SEPPForecaster(training_days=None).fit(both, grid).predict(17_000 + 400)
    c = grid.cell_index(extra.x, extra.y)[0]
    assert boosted[c] > base[c]


def test_auto_selects_the_better_candidate(events, grid):
    """The first candidate is the default; another replaces it only with enough evidence."""
    flat = ("kde", {"bandwidth": 5000.0})  # a near-uniform map: no skill
    good = ("naive", {"window_days": 365})
    for cands, expected in (([flat, good], "naive"), ([good, flat], "naive")):
        model = AutoForecaster(candidates=cands, validation_days=70).fit(events, grid)
        model.predict(ON)
        assert model.selections_[-1]["method"] == expected
    rec = model.record(ON)
    assert rec["method"] == "auto" and rec["chosen"]["method"] == "naive"
    assert rec["chosen"]["validation"]["end"] == day_to_date(ON - 1).isoformat()
    assert "naive() kept" in rec["chosen"]["reason"]
    # Too short a validation (82 events, 4 weeks) is not evidence enough to leave the default.
    short = AutoForecaster(candidates=[flat, good], validation_days=28).fit(events, grid)
    short.predict(ON)
    assert (
        short.selections_[-1]["method"] == "kde"
        and "82 events in validation (fewer than 100)" in short.selections_[-1]["reason"]
    )
    with pytest.raises(AnalysisError, match="own candidate"):
        AutoForecaster(candidates=[("auto", {})]).fit(events, grid)


def test_auto_reselects_monthly(events, grid):
    model = AutoForecaster(validation_days=15, candidates=[("naive", {}), ("kde", {"bandwidth": 125.0})])
    days = list(range(ON, ON + 40))
    out = list(model.fit(events, grid).predict_days(days))
    assert len(out) == 40 and len(model.selections_) == 2  # two calendar months
    assert model.selections_[1]["from"] > model.selections_[0]["to"]


def test_record_fields(events, grid):
    rec = NaiveForecaster(window_days=30).fit(events, grid).record(ON)
    assert rec["method"] == "naive" and rec["params"] == {"window_days": 30}
    assert rec["on_date"] == day_to_date(ON).isoformat()
    assert rec["input_period"] == {
        "start": day_to_date(ON - 30).isoformat(),
        "end": day_to_date(ON - 1).isoformat(),
    }
    assert rec["events_used"] == int(((events.day >= ON - 30) & (events.day < ON)).sum())
    assert rec["grid"]["cell_size_m"] == 250.0


def test_make_forecaster_refusals(events, grid):
    with pytest.raises(AnalysisError, match="unknown method"):
        make_forecaster("oracle")
    with pytest.raises(AnalysisError, match="bad parameters"):
        make_forecaster("kde", width=3)
    with pytest.raises(AnalysisError, match="bandwidth"):
        make_forecaster("kde", bandwidth=-5)
    with pytest.raises(AnalysisError, match="not fitted"):
        NaiveForecaster().predict(ON)
    with pytest.raises(AnalysisError, match="ascending"):
        list(NaiveForecaster().fit(events, grid).predict_days([ON, ON - 1]))
    other = events_from_arrays([1000.0], [0.0], ["2017-01-01"], crs="EPSG:3435")
    with pytest.raises(AnalysisError, match="different frames"):
        NaiveForecaster().fit(other, grid)


def test_forecast_surface_and_explain_cell(events):
    frame = events.frame
    from beatbook.analysis.grid import load_boundary

    # A boundary: WGS 84 square around part of the synthetic area.
    lon, lat = frame.from_metric(np.array([X0, X0 + 3000.0]), np.array([Y0, Y0 + 3000.0]))
    import pyproj

    to_wgs = pyproj.Transformer.from_crs("EPSG:2326", "EPSG:4326", always_xy=True)
    (lo0, lo1), (la0, la1) = to_wgs.transform(lon, lat)
    ring = [[lo0, la0], [lo1, la0], [lo1, la1], [lo0, la1], [lo0, la0]]
    grid = Grid.from_boundary(load_boundary({"type": "Polygon", "coordinates": [ring]}, frame), frame, 250)
    xs, ys = frame.from_metric(events.x, events.y)
    dates = [day_to_date(d) for d in events.day]
    risk, rec = forecast_surface(xs, ys, dates, grid, day_to_date(ON), method="naive")
    assert risk.shape == (grid.n_cells,) and rec["method"] == "naive"
    assert np.all(risk[~grid.mask] == 0)
    top = int(np.argmax(risk))
    info = explain_cell(events, grid, top, day_to_date(ON), risk=risk)
    assert info["rank"] == 1 and info["long_term_in_cell"] == int(risk[top])
    assert info["long_term_percentile"] > 95
    assert any("within 400 m" in r for r in info["reasons"])
    with pytest.raises(AnalysisError, match="not on the grid"):
        explain_cell(events, grid, grid.n_cells, ON)


@pytest.mark.parametrize("method", list(METHODS))
def test_empty_history_gives_zero_risk(method, grid):
    risk, rec = forecast_surface([], [], [], grid, day_to_date(ON), method=method, **FAST.get(method, {}))
    assert risk.shape == (grid.n_cells,) and not risk.any()
    assert rec["events_used"] == 0 and rec["input_period"]["start"] is None
