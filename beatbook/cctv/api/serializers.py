from rest_framework import serializers

from beatbook.cctv.models import BuildingSurvey, CameraSite, FootageRequest
from beatbook.core.api.serializers import BeatbookModelSerializer


class CameraSiteSerializer(BeatbookModelSerializer):
    class Meta:
        model = CameraSite
        fields = [
            "id",
            "building",
            "address",
            "organisation",
            "contact_name",
            "contact_phone",
            "latitude",
            "longitude",
            "field_of_view",
            "bearing",
            "cameras",
            "retention_days",
            "sharing_tier",
            "consent_date",
            "active",
            "objective",
            "notes",
            "handling_code",
            "is_synthetic",
            "display",
        ]
        read_only_fields = ["is_synthetic"]


class FootageRequestSerializer(BeatbookModelSerializer):
    overwrite_at = serializers.DateTimeField(read_only=True)
    needs_warning = serializers.SerializerMethodField()

    class Meta:
        model = FootageRequest
        fields = [
            "id",
            "site",
            "incident",
            "incident_reference",
            "incident_time",
            "period_from",
            "period_to",
            "status",
            "requested_at",
            "acknowledged_at",
            "answered_at",
            "requested_by",
            "refusal_reason",
            "notes",
            "overwrite_at",
            "needs_warning",
            "handling_code",
            "is_synthetic",
            "display",
        ]
        read_only_fields = [
            "status",
            "requested_at",
            "acknowledged_at",
            "answered_at",
            "requested_by",
            "is_synthetic",
        ]

    def get_needs_warning(self, obj) -> bool:
        return obj.needs_warning()


class BuildingSurveySerializer(BeatbookModelSerializer):
    score = serializers.CharField(read_only=True)

    class Meta:
        model = BuildingSurvey
        fields = [
            "id",
            "building",
            "address",
            "organisation",
            "site",
            "surveyed_on",
            "surveyor",
            "checklist",
            "score",
            "recommendations",
            "objective",
            "handling_code",
            "is_synthetic",
            "display",
        ]
        read_only_fields = ["surveyor", "is_synthetic"]
