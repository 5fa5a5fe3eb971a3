from rest_framework import serializers

from beatbook.core.api.serializers import BeatbookModelSerializer
from beatbook.incidents.models import Category, ImportBatch, Incident
from beatbook.plan.models import Objective


class CategorySerializer(BeatbookModelSerializer):
    objective = serializers.SlugRelatedField(
        slug_field="code", queryset=Objective.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Category
        fields = [
            "id",
            "code",
            "name_zh",
            "name_en",
            "objective",
            "origin",
            "quick_cash",
            "order",
            "active",
            "display",
        ]


class IncidentSerializer(BeatbookModelSerializer):
    category = serializers.SlugRelatedField(slug_field="code", queryset=Category.objects.all())

    class Meta:
        model = Incident
        fields = [
            "id",
            "category",
            "occurred_from",
            "occurred_to",
            "lat",
            "lon",
            "x",
            "y",
            "epsg",
            "dcca",
            "premises",
            "reference",
            "source",
            "description",
            "handling_code",
            "is_synthetic",
            "batch",
            "display",
        ]
        read_only_fields = ["x", "y", "epsg", "dcca", "is_synthetic", "batch"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is None and (attrs.get("lat") is None or attrs.get("lon") is None):
            raise serializers.ValidationError({"lat": "Latitude and longitude are required."})
        if self.instance is not None and ("lat" in attrs or "lon" in attrs):
            attrs["x"] = attrs["y"] = None
            attrs["dcca"] = ""
        return attrs


class ImportBatchSerializer(BeatbookModelSerializer):
    class Meta:
        model = ImportBatch
        fields = [
            "id",
            "source",
            "filename",
            "preset",
            "mapping",
            "status",
            "rows_read",
            "rows_imported",
            "error_count",
            "seconds",
            "created_at",
            "is_synthetic",
            "display",
        ]
