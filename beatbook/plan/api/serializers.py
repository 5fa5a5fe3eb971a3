from rest_framework import serializers

from beatbook.core.api.serializers import BeatbookModelSerializer
from beatbook.org.models import Unit
from beatbook.plan.models import (
    Activity,
    Area,
    Indicator,
    IndicatorReading,
    JournalEntry,
    Objective,
    Plan,
    validate_outputs,
)


class PlanSerializer(BeatbookModelSerializer):
    class Meta:
        model = Plan
        fields = [
            "id",
            "slug",
            "year",
            "title_zh",
            "title_en",
            "district_zh",
            "district_en",
            "loaded_at",
            "display",
        ]


class AreaSerializer(BeatbookModelSerializer):
    class Meta:
        model = Area
        fields = [
            "id",
            "code",
            "kind",
            "plan",
            "parent",
            "group_zh",
            "group_en",
            "title_zh",
            "title_en",
            "description_zh",
            "description_en",
            "facts",
            "order",
            "retired",
            "display",
        ]


class ObjectiveSerializer(BeatbookModelSerializer):
    area = serializers.SlugRelatedField(slug_field="code", queryset=Area.objects.all())
    owners = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Unit.objects.all())

    class Meta:
        model = Objective
        fields = [
            "id",
            "code",
            "area",
            "text_zh",
            "text_en",
            "owners",
            "order",
            "retired",
            "handling_code",
            "display",
        ]


class IndicatorSerializer(BeatbookModelSerializer):
    objective = serializers.SlugRelatedField(slug_field="code", queryset=Objective.objects.all())
    value = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "objective",
            "name_zh",
            "name_en",
            "unit_zh",
            "unit_en",
            "direction",
            "baseline",
            "target",
            "period_start",
            "period_end",
            "computation",
            "computation_params",
            "value",
            "status",
            "display",
        ]

    def _computed(self, obj):
        from beatbook.plan.computations import compute

        cache = self.context.setdefault("_computed", {})
        if obj.pk not in cache:
            request = self.context.get("request")
            cache[obj.pk] = compute(obj, user=getattr(request, "user", None))
        return cache[obj.pk]

    def get_value(self, obj) -> float | None:
        return self._computed(obj).value

    def get_status(self, obj) -> str:
        from beatbook.plan.computations import status

        return status(obj, self._computed(obj).value)


class IndicatorReadingSerializer(BeatbookModelSerializer):
    class Meta:
        model = IndicatorReading
        fields = ["id", "indicator", "date", "value", "note", "recorded_by", "is_synthetic", "display"]
        read_only_fields = ["recorded_by", "is_synthetic"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        indicator, date = attrs.get("indicator"), attrs.get("date")
        if indicator and indicator.computation != "manual":
            raise serializers.ValidationError({"indicator": "This indicator is computed from records."})
        if indicator and date and not (indicator.period_start <= date <= indicator.period_end):
            raise serializers.ValidationError({"date": "The date must fall inside the indicator's period."})
        return attrs


class ActivitySerializer(BeatbookModelSerializer):
    objective = serializers.SlugRelatedField(
        slug_field="code", queryset=Objective.objects.filter(retired=False)
    )
    unit = serializers.SlugRelatedField(slug_field="code", queryset=Unit.objects.all())
    outputs = serializers.JSONField(required=False, validators=[validate_outputs])

    class Meta:
        model = Activity
        fields = [
            "id",
            "objective",
            "date",
            "unit",
            "kind",
            "title",
            "outputs",
            "notes",
            "handling_code",
            "recorded_by",
            "source",
            "is_synthetic",
            "created_at",
            "updated_at",
            "display",
        ]
        read_only_fields = ["recorded_by", "is_synthetic", "created_at", "updated_at"]


class JournalEntrySerializer(BeatbookModelSerializer):
    objective = serializers.SlugRelatedField(slug_field="code", queryset=Objective.objects.all())

    class Meta:
        model = JournalEntry
        fields = [
            "id",
            "objective",
            "date",
            "assessment",
            "text",
            "author",
            "handling_code",
            "is_synthetic",
            "display",
        ]
        read_only_fields = ["author", "is_synthetic"]
