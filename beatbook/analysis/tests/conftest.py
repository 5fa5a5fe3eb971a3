"""Synthetic data shared by the analysis tests (small, seeded, fast)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from beatbook.analysis import Grid, events_from_arrays
from beatbook.analysis.events import EPOCH, Events

X0, Y0 = 835_000.0, 819_000.0  # HK1980 Grid (EPSG:2326), metres, around Mong Kok


def shared_data() -> Path:
    """Shared read-only data: $BEATBOOK_SHARED_DATA or <repo>/../shared/data."""
    env = os.environ.get("BEATBOOK_SHARED_DATA")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[3]
    return repo.parent / "shared" / "data"


def synthetic_events(
    seed: int = 0,
    days: int = 730,
    hotspots: tuple[tuple[float, float, float], ...] = ((300, 300, 1.2), (1700, 1200, 0.8), (900, 2300, 0.6)),
    background: float = 1.0,
    size: float = 3000.0,
    trigger: float = 0.0,
    trigger_days: float = 3.0,
    start_day: int = 17_000,
) -> Events:
    """Events in a ``size`` m square: persistent hotspots (x, y, events/day) with 40 m spread,
    uniform background (events/day) and, with ``trigger`` > 0, same-place offspring of each event
    (Poisson mean ``trigger``, exponential delay with mean ``trigger_days``, at least 1 day)."""
    rng = np.random.default_rng(seed)
    xs, ys, ds = [], [], []
    for hx, hy, rate in hotspots:
        n = rng.poisson(rate * days)
        xs.append(hx + rng.normal(0, 40, n))
        ys.append(hy + rng.normal(0, 40, n))
        ds.append(rng.integers(0, days, n))
    n = rng.poisson(background * days)
    xs.append(rng.uniform(0, size, n))
    ys.append(rng.uniform(0, size, n))
    ds.append(rng.integers(0, days, n))
    x, y, d = np.concatenate(xs), np.concatenate(ys), np.concatenate(ds)
    if trigger > 0:
        gen_x, gen_y, gen_d = x, y, d
        while gen_x.size:
            k = rng.poisson(trigger, gen_x.size)
            px, py = np.repeat(gen_x, k), np.repeat(gen_y, k)
            pd_ = np.repeat(gen_d, k) + 1 + np.floor(rng.exponential(trigger_days, k.sum())).astype(int)
            keep = pd_ < days
            gen_x, gen_y, gen_d = (
                px[keep] + rng.normal(0, 5, keep.sum()),
                py[keep] + rng.normal(0, 5, keep.sum()),
                pd_[keep],
            )
            x, y, d = np.concatenate([x, gen_x]), np.concatenate([y, gen_y]), np.concatenate([d, gen_d])
    inside = (x >= 0) & (x < size) & (y >= 0) & (y < size)
    dates = [EPOCH.fromordinal(EPOCH.toordinal() + start_day + int(v)) for v in d[inside]]
    return events_from_arrays(X0 + x[inside], Y0 + y[inside], dates, crs="EPSG:2326")


@pytest.fixture(scope="session")
def events() -> Events:
    return synthetic_events()


@pytest.fixture(scope="session")
def grid(events: Events) -> Grid:
    return Grid.from_events(events, 250.0)
