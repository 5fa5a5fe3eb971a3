from django import forms
from django.utils.translation import gettext_lazy as _

from beatbook.core.forms import BeatbookModelForm
from beatbook.partners.models import Organisation

from .models import Bulletin, ChannelKind, Webhook


class BulletinForm(BeatbookModelForm):
    """Written once in both languages; channels and partner types as tick boxes."""

    channels = forms.MultipleChoiceField(
        label=_("Channels"), choices=ChannelKind.choices, widget=forms.CheckboxSelectMultiple
    )
    audience_partner_kinds = forms.MultipleChoiceField(
        label=_("Partner types"),
        choices=Organisation.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Bulletin
        fields = [
            "title_zh",
            "title_en",
            "body_zh",
            "body_en",
            "image",
            "links",
            "urgency",
            "objective",
            "audience_public",
            "audience_partner_kinds",
            "audience_programmes",
            "channels",
            "scheduled_for",
            "handling_code",
        ]
        widgets = {
            "body_zh": forms.Textarea(attrs={"rows": 6}),
            "body_en": forms.Textarea(attrs={"rows": 6}),
            "links": forms.Textarea(attrs={"rows": 2}),
            "scheduled_for": forms.DateTimeInput(),
            "audience_programmes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.initial.get("objective")
        if code and not str(code).isdigit():
            from beatbook.plan.models import Objective

            found = Objective.objects.filter(code=code).first()
            if found:
                self.initial["objective"] = found.pk

    def clean(self):
        data = super().clean()
        if not (
            data.get("audience_public")
            or data.get("audience_partner_kinds")
            or data.get("audience_programmes")
        ):
            raise forms.ValidationError(_("Choose an audience: the public, partner types or programmes."))
        if self.instance.pk and self.instance.status not in (Bulletin.Status.DRAFT, Bulletin.Status.REJECTED):
            raise forms.ValidationError(_("Only a draft or a returned bulletin can be edited."))
        return data


class WebhookForm(BeatbookModelForm):
    audience_partner_kinds = forms.MultipleChoiceField(
        label=_("Partner types"),
        choices=Organisation.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Webhook
        fields = [
            "name",
            "url",
            "secret",
            "audience_partner_kinds",
            "audience_public",
            "active",
            "handling_code",
        ]
