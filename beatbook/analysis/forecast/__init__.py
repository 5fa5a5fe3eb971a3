"""Forecasting models: a risk surface over grid cells for a day, from events strictly before that day.

Every model is a scikit-learn style estimator: parameters are explicit constructor arguments
(``get_params()`` lists them), ``fit(events, grid)`` stores the event history and
``predict(on_date)`` returns a flat array of ``grid.n_cells`` risks (reshape with ``grid.shape``).
``predict`` never looks at events on or after ``on_date``, whatever was passed to ``fit``, so one
fitted model can be backtested day by day without leakage. ``predict_days(days)`` yields the surfaces
for an ascending list of day numbers, reusing work between consecutive days.

Models (``METHODS``):

* ``naive``: event counts per cell over the previous ``window_days`` (365) days.
* ``kde``: retrospective kernel density: counts over ``window_days`` (None = all history), optionally
  weighted by an exponential time decay with ``half_life_days``, smoothed with a Gaussian of
  ``bandwidth`` metres.
* ``promap``: prospective hotspotting (Bowers, Johnson & Pease 2004): each event of the last
  ``window_days`` days adds 1 / (1 + weeks since) x 1 / (1 + distance in cells) to every cell within
  ``bandwidth`` metres.
* ``sepp``: grid self-exciting point process (Mohler et al. 2015): in cell n the intensity is
  mu_n + theta * sum_i omega exp(-omega (t - t_i)) over earlier events i of the same cell, fitted by
  expectation-maximisation on the previous ``training_days`` days and refitted every ``refit_days``.
* ``blend``: a long-term surface plus a recent KDE, each normalised, ``long + w * recent``
  (:mod:`.blend`); with ``tie_break`` the recent term only orders cells the long term leaves tied.
* ``ensemble``: the weighted mean of the members' rank-normalised surfaces (:mod:`.ensemble`).
* ``auto``: before each month, keeps naive unless a candidate (method + parameters) beat it on the
  previous ``validation_days`` days with confidence (:mod:`.auto`, rule in :mod:`.evidence`), using
  only data before that month; the record says why.

Modules: ``base`` (base class, history, record), ``models`` (naive, kde, promap, sepp), ``blend``,
``ensemble``, ``evidence``, ``auto``; this module holds the registry and the web-app API.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import AnalysisError
from ..events import Events, day_to_date, events_from_arrays, to_day
from ..grid import Grid
from ..scoring import rank_cells
from .auto import AutoForecaster, default_candidates
from .base import LIBRARY, Forecaster, ForecastRecord, _jsonable, _positive
from .blend import BlendForecaster
from .ensemble import EnsembleForecaster
from .models import KDEForecaster, NaiveForecaster, ProMapForecaster, SEPPForecaster

# --------------------------------------------------------------------------------------- registry
__all__ = [
    "LIBRARY",
    "METHODS",
    "AutoForecaster",
    "BlendForecaster",
    "EnsembleForecaster",
    "ForecastRecord",
    "Forecaster",
    "KDEForecaster",
    "NaiveForecaster",
    "ProMapForecaster",
    "SEPPForecaster",
    "_jsonable",
    "default_candidates",
    "explain_cell",
    "forecast_surface",
    "make_forecaster",
]

METHODS: dict[str, type[Forecaster]] = {
    "naive": NaiveForecaster,
    "kde": KDEForecaster,
    "promap": ProMapForecaster,
    "sepp": SEPPForecaster,
    "blend": BlendForecaster,
    "ensemble": EnsembleForecaster,
    "auto": AutoForecaster,
}


def make_forecaster(method: str, **params: Any) -> Forecaster:
    """Instantiate a model by name (``naive``, ``kde``, ``promap``, ``sepp``, ``auto``)."""
    cls = METHODS.get(method)
    if cls is None:
        raise AnalysisError(f"unknown method {method!r}; choose from {', '.join(METHODS)}")
    try:
        model = cls(**params)
    except TypeError as exc:
        raise AnalysisError(f"bad parameters for {method}: {exc}")
    model._validate()
    return model


# ----------------------------------------------------------------------------- API for the web app
def forecast_surface(
    xs: Sequence[float],
    ys: Sequence[float],
    dates: Sequence[Any],
    grid: Grid,
    on_date: Any,
    method: str = "auto",
    **params: Any,
) -> tuple[np.ndarray, ForecastRecord]:
    """Forecast risk for ``on_date`` from events strictly before it.

    ``xs``/``ys`` are in the grid's input CRS (``grid.frame.source_crs``), ``dates`` dates or ISO
    strings. Returns the flat risk array over ``grid.n_cells`` (row-major from the south-west; cells
    outside ``grid.mask`` are 0) and the :class:`ForecastRecord` to store with it.
    """
    events = events_from_arrays(xs, ys, dates, crs=grid.frame.source_crs, frame=grid.frame)
    model = make_forecaster(method, **params).fit(events, grid)
    risk = model.predict(on_date)
    if grid.mask is not None:
        risk = np.where(grid.mask, risk, 0.0)
    return risk, model.record(on_date)


def explain_cell(
    events: Events,
    grid: Grid,
    cell: int,
    on_date: Any,
    *,
    radius: float = 400.0,
    recent_days: int = 28,
    long_term_days: int = 365,
    risk: np.ndarray | None = None,
) -> dict[str, Any]:
    """Why a cell is hot on ``on_date``: plain figures from events strictly before that day.

    Gives the events within ``radius`` metres of the cell centre in the last ``recent_days`` days,
    what the previous ``long_term_days`` days would lead one to expect for such a period, the cell's
    own long-term count and its percentile among cells, the last event date and, with ``risk``, the
    cell's rank in the forecast. ``reasons`` holds the same as short English sentences.
    """
    if not 0 <= int(cell) < grid.n_cells:
        raise AnalysisError(f"cell {cell} is not on the grid (0..{grid.n_cells - 1})")
    _positive("radius", radius)
    _positive("recent_days", recent_days)
    _positive("long_term_days", long_term_days)
    d = to_day(on_date)
    cx, cy = grid.centres(np.array([cell]))
    before = events.day < d
    dist = np.hypot(events.x - cx[0], events.y - cy[0])
    near = before & (dist <= radius)
    recent = near & (events.day >= d - recent_days)
    longterm_near = near & (events.day >= d - long_term_days)
    expected = longterm_near.sum() * recent_days / long_term_days
    cells = grid.cell_index(events.x, events.y)
    lt = before & (events.day >= d - long_term_days)
    counts = np.bincount(cells[lt & (cells >= 0)], minlength=grid.n_cells)
    domain = grid.domain_mask(events, before=d)
    own = int(counts[cell])
    pct = float((counts[domain] < own).mean() * 100) if domain.any() else 0.0
    in_cell = before & (cells == cell)
    last = int(events.day[in_cell].max()) if in_cell.any() else None
    sx, sy = grid.frame.from_metric(cx, cy)
    out: dict[str, Any] = {
        "cell": int(cell),
        "centre": [float(sx[0]), float(sy[0])],
        "on_date": day_to_date(d).isoformat(),
        "radius_m": float(radius),
        "recent_days": int(recent_days),
        "recent_nearby_events": int(recent.sum()),
        "recent_nearby_expected": round(float(expected), 2),
        "recent_in_cell": int((recent & (cells == cell)).sum()),
        "long_term_days": int(long_term_days),
        "long_term_in_cell": own,
        "long_term_percentile": round(pct, 1),
        "last_event": None if last is None else day_to_date(last).isoformat(),
    }
    reasons = [
        f"{out['recent_nearby_events']} event(s) within {radius:g} m in the last {recent_days} days"
        f" (about {expected:.1f} expected from the past {long_term_days} days)",
        f"{own} event(s) in this cell in the past {long_term_days} days, more than {pct:.0f}% of cells",
    ]
    if last is not None:
        reasons.append(f"last event in this cell {d - last} day(s) before {out['on_date']}")
    if risk is not None:
        r = np.asarray(risk, dtype=float)
        order = rank_cells(r, domain if domain.any() else None)
        where = np.flatnonzero(order == cell)
        if where.size:
            out["rank"] = int(where[0]) + 1
            out["ranked_cells"] = int(order.size)
            reasons.insert(0, f"ranked {out['rank']} of {order.size} cells in the forecast")
    out["reasons"] = reasons
    return out
