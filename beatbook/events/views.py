"""Public events pages: register, risk matrix, deployment, review; earlier lessons shown when planning."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from beatbook.core import views as generic

from . import filtersets, forms, risk, tables
from .models import DeploymentPost, EventKind, EventReview, PublicEvent, previous_lessons


class PublicEventListView(generic.ObjectListView):
    queryset = PublicEvent.objects.select_related("objective", "review")
    filterset = filtersets.PublicEventFilterSet
    table = tables.PublicEventTable


class PublicEventDetailView(generic.ObjectDetailView):
    queryset = PublicEvent.objects.select_related("objective")

    def get_extra_context(self, obj):
        user = self.request.user
        review = EventReview.objects.restrict(user, "view").filter(event=obj).first()
        return {
            "matrix": risk.matrix(),
            "posts": DeploymentPost.objects.restrict(user, "view").filter(event=obj).select_related("unit"),
            "review": review,
            "lessons": previous_lessons(obj.kind, before=obj.starts_at, user=user),
            "can_add_post": user.has_perm("events.add_deploymentpost"),
            "can_review": user.has_perm("events.add_eventreview") and review is None,
        }


class PublicEventEditView(generic.ObjectEditView):
    """The form shows the lessons of earlier events of the chosen kind, so they carry into the plan."""

    queryset = PublicEvent.objects.all()
    form = forms.PublicEventForm

    def render_form(self, form, obj):
        kind = form.data.get("kind") or self.request.GET.get("kind") or obj.kind
        context = {
            "form": form,
            "object": obj,
            "opts": self.model._meta,
            "is_new": obj.pk is None,
            "lessons": previous_lessons(kind, before=obj.starts_at, user=self.request.user) if kind else [],
            "kind_label": dict(EventKind.choices).get(kind, ""),
        }
        return render(self.request, "events/publicevent_edit.html", context)


class PublicEventDeleteView(generic.ObjectDeleteView):
    queryset = PublicEvent.objects.all()


@login_required
def event_map(request):
    """Leaflet map of the events you may see, coloured by risk band (no remote tiles unless configured)."""
    from django.conf import settings

    if not request.user.has_perm("events.view_publicevent"):
        raise PermissionDenied
    qs = PublicEvent.objects.restrict(request.user, "view").filter(lat__isnull=False)
    filterset = filtersets.PublicEventFilterSet(request.GET, queryset=qs, request=request)
    events = filterset.qs if filterset.is_valid() else qs.none()
    points = [
        {
            "title": e.title,
            "lat": e.lat,
            "lon": e.lon,
            "url": e.get_absolute_url(),
            "band": e.risk_band,
            "band_label": e.risk_band_label,
            "when": e.starts_at.strftime("%Y-%m-%d %H:%M"),
            "attendance": e.expected_attendance,
        }
        for e in events
    ]
    return render(
        request,
        "events/map.html",
        {
            "title": _("Public events map"),
            "filterset": filterset,
            "count": len(points),
            "map_data": {
                "events": points,
                "tile_url": settings.BEATBOOK_TILE_URL,
                "tile_attribution": settings.BEATBOOK_TILE_ATTRIBUTION,
            },
        },
    )


@login_required
def lessons_fragment(request):
    """HTMX fragment: lessons of earlier events of ``?kind=`` (refreshed when the kind changes on the form)."""
    if not request.user.has_perm("events.view_eventreview"):
        raise PermissionDenied
    kind = request.GET.get("kind", "")
    lessons = previous_lessons(kind, user=request.user) if kind in EventKind.values else []
    return render(
        request,
        "events/_lessons.html",
        {"lessons": lessons, "kind_label": dict(EventKind.choices).get(kind, "")},
    )


class DeploymentPostListView(generic.ObjectListView):
    queryset = DeploymentPost.objects.select_related("event", "unit")
    filterset = filtersets.DeploymentPostFilterSet
    table = tables.DeploymentPostTable


class DeploymentPostDetailView(generic.ObjectDetailView):
    queryset = DeploymentPost.objects.select_related("event", "unit")


class DeploymentPostEditView(generic.ObjectEditView):
    queryset = DeploymentPost.objects.all()
    form = forms.DeploymentPostForm


class DeploymentPostDeleteView(generic.ObjectDeleteView):
    queryset = DeploymentPost.objects.all()


class EventReviewListView(generic.ObjectListView):
    queryset = EventReview.objects.select_related("event")
    filterset = filtersets.EventReviewFilterSet
    table = tables.EventReviewTable


class EventReviewDetailView(generic.ObjectDetailView):
    queryset = EventReview.objects.select_related("event")


class EventReviewEditView(generic.ObjectEditView):
    queryset = EventReview.objects.all()
    form = forms.EventReviewForm
