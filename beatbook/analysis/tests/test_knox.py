"""Knox test: band semantics, exact observed table, planted near repeats, refusals."""

from __future__ import annotations

import numpy as np
import pytest

from beatbook.analysis import AnalysisError, events_from_arrays, knox_test

from .conftest import synthetic_events


def brute_force(ev, space, time, nrc=False):
    n = len(ev)
    rows, cols = len(space) + 1, len(time) + 1
    table = np.zeros((rows, cols), int)
    for i in range(n):
        for j in range(i + 1, n):
            d = np.hypot(ev.x[i] - ev.x[j], ev.y[i] - ev.y[j])
            t = abs(int(ev.day[i]) - int(ev.day[j]))
            if nrc:
                r = next((k for k, b in enumerate(space) if (d == 0 if b == 0 else (d < b))), rows - 1)
                c = next((k for k, b in enumerate(time) if t < b), cols - 1)
            else:
                r = next((k for k, b in enumerate(space) if d <= b), rows - 1)
                c = next((k for k, b in enumerate(time) if t <= b), cols - 1)
            table[r, c] += 1
    return table


def small_events(seed=3, n=160):
    rng = np.random.default_rng(seed)
    x = np.round(rng.uniform(0, 600, n), -1)  # 10 m rounding -> repeats and exact band edges
    y = np.round(rng.uniform(0, 600, n), -1)
    x[:20] = x[20:40]  # some identical locations
    y[:20] = y[20:40]
    days = rng.integers(0, 60, n)
    dates = [np.datetime64("2017-01-01") + int(d) for d in days]
    return events_from_arrays(835000 + x, 819000 + y, dates, crs="EPSG:2326")


@pytest.mark.parametrize("nrc", [False, True])
def test_observed_table_matches_brute_force(nrc):
    ev = small_events()
    res = knox_test(ev, (0, 100, 200, 300), (2, 4), iterations=19, seed=1, nrc_compat=nrc)
    assert res.observed.astype(int).tolist() == brute_force(ev, (0, 100, 200, 300), (2, 4), nrc).tolist()
    assert res.observed.sum() == len(ev) * (len(ev) - 1) // 2
    assert res.space_bands == [
        "same location",
        "1 to 100 m",
        "101 to 200 m",
        "201 to 300 m",
        "more than 300 m",
    ]
    assert res.time_bands == ["0 to 2 days", "3 to 4 days", "more than 4 days"]


def test_expected_sums_and_p_values_definition():
    ev = small_events()
    res = knox_test(ev, (0, 100), (3,), iterations=49, seed=7)
    # Permuting dates keeps the all-pairs total and each space row total.
    assert res.expected_mean.sum() == pytest.approx(res.observed.sum())
    assert res.expected_mean.sum(axis=1) == pytest.approx(res.observed.sum(axis=1))
    grid = np.arange(1, 51) / 50
    assert all(v in grid for v in np.round(res.p_value.ravel(), 10))
    np.testing.assert_allclose(res.ratio, res.observed / res.expected_mean)
    again = knox_test(ev, (0, 100), (3,), iterations=49, seed=7)
    np.testing.assert_array_equal(again.p_value, res.p_value)


def test_planted_near_repeats_detected_and_absent_when_not_planted():
    planted = synthetic_events(seed=5, days=365, hotspots=(), background=5.0, trigger=0.2, trigger_days=2.0)
    plain = synthetic_events(seed=5, days=365, hotspots=(), background=6.0)
    r1 = knox_test(planted, (0, 50, 200), (7,), iterations=99, seed=1)
    r0 = knox_test(plain, (0, 50, 200), (7,), iterations=99, seed=1)
    # row 1 = (0, 50] m, column 0 = 0..7 days: offspring land within ~5 m and days of their parent.
    assert r1.ratio[1, 0] > 2 and r1.p_value[1, 0] == pytest.approx(0.01)
    assert 0.8 < r0.ratio[1, 0] < 1.25 and r0.p_value[1, 0] > 0.05
    assert abs(r0.ratio[-1, -1] - 1) < 0.01


def test_to_dict_shape():
    d = knox_test(small_events(), (0, 200), (7,), iterations=9, seed=1).to_dict()
    assert set(d) >= {"space_bands", "time_bands", "observed", "expected_mean", "ratio", "p_value", "seconds"}
    assert len(d["observed"]) == 3 and len(d["observed"][0]) == 2
    assert isinstance(d["observed"][0][0], int)


def test_refusals():
    ev = small_events()
    with pytest.raises(AnalysisError, match="increasing"):
        knox_test(ev, (200, 100), (2,))
    with pytest.raises(AnalysisError, match="whole days"):
        knox_test(ev, (100,), (1.5,))
    with pytest.raises(AnalysisError, match="non-negative"):
        knox_test(ev, (-1, 100), (2,))
    with pytest.raises(AnalysisError, match="iterations"):
        knox_test(ev, (100,), (2,), iterations=0)
    with pytest.raises(AnalysisError, match="at least 2 events"):
        knox_test(ev.subset(np.arange(len(ev)) < 1), (100,), (2,))
    with pytest.raises(AnalysisError, match="at least 1 day"):
        knox_test(ev, (100,), (0, 2), nrc_compat=True)
