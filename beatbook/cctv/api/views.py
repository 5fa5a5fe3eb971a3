from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from beatbook.audit import recorder
from beatbook.cctv import filtersets
from beatbook.cctv.models import BuildingSurvey, CameraSite, FootageRequest
from beatbook.core.api.viewsets import BeatbookModelViewSet

from . import serializers


class AuditedViewSet(BeatbookModelViewSet):
    """Registry and footage reads are audited: one entry per list page, one per record read."""

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        recorder.record(
            "view",
            model=self.queryset.model._meta.label_lower,
            object_repr=f"API list {request.GET.urlencode()}"[:300],
        )
        return response

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        recorder.record_restricted_reads([obj])
        if not obj.is_restricted:
            recorder.record_personal_data_view(obj)
        return Response(self.get_serializer(obj).data)


class CameraSiteViewSet(AuditedViewSet):
    queryset = CameraSite.objects.all()
    serializer_class = serializers.CameraSiteSerializer
    filterset_class = filtersets.CameraSiteFilterSet


class FootageRequestViewSet(AuditedViewSet):
    """``POST .../{id}/move/ {"status": "acknowledged"|"received"|"refused", "reason": "..."}``."""

    queryset = FootageRequest.objects.select_related("site")
    serializer_class = serializers.FootageRequestSerializer
    filterset_class = filtersets.FootageRequestFilterSet

    def perform_create(self, serializer):
        serializer.save(requested_by=self.request.user)

    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        obj = self.get_object()
        if not request.user.has_perm("cctv.change_footagerequest"):
            return Response({"detail": "Permission denied."}, status=status.HTTP_403_FORBIDDEN)
        try:
            obj.move_to(str(request.data.get("status", "")), reason=str(request.data.get("reason", "")))
        except (DjangoValidationError, ValueError) as exc:
            messages = exc.messages if hasattr(exc, "messages") else [str(exc)]
            return Response({"detail": " ".join(messages)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(self.get_serializer(obj).data)


class BuildingSurveyViewSet(BeatbookModelViewSet):
    queryset = BuildingSurvey.objects.all()
    serializer_class = serializers.BuildingSurveySerializer
    filterset_class = filtersets.BuildingSurveyFilterSet

    def perform_create(self, serializer):
        serializer.save(surveyor=self.request.user)
