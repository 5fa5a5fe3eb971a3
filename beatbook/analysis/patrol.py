"""Hotspot patrol plans: pick hotspots from a risk surface and schedule short, randomised visits.

Rules a plan follows (and :func:`check_patrol_plan` verifies):

* each visit lasts ``visit_minutes`` (12 to 16 minutes: the Koper curve, long enough for residual
  deterrence, short enough to move on) and lies inside the shift;
* a unit's visits never overlap, and between two consecutive visits of a unit there is at least the
  travel time: straight-line distance between hotspot centroids at ``speed_kmh`` (4 km/h on foot),
  and never less than ``min_travel_minutes``;
* every hotspot is visited (by some unit) at least once in every ``revisit_minutes`` (120) of the
  shift: the first visit starts within 120 minutes of the shift start, consecutive visit starts are
  at most 120 minutes apart, and the last starts at most 120 minutes before the shift end;
* the order of visits is random: another ``seed`` gives another order (hotspots are the same).

Times are whole minutes, ISO 8601 local times without offset. Hotspot centroids are given in the
input CRS's units (``centroid``) and in the metric frame (``centroid_m``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from .errors import AnalysisError
from .grid import Grid
from .scoring import rank_cells

DEFAULTS: dict[str, Any] = {
    "speed_kmh": 4.0,
    "min_travel_minutes": 5,
    "visit_minutes": (12, 16),
    "revisit_minutes": 120,
}


# ------------------------------------------------------------------------------------- hotspots
def select_hotspots(
    risk: np.ndarray,
    grid: Grid,
    n_hotspots: int,
    max_cells: int = 4,
    domain: np.ndarray | None = None,
) -> list[dict[str, Any]]:
    """Group the highest-risk cells into up to ``n_hotspots`` hotspots.

    Cells are taken in descending risk (ties: lower cell number). A cell touching (8-neighbourhood)
    a hotspot that has fewer than ``max_cells`` cells joins the highest-risk such hotspot;
    otherwise it seeds a new hotspot. Scanning stops when ``n_hotspots`` exist, so every cell riskier
    than the last seed belongs to a hotspot. Cells with zero risk are never used.
    Returns hotspots ordered by total risk: ``{"id", "cells", "centroid", "centroid_m", "risk"}``.
    """
    if not isinstance(n_hotspots, int | np.integer) or n_hotspots < 1:
        raise AnalysisError(f"number of hotspots must be a positive whole number, not {n_hotspots!r}")
    if max_cells < 1:
        raise AnalysisError("max_cells must be at least 1")
    r = np.asarray(risk, dtype=float).ravel()
    if r.size != grid.n_cells:
        raise AnalysisError(f"risk has {r.size} values but the grid has {grid.n_cells} cells")
    dom = grid.mask if domain is None else np.asarray(domain, dtype=bool)
    candidates = (r > 0) if dom is None else (r > 0) & dom
    owner: dict[int, int] = {}
    groups: list[list[int]] = []
    for c in rank_cells(r, candidates):
        row, col = divmod(int(c), grid.nx)
        touching = set()
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                rr, cc = row + dr, col + dc
                if (dr or dc) and 0 <= rr < grid.ny and 0 <= cc < grid.nx and rr * grid.nx + cc in owner:
                    touching.add(owner[rr * grid.nx + cc])
        open_groups = [g for g in sorted(touching) if len(groups[g]) < max_cells]
        if open_groups:
            g = max(open_groups, key=lambda k: (sum(r[groups[k]]), -k))
            groups[g].append(int(c))
            owner[int(c)] = g
        elif len(groups) < n_hotspots:
            owner[int(c)] = len(groups)
            groups.append([int(c)])
        else:
            break
    groups.sort(key=lambda cells: (-float(r[cells].sum()), cells[0]))
    hotspots = []
    for i, cells in enumerate(groups, start=1):
        mx, my = grid.centres(np.array(cells))
        cx, cy = float(mx.mean()), float(my.mean())
        sx, sy = grid.frame.from_metric(np.array([cx]), np.array([cy]))
        hotspots.append(
            {
                "id": f"H{i}",
                "cells": sorted(cells),
                "centroid": [float(sx[0]), float(sy[0])],
                "centroid_m": [cx, cy],
                "risk": round(float(r[cells].sum()), 6),
            }
        )
    return hotspots


# ------------------------------------------------------------------------------------- schedule
def _parse_shift(day: dt.date, shift: str) -> tuple[dt.datetime, dt.datetime]:
    """'07:00-15:00' on ``day``; an end earlier than the start is on the next day."""
    try:
        a, b = shift.split("-")
        t0 = dt.time.fromisoformat(a.strip())
        t1 = dt.time.fromisoformat(b.strip())
    except ValueError:
        raise AnalysisError(f"shift must look like 07:00-15:00, not {shift!r}")
    start = dt.datetime.combine(day, t0)
    end = dt.datetime.combine(day, t1)
    if end <= start:
        end += dt.timedelta(days=1)
    return start, end


def travel_minutes(a: Sequence[float], b: Sequence[float], speed_kmh: float, min_travel: float) -> int:
    """Whole minutes to go between two metric points at ``speed_kmh``, at least ``min_travel``."""
    metres = math.hypot(a[0] - b[0], a[1] - b[1])
    return int(math.ceil(max(float(min_travel), metres / (speed_kmh * 1000.0 / 60.0)) - 1e-9))


def _partition(xy: np.ndarray, groups: int, cost: Any) -> list[list[int]]:
    """Split hotspots into ``groups`` spatially compact groups with balanced workloads.

    Starts from farthest-point seeds with nearest-seed assignment, then moves single hotspots between
    groups while that lowers the largest group workload (``cost``). Deterministic.
    """
    n = len(xy)
    if groups >= n:
        return [[i] for i in range(n)]
    seeds = [0]
    dist = np.hypot(*(xy - xy[0]).T)
    while len(seeds) < groups:
        nxt = int(np.argmax(dist))
        seeds.append(nxt)
        dist = np.minimum(dist, np.hypot(*(xy - xy[nxt]).T))
    d_seed = np.stack([np.hypot(*(xy - xy[s]).T) for s in seeds], axis=1)
    label = d_seed.argmin(axis=1)
    parts = [list(np.flatnonzero(label == g)) for g in range(groups)]

    def loads(ps: list[list[int]]) -> list[float]:
        return sorted((cost(p) for p in ps), reverse=True)

    # Local search: move one hotspot at a time while the workloads, sorted from the largest, drop
    # lexicographically (first the largest round, then the next...), so units end up evenly loaded.
    current = loads(parts)
    for _ in range(10 * n * groups):
        best = None
        for g_from in range(groups):
            if len(parts[g_from]) == 1:
                continue
            for h in parts[g_from]:
                for g_to in range(groups):
                    if g_to == g_from:
                        continue
                    trial = [list(p) for p in parts]
                    trial[g_from].remove(h)
                    trial[g_to].append(h)
                    cand = loads(trial)
                    if cand < current and (best is None or cand < best[0]):
                        best = (cand, trial)
        if best is None:
            break
        current, parts = best
    return [sorted(int(i) for i in p) for p in parts]


def _schedule_unit(
    members: list[int],
    travel: np.ndarray,
    shift_minutes: int,
    visit: tuple[int, int],
    revisit: int,
    rng: np.random.Generator,
) -> list[tuple[int, int, int]]:
    """Visits ``(hotspot, start, end)`` in minutes from the shift start for one unit.

    At each step the unit picks, uniformly at random, a hotspot it can go to next without making
    any hotspot miss its deadline (checked by serving the others earliest-deadline-first with
    maximum visit lengths); if none is safe it takes the most urgent one. Hotspots whose deadline is
    beyond the shift end need no further visit but may still be visited.
    """
    lo, hi = visit
    deadline = dict.fromkeys(members, revisit)  # latest start of the next visit
    visits: list[tuple[int, int, int]] = []
    pos: int | None = None
    t = 0

    def feasible_after(h: int, end: int, start: int) -> bool:
        dl = dict(deadline)
        dl[h] = start + revisit
        cursor, here = end, h
        # A needed visit must also end inside the shift, so its latest start is shift end - max length.
        due = {k: min(dl[k], shift_minutes - hi) for k in members if dl[k] < shift_minutes}
        for o in sorted(due, key=lambda k: due[k]):
            cursor += int(travel[here, o])
            if cursor > due[o]:
                return False
            cursor += hi
            here = o
        return True

    while True:
        options = []
        for h in members:
            arrive = t if pos is None else t + int(travel[pos, h])
            dur = int(rng.integers(lo, hi + 1))
            if arrive + dur > shift_minutes:
                continue
            options.append((h, arrive, dur))
        if not options:
            break
        # Moving on is the point of hotspot patrol: do not repeat the same hotspot if another will do.
        fresh = [o for o in options if o[0] != pos] or options
        safe = [o for o in fresh if feasible_after(o[0], o[1] + o[2], o[1])]
        if safe:
            h, arrive, dur = safe[int(rng.integers(len(safe)))]
        else:
            h, arrive, dur = min(fresh, key=lambda o: (deadline[o[0]], o[1]))
        visits.append((h, arrive, arrive + dur))
        deadline[h] = arrive + revisit
        pos, t = h, arrive + dur
    return visits


def plan_patrols(
    risk: np.ndarray,
    grid: Grid,
    n_hotspots: int,
    units: int,
    shift_start: dt.datetime,
    shift_end: dt.datetime,
    seed: int | None = None,
    *,
    speed_kmh: float = DEFAULTS["speed_kmh"],
    min_travel_minutes: int = DEFAULTS["min_travel_minutes"],
    visit_minutes: tuple[int, int] = DEFAULTS["visit_minutes"],
    revisit_minutes: int = DEFAULTS["revisit_minutes"],
    max_cells_per_hotspot: int = 4,
    domain: np.ndarray | None = None,
    strict: bool = True,
) -> dict[str, Any]:
    """Choose hotspots from ``risk`` and give each unit a randomised visit list for the shift.

    Hotspots come from :func:`select_hotspots`. They are split into ``min(units, hotspots)``
    compact groups of balanced workload; each unit patrols one group (spare units double up on the
    busiest groups). Returns ``{"units": [{"unit": "U1", "visits": [{"hotspot", "start", "end"}]}],
    "hotspots": [...], "shift": {...}, "parameters": {...}, "violations": [...]}``.
    With ``strict`` (default) a plan that breaks a rule raises :class:`AnalysisError` saying why
    (typically hotspots too far apart for the speed: add units, lower the hotspot count, or raise
    the speed).
    """
    if not isinstance(units, int | np.integer) or units < 1:
        raise AnalysisError(f"units must be a positive whole number, not {units!r}")
    if shift_end <= shift_start:
        raise AnalysisError("the shift must end after it starts")
    lo, hi = int(visit_minutes[0]), int(visit_minutes[1])
    if not 0 < lo <= hi:
        raise AnalysisError(f"visit minutes must satisfy 0 < min <= max, not {visit_minutes!r}")
    if speed_kmh <= 0 or min_travel_minutes < 0 or revisit_minutes <= 0:
        raise AnalysisError("speed and revisit interval must be positive and minimum travel non-negative")
    minutes = int((shift_end - shift_start).total_seconds() // 60)
    if minutes < hi:
        raise AnalysisError(f"a {minutes}-minute shift is shorter than one visit ({hi} minutes)")
    hotspots = select_hotspots(risk, grid, n_hotspots, max_cells_per_hotspot, domain)
    if not hotspots:
        raise AnalysisError("no cell has positive risk: nothing to patrol")
    n = len(hotspots)
    xy = np.array([h["centroid_m"] for h in hotspots])
    travel = np.array(
        [[travel_minutes(a, b, speed_kmh, min_travel_minutes) for b in xy] for a in xy], dtype=np.int64
    )

    def cycle(members: list[int]) -> float:
        # Time to visit every member once at maximum length along a nearest-neighbour loop.
        if not members:
            return 0.0
        order, left = [members[0]], set(members[1:])
        while left:
            nxt = min(left, key=lambda k: (travel[order[-1], k], k))
            order.append(nxt)
            left.remove(nxt)
        loop = (
            sum(travel[a, b] for a, b in zip(order, order[1:] + order[:1], strict=True))
            if len(order) > 1
            else 0
        )
        return float(len(members) * hi + loop)

    parts = _partition(xy, min(units, n), cycle)
    assignment = list(range(len(parts)))
    for _ in range(units - len(parts)):  # spare units double up where the work per unit is largest
        load = [cycle(p) / (1 + assignment.count(g)) for g, p in enumerate(parts)]
        assignment.append(int(np.argmax(load)))
    rng = np.random.default_rng(seed)
    plan_units = []
    for u, g in enumerate(assignment, start=1):
        visits = _schedule_unit(parts[g], travel, minutes, (lo, hi), int(revisit_minutes), rng)
        plan_units.append(
            {
                "unit": f"U{u}",
                "hotspots": [hotspots[i]["id"] for i in parts[g]],
                "visits": [
                    {
                        "hotspot": hotspots[h]["id"],
                        "start": (shift_start + dt.timedelta(minutes=s)).isoformat(timespec="minutes"),
                        "end": (shift_start + dt.timedelta(minutes=e)).isoformat(timespec="minutes"),
                    }
                    for h, s, e in visits
                ],
            }
        )
    plan = {
        "shift": {
            "start": shift_start.isoformat(timespec="minutes"),
            "end": shift_end.isoformat(timespec="minutes"),
        },
        "units": plan_units,
        "hotspots": hotspots,
        "parameters": {
            "n_hotspots": int(n_hotspots),
            "units": int(units),
            "seed": seed,
            "speed_kmh": float(speed_kmh),
            "min_travel_minutes": int(min_travel_minutes),
            "visit_minutes": [lo, hi],
            "revisit_minutes": int(revisit_minutes),
            "max_cells_per_hotspot": int(max_cells_per_hotspot),
            "cell_size_m": grid.cell_size,
            "crs": grid.frame.source_crs,
        },
    }
    plan["violations"] = check_patrol_plan(plan)
    if strict and plan["violations"]:
        worst = max(cycle(p) for p in parts)
        raise AnalysisError(
            f"cannot meet the patrol rules with {units} unit(s) for {n} hotspot(s) at {speed_kmh:g} km/h "
            f"(largest round of visits takes {worst:.0f} min against a {revisit_minutes}-min revisit interval): "
            f"add units, plan fewer hotspots or use a faster mode. First problem: {plan['violations'][0]}"
        )
    return plan


def check_patrol_plan(
    plan: dict[str, Any],
    *,
    speed_kmh: float | None = None,
    min_travel_minutes: float | None = None,
    visit_minutes: tuple[int, int] | None = None,
    revisit_minutes: int | None = None,
) -> list[str]:
    """List every rule the plan breaks (empty list = valid). Rules are in the module docstring.

    Parameters default to those recorded in ``plan["parameters"]``; travel distances use the
    hotspots' ``centroid_m``.
    """
    p = {**DEFAULTS, **plan.get("parameters", {})}
    speed = float(speed_kmh if speed_kmh is not None else p["speed_kmh"])
    min_travel = float(min_travel_minutes if min_travel_minutes is not None else p["min_travel_minutes"])
    lo, hi = visit_minutes if visit_minutes is not None else p["visit_minutes"]
    revisit = int(revisit_minutes if revisit_minutes is not None else p["revisit_minutes"])
    problems: list[str] = []
    try:
        s0 = dt.datetime.fromisoformat(plan["shift"]["start"])
        s1 = dt.datetime.fromisoformat(plan["shift"]["end"])
        hotspots = {h["id"]: h for h in plan["hotspots"]}
        units = plan["units"]
    except (KeyError, TypeError, ValueError) as exc:
        return [f"malformed plan: {exc}"]
    starts: dict[str, list[dt.datetime]] = {h: [] for h in hotspots}
    for unit in units:
        name = unit.get("unit", "?")
        prev = None
        for k, v in enumerate(unit.get("visits", [])):
            try:
                a = dt.datetime.fromisoformat(v["start"])
                b = dt.datetime.fromisoformat(v["end"])
                h = v["hotspot"]
            except (KeyError, TypeError, ValueError) as exc:
                problems.append(f"{name} visit {k + 1}: malformed ({exc})")
                continue
            if h not in hotspots:
                problems.append(f"{name} visit {k + 1}: unknown hotspot {h}")
                continue
            length = (b - a).total_seconds() / 60
            if not lo - 1e-9 <= length <= hi + 1e-9:
                problems.append(f"{name} visit {k + 1} at {h} lasts {length:g} min, outside {lo}-{hi} min")
            if a < s0 or b > s1:
                problems.append(f"{name} visit {k + 1} at {h} ({v['start']}-{v['end']}) is outside the shift")
            if prev is not None:
                pa, pb, ph = prev
                need = travel_minutes(
                    hotspots[ph]["centroid_m"], hotspots[h]["centroid_m"], speed, min_travel
                )
                gap = (a - pb).total_seconds() / 60
                if a < pb:
                    problems.append(f"{name} visits {k} and {k + 1} overlap")
                elif gap + 1e-9 < need:
                    problems.append(f"{name}: {gap:g} min from {ph} to {h} but the journey takes {need} min")
            prev = (a, b, h)
            starts[h].append(a)
    for h, times in starts.items():
        if not times:
            problems.append(f"hotspot {h} is never visited")
            continue
        points = [s0, *sorted(times)]
        gaps = [(b - a).total_seconds() / 60 for a, b in zip(points, points[1:], strict=False)]
        gaps.append((s1 - points[-1]).total_seconds() / 60)
        if max(gaps) > revisit + 1e-9:
            problems.append(
                f"hotspot {h} goes {max(gaps):g} min without a visit starting (limit {revisit} min)"
            )
    return problems
