"""Glue between the database and ``beatbook.analysis``: grids over the area, surfaces, forecasts, plans.

All analysis runs in HK1980 Grid metres (EPSG:2326): incidents are read from their stored projected
coordinates, cells are squares of that grid, and cell outlines are converted to WGS84 only for maps.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beatbook.analysis import (
    AnalysisError,
    CoordinateFrame,
    Grid,
    count_surface,
    events_from_arrays,
    explain_cell,
    forecast_surface,
    getis_ord_gi_star,
    kde_surface,
    load_boundary,
    plan_patrols,
)
from beatbook.analysis.scoring import rank_cells
from beatbook.geo import hk1980_to_wgs84, wgs84_to_hk1980

from .models import AreaBoundary, Forecast, PatrolHotspot, PatrolPlan, PatrolVisit, Status

CRS = "EPSG:2326"
EPSG = 2326
#: Victim-reported street crime: what the defaults forecast (see docs/hotspots.md on feedback loops).
DEFAULT_CATEGORIES = ["robbery", "theft", "burglary", "wounding"]
SHIFTS = ["07:00-15:00", "15:00-23:00", "23:00-07:00"]
METHODS = ["auto", "naive", "kde", "promap", "sepp"]
TOP_CELLS = 20
PATROL_OBJECTIVE = "AP-VIOLENT-1"  # frontline presence at high-risk locations
QUICK_CASH_OBJECTIVE = "AP-FRAUD-2"  # patrols at quick-cash crime blackspots


def method_params(method: str, params: dict | None, cell_size: float) -> dict:
    """Explicit parameters for ``method``. ``auto`` in the app validates the library's candidates
    except the SEPP-based ones (naive, tie-broken naive, KDE and the long/recent blends) with the
    library's evidence rule: 0.3 s of CPU on the Mong Kok demo data against 2.8 s with SEPP, which
    is rarely chosen there (docs/analysis.md)."""
    if params:
        return dict(params)
    if method == "auto":
        from beatbook.analysis import default_candidates

        fast = [[name, p] for name, p in default_candidates(cell_size) if name not in ("sepp", "ensemble")]
        return {"candidates": fast}
    return {}


class PlanningError(Exception):
    """A forecast or plan that cannot be made (no incidents, bad shift ...); the message says why."""


# ------------------------------------------------------------------------------------------ area
def default_boundary() -> AreaBoundary:
    """The default study area: the saved default, else Mong Kok (constituency areas E06-E15)."""
    found = AreaBoundary.objects.filter(is_default=True).first()
    if found is not None:
        return found
    from beatbook.geo import area_polygon, to_geojson

    geometry = to_geojson(_without_slivers(area_polygon("mongkok")))["geometry"]
    boundary, _created = AreaBoundary.objects.get_or_create(
        slug="mongkok",
        defaults={
            "name_zh": "旺角警區（2019年選區E06至E15）",
            "name_en": "Mong Kok District (2019 constituencies E06-E15)",
            "geojson": geometry,
            "is_default": True,
            "origin": "beatbook.geo: union of the 2019 District Council constituency areas E06-E15",
        },
    )
    return boundary


def _without_slivers(area, min_hole_deg2: float = 1e-7):
    """Drop the tiny holes left where neighbouring constituency outlines do not quite meet (< ~1,200 m²)."""
    from shapely.geometry import MultiPolygon, Polygon

    def clean(p: Polygon) -> Polygon:
        return Polygon(p.exterior, [r for r in p.interiors if Polygon(r).area >= min_hole_deg2])

    if isinstance(area, MultiPolygon):
        return MultiPolygon([clean(p) for p in area.geoms])
    return clean(area)


def frame() -> CoordinateFrame:
    return CoordinateFrame.for_crs(CRS)


@lru_cache(maxsize=16)
def _grid(boundary_pk: int, stamp: str, cell_size: float) -> Grid:
    boundary = AreaBoundary.objects.get(pk=boundary_pk)
    f = frame()
    return Grid.from_boundary(load_boundary(boundary.geojson, f), f, float(cell_size))


def make_grid(boundary: AreaBoundary, cell_size: float) -> Grid:
    """Square cells of ``cell_size`` metres over the area (cells whose centre is inside it)."""
    try:
        return _grid(
            boundary.pk, boundary.updated_at.isoformat() if boundary.updated_at else "", float(cell_size)
        )
    except AnalysisError as exc:
        raise PlanningError(str(exc))


def cell_rings(grid: Grid, cells) -> list[list[list[float]]]:
    """WGS84 outline ([[lon, lat] x 5]) of each cell, one vectorised projection for all of them."""
    cells = np.asarray(list(cells), dtype=np.int64)
    if cells.size == 0:
        return []
    row, col = np.divmod(cells, grid.nx)
    x1 = grid.x0 + col * grid.cell_size
    y1 = grid.y0 + row * grid.cell_size
    s = grid.cell_size
    xs = np.stack([x1, x1 + s, x1 + s, x1, x1], axis=1).ravel()
    ys = np.stack([y1, y1, y1 + s, y1 + s, y1], axis=1).ravel()
    lon, lat = hk1980_to_wgs84(xs, ys)
    pts = np.round(np.stack([lon, lat], axis=1), 6).reshape(-1, 5, 2)
    return pts.tolist()


def cell_squares(grid: Grid, cells) -> list[list[float]]:
    """[x1, y1, x2, y2] in HK1980 metres of each cell (for the printed map)."""
    out = []
    for c in cells:
        row, col = divmod(int(c), grid.nx)
        x1, y1 = grid.x0 + col * grid.cell_size, grid.y0 + row * grid.cell_size
        out.append([round(x1, 1), round(y1, 1), round(x1 + grid.cell_size, 1), round(y1 + grid.cell_size, 1)])
    return out


# ------------------------------------------------------------------------------------- incidents
def incident_arrays(
    categories: list[str] | None, *, user=None, since: dt.date | None = None, before: dt.date | None = None
) -> tuple[np.ndarray, np.ndarray, list[dt.date]]:
    """HK1980 x, y and local dates of incidents (visible to ``user``; all for system jobs)."""
    from beatbook.incidents.models import Incident

    qs = Incident.objects.all() if user is None else Incident.objects.visible_to(user)
    qs = qs.filter(epsg=EPSG, x__isnull=False, y__isnull=False)
    if categories:
        qs = qs.filter(category__code__in=categories)
    tz = timezone.get_current_timezone()
    if since is not None:
        qs = qs.filter(occurred_from__gte=dt.datetime.combine(since, dt.time.min, tzinfo=tz))
    if before is not None:
        qs = qs.filter(occurred_from__lt=dt.datetime.combine(before, dt.time.min, tzinfo=tz))
    rows = list(qs.values_list("x", "y", "occurred_from"))
    if not rows:
        return np.zeros(0), np.zeros(0), []
    xs = np.fromiter((r[0] for r in rows), dtype=float, count=len(rows))
    ys = np.fromiter((r[1] for r in rows), dtype=float, count=len(rows))
    dates = [r[2].astimezone(tz).date() for r in rows]
    return xs, ys, dates


def surface_geojson(kind: str, grid: Grid, xs, ys, dates) -> dict[str, Any]:
    """Cells of the area as a GeoJSON FeatureCollection with ``value`` (counts, KDE or Gi* z) per cell."""
    mask = grid.mask if grid.mask is not None else np.ones(grid.n_cells, dtype=bool)
    props: dict[str, np.ndarray] = {}
    if len(xs):
        events = events_from_arrays(xs, ys, dates, crs=CRS, frame=grid.frame)
        counts = count_surface(events, grid)
    else:
        events, counts = None, np.zeros(grid.n_cells)
    if kind == "kde" and events is not None:
        value = kde_surface(events, grid, bandwidth=max(grid.cell_size * 1.5, 150.0))
    elif kind == "gistar":
        try:
            gi = getis_ord_gi_star(counts, grid)
            value = np.nan_to_num(gi.z)
            props["hot"] = gi.hot
            props["q"] = np.nan_to_num(gi.q, nan=1.0)
        except AnalysisError:
            value = np.zeros(grid.n_cells)
    else:
        value = counts
    cells = np.flatnonzero(mask)
    rings = cell_rings(grid, cells)
    features = []
    for i, cell in enumerate(cells):
        p = {"cell": int(cell), "value": round(float(value[cell]), 4), "count": int(counts[cell])}
        if "hot" in props:
            p["hot"] = bool(props["hot"][cell])
            p["q"] = round(float(props["q"][cell]), 4)
        features.append(
            {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [rings[i]]}, "properties": p}
        )
    vmax = float(max((f["properties"]["value"] for f in features), default=0.0))
    return {
        "type": "FeatureCollection",
        "features": features,
        "properties": {"kind": kind, "cell_size_m": grid.cell_size, "max": vmax, "events": int(len(xs))},
    }


# ------------------------------------------------------------------------------------ objectives
def objectives_for(categories: list[str], patrol: bool):
    """Plan objectives a forecast/plan for ``categories`` serves (category objectives + patrol ones)."""
    from beatbook.incidents.models import Category
    from beatbook.plan.models import Objective

    cats = list(Category.objects.filter(code__in=categories).select_related("objective"))
    codes = {c.objective.code for c in cats if c.objective_id}
    if any(c.quick_cash for c in cats):
        codes.add(QUICK_CASH_OBJECTIVE)
    if patrol and any(c.code in ("robbery", "wounding", "theft") for c in cats):
        codes.add(PATROL_OBJECTIVE)
    return list(Objective.objects.filter(code__in=codes, retired=False))


def record_activities(obj: Forecast | PatrolPlan, kind: str, title: str, outputs: dict | None = None) -> int:
    """One plan Activity per objective ``obj`` serves, ``source`` naming ``obj`` (updated, not duplicated)."""
    from beatbook.org.models import Unit
    from beatbook.plan.models import Activity

    source = f"{obj._meta.label_lower}:{obj.pk}"
    n = 0
    for objective in obj.objectives.all():
        unit = (
            getattr(obj, "unit", None)
            or objective.owners.first()
            or Unit.objects.filter(kind="district").first()
        )
        if unit is None:
            continue
        Activity.objects.update_or_create(
            source=source,
            objective=objective,
            defaults={
                "date": obj.on_date,
                "unit": unit,
                "kind": kind,
                "title": title[:200],
                "outputs": outputs or {},
                "is_synthetic": obj.is_synthetic,
                "handling_code": obj.handling_code,
                "recorded_by": obj.created_by,
                "notes": f"{obj.get_absolute_url()}",
            },
        )
        n += 1
    return n


# ------------------------------------------------------------------------------------- shifts
def shift_bounds(on_date: dt.date, shift: str) -> tuple[dt.datetime, dt.datetime]:
    """Aware start and end of ``shift`` ("07:00-15:00"; an end at or before the start is next day)."""
    try:
        a, b = (dt.time.fromisoformat(part.strip()) for part in shift.split("-"))
    except ValueError:
        raise PlanningError(_("A shift is written HH:MM-HH:MM, e.g. 07:00-15:00."))
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(on_date, a, tzinfo=tz)
    end = dt.datetime.combine(on_date, b, tzinfo=tz)
    if end <= start:
        end += dt.timedelta(days=1)
    return start, end


def next_shifts(now: dt.datetime | None = None, count: int = 3) -> list[tuple[dt.date, str]]:
    """The shift running now and the ones after it, as (date, shift)."""
    now = timezone.localtime(now or timezone.now())
    out: list[tuple[dt.date, str]] = []
    day = now.date() - dt.timedelta(days=1)
    while len(out) < count:
        for shift in SHIFTS:
            start, end = shift_bounds(day, shift)
            if end > now and len(out) < count:
                out.append((day, shift))
        day += dt.timedelta(days=1)
    return out


def key_for(on_date: dt.date, shift: str, categories: list[str], *extra: Any) -> str:
    return "|".join([on_date.isoformat(), shift, ",".join(sorted(categories)), *[str(e) for e in extra]])[
        :200
    ]


# ------------------------------------------------------------------------------------ forecasts
def run_forecast(forecast: Forecast) -> Forecast:
    """Compute ``forecast`` (status pending -> done/failed): surface, top cells and the reasons."""
    try:
        grid = make_grid(forecast.boundary, forecast.cell_size)
        xs, ys, dates = incident_arrays(forecast.categories, before=forecast.on_date)
        if len(xs) == 0:
            raise PlanningError(_("No incidents of these categories before this date."))
        risk, record = forecast_surface(
            xs,
            ys,
            dates,
            grid,
            forecast.on_date,
            forecast.method,
            **method_params(forecast.method, forecast.params, forecast.cell_size),
        )
        events = events_from_arrays(xs, ys, dates, crs=CRS, frame=grid.frame)
        order = [int(c) for c in rank_cells(risk, grid.mask) if risk[int(c)] > 0][:TOP_CELLS]
        rings = cell_rings(grid, order)
        cells = []
        for rank, (cell, ring) in enumerate(zip(order, rings, strict=True), start=1):
            why = explain_cell(events, grid, cell, forecast.on_date, risk=risk)
            why.pop("reasons", None)
            lon = float(np.mean([p[0] for p in ring[:4]]))
            lat = float(np.mean([p[1] for p in ring[:4]]))
            cells.append(
                {
                    "cell": cell,
                    "rank": rank,
                    "risk": round(float(risk[cell]), 6),
                    "lat": round(lat, 6),
                    "lon": round(lon, 6),
                    "ring": ring,
                    "explain": why,
                }
            )
        period = record.get("input_period") or {}
        forecast.record = dict(record)
        forecast.params = dict(record.get("params") or forecast.params or {})
        forecast.input_start = _date(period.get("start"))
        forecast.input_end = _date(period.get("end"))
        forecast.events_used = int(record.get("events_used") or len(xs))
        forecast.top_cells = cells
        forecast.status = Status.DONE
        forecast.error = ""
    except (AnalysisError, PlanningError) as exc:
        forecast.status = Status.FAILED
        forecast.error = str(exc)
    forecast.save()
    if forecast.status == Status.DONE:
        title = f"熱點預測 Hotspot forecast {forecast.on_date} {forecast.shift} ({', '.join(forecast.categories)})"
        record_activities(forecast, "operation", title, {"intelligence_reports": 1})
    return forecast


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def request_forecast(
    on_date: dt.date,
    shift: str,
    categories: list[str],
    *,
    method: str = "auto",
    params: dict | None = None,
    cell_size: int = 150,
    boundary: AreaBoundary | None = None,
    user=None,
    is_synthetic: bool = False,
    run_now: bool = False,
) -> tuple[Forecast, bool]:
    """The forecast for (date, shift, categories), created and queued if new (idempotent)."""
    from . import tasks

    shift_bounds(on_date, shift)
    boundary = boundary or default_boundary()
    categories = sorted(set(categories or DEFAULT_CATEGORIES))
    forecast, created = Forecast.objects.get_or_create(
        key=key_for(on_date, shift, categories, boundary.pk),
        defaults={
            "boundary": boundary,
            "on_date": on_date,
            "shift": shift,
            "categories": categories,
            "method": method,
            "params": params or {},
            "cell_size": cell_size,
            "created_by": user,
            "is_synthetic": is_synthetic,
        },
    )
    if created:
        forecast.objectives.set(objectives_for(categories, patrol=False))
    if created or forecast.status == Status.FAILED:
        if run_now:
            run_forecast(forecast)
        else:
            pk = forecast.pk
            transaction.on_commit(lambda: tasks.build_forecast(pk))
    return forecast, created


# --------------------------------------------------------------------------------- patrol plans
def run_patrol_plan(plan: PatrolPlan) -> PatrolPlan:
    """Compute hotspots and visit lists for ``plan`` (replacing any earlier ones)."""
    try:
        start, end = shift_bounds(plan.on_date, plan.shift)
        grid = make_grid(plan.boundary, plan.cell_size)
        xs, ys, dates = incident_arrays(plan.categories, before=plan.on_date)
        if len(xs) == 0:
            raise PlanningError(_("No incidents of these categories before this date."))
        risk, record = forecast_surface(
            xs, ys, dates, grid, plan.on_date, plan.method, **method_params(plan.method, None, plan.cell_size)
        )
        naive_start, naive_end = start.replace(tzinfo=None), end.replace(tzinfo=None)
        result = plan_patrols(
            risk,
            grid,
            int(plan.hotspots_wanted),
            int(plan.units),
            naive_start,
            naive_end,
            seed=int(plan.seed),
        )
        with transaction.atomic():
            plan.visits.all().delete()
            plan.hotspots.all().delete()
            tz = timezone.get_current_timezone()
            by_code = {}
            for rank, h in enumerate(result["hotspots"], start=1):
                cx, cy = h["centroid"]
                lon, lat = hk1980_to_wgs84([cx], [cy])
                rings = cell_rings(grid, h["cells"])
                geometry = {"type": "MultiPolygon", "coordinates": [[ring] for ring in rings]}
                by_code[h["id"]] = PatrolHotspot.objects.create(
                    plan=plan,
                    code=h["id"],
                    rank=rank,
                    cells=h["cells"],
                    x=cx,
                    y=cy,
                    lat=float(lat[0]),
                    lon=float(lon[0]),
                    risk=float(h["risk"]),
                    geometry=geometry,
                    bounds=cell_squares(grid, h["cells"]),
                    label=nearest_landmark(float(lon[0]), float(lat[0])),
                    is_synthetic=plan.is_synthetic,
                    handling_code=plan.handling_code,
                )
            visits = []
            for unit in result["units"]:
                for order, v in enumerate(unit["visits"], start=1):
                    visits.append(
                        PatrolVisit(
                            plan=plan,
                            hotspot=by_code[v["hotspot"]],
                            patrol_unit=unit["unit"],
                            order=order,
                            planned_start=dt.datetime.fromisoformat(v["start"]).replace(tzinfo=tz),
                            planned_end=dt.datetime.fromisoformat(v["end"]).replace(tzinfo=tz),
                            is_synthetic=plan.is_synthetic,
                            handling_code=plan.handling_code,
                        )
                    )
            PatrolVisit.objects.bulk_create(visits)
        plan.shift_start, plan.shift_end = start, end
        plan.params = {
            "forecast": {
                k: record.get(k) for k in ("method", "params", "input_period", "events_used", "chosen")
            },
            "patrol": result.get("parameters", {}),
        }
        plan.status = Status.DONE
        plan.error = ""
    except (AnalysisError, PlanningError) as exc:
        plan.status = Status.FAILED
        plan.error = str(exc)
    plan.save()
    if plan.status == Status.DONE:
        minutes = sum(v.planned_minutes for v in plan.visits.all())
        title = f"熱點巡邏 Hotspot patrols {plan.on_date} {plan.shift} ({plan.units} units, {plan.hotspots.count()} hotspots)"
        record_activities(plan, "patrol", title, {"patrol_hours": int(round(minutes / 60))})
    return plan


def request_patrol_plan(
    on_date: dt.date,
    shift: str,
    categories: list[str],
    *,
    units: int = 4,
    hotspots: int = 8,
    cell_size: int = 150,
    method: str = "auto",
    seed: int | None = None,
    unit=None,
    boundary: AreaBoundary | None = None,
    user=None,
    is_synthetic: bool = False,
    run_now: bool = False,
) -> tuple[PatrolPlan, bool]:
    """The patrol plan for (date, shift, categories[, unit]), created and queued if new (idempotent)."""
    from . import tasks

    shift_bounds(on_date, shift)
    boundary = boundary or default_boundary()
    categories = sorted(set(categories or DEFAULT_CATEGORIES))
    if seed is None:
        seed = (
            int(on_date.strftime("%Y%m%d")) + SHIFTS.index(shift) if shift in SHIFTS else on_date.toordinal()
        )
    plan, created = PatrolPlan.objects.get_or_create(
        key=key_for(on_date, shift, categories, boundary.pk, unit.pk if unit else ""),
        defaults={
            "boundary": boundary,
            "on_date": on_date,
            "shift": shift,
            "categories": categories,
            "units": units,
            "hotspots_wanted": hotspots,
            "cell_size": cell_size,
            "method": method,
            "seed": seed,
            "unit": unit,
            "created_by": user,
            "is_synthetic": is_synthetic,
        },
    )
    if created:
        plan.objectives.set(objectives_for(categories, patrol=True))
    if created or plan.status == Status.FAILED:
        if run_now:
            run_patrol_plan(plan)
        else:
            pk = plan.pk
            transaction.on_commit(lambda: tasks.build_patrol_plan(pk))
    return plan, created


@lru_cache(maxsize=1)
def _landmarks() -> list[tuple[float, float, str, str]]:
    from beatbook.geo import points_of_interest

    points = points_of_interest()
    xs, ys = wgs84_to_hk1980([p.lon for p in points], [p.lat for p in points])
    return [(float(x), float(y), p.name_zh, p.name_en) for p, x, y in zip(points, xs, ys, strict=True)]


def nearest_landmark(lon: float, lat: float) -> str:
    """'Near <street/station> (120 m)' in both languages, from the shipped reference points."""
    marks = _landmarks()
    if not marks:
        return ""
    x, y = wgs84_to_hk1980([lon], [lat])
    best = min(marks, key=lambda m: (m[0] - x[0]) ** 2 + (m[1] - y[0]) ** 2)
    dist = float(np.hypot(best[0] - x[0], best[1] - y[0]))
    return f"{best[2]} {best[3]} ({dist:.0f} m)"


# ------------------------------------------------------------------------------------- dosage
def dosage_rows(plans, *, user=None, days_after: int = 7) -> list[dict[str, Any]]:
    """Per hotspot: planned vs delivered minutes and the incidents in its cells before and after the shift."""
    from beatbook.incidents.models import Incident

    rows = []
    plans = plans.prefetch_related("hotspots__visits__records")
    for plan in plans:
        for hotspot in plan.hotspots.all():
            planned = delivered = 0.0
            for visit in hotspot.visits.all():
                p = visit.planned_minutes
                got = sum(r.minutes for r in visit.records.all())
                planned += p
                delivered += min(got, p)
            q = None
            from django.db.models import Q

            for x1, y1, x2, y2 in hotspot.bounds or []:
                box = Q(x__gte=x1, x__lt=x2, y__gte=y1, y__lt=y2)
                q = box if q is None else q | box
            before = after = 0
            if q is not None and plan.shift_start:
                visible = Incident.objects.all() if user is None else Incident.objects.visible_to(user)
                base = visible.filter(q, epsg=EPSG, category__code__in=plan.categories)
                span = dt.timedelta(days=days_after)
                after = base.filter(
                    occurred_from__gte=plan.shift_start, occurred_from__lt=plan.shift_start + span
                ).count()
                before = base.filter(
                    occurred_from__gte=plan.shift_start - span, occurred_from__lt=plan.shift_start
                ).count()
            rows.append(
                {
                    "plan": plan,
                    "hotspot": hotspot,
                    "planned": round(planned),
                    "delivered": round(delivered),
                    "ratio": (delivered / planned) if planned else None,
                    "before": before,
                    "after": after,
                }
            )
    return rows
