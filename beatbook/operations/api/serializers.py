from rest_framework import serializers

from beatbook.core.api.serializers import BeatbookModelSerializer
from beatbook.operations.models import ArrestCount, DrugSeizure, Operation
from beatbook.org.models import Unit
from beatbook.plan.models import Objective


class OperationSerializer(BeatbookModelSerializer):
    objectives = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Objective.objects.all())
    lead_unit = serializers.SlugRelatedField(slug_field="code", queryset=Unit.objects.all())

    class Meta:
        model = Operation
        exclude = ["created_at", "updated_at"]
        read_only_fields = ["recorded_by", "is_synthetic"]


class ArrestCountSerializer(BeatbookModelSerializer):
    class Meta:
        model = ArrestCount
        exclude = ["created_at", "updated_at"]
        read_only_fields = ["is_synthetic"]


class DrugSeizureSerializer(BeatbookModelSerializer):
    class Meta:
        model = DrugSeizure
        exclude = ["created_at", "updated_at"]
        read_only_fields = ["is_synthetic"]
