"""Plan browser, objective page and the activity/journal forms (thin views over the generic ones)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from beatbook.audit import recorder
from beatbook.core import views as generic

from . import filtersets, forms, tables
from .computations import compute, status
from .models import Activity, Area, Indicator, IndicatorReading, JournalEntry, Objective, Plan


def indicator_rows(indicators, user) -> list[dict]:
    """Each indicator with its current value, status and the link to the records behind it."""
    rows = []
    for indicator in indicators:
        result = compute(indicator, user=user)
        rows.append(
            {
                "indicator": indicator,
                "value": result.value,
                "records_url": result.records_url,
                "detail": result.detail,
                "status": status(indicator, result.value),
            }
        )
    return rows


@login_required
def dashboard(request, plan: Plan | None = None):
    """The plan as a living document: areas -> objectives, owners, indicator status, recent activity."""
    if not request.user.has_perm("plan.view_objective"):
        raise PermissionDenied
    plan = plan or Plan.objects.restrict(request.user, "view").first()
    if plan is None:
        return render(request, "plan/empty.html")
    areas = list(Area.objects.restrict(request.user, "view").filter(plan=plan).order_by("order"))
    objectives = (
        Objective.objects.restrict(request.user, "view")
        .filter(area__plan=plan, retired=False)
        .prefetch_related("owners", "indicators")
    )
    visible_activities = Activity.objects.restrict(request.user, "view")
    # "Recent" is the last 90 days of the plan year (or of today, while the year runs).
    import datetime as dt

    since = min(timezone.localdate(), dt.date(plan.year, 12, 31)) - dt.timedelta(days=90)
    recent_counts: dict[int, int] = {}
    for objective_id in visible_activities.filter(date__gte=since).values_list("objective_id", flat=True):
        recent_counts[objective_id] = recent_counts.get(objective_id, 0) + 1
    objectives = list(objectives)
    recorder.record_restricted_reads(objectives)
    by_area: dict[int, list] = {}
    status_totals: dict[str, int] = {}
    for objective in objectives:
        rows = indicator_rows(objective.indicators.visible_to(request.user), request.user)
        for row in rows:
            status_totals[row["status"]] = status_totals.get(row["status"], 0) + 1
        by_area.setdefault(objective.area_id, []).append(
            {"objective": objective, "indicators": rows, "recent": recent_counts.get(objective.pk, 0)}
        )
    tree = []
    for area in areas:
        rows = by_area.get(area.pk, [])
        counts: dict[str, int] = {}
        for row in rows:
            for ind in row["indicators"]:
                counts[ind["status"]] = counts.get(ind["status"], 0) + 1
        tree.append({"area": area, "objectives": rows, "status_counts": counts})
    return render(
        request,
        "plan/dashboard.html",
        {
            "plan": plan,
            "tree": tree,
            "status_totals": status_totals,
            "since": since,
            "title": plan.tr("title"),
        },
    )


class PlanDetailView(generic.ObjectDetailView):
    queryset = Plan.objects.all()
    lookup_field = "slug"

    def get(self, request, *args, **kwargs):
        return dashboard(request, plan=self.get_object())


class AreaDetailView(generic.ObjectDetailView):
    queryset = Area.objects.all()
    lookup_field = "code"

    def get_extra_context(self, obj):
        return {
            "objectives": obj.objectives.restrict(self.request.user, "view").prefetch_related("owners"),
            "children": obj.children.restrict(self.request.user, "view"),
        }


class ObjectiveDetailView(generic.ObjectDetailView):
    queryset = Objective.objects.select_related("area")
    lookup_field = "code"

    def get_extra_context(self, obj):
        user = self.request.user
        activities = list(
            Activity.objects.restrict(user, "view").filter(objective=obj).select_related("unit")[:20]
        )
        journal = list(
            JournalEntry.objects.restrict(user, "view").filter(objective=obj).select_related("author")[:10]
        )
        recorder.record_restricted_reads([*activities, *journal])
        return {
            "indicators": indicator_rows(obj.indicators.restrict(user, "view"), user),
            "activities": activities,
            "journal": journal,
            "can_log": user.has_perm("plan.add_activity"),
            "can_journal": user.has_perm("plan.add_journalentry"),
        }


class ObjectiveListView(generic.ObjectListView):
    queryset = Objective.objects.select_related("area")
    filterset = filtersets.ObjectiveFilterSet
    table = tables.ObjectiveTable


class IndicatorListView(generic.ObjectListView):
    queryset = Indicator.objects.select_related("objective")
    filterset = filtersets.IndicatorFilterSet
    table = tables.IndicatorTable


class IndicatorDetailView(generic.ObjectDetailView):
    queryset = Indicator.objects.select_related("objective")

    def get_extra_context(self, obj):
        user = self.request.user
        return {
            "row": indicator_rows([obj], user)[0],
            "readings": IndicatorReading.objects.restrict(user, "view").filter(indicator=obj)[:50],
            "can_read": user.has_perm("plan.add_indicatorreading") and obj.computation == "manual",
        }


class IndicatorReadingEditView(generic.ObjectEditView):
    queryset = IndicatorReading.objects.all()
    form = forms.IndicatorReadingForm


class ActivityListView(generic.ObjectListView):
    queryset = Activity.objects.select_related("objective", "unit")
    filterset = filtersets.ActivityFilterSet
    table = tables.ActivityTable
    export_fields = ["id", "date", "objective", "unit", "kind", "title", "outputs", "notes", "is_synthetic"]


class ActivityDetailView(generic.ObjectDetailView):
    queryset = Activity.objects.select_related("objective", "unit")


class ActivityEditView(generic.ObjectEditView):
    queryset = Activity.objects.all()
    form = forms.ActivityForm


class ActivityDeleteView(generic.ObjectDeleteView):
    queryset = Activity.objects.all()


class JournalEntryListView(generic.ObjectListView):
    queryset = JournalEntry.objects.select_related("objective", "author")
    filterset = filtersets.JournalEntryFilterSet
    table = tables.JournalEntryTable


class JournalEntryDetailView(generic.ObjectDetailView):
    queryset = JournalEntry.objects.select_related("objective", "author")


class JournalEntryEditView(generic.ObjectEditView):
    queryset = JournalEntry.objects.all()
    form = forms.JournalEntryForm


@login_required
def objective_activity_fragment(request, code):
    """HTMX fragment: the latest activities of an objective (refreshed after logging one)."""
    objective = get_object_or_404(Objective.objects.restrict(request.user, "view"), code=code)
    activities = Activity.objects.restrict(request.user, "view").filter(objective=objective)[:20]
    recorder.record_restricted_reads(activities)
    return render(request, "plan/_activities.html", {"activities": activities})


objective_activity_fragment.model = Objective
