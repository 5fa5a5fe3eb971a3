import json

from django import forms
from django.utils.translation import gettext_lazy as _

from beatbook.core.forms import BeatbookModelForm

from .models import OUTPUT_KEYS, Activity, IndicatorReading, JournalEntry


class ObjectiveFormMixin:
    """Accept ``?objective=AP-FRAUD-1`` (a plan ID) as the initial objective of a form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.initial.get("objective")
        if code and not str(code).isdigit():
            found = self.fields["objective"].queryset.filter(code=code).first()
            if found:
                self.initial["objective"] = found.pk


class ActivityForm(ObjectiveFormMixin, BeatbookModelForm):
    """Outputs are entered as separate number fields (talks held, participants ...), stored as one map."""

    class Meta:
        model = Activity
        fields = ["objective", "date", "unit", "kind", "title", "notes", "handling_code"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = self.fields["objective"].queryset.filter(retired=False)
        current = (self.instance.outputs or {}) if self.instance else {}
        for key, label in OUTPUT_KEYS.items():
            self.fields[f"output_{key}"] = forms.IntegerField(
                label=label, required=False, min_value=0, max_value=1_000_000, initial=current.get(key)
            )

    def clean(self):
        data = super().clean()
        outputs = {}
        for key in OUTPUT_KEYS:
            value = data.get(f"output_{key}")
            if value:
                outputs[key] = int(value)
        self.instance.outputs = outputs
        return data


class JournalEntryForm(ObjectiveFormMixin, BeatbookModelForm):
    class Meta:
        model = JournalEntry
        fields = ["objective", "date", "assessment", "text", "handling_code"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}), "text": forms.Textarea(attrs={"rows": 5})}


class IndicatorReadingForm(BeatbookModelForm):
    class Meta:
        model = IndicatorReading
        fields = ["indicator", "date", "value", "note"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def clean(self):
        data = super().clean()
        indicator, date = data.get("indicator"), data.get("date")
        if indicator and indicator.computation != "manual":
            raise forms.ValidationError(
                _("This indicator is computed from records; it takes no manual readings.")
            )
        if indicator and date and not (indicator.period_start <= date <= indicator.period_end):
            self.add_error("date", _("The date must fall inside the indicator's period."))
        return data


def outputs_display(outputs: dict) -> str:
    return json.dumps(outputs, ensure_ascii=False)
