from rest_framework import serializers

from beatbook.core.api.serializers import BeatbookModelSerializer
from beatbook.people.models import (
    Course,
    ExerciseParticipation,
    PulseQuestion,
    PulseSurvey,
    Qualification,
    TrainingAttendance,
    TrainingSession,
)


def _serializer(model_class, read_only=("is_synthetic",)):
    meta = type(
        "Meta",
        (),
        {"model": model_class, "exclude": ["created_at", "updated_at"], "read_only_fields": list(read_only)},
    )
    return type(f"{model_class.__name__}Serializer", (BeatbookModelSerializer,), {"Meta": meta})


CourseSerializer = _serializer(Course)
TrainingSessionSerializer = _serializer(TrainingSession)
TrainingAttendanceSerializer = _serializer(TrainingAttendance)
ExerciseParticipationSerializer = _serializer(ExerciseParticipation)
QualificationSerializer = _serializer(Qualification)
PulseSurveySerializer = _serializer(PulseSurvey)
PulseQuestionSerializer = _serializer(PulseQuestion, read_only=("is_synthetic", "handling_code"))


class PulseAnswerSerializer(serializers.Serializer):
    scores = serializers.DictField(child=serializers.IntegerField(min_value=1, max_value=5))
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class UnitResultSerializer(serializers.Serializer):
    unit = serializers.CharField(source="unit.code")
    responses = serializers.IntegerField()
    shown = serializers.BooleanField()
    means = serializers.SerializerMethodField()

    def get_means(self, obj) -> list[dict]:
        return [{"question": q.pk, "mean": mean} for q, mean in obj.means]


class SurveyResultsSerializer(serializers.Serializer):
    staff = serializers.IntegerField()
    responses = serializers.IntegerField()
    min_responses = serializers.IntegerField()
    units = UnitResultSerializer(many=True)
    comments = serializers.ListField(child=serializers.CharField(), allow_null=True)
