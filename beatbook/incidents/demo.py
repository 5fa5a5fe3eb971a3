"""Demo: synthetic Mong Kok incidents from 2024-01-01 to today, on real street locations.

Locations are sampled from the Transport Department accident coordinates (../shared/data/hk) that fall
inside constituency areas E06-E15: real kerbside positions on Mong Kok's streets, dense where the
street life is. Without the shared data the shipped points of interest are used with jitter (and the
loader says so). Times follow a self-exciting process: a background rate with weekly and seasonal
variation plus "offspring" near a parent in space (same building or within 200 m) and time (days), the
repeat and near-repeat pattern real burglary and robbery data show. Every record is is_synthetic=True,
source "demo-synthetic", and the import batch is labelled synthetic too.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import tempfile
from pathlib import Path

import numpy as np

from .categories import seed_categories
from .importer import import_csv, mapping_for
from .models import Incident

ORDER = 50
SOURCE = "demo-synthetic"
START = dt.date(2024, 1, 1)

# category: (share of background events, offspring per event, hour weights over 24h, premises, window hours)
NIGHT = [3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4]
DAY = [
    0.3,
    0.2,
    0.1,
    0.1,
    0.1,
    0.2,
    0.4,
    0.8,
    1,
    1.3,
    1.5,
    1.6,
    1.7,
    1.7,
    1.7,
    1.8,
    1.9,
    2,
    2,
    1.9,
    1.6,
    1.2,
    0.8,
    0.5,
]
EVENING = [
    1.2,
    1,
    0.7,
    0.4,
    0.2,
    0.1,
    0.2,
    0.3,
    0.5,
    0.7,
    0.9,
    1,
    1.1,
    1.2,
    1.3,
    1.4,
    1.6,
    1.9,
    2.2,
    2.5,
    2.6,
    2.5,
    2.1,
    1.7,
]
PROFILE = {
    "theft": (0.33, 0.25, EVENING, ["street", "shop", "market stall", "restaurant", "MTR exit"], 0),
    "deception": (0.13, 0.05, DAY, ["shop", "street", "residential", "online (victim's home)"], 0),
    "wounding": (0.08, 0.30, NIGHT, ["street", "bar", "restaurant", "residential"], 0),
    "criminal_damage": (0.08, 0.15, NIGHT, ["street", "shop", "vehicle", "residential"], 8),
    "burglary": (0.05, 0.45, NIGHT, ["residential", "shop", "office"], 10),
    "robbery": (0.03, 0.35, NIGHT, ["street", "staircase", "shop"], 0),
    "drugs": (0.08, 0.20, NIGHT, ["street", "residential", "bar"], 0),
    "public_order": (0.05, 0.25, EVENING, ["street", "pedestrian precinct"], 0),
    "triad": (0.03, 0.30, NIGHT, ["bar", "street", "massage parlour"], 0),
    "sexual": (0.03, 0.05, NIGHT, ["street", "residential", "MTR exit"], 0),
    "cyber": (0.04, 0.00, DAY, ["online (victim's home)"], 0),
    "other": (0.04, 0.05, DAY, ["street", "shop"], 0),
}
RESTRICTED_SHARE = {"triad": 0.4, "sexual": 0.3}


def sampling_frame(ctx=None) -> tuple[np.ndarray, np.ndarray, str]:
    """WGS84 lon, lat of real street locations in Mong Kok (E06-E15), and where they came from."""
    from beatbook.geo import area_polygon, points_in_polygon, points_of_interest, shared_data_dir

    area = area_polygon("mongkok")
    path = shared_data_dir() / "hk" / "hk_accidents_2014_2019.csv.gz"
    if path.exists():
        import pandas as pd

        df = pd.read_csv(path, usecols=["latitude", "longitude"]).dropna()
        lon, lat = df["longitude"].to_numpy(float), df["latitude"].to_numpy(float)
        inside = points_in_polygon(lon, lat, area)
        if inside.sum() > 100:
            return lon[inside], lat[inside], f"{inside.sum()} accident locations in E06-E15 ({path.name})"
    rng = np.random.default_rng(7)
    points = points_of_interest()
    base_lon = np.array([p.lon for p in points])
    base_lat = np.array([p.lat for p in points])
    idx = rng.integers(0, len(points), 3000)
    lon = base_lon[idx] + rng.normal(0, 0.0012, idx.size)
    lat = base_lat[idx] + rng.normal(0, 0.0012, idx.size)
    inside = points_in_polygon(lon, lat, area)
    message = "shared accident data not found: jittered points of interest used instead"
    if ctx is not None:
        ctx.notes.append(f"incidents demo: {message}")
    return lon[inside], lat[inside], message


def simulate(
    start: dt.date, end: dt.date, lon: np.ndarray, lat: np.ndarray, seed: int, per_day: float = 15.0
) -> list[tuple]:
    """Rows (datetime_from, datetime_to|None, lat, lon, category, premises) of a self-exciting process."""
    from scipy.spatial import cKDTree

    from beatbook.geo import hk1980_to_wgs84, wgs84_to_hk1980

    rng = np.random.default_rng(seed)
    ex, ny = wgs84_to_hk1980(lon, lat)
    tree = cKDTree(np.column_stack([ex, ny]))
    # Busy places attract more crime: weight frame points by how many others are within 60 m.
    density = np.array([len(n) for n in tree.query_ball_point(np.column_stack([ex, ny]), 60.0)], dtype=float)
    weight = density**0.8 / (density**0.8).sum()
    cats = list(PROFILE)
    shares = np.array([PROFILE[c][0] for c in cats])
    shares /= shares.sum()
    hours = {c: np.array(PROFILE[c][2], dtype=float) / sum(PROFILE[c][2]) for c in cats}
    days = (end - start).days + 1
    events: list[tuple[float, int, int]] = []  # (time in days from start, frame index, category index)
    for d in range(days):
        day = start + dt.timedelta(days=d)
        season = 1.0 + 0.12 * math.sin(2 * math.pi * (day.timetuple().tm_yday - 30) / 365)
        weekly = 1.15 if day.weekday() >= 4 else 0.95
        n = rng.poisson(per_day * season * weekly)
        ci = rng.choice(len(cats), size=n, p=shares)
        loc = rng.choice(len(weight), size=n, p=weight)
        for c, i in zip(ci, loc, strict=True):
            hour = rng.choice(24, p=hours[cats[c]])
            events.append((d + (hour + rng.random()) / 24, int(i), int(c)))
    # Offspring: repeats at the same place and near repeats within 200 m, days to weeks later.
    queue = list(events)
    while queue:
        t, i, c = queue.pop()
        for _k in range(rng.poisson(PROFILE[cats[c]][1])):
            dt_days = rng.exponential(4.0)
            if t + dt_days >= days:
                continue
            if rng.random() < 0.45:
                j = i
            else:
                near = tree.query_ball_point(tree.data[i], 200.0)
                j = int(near[rng.integers(len(near))])
            child = (t + dt_days, j, c)
            events.append(child)
            queue.append(child)
    # Small jitter (up to ~10 m) so repeats are at the same building, not the same survey point.
    jx = np.array([e[1] for e in events])
    px = ex[jx] + rng.normal(0, 6, jx.size)
    py = ny[jx] + rng.normal(0, 6, jx.size)
    out_lon, out_lat = hk1980_to_wgs84(px, py)
    origin = dt.datetime.combine(start, dt.time.min)
    rows = []
    for k, (t, _i, c) in enumerate(events):
        category = cats[c]
        begin = origin + dt.timedelta(minutes=int(t * 1440))
        window = PROFILE[category][4]
        finish = begin + dt.timedelta(hours=float(rng.uniform(2, window))) if window else None
        premises = PROFILE[category][3][rng.integers(len(PROFILE[category][3]))]
        rows.append((begin, finish, float(out_lat[k]), float(out_lon[k]), category, premises))
    rows.sort(key=lambda r: r[0])
    return rows


def load(ctx) -> None:
    seed_categories()
    today = ctx.today
    last = (
        Incident.objects.filter(source=SOURCE)
        .order_by("-occurred_from")
        .values_list("occurred_from", flat=True)
        .first()
    )
    start = START if last is None else (last.date() + dt.timedelta(days=1))
    end = today
    if start > end:
        ctx.say("  incidents: synthetic incidents already loaded up to today")
        return
    lon, lat, origin = sampling_frame(ctx)
    rows = simulate(start, end, lon, lat, seed=ctx.seed + start.toordinal())
    rng = np.random.default_rng(ctx.seed)
    with tempfile.TemporaryDirectory(prefix="bb-demo-") as tmp:
        path = Path(tmp) / "synthetic_incidents.csv"
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
            counter: dict[dt.date, int] = {}
            for begin, finish, la, lo, category, premises in rows:
                counter[begin.date()] = counter.get(begin.date(), 0) + 1
                ref = f"SYN-MK-{begin:%Y%m%d}-{counter[begin.date()]:04d}"
                restricted = rng.random() < RESTRICTED_SHARE.get(category, 0.0)
                w.writerow(
                    [
                        f"{begin:%Y-%m-%d %H:%M}",
                        f"{finish:%Y-%m-%d %H:%M}" if finish else "",
                        f"{la:.6f}",
                        f"{lo:.6f}",
                        category,
                        ref,
                        premises,
                        "restricted" if restricted else "normal",
                    ]
                )
        mapping = mapping_for("beatbook", source=SOURCE)
        result = import_csv(
            path,
            mapping,
            filename="synthetic Mong Kok incidents (demo)",
            preset="beatbook",
            is_synthetic=True,
        )
    ctx.say(f"  incidents: {result.imported} synthetic incidents {start}..{end} placed on {origin}")
