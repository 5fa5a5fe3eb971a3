from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers as drf_serializers
from rest_framework.response import Response

from beatbook.audit import recorder
from beatbook.community import filtersets, services
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
from beatbook.core.api.viewsets import BeatbookModelViewSet

from . import serializers


class ProgrammeViewSet(BeatbookModelViewSet):
    queryset = Programme.objects.select_related("area")
    serializer_class = serializers.ProgrammeSerializer
    filterset_class = filtersets.ProgrammeFilterSet


class ProgrammeStaffViewSet(BeatbookModelViewSet):
    queryset = ProgrammeStaff.objects.select_related("programme", "user")
    serializer_class = serializers.ProgrammeStaffSerializer
    filterset_class = filtersets.ProgrammeStaffFilterSet


class MemberViewSet(BeatbookModelViewSet):
    """Members of the programmes the caller is assigned to; every read is audited."""

    queryset = Member.objects.select_related("programme")
    serializer_class = serializers.MemberSerializer
    filterset_class = filtersets.MemberFilterSet

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        for obj in getattr(self.paginator, "page_objects", None) or []:
            if not obj.is_restricted:
                recorder.record_personal_data_view(obj)
        return response

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        recorder.record_restricted_reads([obj])
        if not obj.is_restricted:
            recorder.record_personal_data_view(obj)
        return Response(self.get_serializer(obj).data)


class AmbassadorViewSet(BeatbookModelViewSet):
    queryset = Ambassador.objects.select_related("staff", "programme")
    serializer_class = serializers.AmbassadorSerializer
    filterset_class = filtersets.AmbassadorFilterSet


class SessionViewSet(BeatbookModelViewSet):
    queryset = Session.objects.select_related("programme")
    serializer_class = serializers.SessionSerializer
    filterset_class = filtersets.SessionFilterSet


class AmbassadorAssignmentViewSet(BeatbookModelViewSet):
    queryset = AmbassadorAssignment.objects.select_related("ambassador", "session")
    serializer_class = serializers.AmbassadorAssignmentSerializer
    filterset_class = filtersets.AmbassadorAssignmentFilterSet


class BookingViewSet(BeatbookModelViewSet):
    """POST books a place or a waiting-list position (the status is decided by capacity)."""

    queryset = Booking.objects.select_related("session", "member")
    serializer_class = serializers.BookingSerializer
    filterset_class = filtersets.BookingFilterSet

    def perform_create(self, serializer):
        member = serializer.validated_data["member"]
        if not Member.objects.visible_to(self.request.user).filter(pk=member.pk).exists():
            raise drf_serializers.ValidationError({"member": "Unknown member."})
        try:
            serializer.instance = services.book(serializer.validated_data["session"], member)
        except DjangoValidationError as exc:
            raise drf_serializers.ValidationError(exc.messages)


class AttendanceViewSet(BeatbookModelViewSet):
    queryset = Attendance.objects.select_related("session", "member")
    serializer_class = serializers.AttendanceSerializer
    filterset_class = filtersets.AttendanceFilterSet

    def perform_create(self, serializer):
        member = serializer.validated_data["member"]
        if not Member.objects.visible_to(self.request.user).filter(pk=member.pk).exists():
            raise drf_serializers.ValidationError({"member": "Unknown member."})
        try:
            serializer.instance = services.mark_attendance(
                serializer.validated_data["session"],
                member,
                self.request.user,
                method=serializer.validated_data.get("method", Attendance.Method.TICK),
            )
        except DjangoValidationError as exc:
            raise drf_serializers.ValidationError(exc.messages)
