"""Forecasting benchmark over every city in shared/data/cities/ and the Chicago burglaries (not a test).

For each data set, through the same function as the CLI (``beatbook.analysis.cli.main_backtest``):
daily forecasts, each from the events strictly before the day; domain = cells with an event before
the first forecast day; hit rate, PAI and seconds for naive, kde, promap, sepp and auto at 1, 2, 5,
10 and 20% of the domain cells. Writes benchmarks/results/forecast_cities.json, prints a Markdown
table and replaces the table between the ``forecast-cities`` markers in docs/analysis.md.

    .venv/bin/python benchmarks/forecast_cities.py [--only NAME,...] [--methods naive,auto] [--no-docs]

Targets (issue 13): on every data set auto >= 0.97 x naive at every coverage and >= 1.00 x at 5 and
10%; the mean of auto/naive at 5% >= 1.08; Chicago burglary 2017 >= 1.15 and assaults 2019 >= 1.08
at 5%. The JSON says which hold. Shared data: $BEATBOOK_SHARED_DATA, else <repo>/../shared/data.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analysis_chicago import machine  # noqa: E402  (this folder is on sys.path when run as a script)

from beatbook.analysis.cli import main_backtest  # noqa: E402

DATA = Path(os.environ.get("BEATBOOK_SHARED_DATA", REPO.parent / "shared" / "data"))
OUT = REPO / "benchmarks" / "results" / "forecast_cities.json"
DOC = REPO / "docs" / "analysis.md"
METHODS = "naive,kde,promap,sepp,auto"
COVERAGES = ["1", "2", "5", "10", "20"]

# name -> file, CLI options, period (the protocol of shared/data/README.md and issue 13).
DATASETS: dict[str, dict[str, Any]] = {
    "chicago_burglary_2017": {
        "file": "chicago/chicago_burglary_2014_2017.csv",
        "args": ["--x", "x", "--y", "y", "--date", "date_single", "--dayfirst", "--crs", "EPSG:26971"],
        "cell": 250,
        "period": ("2017-01-01", "2017-12-31"),
        "target_5": 1.15,
    },
    "chicago_assaults_2019": {
        "file": "cities/chicago_aggravated_assaults_2010_2019.csv.gz",
        "args": ["--x", "longitude", "--y", "latitude", "--date", "date", "--crs", "EPSG:4326"],
        "cell": 250,
        "period": ("2019-01-01", "2019-12-31"),
        "target_5": 1.08,
    },
    "vancouver_thefts_2020": {
        "file": "cities/vancouver_thefts_2020.csv.gz",
        # The date is held in five columns.
        "args": ["--x", "X", "--y", "Y", "--date", "YEAR,MONTH,DAY,HOUR,MINUTE", "--crs", "EPSG:32610"],
        "cell": 150,
        "period": ("2020-07-01", "2020-12-31"),
    },
    "cincinnati_burglary_2018": {
        "file": "cities/cincinnati_burglary_2016_2018.csv.gz",
        # 426 rows have no coordinates ("NA"): skipped and counted in the output.
        "args": ["--x", "longitude", "--y", "latitude", "--date", "offense_date", "--crs", "EPSG:4326"]
        + ["--skip-bad-rows"],
        "cell": 150,
        "period": ("2018-01-01", "2018-12-31"),
    },
    "san_francisco_robbery_2019": {
        "file": "cities/san_francisco_robbery_2019.csv.gz",
        "args": ["--x", "longitude", "--y", "latitude", "--date", "date_time", "--crs", "EPSG:4326"]
        + ["--skip-bad-rows"],
        "cell": 150,
        "period": ("2019-07-01", "2019-12-31"),
    },
}


def run_one(name: str, spec: dict[str, Any], methods: str, tmp: str) -> dict[str, Any]:
    start, end = spec["period"]
    argv = [
        str(DATA / spec["file"]),
        *spec["args"],
        "--cell",
        str(spec["cell"]),
        "--start",
        start,
        "--end",
        end,
    ]
    argv += [
        "--methods",
        methods,
        "--coverage",
        ",".join(COVERAGES),
        "--out",
        str(Path(tmp) / f"{name}.json"),
    ]
    t0 = time.perf_counter()
    result = main_backtest(argv)
    result["seconds_wall"] = round(time.perf_counter() - t0, 2)
    naive = result["methods"]["naive"]["hit_rate"]
    ratios = {
        m: {c: round(v["hit_rate"][c] / naive[c], 4) if naive[c] else None for c in COVERAGES}
        for m, v in result["methods"].items()
    }
    result["ratio_to_naive"] = ratios
    auto = ratios.get("auto")
    if auto:
        checks = {
            "auto >= 0.97 x naive at every coverage": all(v is not None and v >= 0.97 for v in auto.values()),
            "auto >= 1.00 x naive at 5% and 10%": all((auto[c] or 0) >= 1.0 for c in ("5", "10")),
        }
        if "target_5" in spec:
            checks[f"auto >= {spec['target_5']} x naive at 5%"] = (auto["5"] or 0) >= spec["target_5"]
        result["targets"] = checks
    # Keep the JSON readable: the selection details stay, the long candidate tables go.
    for sel in result["methods"].get("auto", {}).get("selections", []):
        sel.get("validation", {}).pop("candidates", None)
    return result


def table(results: dict[str, dict[str, Any]]) -> str:
    lines = [
        "| data (cells, events scored) | method | 1% | 2% | 5% | 10% | 20% | PAI at 5% | seconds (CPU) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        label = f"{name} ({r['cells']:,}, {r['events_scored']:,})"
        for method, m in r["methods"].items():
            rates = " | ".join(f"{100 * m['hit_rate'][c]:.2f}" for c in COVERAGES)
            lines.append(
                f"| {label} | {method} | {rates} | {m['pai']['5']:.2f} | {m['seconds']:.1f} ({m['cpu_seconds']:.1f}) |"
            )
            label = ""
        if "auto" in r["ratio_to_naive"]:
            ratio = " | ".join(f"{r['ratio_to_naive']['auto'][c]:.3f}" for c in COVERAGES)
            lines.append(f"| | **auto / naive** | {ratio} | | |")
    return "\n".join(lines)


def update_doc(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    start, end = "<!-- forecast-cities:start -->", "<!-- forecast-cities:end -->"
    if start not in doc or end not in doc:
        print(f"{DOC}: no {start} ... {end} markers; table not written", file=sys.stderr)
        return
    head, rest = doc.split(start, 1)
    _, tail = rest.split(end, 1)
    DOC.write_text(f"{head}{start}\n{text}\n{end}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> dict[str, Any]:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--only", help="comma-separated data set names")
    p.add_argument("--methods", default=METHODS)
    p.add_argument("--no-docs", action="store_true", help="do not rewrite the table in docs/analysis.md")
    args = p.parse_args(argv)
    known = {spec["file"].split("/")[-1] for spec in DATASETS.values()}
    unknown = sorted(f.name for f in (DATA / "cities").glob("*.csv*") if f.name not in known)
    if unknown:
        print(f"cities without a layout in this script (add them to DATASETS): {unknown}", file=sys.stderr)
    names = args.only.split(",") if args.only else list(DATASETS)
    info = machine()
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            results[name] = run_one(name, DATASETS[name], args.methods, tmp)
            r = results[name]
            print(
                f"{name}: {r['seconds_wall']:.1f} s; auto/naive {r['ratio_to_naive'].get('auto')}", flush=True
            )
    summary: dict[str, Any] = {}
    fives = [r["ratio_to_naive"]["auto"]["5"] for r in results.values() if "auto" in r["ratio_to_naive"]]
    if fives:
        summary["mean auto/naive at 5%"] = round(float(np.mean(fives)), 4)
        summary["mean auto/naive at 5% >= 1.08"] = summary["mean auto/naive at 5%"] >= 1.08
        summary["all targets met"] = bool(
            summary["mean auto/naive at 5% >= 1.08"]
            and all(all(r["targets"].values()) for r in results.values())
        )
    out = {
        "protocol": "daily forecasts from events strictly before each day; domain = cells with an event "
        "before the first forecast day; hit rate pooled over events",
        "command": "python benchmarks/forecast_cities.py" + (f" --only {args.only}" if args.only else ""),
        "machine": info,
        "summary": summary,
        "datasets": results,
    }
    if not args.only:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    text = table(results)
    print(text)
    print(json.dumps(summary))
    if not args.only and not args.no_docs:
        update_doc(
            text + f"\n\nMean auto/naive at 5% over the data sets: {summary.get('mean auto/naive at 5%')}."
        )
    return out


if __name__ == "__main__":
    main()
