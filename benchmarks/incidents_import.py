"""Benchmark: import 1,000,000 incidents from CSV into a fresh SQLite database.

    .venv/bin/python benchmarks/incidents_import.py [--rows 1000000] [--out benchmarks/results/incidents_import.json]

Generates a CSV in the beatbook layout (ISO times, WGS84 lat/lon inside Mong Kok, category, unique
reference, premises) in a temporary folder, migrates a temporary SQLite database (not timed), then times
``beatbook incidents import`` (the same code path as the command and the upload page: csv module,
vectorised pyproj per 50,000-row chunk, one executemany per chunk, one transaction) and checks the count.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def make_csv(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    cats = ["robbery", "burglary", "theft", "deception", "wounding", "criminal_damage", "public_order"]
    start = dt.datetime(2020, 1, 1)
    with open(path, "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out)
        w.writerow(
            [
                "occurred_from",
                "occurred_to",
                "lat",
                "lon",
                "category",
                "reference",
                "premises",
                "handling_code",
            ]
        )
        for i in range(rows):
            t = start + dt.timedelta(minutes=rng.randrange(4 * 365 * 24 * 60))
            w.writerow(
                [
                    t.strftime("%Y-%m-%d %H:%M"),
                    "",
                    f"{22.310 + rng.random() * 0.028:.6f}",
                    f"{114.160 + rng.random() * 0.018:.6f}",
                    rng.choice(cats),
                    f"BENCH-{i:07d}",
                    rng.choice(["street", "shop", "residential", "restaurant"]),
                    "normal",
                ]
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "incidents_import.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bb-import-") as tmp:
        tmp = Path(tmp)
        os.environ["BEATBOOK_DATA_DIR"] = str(tmp)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beatbook.settings.base")
        sys.path.insert(0, str(REPO))
        import django

        django.setup()
        from django.core.management import call_command

        from beatbook.incidents.models import Incident

        csv_path = tmp / "incidents.csv"
        t0 = time.perf_counter()
        make_csv(csv_path, args.rows)
        generated = time.perf_counter() - t0
        call_command("migrate", verbosity=0)
        t0 = time.perf_counter()
        call_command(
            "incidents", "import", str(csv_path), "--preset", "beatbook", "--source", "bench", "--no-progress"
        )
        seconds = time.perf_counter() - t0
        count = Incident.objects.count()
        result = {
            "benchmark": "incidents_import",
            "command": f".venv/bin/python benchmarks/incidents_import.py --rows {args.rows}",
            "rows": args.rows,
            "rows_in_database": count,
            "csv_bytes": csv_path.stat().st_size,
            "seconds_import": round(seconds, 2),
            "rows_per_second": round(count / seconds),
            "seconds_generate_csv": round(generated, 2),
            "target_seconds": 60,
            "passed": count == args.rows and seconds < 60,
            "database": "sqlite (fresh temporary file, WAL)",
            "machine": {
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
            },
            "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
