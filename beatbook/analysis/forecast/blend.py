"""``blend``: a long-term surface plus a recent, smoothed one (weights chosen by ``auto``'s validation).

The long-term term is where crime has been for years (counts over ``long_days``, optionally weighted
by an exponential decay with ``long_half_life_days`` and smoothed with ``long_bandwidth``); the recent
term is a kernel density of the last ``recent_days`` (Gaussian of ``recent_bandwidth`` metres), the
short-lived flare-ups and near repeats. Each term is normalised to sum to 1 over the grid and the
forecast is ``long + recent_weight * recent``, in the spirit of the NIJ Real-Time Crime Forecasting
Challenge entries that combined long-run hotspots with short-run activity.

With ``tie_break=True`` the recent term only orders cells the long-term term leaves tied (a
lexicographic order: the long-term count decides, the recent density breaks ties). Naive
365-day counts tie many cells on sparse data; ordering those ties by the density around them is the
smallest possible change to naive.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from scipy import ndimage

from ..errors import AnalysisError
from .base import Forecaster, _ascending, _positive


class BlendForecaster(Forecaster):
    """``long / sum(long) + recent_weight * recent / sum(recent)`` (see the module docstring)."""

    method = "blend"

    def __init__(
        self,
        long_days: int | None = None,
        long_half_life_days: float | None = 730.0,
        long_bandwidth: float = 0.0,
        recent_days: int = 28,
        recent_bandwidth: float = 250.0,
        recent_weight: float = 0.5,
        tie_break: bool = False,
    ) -> None:
        self.long_days = long_days
        self.long_half_life_days = long_half_life_days
        self.long_bandwidth = long_bandwidth
        self.recent_days = recent_days
        self.recent_bandwidth = recent_bandwidth
        self.recent_weight = recent_weight
        self.tie_break = tie_break

    def _validate(self) -> None:
        _positive("long_days", self.long_days, allow_none=True)
        _positive("long_half_life_days", self.long_half_life_days, allow_none=True)
        _positive("long_bandwidth", self.long_bandwidth, allow_zero=True)
        _positive("recent_days", self.recent_days)
        _positive("recent_bandwidth", self.recent_bandwidth, allow_zero=True)
        _positive("recent_weight", self.recent_weight, allow_zero=True)
        if not isinstance(self.tie_break, bool):
            raise AnalysisError(f"tie_break must be true or false, not {self.tie_break!r}")
        if self.tie_break and (self.long_half_life_days or self.long_bandwidth):
            # Ties are only exact (and the order lexicographic) on whole counts.
            raise AnalysisError("tie_break needs plain long-term counts: no half-life and no bandwidth")

    def input_start(self, day: int) -> int | None:
        if self.long_days is None:
            return None
        return day - max(int(self.long_days), int(self.recent_days))

    def _smooth(self, values: np.ndarray, bandwidth: float) -> np.ndarray:
        if not bandwidth:
            return values
        img = values.reshape(self.grid_.shape)
        sigma = float(bandwidth) / self.grid_.cell_size
        return ndimage.gaussian_filter(img, sigma=sigma, mode="constant", truncate=3.0).ravel()

    def predict_days(self, days: Iterable[int]) -> Iterator[np.ndarray]:
        """As ``_surface`` day by day, with the decayed all-history counts updated from the day before
        (``L(d + 1) = r * (L(d) + counts on day d)``, ``r = 0.5 ** (1 / half-life)``) when days follow on."""
        self._check_fitted()
        incremental = self.long_days is None and bool(self.long_half_life_days)
        r = 0.5 ** (1.0 / float(self.long_half_life_days or 1.0))
        prev_day, raw = None, None
        for d in _ascending(days):
            if incremental and prev_day is not None and raw is not None and d == prev_day + 1:
                raw = r * (raw + self.history_.counts(prev_day, d))
            elif incremental:
                raw = self._long_raw(d)
            prev_day = d
            long = self._smooth(raw, float(self.long_bandwidth)) if incremental and raw is not None else None
            yield self._surface(d, long)

    def _long_raw(self, day: int) -> np.ndarray:
        d0 = None if self.long_days is None else day - int(self.long_days)
        weights = None
        if self.long_half_life_days:
            days, _ = self.history_.window(d0, day)
            weights = 0.5 ** ((day - days) / float(self.long_half_life_days))
        return self.history_.counts(d0, day, weights)

    def _surface(self, day: int, long: np.ndarray | None = None) -> np.ndarray:
        if long is None:
            long = self._smooth(self._long_raw(day), float(self.long_bandwidth))
        recent = self._smooth(
            self.history_.counts(day - int(self.recent_days), day), float(self.recent_bandwidth)
        )
        if self.tie_break:
            top = recent.max()
            # Below 0.5 the recent term can reorder only cells with equal whole counts.
            return long + (0.5 * recent / top if top > 0 else 0.0)
        return _unit(long) + float(self.recent_weight) * _unit(recent)


def _unit(values: np.ndarray) -> np.ndarray:
    total = float(values.sum())
    return values / total if total > 0 else values
