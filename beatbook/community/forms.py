from django import forms
from django.utils.translation import gettext_lazy as _

from beatbook.core.forms import BeatbookModelForm

from .models import (
    Ambassador,
    AmbassadorAssignment,
    Booking,
    Member,
    Programme,
    ProgrammeStaff,
    Session,
    programme_ids_for,
)


class ProgrammeForm(BeatbookModelForm):
    class Meta:
        model = Programme
        fields = [
            "area",
            "code",
            "member_kind",
            "active_min_sessions",
            "active_window_months",
            "accepts_applications",
            "accepts_referrals",
            "referral_sources",
            "languages",
            "session_kinds",
            "notes",
            "handling_code",
        ]


class ProgrammeStaffForm(BeatbookModelForm):
    class Meta:
        model = ProgrammeStaff
        fields = ["programme", "user", "role"]


class _OwnProgrammesMixin:
    """Only programmes the user is assigned to are offered (members' data is need-to-know)."""

    programme_field = "programme"

    def limit_programmes(self):
        field = self.fields.get(self.programme_field)
        if field is not None and self.user is not None:
            field.queryset = field.queryset.filter(pk__in=programme_ids_for(self.user))


class MemberForm(_OwnProgrammesMixin, BeatbookModelForm):
    class Meta:
        model = Member
        fields = [
            "programme",
            "name",
            "contact",
            "age_band",
            "language",
            "guardian_name",
            "guardian_consent_date",
            "channel",
            "referral_source",
            "referral_date",
            "enrolled_on",
            "left_on",
            "handling_code",
        ]
        widgets = {
            "guardian_consent_date": forms.DateInput(),
            "referral_date": forms.DateInput(),
            "enrolled_on": forms.DateInput(),
            "left_on": forms.DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_programmes()


class AmbassadorForm(BeatbookModelForm):
    class Meta:
        model = Ambassador
        fields = ["programme", "staff", "skills", "interests", "joined_on", "left_on", "handling_code"]
        widgets = {"joined_on": forms.DateInput(), "left_on": forms.DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = self.fields["programme"].queryset.filter(
            member_kind=Programme.MemberKind.STAFF
        )


class SessionForm(BeatbookModelForm):
    class Meta:
        model = Session
        fields = [
            "programme",
            "title_zh",
            "title_en",
            "kind",
            "language",
            "date",
            "start_time",
            "end_time",
            "venue",
            "capacity",
            "headcount",
            "instructor_kind",
            "instructor_name",
            "instructor_staff",
            "is_public",
            "status",
            "objective",
            "description_zh",
            "description_en",
            "handling_code",
        ]
        widgets = {
            "date": forms.DateInput(),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
        }


class AmbassadorAssignmentForm(BeatbookModelForm):
    class Meta:
        model = AmbassadorAssignment
        fields = ["ambassador", "session", "role"]


class BookingForm(_OwnProgrammesMixin, BeatbookModelForm):
    """Booking goes through the waiting-list rule: the status is decided, not chosen."""

    class Meta:
        model = Booking
        fields = ["session", "member"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            ids = programme_ids_for(self.user)
            self.fields["member"].queryset = self.fields["member"].queryset.filter(programme__in=ids)
            self.fields["session"].queryset = self.fields["session"].queryset.filter(programme__in=ids)


class AttendanceCodeForm(forms.Form):
    code = forms.CharField(label=_("Member's QR code"), max_length=40)
