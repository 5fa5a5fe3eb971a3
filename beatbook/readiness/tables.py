import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from beatbook.core.tables import BeatbookTable

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


class ContingencyPlanTable(BeatbookTable):
    code = tables.Column(linkify=True)
    title = tables.Column(accessor="title_zh", verbose_name=_("Title"), orderable=False)

    def render_title(self, record):
        return record.tr("title")

    class Meta(BeatbookTable.Meta):
        model = ContingencyPlan
        fields = ("code", "title", "triggers", "notify_roles", "enabled")


class ChecklistItemTable(BeatbookTable):
    text = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = ChecklistItem
        fields = ("plan", "order", "text", "role")


class WarningStateTable(BeatbookTable):
    code = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = WarningState
        fields = ("code", "name_en", "name_zh", "source", "action_code", "active", "issue_time", "ended_at")


class ActivationTable(BeatbookTable):
    plan = tables.Column(linkify=True)
    detail = tables.Column(accessor="pk", verbose_name=_("Activation"), linkify=True, orderable=False)

    def render_detail(self, record):
        done, total = record.progress
        return f"{done}/{total}"

    class Meta(BeatbookTable.Meta):
        model = Activation
        fields = ("detail", "plan", "trigger_code", "status", "activated_at", "stood_down_at")


class ChecklistTaskTable(BeatbookTable):
    text = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = ChecklistTask
        fields = ("text", "activation", "role", "done", "done_at", "done_by")


class AfterActionRecordTable(BeatbookTable):
    activation = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(BeatbookTable.Meta):
        model = AfterActionRecord
        fields = ("activation", "status", "summary", "created_at")


class MajorIncidentTable(BeatbookTable):
    title = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = MajorIncident
        fields = (
            "title",
            "occurred_at",
            "location",
            "phase",
            "evacuated",
            "injured",
            "killed",
            "reopened_at",
        )


class IncidentEntryTable(BeatbookTable):
    text = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = IncidentEntry
        fields = ("at", "incident", "kind", "text", "agency", "assigned_to", "done")


class ExerciseTable(BeatbookTable):
    title = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = Exercise
        fields = ("title", "kind", "status", "planned_date", "held_date", "agencies", "objective")


class FindingTable(BeatbookTable):
    finding = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = Finding
        fields = ("finding", "exercise", "action", "owner", "due_date", "status", "closed_date")
