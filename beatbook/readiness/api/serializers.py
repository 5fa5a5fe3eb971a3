from rest_framework import serializers

from beatbook.core.api.serializers import BeatbookModelSerializer
from beatbook.plan.models import Objective
from beatbook.readiness.models import (
    Activation,
    AfterActionRecord,
    ChecklistItem,
    ChecklistTask,
    ContingencyPlan,
    Exercise,
    Finding,
    IncidentEntry,
    MajorIncident,
    WarningState,
)

_OBJECTIVE = {"slug_field": "code", "queryset": Objective.objects.all()}


class ContingencyPlanSerializer(BeatbookModelSerializer):
    objective = serializers.SlugRelatedField(required=False, allow_null=True, **_OBJECTIVE)

    class Meta:
        model = ContingencyPlan
        exclude = ["created_at", "updated_at"]
        read_only_fields = ["is_synthetic"]


class ChecklistItemSerializer(BeatbookModelSerializer):
    class Meta:
        model = ChecklistItem
        exclude = ["created_at", "updated_at"]
        read_only_fields = ["is_synthetic"]


class WarningStateSerializer(BeatbookModelSerializer):
    class Meta:
        model = WarningState
        exclude = ["created_at", "updated_at"]


class ActivationSerializer(BeatbookModelSerializer):
    plan_code = serializers.CharField(source="plan.code", read_only=True)

    class Meta:
        model = Activation
        exclude = ["created_at", "updated_at"]


class ChecklistTaskSerializer(BeatbookModelSerializer):
    class Meta:
        model = ChecklistTask
        exclude = ["created_at", "updated_at"]
        read_only_fields = [
            "activation",
            "item",
            "order",
            "text",
            "role",
            "done_at",
            "done_by",
            "is_synthetic",
        ]

    def update(self, instance, validated_data):
        from django.utils import timezone

        if "done" in validated_data and validated_data["done"] != instance.done:
            request = self.context.get("request")
            validated_data["done_at"] = timezone.now() if validated_data["done"] else None
            validated_data["done_by"] = getattr(request, "user", None) if validated_data["done"] else None
        return super().update(instance, validated_data)


class AfterActionRecordSerializer(BeatbookModelSerializer):
    class Meta:
        model = AfterActionRecord
        exclude = ["created_at", "updated_at"]
        read_only_fields = ["activation", "is_synthetic"]


class MajorIncidentSerializer(BeatbookModelSerializer):
    objective = serializers.SlugRelatedField(**_OBJECTIVE)

    class Meta:
        model = MajorIncident
        exclude = ["created_at", "updated_at"]
        read_only_fields = ["is_synthetic"]


class IncidentEntrySerializer(BeatbookModelSerializer):
    class Meta:
        model = IncidentEntry
        exclude = ["created_at", "updated_at"]
        read_only_fields = ["is_synthetic"]


class ExerciseSerializer(BeatbookModelSerializer):
    objective = serializers.SlugRelatedField(**_OBJECTIVE)

    class Meta:
        model = Exercise
        exclude = ["created_at", "updated_at"]
        read_only_fields = ["is_synthetic"]


class FindingSerializer(BeatbookModelSerializer):
    class Meta:
        model = Finding
        exclude = ["created_at", "updated_at"]
        read_only_fields = ["is_synthetic"]
