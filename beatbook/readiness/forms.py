from django import forms
from django.utils.translation import gettext_lazy as _

from beatbook.core.forms import BeatbookModelForm

from .models import (
    AfterActionRecord,
    ChecklistItem,
    ContingencyPlan,
    Exercise,
    Finding,
    IncidentEntry,
    MajorIncident,
    validate_triggers,
)
from .warnsum import MAX_PAYLOAD_BYTES

DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"})


class ContingencyPlanForm(BeatbookModelForm):
    class Meta:
        model = ContingencyPlan
        fields = [
            "code",
            "title_zh",
            "title_en",
            "objective",
            "triggers",
            "notify_roles",
            "description",
            "enabled",
            "handling_code",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ChecklistItemForm(BeatbookModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["plan", "order", "text", "role", "handling_code"]


class AfterActionRecordForm(BeatbookModelForm):
    class Meta:
        model = AfterActionRecord
        fields = ["status", "summary", "lessons"]


class MajorIncidentForm(BeatbookModelForm):
    class Meta:
        model = MajorIncident
        fields = [
            "objective",
            "title",
            "occurred_at",
            "location",
            "lat",
            "lon",
            "description",
            "agencies",
            "evacuated",
            "injured",
            "killed",
            "phase",
            "scene_handed_over_at",
            "scene_handed_over_to",
            "reopened_at",
            "normal_at",
            "handling_code",
        ]
        widgets = {
            "occurred_at": DT,
            "scene_handed_over_at": DT,
            "reopened_at": DT,
            "normal_at": DT,
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class IncidentEntryForm(BeatbookModelForm):
    class Meta:
        model = IncidentEntry
        fields = ["incident", "kind", "at", "text", "agency", "assigned_to", "done", "handling_code"]
        widgets = {"at": DT}


class ExerciseForm(BeatbookModelForm):
    class Meta:
        model = Exercise
        fields = [
            "objective",
            "title",
            "kind",
            "status",
            "planned_date",
            "held_date",
            "agencies",
            "objectives_tested",
            "aar_date",
            "aar_summary",
            "handling_code",
        ]
        widgets = {
            "planned_date": DATE,
            "held_date": DATE,
            "aar_date": DATE,
            "objectives_tested": forms.Textarea(attrs={"rows": 3}),
            "aar_summary": forms.Textarea(attrs={"rows": 4}),
        }


class FindingForm(BeatbookModelForm):
    class Meta:
        model = Finding
        fields = [
            "exercise",
            "finding",
            "action",
            "owner",
            "due_date",
            "status",
            "closed_date",
            "closure_note",
            "handling_code",
        ]
        widgets = {
            "due_date": DATE,
            "closed_date": DATE,
            "finding": forms.Textarea(attrs={"rows": 2}),
            "action": forms.Textarea(attrs={"rows": 2}),
            "closure_note": forms.Textarea(attrs={"rows": 2}),
        }


class WarnsumUploadForm(forms.Form):
    """Upload an HKO warnsum JSON file (as saved from the Observatory's open-data feed)."""

    file = forms.FileField(label=_("Warnsum JSON file"))
    partial = forms.BooleanField(
        label=_("Partial list (do not cancel warnings missing from it)"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_PAYLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s bytes; the limit is %(limit)s bytes."),
                params={"size": f"{upload.size:,}", "limit": f"{MAX_PAYLOAD_BYTES:,}"},
            )
        return upload.read(MAX_PAYLOAD_BYTES + 1)


class AnnouncementForm(forms.Form):
    """A government announcement entered by hand (e.g. "extreme conditions")."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        initial="EXTREME",
        help_text=_("Plans whose triggers match this code are activated."),
    )
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, initial="Extreme conditions")
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=200, required=False, initial="極端情況")
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if "*" in code or "?" in code:
            raise forms.ValidationError(_("An announcement code cannot contain wildcards."))
        validate_triggers(code)
        return code
