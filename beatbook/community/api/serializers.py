from django.utils import timezone
from rest_framework import serializers

from beatbook.community.models import (
    Ambassador,
    AmbassadorAssignment,
    Attendance,
    Booking,
    Member,
    Programme,
    ProgrammeStaff,
    Session,
)
from beatbook.core.api.serializers import BeatbookModelSerializer


class ProgrammeSerializer(BeatbookModelSerializer):
    class Meta:
        model = Programme
        fields = [
            "id",
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
            "is_synthetic",
            "display",
        ]
        read_only_fields = ["is_synthetic"]


class ProgrammeStaffSerializer(BeatbookModelSerializer):
    class Meta:
        model = ProgrammeStaff
        fields = ["id", "programme", "user", "role", "handling_code", "display"]


class MemberSerializer(BeatbookModelSerializer):
    status = serializers.SerializerMethodField(help_text="Computed by the programme's rule (never stored).")

    class Meta:
        model = Member
        fields = [
            "id",
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
            "status",
            "handling_code",
            "is_synthetic",
            "display",
        ]
        read_only_fields = ["is_synthetic"]

    def get_status(self, obj) -> str:
        return obj.status(timezone.localdate())

    def validate_programme(self, value):
        from beatbook.community.models import programme_ids_for

        request = self.context.get("request")
        if request is not None and value.pk not in programme_ids_for(request.user):
            raise serializers.ValidationError("You are not on this programme's staff.")
        return value


class AmbassadorSerializer(BeatbookModelSerializer):
    class Meta:
        model = Ambassador
        fields = [
            "id",
            "programme",
            "staff",
            "skills",
            "interests",
            "joined_on",
            "left_on",
            "handling_code",
            "is_synthetic",
            "display",
        ]
        read_only_fields = ["is_synthetic"]


class SessionSerializer(BeatbookModelSerializer):
    class Meta:
        model = Session
        fields = [
            "id",
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
            "is_synthetic",
            "display",
        ]
        read_only_fields = ["is_synthetic"]


class AmbassadorAssignmentSerializer(BeatbookModelSerializer):
    class Meta:
        model = AmbassadorAssignment
        fields = ["id", "ambassador", "session", "role", "handling_code", "display"]


class BookingSerializer(BeatbookModelSerializer):
    class Meta:
        model = Booking
        fields = [
            "id",
            "session",
            "member",
            "status",
            "requested_at",
            "handling_code",
            "is_synthetic",
            "display",
        ]
        read_only_fields = ["status", "requested_at", "is_synthetic"]


class AttendanceSerializer(BeatbookModelSerializer):
    class Meta:
        model = Attendance
        fields = [
            "id",
            "session",
            "member",
            "method",
            "recorded_by",
            "handling_code",
            "is_synthetic",
            "display",
        ]
        read_only_fields = ["recorded_by", "is_synthetic"]
