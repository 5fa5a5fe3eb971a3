from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from beatbook.core.api.viewsets import BeatbookModelViewSet
from beatbook.people import filtersets, services
from beatbook.people.models import (
    MIN_RESPONSES,
    Course,
    ExerciseParticipation,
    PulseQuestion,
    PulseSurvey,
    Qualification,
    TrainingAttendance,
    TrainingSession,
)

from . import serializers


class CourseViewSet(BeatbookModelViewSet):
    queryset = Course.objects.all()
    serializer_class = serializers.CourseSerializer
    filterset_class = filtersets.CourseFilterSet


class TrainingSessionViewSet(BeatbookModelViewSet):
    queryset = TrainingSession.objects.all()
    serializer_class = serializers.TrainingSessionSerializer
    filterset_class = filtersets.TrainingSessionFilterSet


class TrainingAttendanceViewSet(BeatbookModelViewSet):
    queryset = TrainingAttendance.objects.all()
    serializer_class = serializers.TrainingAttendanceSerializer
    filterset_class = filtersets.TrainingAttendanceFilterSet


class ExerciseParticipationViewSet(BeatbookModelViewSet):
    queryset = ExerciseParticipation.objects.all()
    serializer_class = serializers.ExerciseParticipationSerializer
    filterset_class = filtersets.ExerciseParticipationFilterSet


class QualificationViewSet(BeatbookModelViewSet):
    queryset = Qualification.objects.all()
    serializer_class = serializers.QualificationSerializer
    filterset_class = filtersets.QualificationFilterSet


class PulseQuestionViewSet(BeatbookModelViewSet):
    queryset = PulseQuestion.objects.all()
    serializer_class = serializers.PulseQuestionSerializer
    filterset_class = filtersets.PulseQuestionFilterSet


class PulseSurveyViewSet(BeatbookModelViewSet):
    queryset = PulseSurvey.objects.all()
    serializer_class = serializers.PulseSurveySerializer
    filterset_class = filtersets.PulseSurveyFilterSet

    @extend_schema(responses=serializers.SurveyResultsSerializer)
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        """Per-unit means (suppressed below the anonymity threshold); comments only for those allowed."""
        result = services.results(self.get_object(), request.user)
        data = {
            "staff": result.staff,
            "responses": result.responses,
            "min_responses": MIN_RESPONSES,
            "units": result.units,
            "comments": result.comments,
        }
        return Response(serializers.SurveyResultsSerializer(data).data)

    @extend_schema(request=serializers.PulseAnswerSerializer, responses={201: None})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def answer(self, request, pk=None):
        """Answer the survey anonymously (staff of the surveyed unit, once)."""
        survey = self.get_object()
        body = serializers.PulseAnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            services.submit_answer(
                survey, request.user, body.validated_data["scores"], body.validated_data.get("comment", "")
            )
        except ValidationError as exc:
            return Response(
                {"errors": {"non_field_errors": exc.messages}}, status=status.HTTP_400_BAD_REQUEST
            )
        return Response(status=status.HTTP_201_CREATED)
