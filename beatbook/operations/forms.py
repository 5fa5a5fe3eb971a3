from django import forms

from beatbook.core.forms import BeatbookModelForm

from .models import ArrestCount, DrugSeizure, Operation


class OperationForm(BeatbookModelForm):
    class Meta:
        model = Operation
        fields = [
            "name",
            "kind",
            "status",
            "objectives",
            "lead_unit",
            "starts_on",
            "ends_on",
            "centre_lat",
            "centre_lon",
            "radius_m",
            "buffer_m",
            "places",
            "briefing",
            "debrief",
            "cash_restrained_hkd",
            "cash_confiscated_hkd",
            "premises_searched",
            "intelligence_reports",
            "handling_code",
        ]
        widgets = {
            "objectives": forms.SelectMultiple(attrs={"size": 6}),
            "briefing": forms.Textarea(attrs={"rows": 4}),
            "debrief": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objectives"].queryset = self.fields["objectives"].queryset.filter(retired=False)


class ArrestCountForm(BeatbookModelForm):
    class Meta:
        model = ArrestCount
        fields = ["operation", "offence_group", "age_band", "count", "handling_code"]


class DrugSeizureForm(BeatbookModelForm):
    class Meta:
        model = DrugSeizure
        fields = ["operation", "drug_type", "weight_g", "estimated_value_hkd", "handling_code"]
