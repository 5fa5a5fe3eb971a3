from django.utils import timezone
from rest_framework import serializers

from beatbook.core.api.serializers import BeatbookModelSerializer
from beatbook.hotspots.models import (
    AreaBoundary,
    Forecast,
    PatrolHotspot,
    PatrolPlan,
    PatrolVisit,
    VisitRecord,
)


class AreaBoundarySerializer(BeatbookModelSerializer):
    class Meta:
        model = AreaBoundary
        fields = ["id", "slug", "name_zh", "name_en", "geojson", "is_default", "origin", "display"]


class ForecastSerializer(BeatbookModelSerializer):
    objectives = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    boundary = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Forecast
        fields = [
            "id",
            "on_date",
            "shift",
            "categories",
            "method",
            "params",
            "cell_size",
            "crs",
            "input_start",
            "input_end",
            "events_used",
            "record",
            "top_cells",
            "status",
            "error",
            "objectives",
            "boundary",
            "handling_code",
            "is_synthetic",
            "created_at",
            "display",
        ]


class PatrolHotspotSerializer(BeatbookModelSerializer):
    class Meta:
        model = PatrolHotspot
        fields = ["id", "code", "rank", "cells", "x", "y", "lat", "lon", "risk", "label", "display"]


class PatrolVisitSerializer(BeatbookModelSerializer):
    hotspot = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = PatrolVisit
        fields = ["id", "plan", "hotspot", "patrol_unit", "order", "planned_start", "planned_end", "display"]


class PatrolPlanSerializer(BeatbookModelSerializer):
    objectives = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    hotspots = PatrolHotspotSerializer(many=True, read_only=True)

    class Meta:
        model = PatrolPlan
        fields = [
            "id",
            "on_date",
            "shift",
            "shift_start",
            "shift_end",
            "categories",
            "units",
            "hotspots_wanted",
            "cell_size",
            "method",
            "seed",
            "params",
            "status",
            "error",
            "unit",
            "objectives",
            "hotspots",
            "handling_code",
            "is_synthetic",
            "created_at",
            "display",
        ]


class VisitRecordSerializer(BeatbookModelSerializer):
    class Meta:
        model = VisitRecord
        fields = [
            "id",
            "visit",
            "officer",
            "arrived_at",
            "left_at",
            "note",
            "handling_code",
            "is_synthetic",
            "display",
        ]
        read_only_fields = ["officer", "is_synthetic"]

    def validate_visit(self, visit):
        request = self.context.get("request")
        # Unit scope: a visit of another unit's plan is "not found" for this user.
        if (
            request is not None
            and not PatrolVisit.objects.visible_to(request.user).filter(pk=visit.pk).exists()
        ):
            raise serializers.ValidationError("No such visit.")
        return visit

    def validate(self, attrs):
        attrs = super().validate(attrs)
        left = attrs.get("left_at")
        if left and left > timezone.now() + timezone.timedelta(minutes=5):
            raise serializers.ValidationError({"left_at": "Leaving cannot be recorded in the future."})
        return attrs
