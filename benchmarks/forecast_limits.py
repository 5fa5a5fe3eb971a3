"""What limits auto on two data sets of benchmarks/forecast_cities.py (not a test).

1. Chicago aggravated assaults 2019 (250 m): the ex-post best static map (2019's own counts per cell,
   a ceiling no forecast can reach) and fixed candidates over the whole year, against naive.
2. Sparse data with real structure: Cincinnati burglary thinned at random to 45% (about 120-210
   events a quarter), four seeds x four quarters of 2018, naive against auto.

Writes benchmarks/results/forecast_limits.json and prints the figures quoted in docs/analysis.md.

    .venv/bin/python benchmarks/forecast_limits.py
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from beatbook.analysis import Grid, backtest, load_events  # noqa: E402
from beatbook.analysis.events import to_day  # noqa: E402
from beatbook.analysis.scoring import flagged_counts, score_day  # noqa: E402

DATA = Path(os.environ.get("BEATBOOK_SHARED_DATA", REPO.parent / "shared" / "data"))
OUT = REPO / "benchmarks" / "results" / "forecast_limits.json"
COV = ["1", "2", "5", "10", "20"]


def ratios(result: dict[str, Any], name: str) -> dict[str, float]:
    naive = result["methods"]["naive"]["hit_rate"]
    return {c: round(result["methods"][name]["hit_rate"][c] / naive[c], 3) if naive[c] else 0.0 for c in COV}


def assaults() -> dict[str, Any]:
    path = DATA / "cities" / "chicago_aggravated_assaults_2010_2019.csv.gz"
    ev = load_events(path, "longitude", "latitude", "date", crs="EPSG:4326")
    grid = Grid.from_events(ev, 250.0)
    start, end = "2019-01-01", "2019-12-31"
    out: dict[str, Any] = {}
    fixed = {
        "all history, 730-day half-life": (
            "kde",
            {"bandwidth": 0.0, "window_days": None, "half_life_days": 730.0},
        ),
        "blend, recent 28 d": ("blend", {"recent_bandwidth": 250.0}),
        "blend, recent 56 d": ("blend", {"recent_days": 56, "recent_bandwidth": 375.0}),
    }
    for label, (method, params) in fixed.items():
        r = backtest(ev, grid, start, end, ["naive", method], params={method: params})
        out[label] = ratios(r, method)
    # Ex-post ceiling: rank cells by 2019's own counts (uses the answers; no forecast can do this).
    d0, d1 = to_day(start), to_day(end)
    dom = grid.domain_mask(ev, before=d0)
    cells_dom = np.flatnonzero(dom)
    pos = np.full(grid.n_cells, -1)
    pos[cells_dom] = np.arange(cells_dom.size)
    cells = grid.cell_index(ev.x, ev.y)
    year = (ev.day >= d0) & (ev.day <= d1) & (cells >= 0)
    post = np.bincount(cells[year], minlength=grid.n_cells).astype(float)
    ks = flagged_counts([float(c) for c in COV], cells_dom.size)
    hits = np.zeros(len(ks))
    naive_hits = np.zeros(len(ks))
    for d in range(d0, d1 + 1):
        day = (ev.day == d) & (cells >= 0)
        p = pos[cells[day]]
        p = p[p >= 0]
        hits += score_day(post[cells_dom], p, ks)[0]
        past = (ev.day >= d - 365) & (ev.day < d) & (cells >= 0)
        naive = np.bincount(cells[past], minlength=grid.n_cells).astype(float)
        naive_hits += score_day(naive[cells_dom], p, ks)[0]
    out["ex-post best static map (ceiling)"] = {
        c: round(h / n, 3) for c, h, n in zip(COV, hits, naive_hits, strict=True)
    }
    return out


def sparse() -> dict[str, Any]:
    path = DATA / "cities" / "cincinnati_burglary_2016_2018.csv.gz"
    ev = load_events(path, "longitude", "latitude", "offense_date", crs="EPSG:4326", on_error="skip")
    quarters = [
        ("2018-01-01", "2018-03-31"),
        ("2018-04-01", "2018-06-30"),
        ("2018-07-01", "2018-09-30"),
        ("2018-10-01", "2018-12-31"),
    ]
    runs = []
    for seed in range(4):
        sub = ev.subset(np.random.default_rng(seed).random(len(ev)) < 0.45)
        grid = Grid.from_events(sub, 150.0)
        for start, end in quarters:
            r = backtest(sub, grid, start, end, ["naive", "auto"])
            runs.append(
                {
                    "seed": seed,
                    "start": start,
                    "events_scored": r["events_scored"],
                    "auto/naive": ratios(r, "auto"),
                    "chosen": [s["method"] for s in r["methods"]["auto"]["selections"]],
                }
            )
            print(runs[-1], flush=True)
    at = {c: [run["auto/naive"][c] for run in runs] for c in COV}
    summary = {c: {"min": min(v), "mean": round(float(np.mean(v)), 3), "max": max(v)} for c, v in at.items()}
    return {"runs": runs, "summary": summary}


def main() -> dict[str, Any]:
    result = {"chicago_assaults_2019": assaults()}
    print(json.dumps(result["chicago_assaults_2019"], indent=1))
    result["cincinnati_thinned_45pct"] = sparse()
    print(json.dumps(result["cincinnati_thinned_45pct"]["summary"], indent=1))
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
