"""The single forecasting models: ``naive``, ``kde``, ``promap`` and ``sepp``."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
from scipy import ndimage

from ..events import Events
from ..grid import Grid
from .base import Forecaster, _ascending, _positive


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
