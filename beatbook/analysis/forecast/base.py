"""Base class of the forecasting models, the event history they share, and the forecast record."""

from __future__ import annotations

import datetime as dt
import inspect
import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar, TypedDict

import numpy as np

from ..errors import AnalysisError
from ..events import Events, day_to_date, to_day
from ..grid import Grid

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

    def label(self) -> str:
        """Short name with the parameters that differ from the defaults, e.g. ``kde(bandwidth=125.0)``."""
        sig = inspect.signature(type(self).__init__)
        changed = [
            f"{k}={v!r}"
            for k, v in _jsonable(self.get_params()).items()
            if k in sig.parameters and _jsonable({k: sig.parameters[k].default}).get(k) != v
        ]
        return f"{self.method}({', '.join(changed)})"

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
    """Parameters as JSON values (nested tuples become lists, numpy scalars Python numbers)."""
    return {str(k): _json_value(v) for k, v in params.items()}


def _json_value(v: Any) -> Any:
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, tuple | list):
        return [_json_value(x) for x in v]
    if isinstance(v, Mapping):
        return _jsonable(v)
    if isinstance(v, int | float | str | bool | type(None)):
        return v
    return repr(v)


def _positive(name: str, value: Any, allow_none: bool = False, allow_zero: bool = False) -> None:
    if value is None and allow_none:
        return
    ok = isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool)
    ok = ok and math.isfinite(value) and (value >= 0 if allow_zero else value > 0)
    if not ok:
        raise AnalysisError(
            f"{name} must be a {'non-negative' if allow_zero else 'positive'} number, not {value!r}"
        )
