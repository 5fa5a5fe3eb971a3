from django import forms
from django.utils.translation import gettext_lazy as _

from beatbook.core.forms import BeatbookModelForm
from beatbook.plan.models import Objective

from .models import EnforcementOperation


class EnforcementOperationForm(BeatbookModelForm):
    class Meta:
        model = EnforcementOperation
        fields = [
            "objective",
            "unit",
            "kind",
            "title",
            "status",
            "planned_date",
            "done_date",
            "location_name",
            "lat",
            "lon",
            "target_street",
            "vehicles_checked",
            "summonses",
            "arrests",
            "notes",
            "handling_code",
        ]
        widgets = {
            "planned_date": forms.DateInput(attrs={"type": "date"}),
            "done_date": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = self.fields["objective"].queryset.filter(
            code__startswith="AP-SAFETY-ROAD", retired=False
        )
        code = self.initial.get("objective")
        if code and not str(code).isdigit():
            found = Objective.objects.filter(code=code).first()
            if found:
                self.initial["objective"] = found.pk
        self.fields["lat"].help_text = _("Click the map on the black sites page to pick a point.")
