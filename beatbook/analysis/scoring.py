"""Ranking cells and scoring a day's forecast: hits, best possible hits, tie handling.

Conventions (shared by the backtest, ``auto`` model selection and hotspot selection):

* Flagged cells at coverage c% of a domain of n cells: ``k = max(1, floor(c / 100 * n))``.
* Risk values are first snapped to 1e-9 of the day's largest value so that floating-point noise
  (e.g. from FFT convolution) does not split cells that carry the same risk.
* Ties at the cut-off are scored by their expected value under uniformly random tie-breaking: when
  the k-th cell sits in a group of t tied cells of which only s fit, each event in that group counts
  as s / t of a hit. This is deterministic, independent of cell numbering, and never rewards a
  model for an arbitrary order among equal cells.
* Where a discrete list of cells is needed (maps, patrol hotspots) ties go to the lower cell number.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

SNAP = 1e-9


def snap(risk: np.ndarray) -> np.ndarray:
    """Round risk to a relative precision of 1e-9 so equal risks compare equal."""
    r = np.asarray(risk, dtype=float)
    scale = float(np.max(np.abs(r))) if r.size else 0.0
    if scale == 0 or not np.isfinite(scale):
        return np.nan_to_num(r, nan=0.0)
    return np.round(np.nan_to_num(r, nan=0.0) / (scale * SNAP)) * (scale * SNAP)


def flagged_counts(coverages: Sequence[float], n_cells: int) -> np.ndarray:
    """Number of flagged cells for each coverage percentage (at least 1, at most ``n_cells``)."""
    return np.array(
        [min(n_cells, max(1, math.floor(c / 100.0 * n_cells + 1e-9))) for c in coverages], dtype=np.int64
    )


def rank_cells(risk: np.ndarray, candidates: np.ndarray | None = None) -> np.ndarray:
    """Cell numbers ordered by descending risk, ties by ascending cell number."""
    r = snap(risk)
    idx = np.arange(r.size) if candidates is None else np.flatnonzero(candidates)
    return idx[np.lexsort((idx, -r[idx]))]


def score_day(
    risk_domain: np.ndarray, event_pos: np.ndarray, ks: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Hits and best possible hits for one day.

    ``risk_domain``: risk of the n domain cells; ``event_pos``: domain position (0..n-1) of each of
    the day's scored events (repeated for several events in a cell); ``ks``: flagged cell counts.
    Returns ``(hits, best)`` arrays aligned with ``ks``; hits may be fractional (ties, see module doc).
    """
    n_ev = len(event_pos)
    if n_ev == 0:
        z = np.zeros(len(ks))
        return z, z.copy()
    r = snap(risk_domain)
    asc = np.sort(r)
    n = r.size
    thr = asc[n - ks]  # k-th largest value
    lo = np.searchsorted(asc, thr, side="left")
    hi = np.searchsorted(asc, thr, side="right")
    n_above = n - hi
    n_tied = hi - lo
    ev = r[event_pos]
    above = (ev[None, :] > thr[:, None]).sum(axis=1)
    tied = (ev[None, :] == thr[:, None]).sum(axis=1)
    hits = above + tied * (ks - n_above) / n_tied
    per_cell = np.sort(np.bincount(event_pos))[::-1]
    cum = np.cumsum(per_cell)
    best = cum[np.minimum(ks, cum.size) - 1].astype(float)
    return hits.astype(float), best
