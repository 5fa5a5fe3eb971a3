from django import forms

from beatbook.core.forms import BeatbookModelForm

from .models import Contact, Organisation, Outreach


class OrganisationForm(BeatbookModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name_zh",
            "name_en",
            "kind",
            "address",
            "latitude",
            "longitude",
            "programmes",
            "joined_on",
            "active",
            "notes",
            "handling_code",
        ]
        widgets = {"joined_on": forms.DateInput()}


class ContactForm(BeatbookModelForm):
    class Meta:
        model = Contact
        fields = [
            "organisation",
            "name",
            "role",
            "phone",
            "email",
            "language",
            "is_primary",
            "receives_bulletins",
            "handling_code",
        ]


class OutreachForm(BeatbookModelForm):
    class Meta:
        model = Outreach
        fields = [
            "organisation",
            "contact",
            "kind",
            "date",
            "topic",
            "language",
            "audience_size",
            "material",
            "quantity",
            "staff",
            "objective",
            "notes",
            "handling_code",
        ]
        widgets = {"date": forms.DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.initial.get("objective")
        if code and not str(code).isdigit():
            from beatbook.plan.models import Objective

            found = Objective.objects.filter(code=code).first()
            if found:
                self.initial["objective"] = found.pk
