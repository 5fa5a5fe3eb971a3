"""Road-safety pages: records, summary, black-site map with enforcement operations."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from beatbook.core import views as generic
from beatbook.geo.boundaries import AreaError

from . import filtersets, forms, tables
from .analysis import GROUPS, SEVERITIES, AnalysisInputError
from .groups import GROUP_CHOICES
from .models import Accident, Casualty, EnforcementOperation, Vehicle
from .services import credits, db_blacksites, db_summary, parse_area, parse_date


class CreditMixin:
    def get_extra_context(self, obj):
        return {"credits": [obj.credit] if getattr(obj, "credit", "") else []}


class AccidentListView(generic.ObjectListView):
    queryset = Accident.objects.all()
    filterset = filtersets.AccidentFilterSet
    table = tables.AccidentTable

    def get(self, request, *args, **kwargs):
        self.extra_context = {"credits": credits(request.user)}
        return super().get(request, *args, **kwargs)


class AccidentDetailView(CreditMixin, generic.ObjectDetailView):
    queryset = Accident.objects.all()

    def get_extra_context(self, obj):
        user = self.request.user
        return {
            **super().get_extra_context(obj),
            "casualties": obj.casualties.restrict(user, "view"),
            "vehicles": obj.vehicles.restrict(user, "view"),
        }


class CasualtyListView(generic.ObjectListView):
    queryset = Casualty.objects.select_related("accident")
    filterset = filtersets.CasualtyFilterSet
    table = tables.CasualtyTable

    def get(self, request, *args, **kwargs):
        self.extra_context = {"credits": credits(request.user)}
        return super().get(request, *args, **kwargs)


class CasualtyDetailView(CreditMixin, generic.ObjectDetailView):
    queryset = Casualty.objects.select_related("accident")


class VehicleListView(generic.ObjectListView):
    queryset = Vehicle.objects.select_related("accident")
    filterset = filtersets.VehicleFilterSet
    table = tables.VehicleTable

    def get(self, request, *args, **kwargs):
        self.extra_context = {"credits": credits(request.user)}
        return super().get(request, *args, **kwargs)


class VehicleDetailView(CreditMixin, generic.ObjectDetailView):
    queryset = Vehicle.objects.select_related("accident")


class EnforcementOperationListView(generic.ObjectListView):
    queryset = EnforcementOperation.objects.select_related("objective", "unit")
    filterset = filtersets.EnforcementOperationFilterSet
    table = tables.EnforcementOperationTable


class EnforcementOperationDetailView(generic.ObjectDetailView):
    queryset = EnforcementOperation.objects.select_related("objective", "unit", "activity")


class EnforcementOperationEditView(generic.ObjectEditView):
    queryset = EnforcementOperation.objects.all()
    form = forms.EnforcementOperationForm


class EnforcementOperationDeleteView(generic.ObjectDeleteView):
    queryset = EnforcementOperation.objects.all()


def _period(request, default_from: str, default_to: str):
    date_from = parse_date(request.GET.get("from") or default_from, "from")
    date_to = parse_date(request.GET.get("to") or default_to, "to")
    return date_from, date_to


def _default_period(user) -> tuple[str, str]:
    """The span of the records (so the page opens on all of them)."""
    qs = Accident.objects.visible_to(user)
    first, last = qs.order_by("occurred_at").first(), qs.order_by("-occurred_at").first()
    if first is None:
        today = dt.date.today()
        return f"{today.year}-01-01", today.isoformat()
    return f"{first.occurred_at.year}-01-01", f"{last.occurred_at.year}-12-31"


@login_required
def summary_page(request):
    """Headline figures for an area and period, computed from the records (same function as the CLI)."""
    if not request.user.has_perm("roads.view_accident"):
        raise PermissionDenied
    default_from, default_to = _default_period(request.user)
    area_spec = request.GET.get("area", "mongkok")[:200]
    error, result = "", None
    try:
        date_from, date_to = _period(request, default_from, default_to)
        result = db_summary(parse_area(area_spec, allow_files=False), date_from, date_to, user=request.user)
    except (AreaError, AnalysisInputError, ValueError) as exc:
        error = str(exc)
        date_from, date_to = request.GET.get("from", default_from), request.GET.get("to", default_to)
    return render(
        request,
        "roads/summary.html",
        {
            "title": _("Road safety summary"),
            "result": result,
            "error": error,
            "area": area_spec,
            "date_from": date_from,
            "date_to": date_to,
            "credits": credits(request.user),
        },
    )


@login_required
def blacksites_page(request):
    """Leaflet map of black sites (filters: plan groups, severity) with the enforcement operations near them."""
    if not request.user.has_perm("roads.view_accident"):
        raise PermissionDenied
    default_from, default_to = _default_period(request.user)
    area_spec = request.GET.get("area", "mongkok")[:200]
    groups = [g for g in request.GET.getlist("group") if g]
    severities = [s for s in request.GET.getlist("severity") if s]
    error, sites = "", []
    try:
        date_from, date_to = _period(request, default_from, default_to)
        radius = float(request.GET.get("radius") or 50)
        top = int(request.GET.get("top") or 20)
        sites = db_blacksites(
            parse_area(area_spec, allow_files=False),
            date_from,
            date_to,
            radius=radius,
            top=top,
            groups=groups or None,
            severities=severities or None,
            user=request.user,
        )
    except (AreaError, AnalysisInputError, ValueError) as exc:
        error = str(exc)
        date_from, date_to = request.GET.get("from", default_from), request.GET.get("to", default_to)
        radius, top = request.GET.get("radius", 50), request.GET.get("top", 20)
    operations = []
    if request.user.has_perm("roads.view_enforcementoperation"):
        operations = [
            {
                "title": op.title,
                "kind": op.get_kind_display(),
                "status": op.get_status_display(),
                "lat": op.lat,
                "lon": op.lon,
                "url": op.get_absolute_url(),
                "target": op.target_street,
                "summonses": op.summonses,
                "arrests": op.arrests,
                "vehicles_checked": op.vehicles_checked,
            }
            for op in EnforcementOperation.objects.restrict(request.user, "view").filter(lat__isnull=False)
        ]
    group_labels = dict(GROUP_CHOICES)
    return render(
        request,
        "roads/blacksites.html",
        {
            "title": _("Black sites"),
            "sites": sites,
            "operations": operations,
            "error": error,
            "area": area_spec,
            "date_from": date_from,
            "date_to": date_to,
            "radius": radius,
            "top": top,
            "groups": groups,
            "severities": severities,
            "group_choices": [(g, group_labels.get(g, g)) for g in GROUPS],
            "severity_choices": SEVERITIES,
            "map_data": {
                "sites": sites,
                "operations": operations,
                "tile_url": settings.BEATBOOK_TILE_URL,
                "tile_attribution": settings.BEATBOOK_TILE_ATTRIBUTION,
            },
            "credits": credits(request.user),
        },
    )
