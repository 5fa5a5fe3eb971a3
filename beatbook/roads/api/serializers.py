from rest_framework import serializers

from beatbook.core.api.serializers import BeatbookModelSerializer
from beatbook.org.models import Unit
from beatbook.plan.models import Objective
from beatbook.roads.models import Accident, Casualty, EnforcementOperation, Vehicle


class AccidentSerializer(BeatbookModelSerializer):
    key = serializers.CharField(read_only=True)

    class Meta:
        model = Accident
        exclude = ["created_at", "updated_at"]


class CasualtySerializer(BeatbookModelSerializer):
    class Meta:
        model = Casualty
        exclude = ["created_at", "updated_at"]


class VehicleSerializer(BeatbookModelSerializer):
    class Meta:
        model = Vehicle
        exclude = ["created_at", "updated_at"]


class EnforcementOperationSerializer(BeatbookModelSerializer):
    objective = serializers.SlugRelatedField(
        slug_field="code", queryset=Objective.objects.filter(code__startswith="AP-SAFETY-ROAD")
    )
    unit = serializers.SlugRelatedField(slug_field="code", queryset=Unit.objects.all())

    class Meta:
        model = EnforcementOperation
        fields = [
            "id",
            "objective",
            "unit",
            "kind",
            "title",
            "status",
            "planned_date",
            "done_date",
            "location_name",
            "lat",
            "lon",
            "target_street",
            "vehicles_checked",
            "summonses",
            "arrests",
            "notes",
            "activity",
            "handling_code",
            "recorded_by",
            "is_synthetic",
            "created_at",
            "updated_at",
            "display",
        ]
        read_only_fields = ["activity", "recorded_by", "is_synthetic", "created_at", "updated_at"]
