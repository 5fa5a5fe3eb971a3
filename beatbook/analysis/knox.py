"""Near-repeat analysis: the Knox test with Monte-Carlo significance, as Ratcliffe's Near Repeat Calculator.

Every pair of events is classed by distance band and time band; the observed table is compared with
tables from ``iterations`` random permutations of the dates among the events (locations fixed). As in
the calculator:

* space bands ``0,100,200,300`` give rows "same location" (distance exactly 0), (0, 100], (100, 200],
  (200, 300] and "more than 300 m"; without a leading 0 the first row is [0, b1];
* time bands ``2,4`` give columns [0, 2], [3, 4] and "more than 4 days" on integer day differences;
* expected = mean of the simulated counts, ratio = observed / expected,
  p = (1 + number of simulations >= observed) / (iterations + 1).

``nrc_compat=True`` reproduces what the calculator actually computes (T. Davies, tobydavies/NearRepeat,
"Inconsistency with Near Repeat Calculator"): a band labelled "a to b" holds [a - 1, b), i.e. time
band 7 holds differences 0..6 days and space band 200 holds distances < 200 m. Use it only to compare
with old calculator reports; the default follows the labels.

Speed: only pairs within the largest space band are enumerated (``cKDTree.query_pairs``) and kept;
each permutation re-bins their time differences with ``numpy.bincount``. The pairs farther apart
are never listed: their count per time band is the all-pairs count for that band (from the
time-difference histogram of all n(n-1)/2 pairs, obtained by correlating the daily count histogram
with itself, and invariant under date permutation) minus the near pairs' count.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.spatial import cKDTree

from .errors import AnalysisError
from .events import Events

SAME_LOCATION_TOLERANCE_M = 1e-6  # "same location" is distance 0, up to floating-point noise


@dataclass
class KnoxResult:
    """Observed and simulated pair counts per (space band, time band); arrays are rows x columns."""

    space_bands: list[str]
    time_bands: list[str]
    observed: np.ndarray
    expected_mean: np.ndarray
    ratio: np.ndarray
    p_value: np.ndarray
    iterations: int
    n_events: int
    seconds: float = 0.0
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``beatbook analysis knox`` (NaN ratios become None)."""

        def table(a: np.ndarray, as_int: bool = False) -> list[list[Any]]:
            return [
                [None if not np.isfinite(v) else (int(v) if as_int else round(float(v), 6)) for v in row]
                for row in a
            ]

        return {
            "space_bands": self.space_bands,
            "time_bands": self.time_bands,
            "observed": table(self.observed, as_int=True),
            "expected_mean": table(self.expected_mean),
            "ratio": table(self.ratio),
            "p_value": table(self.p_value),
            "iterations": self.iterations,
            "n_events": self.n_events,
            "params": self.params,
            "seconds": round(self.seconds, 3),
        }


def _parse_bands(values: Sequence[float], what: str, integer: bool) -> list[float]:
    bands = [float(v) for v in values]
    if not bands:
        raise AnalysisError(f"give at least one {what} band")
    if any(not np.isfinite(b) or b < 0 for b in bands):
        raise AnalysisError(f"{what} bands must be non-negative numbers: {list(values)}")
    if any(b2 <= b1 for b1, b2 in zip(bands, bands[1:], strict=False)):
        raise AnalysisError(f"{what} bands must be strictly increasing: {list(values)}")
    if integer and any(b != int(b) for b in bands):
        raise AnalysisError(f"{what} bands must be whole days: {list(values)}")
    return bands


def _fmt(v: float) -> str:
    return f"{v:g}"


def space_band_labels(bands: Sequence[float]) -> list[str]:
    """Row labels in the calculator's wording."""
    labels = []
    lo = None
    for b in bands:
        if b == 0:
            labels.append("same location")
        elif lo is None:
            labels.append(f"0 to {_fmt(b)} m")
        else:
            labels.append(f"{_fmt(lo + 1) if lo == int(lo) else '>' + _fmt(lo)} to {_fmt(b)} m")
        lo = b
    labels.append(f"more than {_fmt(bands[-1])} m")
    return labels


def time_band_labels(bands: Sequence[float]) -> list[str]:
    """Column labels in the calculator's wording (inclusive whole-day ranges)."""
    labels = []
    lo = -1
    for b in bands:
        labels.append(f"{int(lo) + 1} to {int(b)} days")
        lo = b
    labels.append(f"more than {int(bands[-1])} days")
    return labels


def knox_test(
    events: Events,
    space_bands: Sequence[float] = (0, 100, 200, 300),
    time_bands: Sequence[int] = (2, 4),
    iterations: int = 99,
    seed: int | None = None,
    nrc_compat: bool = False,
) -> KnoxResult:
    """Knox test of space-time clustering with Monte-Carlo (date permutation) significance.

    ``events`` should already be limited to the study period (``events.between(start, end)``).
    See the module docstring for band semantics (and ``nrc_compat``). Returns a :class:`KnoxResult`.
    """
    t0 = time.perf_counter()
    sb = _parse_bands(space_bands, "space", integer=False)
    tb = _parse_bands(time_bands, "time", integer=True)
    if not isinstance(iterations, int | np.integer) or iterations < 1:
        raise AnalysisError(f"iterations must be a positive whole number, not {iterations!r}")
    if nrc_compat and tb[0] < 1:
        raise AnalysisError("with nrc_compat the first time band must be at least 1 day")
    n = len(events)
    if n < 2:
        raise AnalysisError(f"the Knox test needs at least 2 events, got {n}")
    same = sb[0] == 0
    edges = np.array(sb[1:] if same else sb, dtype=float)
    n_rows = len(sb) + 1
    n_cols = len(tb) + 1

    xy = np.column_stack([events.x, events.y])
    pairs = cKDTree(xy).query_pairs(r=sb[-1], output_type="ndarray") if sb[-1] > 0 else None
    if pairs is None or len(pairs) == 0:
        pairs = np.empty((0, 2), dtype=np.int64)
    if sb[-1] == 0 and n:
        # Only "same location" requested: pairs at distance exactly 0.
        pairs = cKDTree(xy).query_pairs(r=SAME_LOCATION_TOLERANCE_M, output_type="ndarray")
    i, j = pairs[:, 0], pairs[:, 1]
    dist = np.hypot(xy[i, 0] - xy[j, 0], xy[i, 1] - xy[j, 1])
    side = "left"
    if nrc_compat:
        # The calculator's bands are [a, b): pairs exactly at the largest band go to "over".
        keep = (dist < sb[-1]) | (dist <= SAME_LOCATION_TOLERANCE_M)
        i, j, dist = i[keep], j[keep], dist[keep]
        side = "right"
    if same:
        # bands (0, e1], (e1, e2], ... after the same-location row
        srow = np.where(dist <= SAME_LOCATION_TOLERANCE_M, 0, 1 + np.searchsorted(edges, dist, side=side))
    else:
        srow = np.searchsorted(edges, dist, side=side)
    srow = np.minimum(srow, n_rows - 2)  # numerical guard: everything here is within the last band

    # Lookup table from integer day difference to time column; differences beyond the last band -> "over".
    day = events.day.astype(np.int64)
    day = day - day.min()
    span = int(day.max())
    col_of = np.full(span + 1, n_cols - 1, dtype=np.int64)
    lo = 0
    for c, b in enumerate([b - 1 for b in tb] if nrc_compat else tb):
        col_of[lo : min(int(b), span) + 1] = c
        lo = int(b) + 1
        if lo > span:
            break

    # All-pairs time-difference histogram, independent of how dates are permuted.
    daily = np.bincount(day, minlength=span + 1).astype(float)
    corr = np.rint(np.correlate(daily, daily, mode="full")).astype(np.int64)[span:]  # lag 0..span
    corr[0] = int((daily * (daily - 1) / 2).sum())  # unordered pairs on the same day
    all_by_col = np.bincount(col_of, weights=corr, minlength=n_cols)

    base = srow * n_cols

    def table(days: np.ndarray) -> np.ndarray:
        cols = col_of[np.abs(days[i] - days[j])]
        near = np.bincount(base + cols, minlength=(n_rows - 1) * n_cols).reshape(n_rows - 1, n_cols)
        over = all_by_col - near.sum(axis=0)
        return np.vstack([near, over[None, :]])

    observed = table(day)
    rng = np.random.default_rng(seed)
    sims = np.empty((iterations, n_rows, n_cols))
    for k in range(iterations):
        sims[k] = table(rng.permutation(day))
    expected = sims.mean(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(expected > 0, observed / expected, np.nan)
    p = (1 + (sims >= observed[None]).sum(axis=0)) / (iterations + 1)
    return KnoxResult(
        space_band_labels(sb),
        time_band_labels(tb),
        observed.astype(float),
        expected,
        ratio,
        p,
        int(iterations),
        n,
        time.perf_counter() - t0,
        {
            "space_bands_m": sb,
            "time_bands_days": [int(b) for b in tb],
            "iterations": int(iterations),
            "seed": seed,
            "nrc_compat": bool(nrc_compat),
        },
    )
