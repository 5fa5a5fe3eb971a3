import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from beatbook.core.tables import BeatbookTable

from .models import (
    Ambassador,
    AmbassadorAssignment,
    Attendance,
    Booking,
    Member,
    Programme,
    ProgrammeStaff,
    Session,
)


class ProgrammeTable(BeatbookTable):
    code = tables.Column(linkify=True, verbose_name=_("Programme id"))
    title = tables.Column(accessor="area__title_zh", verbose_name=_("Programme"), orderable=False)
    rule = tables.Column(empty_values=(), verbose_name=_("Active rule"), orderable=False)

    def render_title(self, record):
        return record.title

    def render_rule(self, record):
        return _("≥ %(n)s sessions in %(m)s months") % {
            "n": record.active_min_sessions,
            "m": record.active_window_months,
        }

    class Meta(BeatbookTable.Meta):
        model = Programme
        fields = ("code", "title", "member_kind", "rule", "accepts_applications", "accepts_referrals")


class ProgrammeStaffTable(BeatbookTable):
    id = tables.Column(linkify=True, verbose_name="#")

    class Meta(BeatbookTable.Meta):
        model = ProgrammeStaff
        fields = ("id", "programme", "user", "role")


class MemberTable(BeatbookTable):
    name = tables.Column(linkify=True)
    programme = tables.Column(accessor="programme__code", verbose_name=_("Programme"))

    class Meta(BeatbookTable.Meta):
        model = Member
        fields = (
            "name",
            "programme",
            "age_band",
            "language",
            "channel",
            "referral_source",
            "enrolled_on",
            "left_on",
        )


class AmbassadorTable(BeatbookTable):
    staff = tables.Column(linkify=True)
    rank_class = tables.Column(accessor="staff__rank_class", verbose_name=_("Rank class"))

    class Meta(BeatbookTable.Meta):
        model = Ambassador
        fields = ("staff", "programme", "rank_class", "skills", "interests", "joined_on")


class SessionTable(BeatbookTable):
    title = tables.Column(accessor="title_zh", linkify=True, verbose_name=_("Title"))
    programme = tables.Column(accessor="programme__code", verbose_name=_("Programme"))

    def render_title(self, record):
        return record.tr("title")

    class Meta(BeatbookTable.Meta):
        model = Session
        fields = (
            "date",
            "start_time",
            "title",
            "programme",
            "kind",
            "language",
            "capacity",
            "instructor_name",
            "status",
            "is_public",
        )


class AmbassadorAssignmentTable(BeatbookTable):
    id = tables.Column(linkify=True, verbose_name="#")

    class Meta(BeatbookTable.Meta):
        model = AmbassadorAssignment
        fields = ("id", "ambassador", "role", "session")


class BookingTable(BeatbookTable):
    id = tables.Column(linkify=True, verbose_name="#")

    class Meta(BeatbookTable.Meta):
        model = Booking
        fields = ("id", "session", "member", "status", "requested_at")


class AttendanceTable(BeatbookTable):
    id = tables.Column(linkify=True, verbose_name="#")
    date = tables.Column(accessor="session__date", verbose_name=_("Date"))

    class Meta(BeatbookTable.Meta):
        model = Attendance
        fields = ("id", "date", "session", "member", "method")
