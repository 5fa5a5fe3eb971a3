from django import forms
from django.utils.translation import gettext_lazy as _

from beatbook.core.forms import BeatbookModelForm
from beatbook.partners.models import Organisation

from .models import TYPE_CHOICES, AlertSubscription, Indicator, Sighting
from .services import MAX_BULK, MAX_TEXT, MAX_VALUE_LENGTH

TYPE_OPTIONAL = [("", _("Detect automatically"))] + TYPE_CHOICES


class CheckForm(forms.Form):
    value = forms.CharField(
        label=_("Phone number, link, e-mail, account or ID"),
        max_length=MAX_VALUE_LENGTH,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "inputmode": "text", "placeholder": "+852 9123 4567 / https://…"}
        ),
    )
    type = forms.ChoiceField(label=_("Type"), choices=TYPE_OPTIONAL, required=False)


class AnalyzeForm(forms.Form):
    text = forms.CharField(
        label=_("Paste the message (SMS, WhatsApp, e-mail)"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class ReportForm(forms.Form):
    value = forms.CharField(
        label=_("Suspicious phone number, link, account or ID"), max_length=MAX_VALUE_LENGTH, required=False
    )
    value_type = forms.ChoiceField(label=_("Type"), choices=TYPE_OPTIONAL, required=False)
    message_text = forms.CharField(
        label=_("Message text (optional)"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    account_name = forms.CharField(label=_("Account holder name, if shown"), max_length=200, required=False)
    description = forms.CharField(
        label=_("What happened? (no personal details needed)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if not (data.get("value") or "").strip() and not (data.get("message_text") or "").strip():
            raise forms.ValidationError(_("Give the suspicious value, the message text, or both."))
        return data


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Review note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SightingForm(forms.Form):
    value = forms.CharField(label=_("Value seen"), max_length=MAX_VALUE_LENGTH)
    kind = forms.ChoiceField(label=_("Kind"), choices=Sighting.Kind.choices)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)


class BulkCheckForm(forms.Form):
    file = forms.FileField(
        label=_("File with one value per line (or a CSV whose first column is the value)"), required=False
    )
    values = forms.CharField(
        label=_("Or paste values, one per line"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    MAX_BYTES = 2_000_000

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        lines: list[str] = []
        if upload:
            if upload.size > self.MAX_BYTES:
                raise forms.ValidationError(_("The file is larger than 2 MB."))
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("The file must be UTF-8 text."))
            import csv
            import io

            for row in csv.reader(io.StringIO(text)):
                if row and row[0].strip() and not row[0].startswith("#"):
                    lines.append(row[0].strip())
            if lines and lines[0].lower() in {"value", "values", "indicator"}:
                lines = lines[1:]
        lines += [v.strip() for v in (data.get("values") or "").splitlines() if v.strip()]
        if not lines:
            raise forms.ValidationError(_("Give a file or paste some values."))
        if len(lines) > MAX_BULK:
            raise forms.ValidationError(_("At most 10,000 values at a time."))
        data["lines"] = lines
        return data


class IndicatorForm(BeatbookModelForm):
    class Meta:
        model = Indicator
        fields = [
            "type",
            "normalized",
            "display",
            "account_name",
            "scam_type",
            "expires_at",
            "objective",
            "notes",
            "handling_code",
        ]
        widgets = {"expires_at": forms.DateTimeInput(), "notes": forms.Textarea(attrs={"rows": 3})}


AUDIENCE_CHOICES = [("", _("All alerts"))] + list(Organisation.Kind.choices)


class AlertSubscriptionForm(BeatbookModelForm):
    indicator_types = forms.MultipleChoiceField(
        label=_("Indicator types (none = all)"),
        choices=TYPE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audience = forms.ChoiceField(label=_("Audience"), choices=AUDIENCE_CHOICES, required=False)

    class Meta:
        model = AlertSubscription
        fields = [
            "organisation",
            "name",
            "email",
            "webhook_url",
            "indicator_types",
            "audience",
            "min_level",
            "active",
            "handling_code",
        ]
