"""CCTV registry pages. Every access to the registry and to footage requests is written to the audit
log (lists as one entry per page view, records one entry each)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from beatbook.audit import recorder
from beatbook.core import views as generic
from beatbook.partners.models import Organisation

from . import coverage, filtersets, forms, tables
from .hotspot_source import current_hotspots
from .models import BuildingSurvey, CameraSite, FootageRequest

OUTREACH_KINDS = ("building_management", "owners_corporation", "mall", "hotel", "guesthouse", "bank")


def audit_access(obj) -> None:
    if not obj.is_restricted:  # restricted rows are already logged by the generic views
        recorder.record_personal_data_view(obj)


class AuditedListView(generic.ObjectListView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        recorder.record(
            "view",
            model=self.model._meta.label_lower,
            object_repr=f"{self.model._meta.model_name} list {request.GET.urlencode()}"[:300],
        )
        return response


class AuditedDetailView(generic.ObjectDetailView):
    def get_extra_context(self, obj):
        audit_access(obj)
        return super().get_extra_context(obj)


class CameraSiteListView(AuditedListView):
    queryset = CameraSite.objects.select_related("organisation")
    filterset = filtersets.CameraSiteFilterSet
    table = tables.CameraSiteTable


class CameraSiteDetailView(AuditedDetailView):
    queryset = CameraSite.objects.select_related("organisation", "objective")

    def get_extra_context(self, obj):
        context = super().get_extra_context(obj)
        context["requests"] = FootageRequest.objects.restrict(self.request.user, "view").filter(site=obj)[:20]
        return context


class CameraSiteEditView(generic.ObjectEditView):
    queryset = CameraSite.objects.all()
    form = forms.CameraSiteForm


class FootageRequestListView(AuditedListView):
    queryset = FootageRequest.objects.select_related("site")
    filterset = filtersets.FootageRequestFilterSet
    table = tables.FootageRequestTable


class FootageRequestDetailView(AuditedDetailView):
    queryset = FootageRequest.objects.select_related("site", "requested_by")

    def get_extra_context(self, obj):
        context = super().get_extra_context(obj)
        now = timezone.now()
        context.update(
            {
                "now": now,
                "time_left": obj.time_left(now),
                "days_left": obj.time_left(now).total_seconds() / 86400,
                "warning": obj.needs_warning(now),
                "status_form": forms.FootageStatusForm(),
                "can_change": self.request.user.has_perm("cctv.change_footagerequest"),
            }
        )
        return context


class FootageRequestEditView(generic.ObjectEditView):
    queryset = FootageRequest.objects.all()
    form = forms.FootageRequestForm

    def make_form(self, obj, data=None, files=None):
        if obj.pk is None and obj.requested_by_id is None:
            obj.requested_by = self.request.user
        return super().make_form(obj, data, files)


class FootageRequestStatusView(generic.ModelPermissionMixin, View):
    """Move a request along the workflow: acknowledged, footage received, refused."""

    queryset = FootageRequest.objects.select_related("site")
    action = "change"

    def get(self, request, *args, **kwargs):
        get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        return redirect("cctv:footagerequest_detail", pk=kwargs["pk"])

    def post(self, request, pk):
        obj = get_object_or_404(self.get_queryset(), pk=pk)
        form = forms.FootageStatusForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a valid status."))
            return redirect("cctv:footagerequest_detail", pk=pk)
        try:
            obj.move_to(form.cleaned_data["status"], reason=form.cleaned_data.get("reason", ""))
            messages.success(request, _("Status changed to %(s)s.") % {"s": obj.get_status_display()})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("cctv:footagerequest_detail", pk=pk)


class BuildingSurveyListView(generic.ObjectListView):
    queryset = BuildingSurvey.objects.select_related("organisation", "objective")
    filterset = filtersets.BuildingSurveyFilterSet
    table = tables.BuildingSurveyTable


class BuildingSurveyDetailView(generic.ObjectDetailView):
    queryset = BuildingSurvey.objects.select_related("organisation", "site", "objective")

    def get_extra_context(self, obj):
        from .models import SURVEY_ITEMS

        return {"items": [(label, obj.checklist.get(key, "—")) for key, label in SURVEY_ITEMS.items()]}


class BuildingSurveyEditView(generic.ObjectEditView):
    queryset = BuildingSurvey.objects.all()
    form = forms.BuildingSurveyForm


def coverage_page(request):
    """Hotspots with no registered camera within the chosen distance, and whom to approach there."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("cctv.view_camerasite"):
        raise PermissionDenied
    try:
        radius = float(request.GET.get("radius") or 100)
        if not 10 <= radius <= 2000:
            raise ValueError
    except ValueError:
        radius, error = 100.0, _("The distance must be a number of metres between 10 and 2000.")
    else:
        error = ""
    text = request.GET.get("points", "")
    source = _("points you entered")
    try:
        hotspots = coverage.parse_points(text) if text.strip() else []
    except ValueError as exc:
        hotspots, error = [], _("Could not read the points: %(e)s") % {"e": exc}
    if not text.strip():
        hotspots, source = current_hotspots(request.user)
    sites = CameraSite.objects.restrict(request.user, "view").filter(active=True)
    cameras = [coverage.Point(f"S{s.pk}", s.latitude, s.longitude, s.building) for s in sites]
    orgs = Organisation.objects.visible_to(request.user).filter(
        kind__in=OUTREACH_KINDS, latitude__isnull=False, longitude__isnull=False
    )
    with_camera = set(sites.exclude(organisation__isnull=True).values_list("organisation_id", flat=True))
    candidates = [
        coverage.Point(f"O{o.pk}", o.latitude, o.longitude, str(o)) for o in orgs if o.pk not in with_camera
    ]
    results = (
        coverage.analyse(hotspots, cameras, radius, candidates, outreach_radius_m=radius * 2)
        if hotspots
        else []
    )
    recorder.record(
        "view",
        model="cctv.camerasite",
        object_repr=f"coverage analysis r={radius:g}m {len(hotspots)} hotspots, {len(cameras)} sites",
    )
    outreach = coverage.outreach_list(results)
    org_by_key = {f"O{o.pk}": o for o in orgs}
    map_data = {
        "tile_url": settings.BEATBOOK_TILE_URL,
        "tile_attribution": settings.BEATBOOK_TILE_ATTRIBUTION,
        "radius": radius,
        "cameras": [[c.lat, c.lon, c.label] for c in cameras],
        "hotspots": [[r.hotspot.lat, r.hotspot.lon, r.hotspot.label, r.covered] for r in results],
        "candidates": [[p.lat, p.lon, p.label] for p, _spots, _d in outreach],
    }
    return render(
        request,
        "cctv/coverage.html",
        {
            "title": _("CCTV coverage of hotspots"),
            "radius": radius,
            "points": text,
            "error": error,
            "source": source,
            "results": results,
            "uncovered": coverage.uncovered(results),
            "outreach": [(org_by_key.get(p.key), spots, d) for p, spots, d in outreach],
            "camera_count": len(cameras),
            "map_data": map_data,
        },
    )
