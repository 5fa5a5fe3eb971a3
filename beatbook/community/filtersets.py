import django_filters
from django.utils.translation import gettext_lazy as _

from beatbook.core.filtersets import BeatbookFilterSet

from .models import (
    AgeBand,
    Ambassador,
    AmbassadorAssignment,
    Attendance,
    Booking,
    Channel,
    Member,
    Programme,
    ProgrammeStaff,
    Session,
    SessionKind,
)

STATUS_CHOICES = [
    ("active", _("Active")),
    ("inactive", _("Inactive")),
    ("left", _("Left")),
    ("enrolled", _("Enrolled")),
]


class ProgrammeFilterSet(BeatbookFilterSet):
    search_fields = ("code", "area__title_zh", "area__title_en")

    class Meta:
        model = Programme
        fields = ["member_kind"]


class ProgrammeStaffFilterSet(BeatbookFilterSet):
    programme = django_filters.CharFilter(field_name="programme__code", label=_("Programme id"))
    user = django_filters.CharFilter(field_name="user__username", label=_("User"))

    class Meta:
        model = ProgrammeStaff
        fields = ["programme", "user", "role"]


class MemberFilterSet(BeatbookFilterSet):
    """``status`` is computed by the programme's rule as of ``as_of`` (default today)."""

    search_fields = ("name",)
    programme = django_filters.CharFilter(field_name="programme__code", label=_("Programme id"))
    status = django_filters.ChoiceFilter(choices=STATUS_CHOICES, method="filter_status", label=_("Status"))
    as_of = django_filters.DateFilter(method="filter_noop", label=_("Status as of"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Enrolment channel"))
    age_band = django_filters.ChoiceFilter(choices=AgeBand.choices, label=_("Age band"))
    enrolled_on = django_filters.DateFromToRangeFilter(label=_("Enrolled (from - to)"))
    referral_date = django_filters.DateFromToRangeFilter(label=_("Referred (from - to)"))

    class Meta:
        model = Member
        fields = [
            "programme",
            "status",
            "as_of",
            "channel",
            "age_band",
            "language",
            "referral_source",
            "enrolled_on",
            "referral_date",
        ]

    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_status(self, queryset, name, value):
        as_of = self.form.cleaned_data.get("as_of")
        if value == "active":
            return queryset.active(as_of)
        if value == "inactive":
            return queryset.inactive(as_of)
        if value == "left":
            return queryset.left(as_of)
        if value == "enrolled":
            return queryset.enrolled(as_of)
        return queryset


class AmbassadorFilterSet(BeatbookFilterSet):
    search_fields = ("staff__display_name", "skills", "interests")
    programme = django_filters.CharFilter(field_name="programme__code", label=_("Programme id"))
    rank_class = django_filters.CharFilter(field_name="staff__rank_class", label=_("Rank class"))
    active_as_of = django_filters.DateFilter(method="filter_active", label=_("Active as of"))

    class Meta:
        model = Ambassador
        fields = ["programme", "rank_class", "active_as_of"]

    def filter_active(self, queryset, name, value):
        ids: set[int] = set()
        for programme in Programme.objects.filter(member_kind=Programme.MemberKind.STAFF):
            ids |= set(Ambassador.active_qs(queryset, programme, value).values_list("pk", flat=True))
        return queryset.filter(pk__in=ids)


class SessionFilterSet(BeatbookFilterSet):
    search_fields = ("title_zh", "title_en", "venue", "instructor_name")
    programme = django_filters.CharFilter(field_name="programme__code", label=_("Programme id"))
    kind = django_filters.ChoiceFilter(choices=SessionKind.choices, label=_("Kind"))
    date = django_filters.DateFromToRangeFilter(label=_("Date (from - to)"))
    has_headcount = django_filters.BooleanFilter(
        field_name="headcount", lookup_expr="isnull", exclude=True, label=_("Has a headcount")
    )

    class Meta:
        model = Session
        fields = ["programme", "kind", "language", "status", "is_public", "date", "has_headcount"]


ID = django_filters.NumberFilter


class AmbassadorAssignmentFilterSet(BeatbookFilterSet):
    ambassador = ID(field_name="ambassador_id", label=_("Ambassador (id)"))
    session = ID(field_name="session_id", label=_("Session (id)"))
    programme = django_filters.CharFilter(field_name="session__programme__code", label=_("Programme id"))
    date = django_filters.DateFromToRangeFilter(field_name="session__date", label=_("Date (from - to)"))

    class Meta:
        model = AmbassadorAssignment
        fields = ["programme", "ambassador", "session", "role", "date"]


class BookingFilterSet(BeatbookFilterSet):
    session = ID(field_name="session_id", label=_("Session (id)"))
    member = ID(field_name="member_id", label=_("Member (id)"))
    programme = django_filters.CharFilter(field_name="session__programme__code", label=_("Programme id"))

    class Meta:
        model = Booking
        fields = ["programme", "session", "member", "status"]


class AttendanceFilterSet(BeatbookFilterSet):
    session = ID(field_name="session_id", label=_("Session (id)"))
    member = ID(field_name="member_id", label=_("Member (id)"))
    programme = django_filters.CharFilter(field_name="session__programme__code", label=_("Programme id"))
    date = django_filters.DateFromToRangeFilter(field_name="session__date", label=_("Date (from - to)"))

    class Meta:
        model = Attendance
        fields = ["programme", "session", "member", "method", "date"]
