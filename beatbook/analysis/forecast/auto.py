"""``auto``: chooses among candidate models by rolling validation, keeping naive without strong evidence."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from ..errors import AnalysisError
from ..events import Events, day_to_date
from ..grid import Grid
from ..scoring import flagged_counts, score_day
from .base import Forecaster, _ascending, _jsonable, _positive
from .ensemble import EnsembleForecaster
from .evidence import EvidenceRule, compare


def default_candidates(cell_size: float) -> list[tuple[str, dict[str, Any]]]:
    """The methods and parameters ``auto`` chooses among; the first (naive) is the default.

    Spatial bandwidths are multiples of the cell size and time windows are whole years, their
    multiples or the published defaults, so the same list serves any city and cell size: nothing is
    tuned to one city. The list is short on purpose: every extra candidate widens the confidence
    correction a candidate must clear.
    """
    c = float(cell_size)
    recent = {"long_half_life_days": 730.0, "recent_days": 28, "recent_bandwidth": c, "recent_weight": 0.5}
    sepp = {"training_days": None, "background_bandwidth": 0.5 * c}
    return [
        ("naive", {"window_days": 365}),
        (
            "blend",
            {
                "long_days": 365,
                "long_half_life_days": None,
                "recent_days": 365,
                "recent_bandwidth": c,
                "tie_break": True,
            },
        ),
        ("kde", {"bandwidth": 0.5 * c, "window_days": None, "half_life_days": 730.0}),
        ("blend", recent),
        (
            "blend",
            {
                "long_half_life_days": 730.0,
                "recent_days": 56,
                "recent_bandwidth": 1.5 * c,
                "recent_weight": 0.5,
            },
        ),
        ("sepp", sepp),
        ("ensemble", {"members": [("blend", recent), ("sepp", sepp)]}),
    ]


class AutoForecaster(Forecaster):
    """Chooses a method and its parameters by rolling validation, using only data before each period.

    Days are forecast in periods (calendar months, or blocks of ``reselect_days``). Before each
    period every candidate forecasts each of the previous ``validation_days`` days (from data before
    that day) and is scored on the events of that day. The first candidate (naive) is kept unless
    another beats it with confidence (:mod:`.evidence`: a paired test of weekly blocks of day-level
    differences with a Bonferroni correction, lower bound of the gain above ``min_gain``, most of ``folds`` parts of the validation won, no
    coverage much worse, at least ``min_events`` validation events). Validation days are only those
    with at least ``min_history_days`` of data before them. Each selection (scores, gains,
    lower bounds, events in validation and the reason in words) is kept in ``selections_`` and in the
    forecast record. ``candidates`` defaults to :func:`default_candidates` for the grid's cell size.
    """

    method = "auto"

    def __init__(
        self,
        candidates: Sequence[tuple[str, Mapping[str, Any]]] | None = None,
        validation_days: int = 182,
        reselect_days: int | None = None,
        coverages: Sequence[float] = (1, 2, 5, 10, 20),
        confidence: float = 0.95,
        min_events: int = 100,
        folds: int = 3,
        block_days: int = 7,
        coverage_tolerance: float = 0.01,
        min_gain: float = 0.01,
        min_history_days: int = 90,
    ) -> None:
        self.candidates = candidates
        self.validation_days = validation_days
        self.reselect_days = reselect_days
        self.coverages = coverages
        self.confidence = confidence
        self.min_events = min_events
        self.folds = folds
        self.block_days = block_days
        self.coverage_tolerance = coverage_tolerance
        self.min_gain = min_gain
        self.min_history_days = min_history_days

    def _validate(self) -> None:
        _positive("validation_days", self.validation_days)
        _positive("reselect_days", self.reselect_days, allow_none=True)
        _positive("min_events", self.min_events, allow_zero=True)
        _positive("folds", self.folds)
        _positive("block_days", self.block_days)
        _positive("coverage_tolerance", self.coverage_tolerance, allow_zero=True)
        _positive("min_gain", self.min_gain, allow_zero=True)
        _positive("min_history_days", self.min_history_days, allow_zero=True)
        if not isinstance(self.confidence, int | float) or not 0.5 <= self.confidence < 1:
            raise AnalysisError(f"confidence must be in [0.5, 1), not {self.confidence!r}")
        if not self.coverages or any(not (0 < float(c) <= 100) for c in self.coverages):
            raise AnalysisError(f"coverages must be percentages in (0, 100], not {self.coverages!r}")

    def rule(self) -> EvidenceRule:
        """The selection thresholds from the parameters."""
        return EvidenceRule(
            confidence=float(self.confidence),
            block_days=int(self.block_days),
            folds=int(self.folds),
            min_events=int(self.min_events),
            coverage_tolerance=float(self.coverage_tolerance),
            min_gain=float(self.min_gain),
        )

    def fit(self, events: Events, grid: Grid, domain: np.ndarray | None = None) -> AutoForecaster:
        """Store the history; ``domain`` (cell mask) fixes the cells scored during validation."""
        from . import make_forecaster  # the registry imports this module

        super().fit(events, grid)
        spec = list(self.candidates) if self.candidates is not None else default_candidates(grid.cell_size)
        if not spec:
            raise AnalysisError("auto needs at least one candidate")
        self.candidates_ = []
        fitted: dict[str, Forecaster] = {}
        for name, params in spec:
            if name == "auto":
                raise AnalysisError("auto cannot be its own candidate")
            model = make_forecaster(name, **dict(params))
            if isinstance(model, EnsembleForecaster):
                model.fit(events, grid, shared=fitted)
            else:
                model.fit(events, grid)
            fitted.setdefault(model.label(), model)
            self.candidates_.append(model)
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
        first = self.history_.first_day()
        # A validation day must be forecast from some history, like the days it stands for: on a
        # file that starts in January, forecasts for 3 January (from two days of data) would
        # favour smoothing models for a reason that is gone by July.
        earliest = None if first is None else first + int(self.min_history_days)
        vdays = [
            d
            for d in range(start - int(self.validation_days), start)
            if earliest is not None and d > earliest
        ]
        base = self.candidates_[0]
        out: dict[str, Any] = {
            "from": day_to_date(start).isoformat(),
            "method": base.method,
            "params": _jsonable(base.get_params()),
            "_index": 0,
        }
        if cells_dom.size == 0 or not vdays:
            out["validation"] = {"start": None, "end": None, "events": 0, "days": 0, "candidates": []}
            out["reason"] = f"no events before the validation period: {base.label()} kept"
            out["decision"] = "no_history"
            return out
        pos = np.full(self.grid_.n_cells, -1, dtype=np.int64)
        pos[cells_dom] = np.arange(cells_dom.size)
        ks = flagged_counts([float(c) for c in self.coverages], cells_dom.size)
        day_events = []
        for d in vdays:
            _, cells = self.history_.window(d, d + 1)
            ev = pos[cells]
            day_events.append(ev[ev >= 0])
        hits = np.zeros((len(self.candidates_), len(vdays), len(ks)))
        best = np.zeros((len(vdays), len(ks)))
        for ci, model in enumerate(self.candidates_):
            missing = [d for d in vdays if (ci, d) not in self._cache]
            evs = dict(zip(vdays, day_events, strict=True))
            for d, surface in zip(missing, model.predict_days(missing), strict=True):
                self._cache[(ci, d)] = score_day(surface[cells_dom], evs[d], ks)
            for j, d in enumerate(vdays):
                hits[ci, j], best[j] = self._cache[(ci, d)]
        labels = [m.label() for m in self.candidates_]
        counts = np.array([e.size for e in day_events], dtype=float)
        decision = compare(hits, best, counts, labels, self.rule())
        choice = int(decision.pop("choice"))
        model = self.candidates_[choice]
        out.update(
            {
                "method": model.method,
                "params": _jsonable(model.get_params()),
                "_index": choice,
                "reason": decision.pop("reason"),
                "decision": decision.pop("decision"),
                "gain": decision.pop("gain"),
                "gain_lower": decision.pop("gain_lower"),
                "validation": {
                    "start": day_to_date(vdays[0]).isoformat(),
                    "end": day_to_date(vdays[-1]).isoformat(),
                    **decision,
                },
            }
        )
        return out

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
            model = self.candidates_[sel["_index"]]
            for d, surface in zip(period, model.predict_days(period), strict=True):
                yield self._never_blank(surface, d, domain, sel)

    def _never_blank(
        self, surface: np.ndarray, day: int, domain: np.ndarray, sel: dict[str, Any]
    ) -> np.ndarray:
        """A map with no risk anywhere while there is history (e.g. nothing in the last 365 days)
        would be a silent blank: fall back to counts over all history and say so in the selection."""
        if surface[domain].any() or self.history_.index(day) == 0:
            return surface
        fallback = self.history_.counts(None, day)
        if fallback[domain].any():
            note = "the chosen model gives no risk anywhere (no recent events): counts over all history used"
            sel.setdefault("fallback", {})[day_to_date(day).isoformat()] = note
            return fallback
        return surface

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
