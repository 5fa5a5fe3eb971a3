"""Benchmark of beatbook.analysis on the Chicago burglaries (not a test).

Runs, through the same functions as the CLI:

* the backtest of every method on every day of 2017 (250 m cells, data before each day), and
* the Knox test on the 2014 events with the Near Repeat Calculator's bands (0,200 m x 7 days),
  with the labelled band semantics and with ``--nrc-compat``,

and writes benchmarks/results/analysis_chicago.json with the figures, the reference figures from
shared/data/README.md and the .htm, seconds and machine information. Also prints a Markdown table
for docs/analysis.md.

    .venv/bin/python benchmarks/analysis_chicago.py

Shared data: $BEATBOOK_SHARED_DATA, else <repo>/../shared/data.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import scipy

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from beatbook.analysis.cli import main_backtest, main_knox  # noqa: E402

DATA = Path(os.environ.get("BEATBOOK_SHARED_DATA", REPO.parent / "shared" / "data"))
CSV = DATA / "chicago" / "chicago_burglary_2014_2017.csv"
OUT = REPO / "benchmarks" / "results" / "analysis_chicago.json"
COMMON = ["--x", "x", "--y", "y", "--date", "date_single", "--dayfirst", "--crs", "EPSG:26971"]

README_NAIVE = {"1": 0.0446, "2": 0.0762, "5": 0.1478, "10": 0.2416, "20": 0.3863}
NRC_2014 = {
    "same location, 0 to 7 days": 5.34,
    "1 to 200 m, 0 to 7 days": 1.28,
    "more than 200 m, 0 to 7 days": 1.00,
}


def machine() -> dict[str, object]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "load_average_at_start": [round(v, 2) for v in os.getloadavg()],
        "platform": platform.platform(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
    }


def main() -> dict[str, object]:
    info = machine()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        bt = main_backtest(
            [str(CSV), *COMMON, "--cell", "250", "--start", "2017-01-01", "--end", "2017-12-31"]
            + [
                "--methods",
                "naive,kde,promap,sepp,auto",
                "--coverage",
                "1,2,5,10,20",
                "--out",
                f"{tmp}/bt.json",
            ]
        )
        bt_seconds = time.perf_counter() - t0
        knox = {}
        for name, extra in (("labelled_bands", []), ("nrc_compat", ["--nrc-compat"])):
            t0 = time.perf_counter()
            knox[name] = main_knox(
                [str(CSV), *COMMON, "--start", "2014-01-01", "--end", "2014-12-31", "--space-bands", "0,200"]
                + ["--time-bands", "7", "--iterations", "99", "--seed", "1", *extra, "--out", f"{tmp}/k.json"]
            )
            knox[name]["wall_seconds"] = round(time.perf_counter() - t0, 3)
    methods = bt["methods"]
    naive = methods["naive"]["hit_rate"]
    auto = methods["auto"]["hit_rate"]
    result = {
        "command": ".venv/bin/python benchmarks/analysis_chicago.py",
        "machine": info,
        "backtest": {
            "data": "chicago_burglary_2014_2017.csv, EPSG:26971, dayfirst, 250 m cells, every day of 2017",
            "cells": bt["cells"],
            "events_scored": bt["events_scored"],
            "wall_seconds_all_methods": round(bt_seconds, 3),
            "seconds_naive_kde_promap": round(
                sum(methods[m]["seconds"] for m in ("naive", "kde", "promap")), 3
            ),
            "methods": {
                name: {
                    k: m[k] for k in ("hit_rate", "pai", "pei", "daily_mean_hit_rate", "params", "seconds")
                }
                for name, m in methods.items()
            },
            "auto_selections": [
                {k: s[k] for k in ("from", "to", "method", "params")} for s in methods["auto"]["selections"]
            ],
            "auto_over_naive": {k: round(auto[k] / naive[k], 4) for k in naive},
            "reference_naive_readme": README_NAIVE,
            "naive_minus_reference_points": {k: round(100 * (naive[k] - README_NAIVE[k]), 3) for k in naive},
        },
        "knox": {
            "data": "2014 events (12,334), space bands 0,200 m, time band 7 days, 99 iterations, seed 1",
            "reference_near_repeat_calculator": NRC_2014,
            **{
                name: {
                    k: r[k]
                    for k in (
                        "space_bands",
                        "time_bands",
                        "observed",
                        "expected_mean",
                        "ratio",
                        "p_value",
                        "seconds",
                    )
                }
                | {"wall_seconds": r["wall_seconds"], "n_events": r["n_events"]}
                for name, r in knox.items()
            },
        },
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n")
    print(table(result))
    return result


def table(result: dict) -> str:
    bt = result["backtest"]
    covs = list(bt["reference_naive_readme"])
    lines = [
        "| method | " + " | ".join(f"{c}%" for c in covs) + " | seconds |",
        "|---|" + "---|" * (len(covs) + 1),
        "| naive (README reference) | "
        + " | ".join(f"{100 * v:.2f}" for v in bt["reference_naive_readme"].values())
        + " | |",
    ]
    for name, m in bt["methods"].items():
        lines.append(
            f"| {name} | "
            + " | ".join(f"{100 * m['hit_rate'][c]:.2f}" for c in covs)
            + f" | {m['seconds']:.1f} |"
        )
    lines.append("| auto / naive | " + " | ".join(f"{bt['auto_over_naive'][c]:.3f}" for c in covs) + " | |")
    lines.append("")
    kn = result["knox"]
    lines.append("| Knox 2014, ratio (p) | NRC .htm | labelled bands [0,7] d, [0,200] m | --nrc-compat |")
    lines.append("|---|---|---|---|")
    for row, label in enumerate(["same location", "1 to 200 m", "more than 200 m"]):
        ref = list(kn["reference_near_repeat_calculator"].values())[row]
        a = kn["labelled_bands"]
        b = kn["nrc_compat"]
        lines.append(
            f"| {label}, 0 to 7 days | {ref:.2f} | {a['ratio'][row][0]:.2f} ({a['p_value'][row][0]:.2f}) | "
            f"{b['ratio'][row][0]:.2f} ({b['p_value'][row][0]:.2f}) |"
        )
    lines.append(
        f"\nBacktest wall time (all methods, incl. loading): {bt['wall_seconds_all_methods']:.1f} s; "
        f"naive+kde+promap: {bt['seconds_naive_kde_promap']:.1f} s; Knox: "
        f"{kn['labelled_bands']['seconds']:.2f} s (test) / {kn['labelled_bands']['wall_seconds']:.2f} s (with loading)."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
