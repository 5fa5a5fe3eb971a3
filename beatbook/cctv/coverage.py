"""Coverage analysis (pure Python, no Django): which hotspots have no registered camera within a
distance, and which buildings and partners near them to approach.

Distances are great-circle (haversine) metres; at Mong Kok's scale the error is far below a metre.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

EARTH_RADIUS_M = 6_371_008.8


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Point:
    key: str
    lat: float
    lon: float
    label: str = ""


@dataclass
class HotspotCoverage:
    hotspot: Point
    nearest_camera: Point | None
    nearest_camera_m: float | None
    covered: bool
    candidates: list[tuple[Point, float]] = field(default_factory=list)  # (building/partner, metres)


def analyse(
    hotspots: Iterable[Point],
    cameras: Iterable[Point],
    radius_m: float,
    candidates: Iterable[Point] = (),
    outreach_radius_m: float | None = None,
) -> list[HotspotCoverage]:
    """For each hotspot: the nearest camera and whether it is within ``radius_m``; for uncovered
    hotspots, the candidate buildings/partners within ``outreach_radius_m`` (default ``radius_m``),
    nearest first."""
    if radius_m <= 0:
        raise ValueError("radius_m must be positive")
    cameras, candidates = list(cameras), list(candidates)
    reach = outreach_radius_m if outreach_radius_m is not None else radius_m
    result = []
    for spot in hotspots:
        nearest, best = None, None
        for cam in cameras:
            d = distance_m(spot.lat, spot.lon, cam.lat, cam.lon)
            if best is None or d < best:
                nearest, best = cam, d
        covered = best is not None and best <= radius_m
        near = []
        if not covered:
            near = sorted(
                ((c, distance_m(spot.lat, spot.lon, c.lat, c.lon)) for c in candidates),
                key=lambda pair: (pair[1], pair[0].key),
            )
            near = [(c, d) for c, d in near if d <= reach]
        result.append(HotspotCoverage(spot, nearest, best, covered, near))
    return result


def uncovered(results: Iterable[HotspotCoverage]) -> list[HotspotCoverage]:
    return [r for r in results if not r.covered]


def outreach_list(results: Iterable[HotspotCoverage]) -> list[tuple[Point, list[str], float]]:
    """Each candidate once, with the uncovered hotspots it is near and its closest distance."""
    merged: dict[str, tuple[Point, list[str], float]] = {}
    for r in results:
        if r.covered:
            continue
        for cand, d in r.candidates:
            point, spots, best = merged.get(cand.key, (cand, [], d))
            spots.append(r.hotspot.key)
            merged[cand.key] = (point, spots, min(best, d))
    return sorted(merged.values(), key=lambda item: (-len(item[1]), item[2], item[0].key))


def parse_points(text: str) -> list[Point]:
    """``"22.3193,114.1694,Sai Yeung Choi St; 22.321,114.171"`` -> points (label optional)."""
    points = []
    for i, chunk in enumerate(p for p in (text or "").replace("\n", ";").split(";") if p.strip()):
        parts = [x.strip() for x in chunk.split(",")]
        if len(parts) < 2:
            raise ValueError(f"point {i + 1}: need 'latitude,longitude'")
        lat, lon = float(parts[0]), float(parts[1])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"point {i + 1}: out of range")
        points.append(Point(f"P{i + 1}", lat, lon, ",".join(parts[2:]) or f"P{i + 1}"))
    return points


def grid_hotspots(
    points: Iterable[tuple[float, float]], cell_m: float = 150.0, top: int = 10, min_count: int = 3
) -> list[Point]:
    """Fallback hotspots: the ``top`` busiest square cells of ``cell_m`` metres (centre of each cell's
    points), used when the hotspots app has no current hotspots but incident locations exist."""
    cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for lat, lon in points:
        dy = cell_m / 111_320.0
        dx = cell_m / (111_320.0 * math.cos(math.radians(lat)))
        cells.setdefault((int(lat // dy), int(lon // dx)), []).append((lat, lon))
    ranked = sorted(cells.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    result = []
    for i, (_cell, pts) in enumerate(ranked[:top]):
        if len(pts) < min_count:
            break
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        result.append(Point(f"H{i + 1}", lat, lon, f"{len(pts)} incidents"))
    return result
