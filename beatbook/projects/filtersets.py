import django_filters
from django.utils.translation import gettext_lazy as _

from beatbook.core.filtersets import BeatbookFilterSet

from .models import Engagement, EngagementKind, Milestone, Project, Risk


class ProjectFilterSet(BeatbookFilterSet):
    search_fields = ("name_zh", "name_en", "sponsor", "summary")
    status = django_filters.ChoiceFilter(choices=Project.Status.choices, label=_("Status"))
    objective = django_filters.CharFilter(field_name="objective__code", label=_("Objective id"))

    class Meta:
        model = Project
        fields = ["status", "objective", "lead_unit"]


class MilestoneFilterSet(BeatbookFilterSet):
    search_fields = ("title", "notes")
    objective = django_filters.CharFilter(field_name="project__objective__code", label=_("Objective id"))
    planned = django_filters.DateFromToRangeFilter(field_name="planned_on", label=_("Planned (from - to)"))
    reached = django_filters.BooleanFilter(
        field_name="actual_on", lookup_expr="isnull", exclude=True, label=_("Reached")
    )

    class Meta:
        model = Milestone
        fields = ["project", "objective", "planned", "reached"]


class RiskFilterSet(BeatbookFilterSet):
    search_fields = ("title", "owner", "mitigation")
    status = django_filters.ChoiceFilter(choices=Risk.Status.choices, label=_("Status"))

    class Meta:
        model = Risk
        fields = ["project", "status"]


class EngagementFilterSet(BeatbookFilterSet):
    search_fields = ("stakeholders", "summary")
    kind = django_filters.ChoiceFilter(choices=EngagementKind.choices, label=_("Type"))
    objective = django_filters.CharFilter(field_name="project__objective__code", label=_("Objective id"))
    date = django_filters.DateFromToRangeFilter(field_name="date", label=_("Date (from - to)"))

    class Meta:
        model = Engagement
        fields = ["project", "kind", "objective", "date"]
