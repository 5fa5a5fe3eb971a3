import django_filters
from django.utils.translation import gettext_lazy as _

from beatbook.core.filtersets import BeatbookFilterSet

from .models import (
    Activation,
    AfterActionRecord,
    ChecklistItem,
    ChecklistTask,
    ContingencyPlan,
    Exercise,
    Finding,
    IncidentEntry,
    MajorIncident,
    WarningState,
)


class ContingencyPlanFilterSet(BeatbookFilterSet):
    search_fields = ("code", "title_zh", "title_en", "triggers", "description")
    objective = django_filters.CharFilter(field_name="objective__code", label=_("Objective id"))
    trigger = django_filters.CharFilter(field_name="triggers", lookup_expr="icontains", label=_("Trigger"))

    class Meta:
        model = ContingencyPlan
        fields = ["enabled", "objective", "trigger"]


class ChecklistItemFilterSet(BeatbookFilterSet):
    search_fields = ("text",)
    plan = django_filters.CharFilter(field_name="plan__code", label=_("Plan code"))

    class Meta:
        model = ChecklistItem
        fields = ["plan", "role"]


class WarningStateFilterSet(BeatbookFilterSet):
    search_fields = ("code", "name_en", "name_zh", "note")
    started = django_filters.DateFromToRangeFilter(
        field_name="started_at__date", label=_("In force from (from - to)")
    )

    class Meta:
        model = WarningState
        fields = ["source", "warning_type", "code", "active", "started"]


class ActivationFilterSet(BeatbookFilterSet):
    plan = django_filters.CharFilter(field_name="plan__code", label=_("Plan code"))
    activated = django_filters.DateFromToRangeFilter(
        field_name="activated_at__date", label=_("Activated (from - to)")
    )

    class Meta:
        model = Activation
        fields = ["plan", "status", "trigger_code", "activated"]


class ChecklistTaskFilterSet(BeatbookFilterSet):
    search_fields = ("text",)

    class Meta:
        model = ChecklistTask
        fields = ["activation", "done", "role"]


class AfterActionRecordFilterSet(BeatbookFilterSet):
    search_fields = ("summary", "lessons")
    plan = django_filters.CharFilter(field_name="activation__plan__code", label=_("Plan code"))

    class Meta:
        model = AfterActionRecord
        fields = ["status", "plan"]


class MajorIncidentFilterSet(BeatbookFilterSet):
    search_fields = ("title", "location", "description", "agencies")
    occurred = django_filters.DateFromToRangeFilter(
        field_name="occurred_at__date", label=_("Occurred (from - to)")
    )

    class Meta:
        model = MajorIncident
        fields = ["phase", "occurred"]


class IncidentEntryFilterSet(BeatbookFilterSet):
    search_fields = ("text", "agency", "assigned_to")

    class Meta:
        model = IncidentEntry
        fields = ["incident", "kind", "done"]


class ExerciseFilterSet(BeatbookFilterSet):
    search_fields = ("title", "agencies", "objectives_tested")
    objective = django_filters.CharFilter(field_name="objective__code", label=_("Objective id"))
    held_date = django_filters.DateFromToRangeFilter(label=_("Held (from - to)"))
    planned_date = django_filters.DateFromToRangeFilter(label=_("Planned (from - to)"))

    class Meta:
        model = Exercise
        fields = ["kind", "status", "objective", "held_date", "planned_date"]


class FindingFilterSet(BeatbookFilterSet):
    search_fields = ("finding", "action", "closure_note")
    objective = django_filters.CharFilter(field_name="exercise__objective__code", label=_("Objective id"))
    held_date = django_filters.DateFromToRangeFilter(
        field_name="exercise__held_date", label=_("Exercise held (from - to)")
    )

    class Meta:
        model = Finding
        fields = ["exercise", "status", "owner", "objective", "held_date"]
