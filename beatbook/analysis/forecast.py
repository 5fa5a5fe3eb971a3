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
* ``auto``: chooses, before each month, the candidate (method + parameters) that scored best over the
  previous ``validation_days`` days, using only data before that month.
"""

from __future__ import annotations

import datetime as dt
import inspect
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, TypedDict

import numpy as np
from scipy import ndimage

from .errors import AnalysisError
from .events import Events, day_to_date, events_from_arrays, to_day
from .grid import Grid
from .scoring import flagged_counts, rank_cells, score_day

LIBRARY = "beatbook.analysis 1"


class ForecastRecord(TypedDict):
    """What a forecast was made from: kept with every published forecast (see docs/analysis.md)."""

    method: str
    params: dict[str, Any]
    on_date: str
    input_period: dict[str, str | None]
    events_used: int
    grid: dict[str, Any]
    chosen: dict[str, Any] | None
    library: str
    created_at: str


# --------------------------------------------------------------------------------------- history
class _History:
    """Events binned to grid cells and sorted by day, for fast window queries."""

    def __init__(self, events: Events, grid: Grid) -> None:
        cells = grid.cell_index(events.x, events.y)
        keep = cells >= 0
        order = np.argsort(events.day[keep], kind="stable")
        self.day = events.day[keep][order].astype(np.int64)
        self.cell = cells[keep][order]
        self.n_cells = grid.n_cells
        self.off_grid = int((~keep).sum())

    def index(self, day: int) -> int:
        """Number of events dated before ``day``."""
        return int(np.searchsorted(self.day, day, side="left"))

    def window(self, d0: int | None, d1: int) -> tuple[np.ndarray, np.ndarray]:
        """Days and cells of events with ``d0 <= day < d1`` (``d0`` None = from the start)."""
        i0 = 0 if d0 is None else self.index(d0)
        i1 = self.index(d1)
        return self.day[i0:i1], self.cell[i0:i1]

    def counts(self, d0: int | None, d1: int, weights: np.ndarray | None = None) -> np.ndarray:
        """(Weighted) event count per cell over ``[d0, d1)``."""
        _, cells = self.window(d0, d1)
        return np.bincount(cells, weights=weights, minlength=self.n_cells).astype(float)

    def first_day(self) -> int | None:
        return int(self.day[0]) if self.day.size else None


# ------------------------------------------------------------------------------------ base class
class Forecaster:
    """Base class: subclasses implement ``_surface(day)`` (and may override ``predict_days``).

    Follows scikit-learn's estimator conventions (constructor arguments stored unchanged,
    ``get_params``/``set_params``) without importing scikit-learn, which keeps the CLI quick to start.
    """

    method: ClassVar[str] = "base"

    @classmethod
    def _param_names(cls) -> list[str]:
        sig = inspect.signature(cls.__init__)
        return [
            p.name for p in sig.parameters.values() if p.name != "self" and p.kind == p.POSITIONAL_OR_KEYWORD
        ]

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Constructor parameters and their current values."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params: Any) -> Forecaster:
        """Change constructor parameters (refit afterwards). Returns self."""
        names = set(self._param_names())
        for key, value in params.items():
            if key not in names:
                raise AnalysisError(f"{type(self).__name__} has no parameter {key!r}")
            setattr(self, key, value)
        self._validate()
        return self

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({args})"

    def fit(self, events: Events, grid: Grid) -> Forecaster:
        """Store the event history on ``grid``. Returns self."""
        if events.frame.metric_crs != grid.frame.metric_crs or events.frame.scale != grid.frame.scale:
            raise AnalysisError(
                f"events ({events.frame.metric_crs}) and grid ({grid.frame.metric_crs}) are in different frames"
            )
        self._validate()
        self.grid_ = grid
        self.history_ = _History(events, grid)
        return self

    def _validate(self) -> None:
        """Check constructor parameters (raise AnalysisError)."""

    def _check_fitted(self) -> None:
        if not hasattr(self, "history_"):
            raise AnalysisError(f"{type(self).__name__} is not fitted: call fit(events, grid) first")

    def predict(self, on_date: Any) -> np.ndarray:
        """Risk surface (flat, ``grid.n_cells``) for ``on_date`` from events strictly before it."""
        return next(iter(self.predict_days([to_day(on_date)])))

    def predict_days(self, days: Iterable[int]) -> Iterator[np.ndarray]:
        """Risk surfaces for ascending day numbers."""
        self._check_fitted()
        for d in _ascending(days):
            yield self._surface(d)

    def _surface(self, day: int) -> np.ndarray:
        raise NotImplementedError

    def input_start(self, day: int) -> int | None:
        """First day of data the forecast for ``day`` uses (None = all history)."""
        return None

    def record(self, on_date: Any) -> ForecastRecord:
        """The :class:`ForecastRecord` for a forecast on ``on_date``."""
        self._check_fitted()
        d = to_day(on_date)
        start = self.input_start(d)
        first = self.history_.first_day()
        if first is not None and (start is None or start < first):
            start = first
        used = self.history_.index(d) - (0 if start is None else self.history_.index(start))
        return ForecastRecord(
            method=self.method,
            params=_jsonable(self.get_params()),
            on_date=day_to_date(d).isoformat(),
            input_period={
                "start": None if start is None or used == 0 else day_to_date(start).isoformat(),
                "end": day_to_date(d - 1).isoformat(),
            },
            events_used=int(max(used, 0)),
            grid=self.grid_.to_dict(),
            chosen=self._chosen(d),
            library=LIBRARY,
            created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )

    def _chosen(self, day: int) -> dict[str, Any] | None:
        return None


def _ascending(days: Iterable[int]) -> list[int]:
    out = [int(d) for d in days]
    if any(b < a for a, b in zip(out, out[1:], strict=False)):
        raise AnalysisError("predict_days needs ascending days")
    return out


def _jsonable(params: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in params.items():
        if isinstance(v, np.generic):
            v = v.item()
        if isinstance(v, tuple):
            v = list(v)
        if isinstance(v, int | float | str | bool | type(None) | list | dict):
            out[k] = v
        else:
            out[k] = repr(v)
    return out


def _positive(name: str, value: Any, allow_none: bool = False, allow_zero: bool = False) -> None:
    if value is None and allow_none:
        return
    ok = isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool)
    ok = ok and math.isfinite(value) and (value >= 0 if allow_zero else value > 0)
    if not ok:
        raise AnalysisError(
            f"{name} must be a {'non-negative' if allow_zero else 'positive'} number, not {value!r}"
        )


# ------------------------------------------------------------------------------------ the models
class NaiveForecaster(Forecaster):
    """Counts per cell over the previous ``window_days`` days (the baseline every method must beat)."""

    method = "naive"

    def __init__(self, window_days: int = 365) -> None:
        self.window_days = window_days

    def _validate(self) -> None:
        _positive("window_days", self.window_days)

    def input_start(self, day: int) -> int | None:
        return day - int(self.window_days)

    def _surface(self, day: int) -> np.ndarray:
        return self.history_.counts(day - int(self.window_days), day)


class KDEForecaster(Forecaster):
    """Retrospective kernel density estimate (binned Gaussian KDE on the grid).

    ``bandwidth``: Gaussian standard deviation in metres (0 = plain counts); ``window_days``: days of
    history (None = all); ``half_life_days``: optional exponential down-weighting of older events.
    """

    method = "kde"

    def __init__(
        self, bandwidth: float = 250.0, window_days: int | None = 365, half_life_days: float | None = None
    ) -> None:
        self.bandwidth = bandwidth
        self.window_days = window_days
        self.half_life_days = half_life_days

    def _validate(self) -> None:
        _positive("bandwidth", self.bandwidth, allow_zero=True)
        _positive("window_days", self.window_days, allow_none=True)
        _positive("half_life_days", self.half_life_days, allow_none=True)

    def input_start(self, day: int) -> int | None:
        return None if self.window_days is None else day - int(self.window_days)

    def _surface(self, day: int) -> np.ndarray:
        d0 = self.input_start(day)
        weights = None
        if self.half_life_days:
            days, _ = self.history_.window(d0, day)
            weights = 0.5 ** ((day - days) / float(self.half_life_days))
        counts = self.history_.counts(d0, day, weights)
        if self.bandwidth == 0:
            return counts
        img = counts.reshape(self.grid_.shape)
        sigma = float(self.bandwidth) / self.grid_.cell_size
        return ndimage.gaussian_filter(img, sigma=sigma, mode="constant", truncate=3.0).ravel()


def _convolve(img: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """Same-size 2-D convolution with zero padding: direct for small kernels, FFT for large ones."""
    if kernel.size <= 49:
        return ndimage.convolve(img, kernel, mode="constant", cval=0.0)
    ky, kx = kernel.shape
    shape = (img.shape[0] + ky - 1, img.shape[1] + kx - 1)
    full = np.fft.irfft2(np.fft.rfft2(img, shape) * np.fft.rfft2(kernel, shape), shape)
    out = full[ky // 2 : ky // 2 + img.shape[0], kx // 2 : kx // 2 + img.shape[1]]
    return np.maximum(out, 0.0)  # FFT round-off can leave tiny negatives


class ProMapForecaster(Forecaster):
    """Prospective hotspotting (ProMap; Bowers, Johnson & Pease 2004).

    Each event in the last ``window_days`` days contributes ``1 / (1 + w)`` x ``1 / (1 + d)`` to
    every cell whose centre is within ``bandwidth`` metres of the event's cell centre, where ``w``
    is whole weeks elapsed (0 for the last 7 days) and ``d`` the distance in cells.
    """

    method = "promap"

    def __init__(self, bandwidth: float = 400.0, window_days: int = 56) -> None:
        self.bandwidth = bandwidth
        self.window_days = window_days

    def _validate(self) -> None:
        _positive("bandwidth", self.bandwidth, allow_zero=True)
        _positive("window_days", self.window_days)

    def fit(self, events: Events, grid: Grid) -> ProMapForecaster:
        super().fit(events, grid)
        r = int(np.floor(float(self.bandwidth) / grid.cell_size + 1e-9))
        dy, dx = np.mgrid[-r : r + 1, -r : r + 1]
        dist = np.hypot(dx, dy)
        self.kernel_ = np.where(
            dist * grid.cell_size <= float(self.bandwidth) + 1e-6, 1.0 / (1.0 + dist), 0.0
        )
        return self

    def input_start(self, day: int) -> int | None:
        return day - int(self.window_days)

    def _surface(self, day: int) -> np.ndarray:
        days, _ = self.history_.window(day - int(self.window_days), day)
        weights = 1.0 / (1.0 + (day - days - 1) // 7)
        counts = self.history_.counts(day - int(self.window_days), day, weights)
        return _convolve(counts.reshape(self.grid_.shape), self.kernel_).ravel()


class SEPPForecaster(Forecaster):
    """Grid self-exciting point process (ETAS-type, Mohler et al. 2015), fitted by EM.

    Intensity in cell n: ``mu_n + theta * sum_i omega * exp(-omega * (t - t_i))`` over earlier events
    i in the same cell (events are placed mid-day; same-day events do not trigger each other).
    Fitted on the ``training_days`` days (None = all history) before the latest day number divisible
    by ``refit_days`` (a fixed 30-day refit calendar); the triggering term always uses every event
    before the forecast day. Only pairs at most ``max_lag_days`` apart are used.
    ``background_bandwidth`` > 0 smooths the background rate with a Gaussian (metres) in each M-step,
    which helps cells with few events; 0 keeps Mohler's one-rate-per-cell background.
    The forecast for day t is the expected count over that day.
    """

    method = "sepp"

    def __init__(
        self,
        training_days: int | None = 730,
        refit_days: int = 30,
        max_lag_days: int = 180,
        background_bandwidth: float = 0.0,
        max_iter: int = 30,
        tol: float = 1e-4,
    ) -> None:
        self.training_days = training_days
        self.refit_days = refit_days
        self.max_lag_days = max_lag_days
        self.background_bandwidth = background_bandwidth
        self.max_iter = max_iter
        self.tol = tol

    def _validate(self) -> None:
        _positive("training_days", self.training_days, allow_none=True)
        _positive("refit_days", self.refit_days)
        _positive("max_lag_days", self.max_lag_days)
        _positive("background_bandwidth", self.background_bandwidth, allow_zero=True)
        _positive("max_iter", self.max_iter)
        _positive("tol", self.tol)

    def input_start(self, day: int) -> int | None:
        return None if self.training_days is None else self.fit_day(day) - int(self.training_days)

    # EM ------------------------------------------------------------------------------------------
    def _fit_params(self, day: int) -> dict[str, Any]:
        d0 = None if self.training_days is None else day - int(self.training_days)
        days, cells = self.history_.window(d0, day)
        start = int(days[0]) if d0 is None and days.size else (d0 if d0 is not None else day)
        span = max(day - start, 1)
        n = days.size
        n_cells = self.history_.n_cells
        if n == 0:
            return {
                "mu": np.zeros(n_cells),
                "theta": 0.0,
                "omega": 1.0,
                "fit_day": day,
                "n": 0,
                "iterations": 0,
            }
        order = np.lexsort((days, cells))
        days, cells = days[order], cells[order]
        src, dst = _same_cell_pairs(days, cells, int(self.max_lag_days))
        lag = (days[dst] - days[src]).astype(float)
        # Horizon each event had to trigger others before the fit day (compensator of the kernel).
        horizon = np.minimum(day - days - 0.5, float(self.max_lag_days))
        mu = np.bincount(cells, minlength=n_cells) / span * 0.5
        theta, omega = 0.5, 0.1
        it = 0
        for it in range(1, int(self.max_iter) + 1):  # noqa: B007 - iteration count is reported
            trig = theta * omega * np.exp(-omega * lag)
            denom = mu[cells] + np.bincount(dst, weights=trig, minlength=n)
            p_trig = trig / denom[dst]
            p_bg = mu[cells] / denom
            bg = np.bincount(cells, weights=p_bg, minlength=n_cells)
            if self.background_bandwidth:
                img = bg.reshape(self.grid_.shape)
                sigma = float(self.background_bandwidth) / self.grid_.cell_size
                bg = ndimage.gaussian_filter(img, sigma=sigma, mode="constant", truncate=3.0).ravel()
            new_mu = bg / span
            s = p_trig.sum()
            if s > 1e-12:
                new_omega = float(s / max((p_trig * lag).sum(), 1e-12))
                new_omega = min(max(new_omega, 1e-4), 50.0)
                new_theta = float(s / max((1 - np.exp(-new_omega * horizon)).sum(), 1e-12))
            else:
                new_omega, new_theta = omega, 0.0
            change = abs(new_theta - theta) + abs(new_omega - omega) / max(omega, 1e-9)
            change += float(np.abs(new_mu - mu).sum() / max(mu.sum(), 1e-12))
            mu, theta, omega = new_mu, min(new_theta, 0.999), new_omega
            if change < float(self.tol):
                break
        return {"mu": mu, "theta": theta, "omega": omega, "fit_day": day, "n": int(n), "iterations": it}

    def fit(self, events: Events, grid: Grid) -> SEPPForecaster:
        super().fit(events, grid)
        self._fits: dict[int, dict[str, Any]] = {}
        return self

    def fit_day(self, day: int) -> int:
        """Day whose preceding data parameters for ``day`` are fitted on.

        Refits follow a fixed calendar (day numbers divisible by ``refit_days``), so a forecast does
        not depend on which other days were forecast before it, and fits can be shared.
        """
        return day - day % int(self.refit_days)

    def predict_days(self, days: Iterable[int]) -> Iterator[np.ndarray]:
        self._check_fitted()
        for d in _ascending(days):
            f = self.fit_day(d)
            if f not in self._fits:
                if len(self._fits) > 8:  # keep memory bounded: mu is one float per cell
                    self._fits.pop(min(self._fits))
                self._fits[f] = self._fit_params(f)
            fitted = self._fits[f]
            self.fitted_ = {k: v for k, v in fitted.items() if k != "mu"}
            yield self._intensity(fitted, d)

    def _intensity(self, fitted: dict[str, Any], day: int) -> np.ndarray:
        omega, theta = fitted["omega"], fitted["theta"]
        reach = int(min(self.max_lag_days, math.ceil(30.0 / omega)))  # exp(-30) is negligible
        days, _ = self.history_.window(day - reach, day)
        # Expected triggered count over [day, day + 1) from events placed at t_i + 0.5.
        w = np.exp(-omega * (day - days)) * 2.0 * math.sinh(omega / 2.0)
        return fitted["mu"] + theta * self.history_.counts(day - reach, day, w)

    def _surface(self, day: int) -> np.ndarray:
        return next(self.predict_days([day]))


def _same_cell_pairs(days: np.ndarray, cells: np.ndarray, max_lag: int) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (earlier, later) of events in the same cell, 1..max_lag days apart.

    Input sorted by (cell, day). Loops over the offset k between sorted positions, which ends as soon
    as no event has a same-cell partner k places on (bounded by the busiest cell's count).
    """
    src_parts, dst_parts = [], []
    n = days.size
    k = 1
    while k < n:
        same = (cells[k:] == cells[:-k]) & (days[k:] - days[:-k] <= max_lag)
        if not same.any():
            break
        idx = np.flatnonzero(same & (days[k:] > days[:-k]))
        src_parts.append(idx)
        dst_parts.append(idx + k)
        k += 1
    if not src_parts:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate(src_parts), np.concatenate(dst_parts)


# ------------------------------------------------------------------------------------------- auto
def default_candidates(cell_size: float) -> list[tuple[str, dict[str, Any]]]:
    """The methods and parameters ``auto`` chooses among.

    Spatial bandwidths are multiples of the cell size and time windows are whole years or the
    published defaults, so the same list serves any city and cell size: nothing is tuned to one city.
    """
    c = float(cell_size)
    return [
        ("naive", {"window_days": 365}),
        ("kde", {"bandwidth": 0.5 * c, "window_days": 365, "half_life_days": None}),
        ("kde", {"bandwidth": 0.5 * c, "window_days": None, "half_life_days": 365.0}),
        ("kde", {"bandwidth": 1.0 * c, "window_days": None, "half_life_days": 365.0}),
        ("kde", {"bandwidth": 0.5 * c, "window_days": None, "half_life_days": None}),
        ("promap", {"bandwidth": 400.0, "window_days": 56}),
        ("sepp", {"training_days": 730, "background_bandwidth": 0.0}),
        ("sepp", {"training_days": 730, "background_bandwidth": 0.5 * c}),
        ("sepp", {"training_days": None, "background_bandwidth": 0.0}),
        ("sepp", {"training_days": None, "background_bandwidth": 0.5 * c}),
    ]


class AutoForecaster(Forecaster):
    """Chooses a method and its parameters by rolling validation, using only data before each period.

    Days are forecast in periods (calendar months, or blocks of ``reselect_days``). Before each
    period every candidate forecasts each of the previous ``validation_days`` days (from data before
    that day) and is scored on the events of that day; the candidate with the highest mean
    ``(hits + 1) / (best possible hits + 1)`` over ``coverages`` (a smoothed pooled PEI, comparable
    across coverages) forecasts the period. Ties go to the earlier candidate (naive comes first).
    ``candidates`` defaults to :func:`default_candidates` for the grid's cell size.
    """

    method = "auto"

    def __init__(
        self,
        candidates: Sequence[tuple[str, Mapping[str, Any]]] | None = None,
        validation_days: int = 90,
        reselect_days: int | None = None,
        coverages: Sequence[float] = (1, 2, 5, 10, 20),
    ) -> None:
        self.candidates = candidates
        self.validation_days = validation_days
        self.reselect_days = reselect_days
        self.coverages = coverages

    def _validate(self) -> None:
        _positive("validation_days", self.validation_days)
        _positive("reselect_days", self.reselect_days, allow_none=True)
        if not self.coverages or any(not (0 < float(c) <= 100) for c in self.coverages):
            raise AnalysisError(f"coverages must be percentages in (0, 100], not {self.coverages!r}")

    def fit(self, events: Events, grid: Grid, domain: np.ndarray | None = None) -> AutoForecaster:
        """Store the history; ``domain`` (cell mask) fixes the cells scored during validation."""
        super().fit(events, grid)
        spec = list(self.candidates) if self.candidates is not None else default_candidates(grid.cell_size)
        if not spec:
            raise AnalysisError("auto needs at least one candidate")
        self.candidates_ = []
        for name, params in spec:
            if name == "auto":
                raise AnalysisError("auto cannot be its own candidate")
            self.candidates_.append(make_forecaster(name, **dict(params)).fit(events, grid))
        self.domain_ = None if domain is None else np.asarray(domain, dtype=bool)
        self.selections_: list[dict[str, Any]] = []
        self._cache: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}
        self._cache_domain: bytes | None = None
        return self

    def _domain(self, before: int) -> np.ndarray:
        if self.domain_ is not None:
            return self.domain_
        _, cells = self.history_.window(None, before)
        mask = np.zeros(self.grid_.n_cells, dtype=bool)
        mask[cells] = True
        if self.grid_.mask is not None:
            mask &= self.grid_.mask
        return mask

    def _period_key(self, day: int, first: int) -> Any:
        if self.reselect_days:
            return (day - first) // int(self.reselect_days)
        d = day_to_date(day)
        return d.year, d.month

    def _select(self, start: int, domain: np.ndarray) -> dict[str, Any]:
        """Score every candidate on [start - validation_days, start) and return the selection."""
        key = domain.tobytes()
        if key != self._cache_domain:
            self._cache.clear()
            self._cache_domain = key
        cells_dom = np.flatnonzero(domain)
        if cells_dom.size == 0:  # no history at all: nothing to validate on, keep the first candidate
            model = self.candidates_[0]
            return {
                "from": day_to_date(start).isoformat(),
                "method": model.method,
                "params": _jsonable(model.get_params()),
                "validation": {"start": None, "end": None, "score": None, "scores": {}},
                "_index": 0,
            }
        pos = np.full(self.grid_.n_cells, -1, dtype=np.int64)
        pos[cells_dom] = np.arange(cells_dom.size)
        ks = flagged_counts([float(c) for c in self.coverages], cells_dom.size)
        vdays = list(range(start - int(self.validation_days), start))
        first = self.history_.first_day()
        vdays = [d for d in vdays if first is not None and d > first]
        scores = []
        for ci, model in enumerate(self.candidates_):
            missing = [d for d in vdays if (ci, d) not in self._cache]
            for d, surface in zip(missing, model.predict_days(missing), strict=True):
                _, cells = self.history_.window(d, d + 1)
                ev = pos[cells]
                self._cache[(ci, d)] = score_day(surface[cells_dom], ev[ev >= 0], ks)
            hits = sum((self._cache[(ci, d)][0] for d in vdays), np.zeros(len(ks)))
            best = sum((self._cache[(ci, d)][1] for d in vdays), np.zeros(len(ks)))
            scores.append(float(np.mean((hits + 1.0) / (best + 1.0))))
        choice = int(np.argmax(scores))  # first maximum: earlier candidates win ties
        model = self.candidates_[choice]
        return {
            "from": day_to_date(start).isoformat(),
            "method": model.method,
            "params": _jsonable(model.get_params()),
            "validation": {
                "start": day_to_date(start - int(self.validation_days)).isoformat(),
                "end": day_to_date(start - 1).isoformat(),
                "score": round(scores[choice], 6),
                "scores": {
                    f"{m.method}{_jsonable(m.get_params())}": round(s, 6)
                    for m, s in zip(self.candidates_, scores, strict=True)
                },
            },
            "_index": choice,
        }

    def predict_days(self, days: Iterable[int]) -> Iterator[np.ndarray]:
        self._check_fitted()
        days = _ascending(days)
        if not days:
            return
        domain = self._domain(days[0])
        groups: dict[Any, list[int]] = {}
        for d in days:
            groups.setdefault(self._period_key(d, days[0]), []).append(d)
        for period in groups.values():
            sel = self._select(period[0], domain)
            sel["to"] = day_to_date(period[-1]).isoformat()
            self.selections_.append(sel)
            yield from self.candidates_[sel["_index"]].predict_days(period)

    def _chosen(self, day: int) -> dict[str, Any] | None:
        for sel in reversed(getattr(self, "selections_", [])):
            if sel["from"] <= day_to_date(day).isoformat() <= sel.get("to", sel["from"]):
                return {k: v for k, v in sel.items() if k != "_index"}
        sel = self._select(day, self._domain(day))
        return {k: v for k, v in sel.items() if k != "_index"}

    def input_start(self, day: int) -> int | None:
        # Selection used every candidate's forecasts over the validation days, so the input period
        # reaches back to the earliest data any candidate read for the first validation day.
        self._check_fitted()
        vstart = day - int(self.validation_days)
        starts = [m.input_start(vstart) for m in self.candidates_]
        return None if any(s is None for s in starts) else min(s for s in starts if s is not None)


# --------------------------------------------------------------------------------------- registry
METHODS: dict[str, type[Forecaster]] = {
    "naive": NaiveForecaster,
    "kde": KDEForecaster,
    "promap": ProMapForecaster,
    "sepp": SEPPForecaster,
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
