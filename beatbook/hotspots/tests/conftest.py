import csv
import datetime as dt

import numpy as np
import pytest


@pytest.fixture
def events_csv(tmp_path):
    """A small generated event file in HK1980 metres with repeats (for the CLI contracts)."""
    rng = np.random.default_rng(3)
    centres = np.array([[835600, 820200], [836100, 819700], [835200, 819300], [836400, 820600]])
    path = tmp_path / "events.csv"
    start = dt.date(2023, 1, 1)
    with open(path, "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["e", "n", "when"])
        for day in range(0, 500):
            for _ in range(rng.poisson(3)):
                c = (
                    centres[rng.integers(len(centres))]
                    if rng.random() < 0.7
                    else [835000 + rng.random() * 2000, 819000 + rng.random() * 2000]
                )
                w.writerow(
                    [
                        round(c[0] + rng.normal(0, 60), 1),
                        round(c[1] + rng.normal(0, 60), 1),
                        (start + dt.timedelta(days=day)).strftime("%d/%m/%Y"),
                    ]
                )
    return path


@pytest.fixture
def mk_incidents(db):
    """Synthetic Mong Kok incidents in the database (robbery/theft around a few street corners)."""
    from beatbook.incidents.categories import seed_categories
    from beatbook.incidents.models import Category, Incident

    seed_categories()
    cats = {c.code: c for c in Category.objects.all()}
    rng = np.random.default_rng(5)
    spots = [(22.3193, 114.1694), (22.3172, 114.1700), (22.3220, 114.1687), (22.3150, 114.1712)]
    tz = dt.timezone(dt.timedelta(hours=8))
    rows = []
    for i in range(600):
        lat, lon = spots[rng.integers(len(spots))]
        rows.append(
            Incident(
                category=cats["robbery" if i % 3 == 0 else "theft"],
                lat=lat + rng.normal(0, 0.0008),
                lon=lon + rng.normal(0, 0.0008),
                occurred_from=dt.datetime(2024, 1, 1, 12, tzinfo=tz)
                + dt.timedelta(hours=int(rng.integers(0, 24 * 150))),
                reference=f"T-{i}",
                source="test",
                is_synthetic=True,
            )
        )
    for r in rows:  # fill x/y/dcca like the importer does
        r.save()
    return rows
