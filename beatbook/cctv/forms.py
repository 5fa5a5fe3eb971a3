from django import forms
from django.utils.translation import gettext_lazy as _

from beatbook.core.forms import BeatbookModelForm

from .models import SURVEY_ITEMS, BuildingSurvey, CameraSite, FootageRequest

ANSWERS = [("yes", _("Yes")), ("no", _("No")), ("na", _("Not applicable"))]


class CameraSiteForm(BeatbookModelForm):
    class Meta:
        model = CameraSite
        fields = [
            "building",
            "address",
            "organisation",
            "contact_name",
            "contact_phone",
            "latitude",
            "longitude",
            "field_of_view",
            "bearing",
            "cameras",
            "retention_days",
            "sharing_tier",
            "consent_date",
            "active",
            "objective",
            "notes",
            "handling_code",
        ]
        widgets = {"consent_date": forms.DateInput()}


class FootageRequestForm(BeatbookModelForm):
    class Meta:
        model = FootageRequest
        fields = [
            "site",
            "incident",
            "incident_reference",
            "incident_time",
            "period_from",
            "period_to",
            "notes",
            "handling_code",
        ]
        widgets = {
            "incident_time": forms.DateTimeInput(),
            "period_from": forms.DateTimeInput(),
            "period_to": forms.DateTimeInput(),
            "incident": forms.NumberInput(),
        }
        labels = {"incident": _("Incident (record number, if on the system)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Reference and time come from the linked incident when there is one.
        self.fields["incident_reference"].required = False
        self.fields["incident_time"].required = False

    def clean(self):
        data = super().clean()
        incident = data.get("incident")
        if incident is not None:
            data["incident_reference"] = (
                data.get("incident_reference") or incident.reference or f"#{incident.pk}"
            )
            data["incident_time"] = data.get("incident_time") or incident.occurred_from
            self.instance.incident_reference = data["incident_reference"]
            self.instance.incident_time = data["incident_time"]
        if not data.get("incident_reference") and "incident_reference" not in self.errors:
            self.add_error(
                "incident_reference", _("Give the incident's reference number or link the incident.")
            )
        if not data.get("incident_time") and "incident_time" not in self.errors:
            self.add_error("incident_time", _("Give the incident time or link the incident."))
        return data


class FootageStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[c for c in FootageRequest.Status.choices if c[0] != FootageRequest.Status.REQUESTED],
    )
    reason = forms.CharField(label=_("Reason for refusal"), required=False, max_length=300)


class BuildingSurveyForm(BeatbookModelForm):
    """One yes/no/n.a. question per checklist item, stored as one mapping."""

    class Meta:
        model = BuildingSurvey
        fields = [
            "building",
            "address",
            "organisation",
            "site",
            "surveyed_on",
            "recommendations",
            "objective",
            "handling_code",
        ]
        widgets = {"surveyed_on": forms.DateInput(), "recommendations": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.checklist or {}
        for key, label in SURVEY_ITEMS.items():
            self.fields[f"item_{key}"] = forms.ChoiceField(
                label=label, choices=ANSWERS, initial=current.get(key, "no"), widget=forms.RadioSelect
            )
        code = self.initial.get("objective")
        if code and not str(code).isdigit():
            from beatbook.plan.models import Objective

            found = Objective.objects.filter(code=code).first()
            if found:
                self.initial["objective"] = found.pk

    def clean(self):
        data = super().clean()
        self.instance.checklist = {
            key: data.get(f"item_{key}") for key in SURVEY_ITEMS if data.get(f"item_{key}")
        }
        return data
