from django import forms
from django.utils.translation import gettext_lazy as _

from beatbook.core.forms import BeatbookModelForm

from .importer import PRESETS, ColumnMapping
from .models import Category, Incident

MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class IncidentForm(BeatbookModelForm):
    class Meta:
        model = Incident
        fields = [
            "category",
            "occurred_from",
            "occurred_to",
            "lat",
            "lon",
            "premises",
            "reference",
            "source",
            "description",
            "handling_code",
        ]
        widgets = {
            "occurred_from": forms.DateTimeInput(),
            "occurred_to": forms.DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = self.fields["category"].queryset.filter(active=True)
        self.fields["lat"].required = True
        self.fields["lon"].required = True

    def clean(self):
        data = super().clean()
        if self.instance.pk and ({"lat", "lon"} & set(self.changed_data)):
            # Re-project from the new position (save() fills x/y and the constituency when empty).
            self.instance.x = self.instance.y = None
            self.instance.dcca = ""
        return data


class CategoryForm(BeatbookModelForm):
    class Meta:
        model = Category
        fields = ["code", "name_zh", "name_en", "objective", "origin", "quick_cash", "order", "active"]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("UTF-8 CSV with a header row."))
    preset = forms.ChoiceField(
        label=_("Preset"),
        required=False,
        choices=[("", _("Guess from the header"))] + [(p, p) for p in PRESETS],
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 200 MB; use `beatbook incidents import`."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Upload a .csv file."))
        return upload


COLUMN_FIELDS = [
    ("date", _("Date / start of window")),
    ("date_to", _("End of window")),
    ("x", _("x / easting")),
    ("y", _("y / northing")),
    ("lat", _("Latitude")),
    ("lon", _("Longitude")),
    ("category", _("Category")),
    ("reference", _("Reference number")),
    ("premises", _("Premises type")),
    ("description", _("Description")),
    ("handling_code", _("Handling code")),
]


class MappingForm(forms.Form):
    """Which column holds what; starts from the preset and can be changed before importing."""

    epsg = forms.IntegerField(label=_("EPSG code of x/y"), min_value=1024, max_value=999999, required=False)
    category_default = forms.ChoiceField(label=_("Category when the file has none"), required=False)
    date_format = forms.CharField(label=_("Date format (strptime)"), required=False, max_length=40)
    dayfirst = forms.BooleanField(label=_("Dates are day first (dd/mm/yyyy)"), required=False)
    timezone = forms.CharField(label=_("Time zone of the times"), required=False, max_length=60)
    source = forms.CharField(
        label=_("Source"), max_length=80, help_text=_("Reference numbers must be unique per source.")
    )

    def __init__(self, *args, header: list[str], user=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(h, h) for h in header]
        for name, label in reversed(COLUMN_FIELDS):
            self.fields = {
                name: forms.ChoiceField(label=label, choices=choices, required=False),
                **self.fields,
            }
        self.fields["category_default"].choices = [("", "—")] + [
            (c.code, str(c)) for c in Category.objects.visible_to(user).filter(active=True)
        ]

    def mapping(self, base: ColumnMapping) -> ColumnMapping:
        data = base.as_dict()
        for name, _label in COLUMN_FIELDS:
            data[name] = self.cleaned_data.get(name) or ""
        for name in ("category_default", "date_format", "timezone", "source"):
            data[name] = self.cleaned_data.get(name) or ""
        data["dayfirst"] = bool(self.cleaned_data.get("dayfirst"))
        if self.cleaned_data.get("epsg"):
            data["epsg"] = self.cleaned_data["epsg"]
        return ColumnMapping.from_dict(data)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        problems = self.mapping(ColumnMapping()).check()
        for problem in problems:
            self.add_error(None, problem)
        return data
