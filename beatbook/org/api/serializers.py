from rest_framework import serializers

from beatbook.core.api.serializers import BeatbookModelSerializer
from beatbook.org.models import Staff, Unit


class UnitSerializer(BeatbookModelSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="code", queryset=Unit.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Unit
        fields = ["id", "code", "name_zh", "name_en", "kind", "parent", "display"]


class StaffSerializer(BeatbookModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", queryset=Unit.objects.all())

    class Meta:
        model = Staff
        fields = [
            "id",
            "display_name",
            "rank_class",
            "rank",
            "unit",
            "skills",
            "active",
            "handling_code",
            "is_synthetic",
            "display",
        ]
        read_only_fields = ["is_synthetic"]
