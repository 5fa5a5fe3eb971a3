"""Rolling-origin backtest: forecast each day from events strictly before it, score on that day's events.

Domain: the cells inside the boundary when the grid has one, otherwise the cells holding at least
one event dated before ``start``. Events off the domain are not scored. For each coverage c% the
top ``k = max(1, floor(c/100 * n))`` domain cells are flagged (ties: see :mod:`.scoring`) and

* ``hit_rate`` = hits / scored events, pooled over all days;
* ``pai`` = hit_rate / (k / n), the predictive accuracy index (k / n is the flagged area share);
* ``pei`` = hits / best possible hits, pooled, where the best possible on a day is the events in the
  k cells that had the most events that day (predictive efficiency index);
* ``daily_mean_hit_rate`` = mean over days with at least one scored event of that day's hit rate.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from .errors import AnalysisError
from .events import Events, day_to_date, to_day
from .forecast import AutoForecaster, _jsonable, make_forecaster
from .grid import Grid
from .scoring import flagged_counts, score_day

DEFAULT_COVERAGES = (1, 2, 5, 10, 20)


def coverage_label(c: float | str) -> str:
    """Key used in the JSON output: the coverage as given ("5", "0.5")."""
    return c.strip() if isinstance(c, str) else f"{c:g}"


def _coverages(coverages: Iterable[float | str]) -> tuple[list[float], list[str]]:
    values, labels = [], []
    for c in coverages:
        try:
            v = float(c)
        except (TypeError, ValueError):
            raise AnalysisError(f"coverage {c!r} is not a number")
        if not 0 < v <= 100:
            raise AnalysisError(f"coverage {c!r} must be a percentage in (0, 100]")
        values.append(v)
        labels.append(coverage_label(c))
    if not values:
        raise AnalysisError("give at least one coverage")
    if len(set(labels)) != len(labels):
        raise AnalysisError(f"duplicate coverages: {labels}")
    return values, labels


def backtest(
    events: Events,
    grid: Grid,
    start: Any,
    end: Any,
    methods: Sequence[str] = ("naive",),
    coverages: Iterable[float | str] = DEFAULT_COVERAGES,
    params: Mapping[str, Mapping[str, Any]] | None = None,
    domain: np.ndarray | None = None,
) -> dict[str, Any]:
    """Backtest ``methods`` for every day from ``start`` to ``end`` (inclusive).

    ``params`` maps a method name to its constructor parameters. ``naive`` is always included.
    Returns ``{"cells", "events_scored", "days", "start", "end", "methods": {name: {"hit_rate",
    "pai", "pei", "daily_mean_hit_rate", "params", "seconds", ...}}}`` with coverage keys as strings.
    """
    d0, d1 = to_day(start), to_day(end)
    if d0 > d1:
        raise AnalysisError(f"start {day_to_date(d0)} is after end {day_to_date(d1)}")
    cov_values, cov_labels = _coverages(coverages)
    names = ["naive"] + [m for m in dict.fromkeys(methods) if m != "naive"]
    params = dict(params or {})
    models = {name: make_forecaster(name, **dict(params.get(name, {}))) for name in names}

    dom = grid.domain_mask(events, before=d0) if domain is None else np.asarray(domain, dtype=bool)
    cells_dom = np.flatnonzero(dom)
    n = int(cells_dom.size)
    if n == 0:
        raise AnalysisError("the domain is empty: no cell holds an event before the start date")
    pos = np.full(grid.n_cells, -1, dtype=np.int64)
    pos[cells_dom] = np.arange(n)
    ks = flagged_counts(cov_values, n)

    # The events scored each day (domain positions), computed once for all methods.
    cell_of = grid.cell_index(events.x, events.y)
    in_period = (events.day >= d0) & (events.day <= d1) & (cell_of >= 0)
    ev_day = events.day[in_period]
    ev_pos = pos[cell_of[in_period]]
    keep = ev_pos >= 0
    ev_day, ev_pos = ev_day[keep], ev_pos[keep]
    order = np.argsort(ev_day, kind="stable")
    ev_day, ev_pos = ev_day[order], ev_pos[order]
    days = list(range(d0, d1 + 1))
    bounds = np.searchsorted(ev_day, [d0 + i for i in range(len(days) + 1)])
    daily_events = [ev_pos[bounds[i] : bounds[i + 1]] for i in range(len(days))]
    total = int(ev_pos.size)
    if total == 0:
        # Hit rates would be 0/0: say so rather than report zeros as if every method had failed.
        raise AnalysisError(
            f"no events to score: none of the events from {day_to_date(d0)} to {day_to_date(d1)} "
            f"falls in the {n} domain cells (cells with an event before {day_to_date(d0)})"
        )

    result: dict[str, Any] = {
        "cells": n,
        "events_scored": total,
        "days": len(days),
        "start": day_to_date(d0).isoformat(),
        "end": day_to_date(d1).isoformat(),
        "coverage_cells": {label: int(k) for label, k in zip(cov_labels, ks, strict=True)},
        "grid": grid.to_dict(),
        "methods": {},
    }
    for name, model in models.items():
        t0, c0 = time.perf_counter(), time.process_time()
        if isinstance(model, AutoForecaster):
            model.fit(events, grid, domain=dom)
        else:
            model.fit(events, grid)
        hits = np.zeros(len(ks))
        best = np.zeros(len(ks))
        daily_rates = []
        for surface, ev in zip(model.predict_days(days), daily_events, strict=True):
            h, b = score_day(surface[cells_dom], ev, ks)
            hits += h
            best += b
            if ev.size:
                daily_rates.append(h / ev.size)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        hit_rate = hits / total if total else np.zeros(len(ks))
        entry: dict[str, Any] = {
            "hit_rate": _by_label(cov_labels, hit_rate),
            "pai": _by_label(cov_labels, hit_rate / (ks / n)),
            "pei": _by_label(cov_labels, np.divide(hits, best, out=np.zeros(len(ks)), where=best > 0)),
            "daily_mean_hit_rate": _by_label(
                cov_labels, np.mean(daily_rates, axis=0) if daily_rates else np.zeros(len(ks))
            ),
            "hits": _by_label(cov_labels, hits, 3),
            "params": _jsonable(model.get_params()),
            "seconds": round(seconds, 3),
            # CPU time of this process: on a shared machine wall-clock seconds also count other work.
            "cpu_seconds": round(cpu, 3),
        }
        if isinstance(model, AutoForecaster):
            entry["params"] = {k: v for k, v in entry["params"].items() if k != "candidates"}
            entry["params"]["candidates"] = [
                {"method": m.method, "params": _jsonable(m.get_params())} for m in model.candidates_
            ]
            entry["selections"] = [{k: v for k, v in s.items() if k != "_index"} for s in model.selections_]
        result["methods"][name] = entry
    return result


def _by_label(labels: list[str], values: np.ndarray, digits: int = 6) -> dict[str, float]:
    return {label: round(float(v), digits) for label, v in zip(labels, values, strict=True)}
