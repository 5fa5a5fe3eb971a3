"""``ensemble``: the mean of rank-normalised surfaces of several member models.

Surfaces of different models are on different scales (counts, densities, expected counts), so each
member's surface is turned into ranks (ties share their mean rank) scaled to (0, 1] over the grid, and
the ranks are averaged with ``weights``. A cell ranked high by every member stays high; a cell one
member ranks high for an odd reason is pulled down by the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np
from scipy.stats import rankdata

from ..errors import AnalysisError
from ..events import Events
from ..grid import Grid
from .base import Forecaster, _ascending


class EnsembleForecaster(Forecaster):
    """Weighted mean of the members' rank-normalised surfaces (see the module docstring)."""

    method = "ensemble"

    def __init__(
        self,
        members: Sequence[tuple[str, Mapping[str, Any]]] = (("naive", {}), ("sepp", {})),
        weights: Sequence[float] | None = None,
    ) -> None:
        self.members = members
        self.weights = weights

    def _validate(self) -> None:
        members = list(self.members or [])
        if len(members) < 2:
            raise AnalysisError("an ensemble needs at least two members")
        if any(name in ("auto", "ensemble") for name, _ in members):
            raise AnalysisError("ensemble members must be single models, not auto or ensemble")
        if self.weights is not None:
            w = list(self.weights)
            if len(w) != len(members) or any(not (float(x) >= 0) for x in w) or sum(w) <= 0:
                raise AnalysisError(
                    f"weights must be {len(members)} non-negative numbers, not {self.weights!r}"
                )

    def fit(
        self, events: Events, grid: Grid, shared: Mapping[str, Forecaster] | None = None
    ) -> EnsembleForecaster:
        """Fit the members; ``shared`` maps :meth:`Forecaster.label` to members already fitted on the
        same events and grid (``auto`` passes its candidates, so a SEPP is not fitted twice)."""
        from . import make_forecaster  # the registry imports this module

        super().fit(events, grid)
        self.models_ = []
        for name, params in self.members:
            model = make_forecaster(name, **dict(params))
            found = (shared or {}).get(model.label())
            self.models_.append(found if found is not None else model.fit(events, grid))
        w = np.ones(len(self.models_)) if self.weights is None else np.asarray(self.weights, dtype=float)
        self.weights_ = w / w.sum()
        return self

    def input_start(self, day: int) -> int | None:
        starts = [m.input_start(day) for m in self.models_]
        return None if any(s is None for s in starts) else min(s for s in starts if s is not None)

    def predict_days(self, days: Iterable[int]) -> Iterator[np.ndarray]:
        self._check_fitted()
        days = _ascending(days)
        streams = [m.predict_days(days) for m in self.models_]
        for _ in days:
            out = np.zeros(self.grid_.n_cells)
            for w, stream in zip(self.weights_, streams, strict=True):
                surface = next(stream)
                if surface.max() > surface.min():  # a constant surface carries no order
                    out += w * rankdata(surface) / surface.size
            yield out

    def _surface(self, day: int) -> np.ndarray:
        return next(self.predict_days([day]))
