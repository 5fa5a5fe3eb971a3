"""Count and KDE surfaces, Getis-Ord Gi* and Benjamini-Hochberg."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from beatbook.analysis import (
    AnalysisError,
    Grid,
    benjamini_hochberg,
    count_surface,
    events_from_arrays,
    getis_ord_gi_star,
    kde_surface,
)
from beatbook.analysis.events import CoordinateFrame


def test_counts_and_kde_keep_mass(events, grid):
    counts = count_surface(events, grid)
    assert counts.sum() == len(events)
    dens = kde_surface(events, grid, bandwidth=100, per_km2=False)
    # Little mass leaves a 3 km square through its edges with a 100 m kernel.
    assert dens.sum() == pytest.approx(len(events), rel=0.05)
    assert np.argmax(dens) == np.argmax(counts)
    with pytest.raises(AnalysisError, match="bandwidth"):
        kde_surface(events, grid, bandwidth=-1)


def _planted_grid(seed: int = 0):
    frame = CoordinateFrame.for_crs("EPSG:2326")
    grid = Grid(0.0, 0.0, 100.0, 30, 30, frame)
    rng = np.random.default_rng(seed)
    values = rng.poisson(2.0, grid.n_cells).astype(float)
    img = values.reshape(grid.shape)
    img[10:13, 20:23] += 12  # planted 3x3 cluster
    return grid, img.ravel()


def test_gi_star_finds_planted_cluster_only():
    grid, values = _planted_grid()
    res = getis_ord_gi_star(values, grid, distance=100.0)
    hot = res.hot.reshape(grid.shape)
    assert hot[11, 21]  # the cluster centre
    assert res.z.reshape(grid.shape)[11, 21] > 5
    planted = np.zeros(grid.shape, bool)
    planted[9:14, 19:24] = True  # cluster plus its one-cell rim (neighbours share the cluster)
    assert hot[planted].sum() >= 9
    # FDR control: few false discoveries among the hot cells; testing each cell at 5% gives many.
    assert hot[~planted].sum() <= 0.2 * hot.sum()
    naive = (res.p < 0.05).reshape(grid.shape) & (res.z.reshape(grid.shape) > 0)
    assert naive[~planted].sum() > 3 * max(hot[~planted].sum(), 1)
    assert np.nanmax(res.q) <= 1 and np.all(res.q[res.hot] <= 0.05)


def test_gi_star_matches_formula_at_one_cell():
    grid, values = _planted_grid(1)
    res = getis_ord_gi_star(values, grid, distance=100.0)
    i = 5 * grid.nx + 7
    nb = [i, i - 1, i + 1, i - grid.nx, i + grid.nx]
    n, xbar = values.size, values.mean()
    s = np.sqrt((values**2).mean() - xbar**2)
    w = len(nb)
    z = (values[nb].sum() - xbar * w) / (s * np.sqrt((n * w - w**2) / (n - 1)))
    assert res.z[i] == pytest.approx(z)
    assert res.p[i] == pytest.approx(2 * stats.norm.sf(abs(z)))


def test_gi_star_constant_and_bad_input():
    grid, _ = _planted_grid()
    res = getis_ord_gi_star(np.ones(grid.n_cells), grid)
    assert not res.hot.any() and np.all(res.z == 0)
    with pytest.raises(AnalysisError, match="cells"):
        getis_ord_gi_star(np.ones(5), grid)
    bad = np.ones(grid.n_cells)
    bad[3] = np.nan
    with pytest.raises(AnalysisError, match="finite"):
        getis_ord_gi_star(bad, grid)


def test_benjamini_hochberg_by_hand():
    p = np.array([0.01, 0.04, 0.03, 0.005, 0.5])
    reject, q = benjamini_hochberg(p, alpha=0.05)
    # sorted: 0.005, 0.01, 0.03, 0.04, 0.5 -> p*m/rank = 0.025, 0.025, 0.05, 0.05, 0.5
    assert q.tolist() == pytest.approx([0.025, 0.05, 0.05, 0.025, 0.5])
    assert reject.tolist() == [True, True, True, True, False]
    reject, _ = benjamini_hochberg(p, alpha=0.03)
    assert reject.tolist() == [True, False, False, True, False]
    reject, q = benjamini_hochberg(np.array([0.2, np.nan]))
    assert not reject.any() and np.isnan(q[1])
    with pytest.raises(AnalysisError):
        benjamini_hochberg(np.array([1.5]))
    with pytest.raises(AnalysisError):
        benjamini_hochberg(p, alpha=0)


def test_gi_star_on_events_boundary_domain():
    frame = CoordinateFrame.for_crs("EPSG:2326")
    ev = events_from_arrays(
        [50.0] * 30 + [950.0], [50.0] * 30 + [950.0], ["2017-01-01"] * 31, crs="EPSG:2326"
    )
    grid = Grid(0.0, 0.0, 100.0, 10, 10, frame)
    dom = np.ones(grid.n_cells, bool)
    dom[50:] = False
    res = getis_ord_gi_star(count_surface(ev, grid), grid, domain=dom)
    assert np.isnan(res.z[~dom]).all() and res.hot[0]
