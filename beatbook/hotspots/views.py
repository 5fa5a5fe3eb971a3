"""Hotspot map, forecasts, patrol plans (briefing HTML/PDF, phone page for visits) and the dosage report."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from beatbook.audit import recorder
from beatbook.core import views as generic

from . import filtersets, forms, services, tables
from .models import AreaBoundary, Forecast, PatrolPlan, PatrolVisit, Status, VisitRecord

MAP_KINDS = {
    "counts": _lazy("Counts"),
    "kde": _lazy("Kernel density"),
    "gistar": _lazy("Getis-Ord Gi* (FDR 5%)"),
}


def _need(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied(_("You do not have permission to do that."))


def tiles() -> dict:
    """Remote map tiles only when configured (no third-party requests by default)."""
    return {"url": settings.BEATBOOK_TILE_URL, "attribution": settings.BEATBOOK_TILE_ATTRIBUTION}


# ------------------------------------------------------------------------------------------ map
def _map_query(request) -> dict:
    """Map settings from the query string (kind, period, cell size, categories, area), all validated."""
    from beatbook.incidents.models import Category

    today = timezone.localdate()
    g = request.GET
    kind = g.get("kind") if g.get("kind") in MAP_KINDS else "counts"
    start = parse_date(g.get("date_after") or "") or today - dt.timedelta(days=90)
    end = parse_date(g.get("date_before") or "") or today
    try:
        cell = min(max(int(g.get("cell") or 150), 50), 1000)
    except ValueError:
        cell = 150
    all_categories = list(Category.objects.visible_to(request.user).filter(active=True))
    codes = {c.code for c in all_categories}
    chosen = [c for c in g.getlist("category") if c in codes] or list(services.DEFAULT_CATEGORIES)
    boundaries = AreaBoundary.objects.visible_to(request.user)
    boundary = boundaries.filter(slug=g.get("area") or "").first() or services.default_boundary()
    if not boundaries.filter(pk=boundary.pk).exists():
        raise PermissionDenied
    error = ""
    try:
        grid = services.make_grid(boundary, cell)
        xs, ys, dates = services.incident_arrays(
            chosen, user=request.user, since=start, before=end + dt.timedelta(days=1)
        )
        cells = services.surface_geojson(kind, grid, xs, ys, dates)
    except services.PlanningError as exc:
        cells, error = {"type": "FeatureCollection", "features": [], "properties": {}}, str(exc)
    cells.setdefault("properties", {}).update(
        {
            "categories": chosen,
            "date_after": start.isoformat(),
            "date_before": end.isoformat(),
            "area": boundary.slug,
        }
    )
    return {
        "kind": kind,
        "start": start,
        "end": end,
        "cell": cell,
        "categories": all_categories,
        "chosen": chosen,
        "boundary": boundary,
        "boundaries": boundaries,
        "cells": cells,
        "error": error,
    }


@login_required
def hotspot_map(request):
    """Cells of the area coloured by counts, KDE or Gi*, for the chosen categories and period."""
    _need(request, "incidents.view_incident")
    query = _map_query(request)
    context = {
        "title": _("Hotspot map"),
        "kinds": MAP_KINDS,
        "boundary_geojson": query["boundary"].geojson,
        "tiles": tiles(),
        "synthetic": _has_synthetic(query["chosen"]),
        **query,
    }
    return render(request, "hotspots/map.html", context)


@login_required
def cells_geojson(request):
    """The map's cells as GeoJSON (same query string as the map page), for other clients."""
    _need(request, "incidents.view_incident")
    return JsonResponse(_map_query(request)["cells"])


def _has_synthetic(categories) -> bool:
    from beatbook.incidents.models import Incident

    return Incident.objects.filter(is_synthetic=True, category__code__in=categories).exists()


# ------------------------------------------------------------------------------------- forecasts
class ForecastListView(generic.ObjectListView):
    queryset = Forecast.objects.all()
    filterset = filtersets.ForecastFilterSet
    table = tables.ForecastTable


class ForecastDetailView(generic.ObjectDetailView):
    queryset = Forecast.objects.select_related("boundary").prefetch_related("objectives")

    def get_extra_context(self, obj):
        return {
            "tiles": tiles(),
            "boundary_geojson": obj.boundary.geojson,
            "cells_geojson": _cells_geojson(obj),
            "objectives": obj.objectives.visible_to(self.request.user),
        }


def _cells_geojson(forecast: Forecast) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [c["ring"]]},
                "properties": {"rank": c["rank"], "risk": c["risk"]},
            }
            for c in forecast.top_cells
        ],
    }


@login_required
def forecast_request(request):
    """Ask for a forecast (the next shifts are one click); computed in the background, idempotent."""
    _need(request, "hotspots.add_forecast")
    form = forms.ForecastRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            forecast, created = services.request_forecast(
                d["on_date"],
                d["shift"],
                d["categories"],
                method=d["method"],
                cell_size=d["cell_size"],
                boundary=d["boundary"],
                user=request.user,
            )
        except services.PlanningError as exc:
            form.add_error(None, str(exc))
        else:
            if not created:
                messages.info(request, _("This forecast exists already; it is shown here."))
            return redirect(forecast.get_absolute_url())
    upcoming = []
    for day, shift in services.next_shifts():
        key = services.key_for(
            day, shift, sorted(services.DEFAULT_CATEGORIES), services.default_boundary().pk
        )
        upcoming.append(
            {
                "date": day,
                "shift": shift,
                "forecast": Forecast.objects.restrict(request.user, "view").filter(key=key).first(),
            }
        )
    return render(
        request,
        "hotspots/forecast_request.html",
        {"form": form, "upcoming": upcoming, "title": _("Forecast the next shifts")},
    )


# ---------------------------------------------------------------------------------- patrol plans
class PatrolPlanListView(generic.ObjectListView):
    queryset = PatrolPlan.objects.select_related("unit")
    filterset = filtersets.PatrolPlanFilterSet
    table = tables.PatrolPlanTable


def _plan_context(plan: PatrolPlan, user) -> dict:
    hotspots = list(plan.hotspots.visible_to(user))
    visits = list(
        PatrolVisit.objects.visible_to(user)
        .filter(plan=plan)
        .select_related("hotspot")
        .prefetch_related(Prefetch("records", queryset=VisitRecord.objects.visible_to(user)))
    )
    by_unit: dict[str, list] = {}
    for v in visits:
        by_unit.setdefault(v.patrol_unit, []).append(v)
    features = []
    for h in hotspots:
        features.append(
            {"type": "Feature", "geometry": h.geometry, "properties": {"code": h.code, "risk": h.risk}}
        )
    return {
        "hotspots": hotspots,
        "by_unit": sorted(by_unit.items()),
        "tiles": tiles(),
        "boundary_geojson": plan.boundary.geojson,
        "hotspots_geojson": {"type": "FeatureCollection", "features": features},
        "objectives": plan.objectives.visible_to(user),
    }


class PatrolPlanDetailView(generic.ObjectDetailView):
    queryset = PatrolPlan.objects.select_related("boundary", "unit", "forecast")

    def get_extra_context(self, obj):
        return _plan_context(obj, self.request.user)


@login_required
def patrolplan_request(request):
    _need(request, "hotspots.add_patrolplan")
    form = forms.PatrolPlanRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            plan, created = services.request_patrol_plan(
                d["on_date"],
                d["shift"],
                d["categories"],
                units=d["units"],
                hotspots=d["hotspots"],
                cell_size=d["cell_size"],
                method=d["method"],
                seed=d.get("seed"),
                unit=d.get("unit"),
                boundary=d["boundary"],
                user=request.user,
            )
        except services.PlanningError as exc:
            form.add_error(None, str(exc))
        else:
            if not created:
                messages.info(request, _("A plan for this shift exists already; it is shown here."))
            return redirect(plan.get_absolute_url())
    return render(request, "hotspots/patrolplan_request.html", {"form": form, "title": _("New patrol plan")})


def _plan_for(request, pk) -> PatrolPlan:
    _need(request, "hotspots.view_patrolplan")
    plan = get_object_or_404(
        PatrolPlan.objects.restrict(request.user, "view").select_related("boundary", "unit"), pk=pk
    )
    recorder.record_restricted_reads([plan])
    return plan


@login_required
def briefing(request, pk):
    """Printable bilingual briefing of a plan (HTML)."""
    plan = _plan_for(request, pk)
    return render(request, "hotspots/briefing.html", {"object": plan, **_plan_context(plan, request.user)})


briefing.model = PatrolPlan


@login_required
def briefing_pdf(request, pk):
    """The same briefing as a PDF with a drawn map of the hotspots (no map tiles needed)."""
    from .pdf import briefing_pdf as render_pdf

    plan = _plan_for(request, pk)
    context = _plan_context(plan, request.user)
    data = render_pdf(plan, context["hotspots"], context["by_unit"])
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="patrol-briefing-{plan.on_date}-{plan.pk}.pdf"'
    return response


briefing_pdf.model = PatrolPlan


@login_required
def phone(request, pk):
    """Officers' page: big Arrive / Leave buttons for each visit of their patrol unit."""
    plan = _plan_for(request, pk)
    context = _plan_context(plan, request.user)
    unit = request.GET.get("unit", "")
    groups = [(u, vs) for u, vs in context["by_unit"] if not unit or u == unit]
    return render(
        request,
        "hotspots/phone.html",
        {
            "object": plan,
            "groups": groups,
            "unit": unit,
            "units": [u for u, _vs in context["by_unit"]],
            "can_record": request.user.has_perm("hotspots.add_visitrecord"),
            "title": _("Patrol visits"),
        },
    )


phone.model = PatrolPlan


def _visit_for(request, pk) -> PatrolVisit:
    # Unit scope applies: an officer limited to one unit cannot reach another unit's visits.
    return get_object_or_404(
        PatrolVisit.objects.restrict(request.user, "view").select_related("hotspot", "plan"), pk=pk
    )


def _visit_row(request, visit, error: str = "", status: int = 200):
    visit.open_records = VisitRecord.objects.visible_to(request.user).filter(visit=visit)
    response = render(request, "hotspots/_visit.html", {"v": visit, "error": error, "can_record": True})
    response.status_code = status
    return response


@login_required
@require_POST
def visit_arrive(request, pk):
    _need(request, "hotspots.add_visitrecord")
    visit = _visit_for(request, pk)
    if VisitRecord.objects.filter(visit=visit, left_at__isnull=True).exists():
        return _visit_row(request, visit, _("Arrival is already recorded; record leaving first."), 409)
    now = timezone.now()
    if visit.plan.shift_start and now < visit.plan.shift_start - dt.timedelta(hours=2):
        return _visit_row(request, visit, _("This shift has not started yet."), 409)
    VisitRecord.objects.create(
        visit=visit,
        officer=request.user,
        arrived_at=now,
        is_synthetic=visit.is_synthetic,
        handling_code=visit.handling_code,
    )
    return _visit_row(request, visit)


visit_arrive.model = PatrolVisit


@login_required
@require_POST
def visit_leave(request, pk):
    _need(request, "hotspots.change_visitrecord")
    visit = _visit_for(request, pk)
    record = VisitRecord.objects.filter(visit=visit, left_at__isnull=True).order_by("-arrived_at").first()
    if record is None:
        return _visit_row(request, visit, _("Record the arrival before leaving."), 409)
    record.left_at = timezone.now()
    try:
        record.full_clean()
    except ValidationError as exc:
        return _visit_row(request, visit, "; ".join(exc.messages), 409)
    record.save()
    return _visit_row(request, visit)


visit_leave.model = PatrolVisit


class VisitRecordListView(generic.ObjectListView):
    queryset = VisitRecord.objects.select_related("visit__hotspot", "officer")
    filterset = filtersets.VisitRecordFilterSet
    table = tables.VisitRecordTable


class VisitRecordDetailView(generic.ObjectDetailView):
    queryset = VisitRecord.objects.select_related("visit__hotspot", "officer")


# ---------------------------------------------------------------------------------------- dosage
@login_required
def dosage(request):
    """Planned vs delivered minutes per hotspot, and the incidents in its cells before and after."""
    _need(request, "hotspots.view_patrolplan")
    today = timezone.localdate()
    start = parse_date(request.GET.get("date_after") or "") or today - dt.timedelta(days=28)
    end = parse_date(request.GET.get("date_before") or "") or today
    objective = (request.GET.get("objective") or "").strip()[:40]
    plans = PatrolPlan.objects.restrict(request.user, "view").filter(
        status=Status.DONE, on_date__range=(start, end)
    )
    if objective:
        plans = plans.filter(objectives__code=objective)
    plans = plans.order_by("-on_date", "shift")[:200]
    rows = services.dosage_rows(plans, user=request.user)
    planned = sum(r["planned"] for r in rows)
    delivered = sum(r["delivered"] for r in rows)
    return render(
        request,
        "hotspots/dosage.html",
        {
            "title": _("Patrol dosage"),
            "rows": rows,
            "start": start,
            "end": end,
            "objective": objective,
            "planned": planned,
            "delivered": delivered,
            "ratio": (delivered / planned) if planned else None,
            "after_total": sum(r["after"] for r in rows),
            "before_total": sum(r["before"] for r in rows),
        },
    )


# ------------------------------------------------------------------------------------ boundaries
class AreaBoundaryListView(generic.ObjectListView):
    queryset = AreaBoundary.objects.all()
    filterset = filtersets.AreaBoundaryFilterSet
    table = tables.AreaBoundaryTable

    def get(self, request, *args, **kwargs):
        services.default_boundary()
        return super().get(request, *args, **kwargs)


class AreaBoundaryDetailView(generic.ObjectDetailView):
    queryset = AreaBoundary.objects.all()

    def get_extra_context(self, obj):
        return {"tiles": tiles(), "boundary_geojson": obj.geojson}


@login_required
def boundary_upload(request):
    """Replace the default area with an uploaded polygon (hostile input: see forms.BoundaryUploadForm)."""
    _need(request, "hotspots.add_areaboundary")
    form = forms.BoundaryUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        boundary = AreaBoundary.objects.create(
            slug=d["slug"],
            name_zh=d["name_zh"],
            name_en=d.get("name_en", ""),
            geojson=form.geometry,
            origin=f"uploaded: {d['file'].name[:150]}",
            uploaded_by=request.user,
        )
        if d.get("make_default"):
            AreaBoundary.objects.filter(is_default=True).exclude(pk=boundary.pk).update(is_default=False)
            boundary.is_default = True
            boundary.save()
        messages.success(request, _("Saved the area %(slug)s.") % {"slug": boundary.slug})
        return redirect(boundary.get_absolute_url())
    return render(request, "hotspots/boundary_upload.html", {"form": form, "title": _("Upload an area")})
