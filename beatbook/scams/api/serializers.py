from rest_framework import serializers

from beatbook.core.api.serializers import BeatbookModelSerializer
from beatbook.plan.models import Objective

from ..engine.normalize import INDICATOR_TYPES
from ..models import AlertSubscription, Indicator, Report, Sighting
from ..services import MAX_BULK, MAX_TEXT, MAX_VALUE_LENGTH


class StrictCharField(serializers.CharField):
    """A CharField that refuses numbers, lists and objects instead of coercing them to text."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class ScamIndicatorSerializer(BeatbookModelSerializer):
    objective = serializers.SlugRelatedField(
        slug_field="code", queryset=Objective.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "type",
            "normalized",
            "display",
            "status",
            "first_seen",
            "last_seen",
            "report_count",
            "partner_count",
            "public_report_count",
            "grading",
            "source_name",
            "expires_at",
            "account_name",
            "scam_type",
            "confirmed_by",
            "confirmed_at",
            "objective",
            "notes",
            "handling_code",
            "is_synthetic",
            "display_name",
        ]
        read_only_fields = [
            "status",
            "report_count",
            "partner_count",
            "public_report_count",
            "confirmed_by",
            "confirmed_at",
            "is_synthetic",
            "first_seen",
            "last_seen",
        ]

    display = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    display_name = serializers.SerializerMethodField()

    def get_display_name(self, obj) -> str:
        return str(obj)

    def validate(self, attrs):
        from ..engine.normalize import normalize

        type_ = attrs.get("type", getattr(self.instance, "type", None))
        value = attrs.get("normalized", getattr(self.instance, "normalized", None))
        if type_ and value:
            item = normalize(value, type_)
            if not item.ok:
                raise serializers.ValidationError({"normalized": [e.en for e in item.errors]})
            attrs["normalized"] = item.normalized
            attrs.setdefault("display", item.display[:1000])
        return super().validate(attrs)


class ScamReportSerializer(BeatbookModelSerializer):
    class Meta:
        model = Report
        fields = [
            "id",
            "channel",
            "value",
            "value_type",
            "message_text",
            "account_name",
            "description",
            "indicator",
            "reporter_org",
            "triage_score",
            "triage_reasons",
            "scam_type",
            "status",
            "reviewed_by",
            "reviewed_at",
            "review_note",
            "handling_code",
            "is_synthetic",
            "created_at",
            "display",
        ]
        read_only_fields = [
            "channel",
            "indicator",
            "reporter_org",
            "triage_score",
            "triage_reasons",
            "scam_type",
            "status",
            "reviewed_by",
            "reviewed_at",
            "review_note",
            "is_synthetic",
            "created_at",
        ]


class ScamSightingSerializer(BeatbookModelSerializer):
    class Meta:
        model = Sighting
        fields = [
            "id",
            "indicator",
            "organisation",
            "kind",
            "note",
            "seen_at",
            "handling_code",
            "is_synthetic",
            "display",
        ]
        read_only_fields = fields


class ScamAlertSubscriptionSerializer(BeatbookModelSerializer):
    indicator_types = serializers.ListField(
        child=serializers.ChoiceField(choices=INDICATOR_TYPES),
        required=False,
        max_length=len(INDICATOR_TYPES),
    )
    # Plain strings in the schema (a blank URL/e-mail would match two oneOf branches).
    email = serializers.CharField(max_length=254, required=False, allow_blank=True)
    webhook_url = serializers.CharField(max_length=500, required=False, allow_blank=True)

    def validate_email(self, value: str) -> str:
        from django.core.validators import validate_email

        if value:
            try:
                validate_email(value)
            except Exception:  # noqa: BLE001
                raise serializers.ValidationError("Enter a valid e-mail address.")
        return value

    def validate_webhook_url(self, value: str) -> str:
        from django.core.validators import URLValidator

        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except Exception:  # noqa: BLE001
                raise serializers.ValidationError("Enter a valid http(s) URL.")
        return value

    class Meta:
        model = AlertSubscription
        fields = [
            "id",
            "organisation",
            "name",
            "email",
            "webhook_url",
            "indicator_types",
            "audience",
            "min_level",
            "active",
            "handling_code",
            "is_synthetic",
            "display",
        ]
        read_only_fields = ["is_synthetic"]


class ScamReviewSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class CheckRequestSerializer(serializers.Serializer):
    value = StrictCharField(max_length=MAX_VALUE_LENGTH, trim_whitespace=False)
    type = serializers.ChoiceField(choices=INDICATOR_TYPES, required=False, allow_null=True)


class ScamReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    zh = serializers.CharField()
    en = serializers.CharField()


class ScamVerdictSerializer(serializers.Serializer):
    type = serializers.CharField()
    normalized = serializers.CharField()
    level = serializers.ChoiceField(choices=["high_risk", "suspected", "possible", "no_record"])
    label_zh = serializers.CharField()
    label_en = serializers.CharField()
    reasons = ScamReasonSerializer(many=True)


class BulkCheckRequestSerializer(serializers.Serializer):
    values = serializers.ListField(
        child=StrictCharField(max_length=MAX_VALUE_LENGTH, allow_blank=True, trim_whitespace=False),
        required=False,
        max_length=MAX_BULK,
    )
    type = serializers.ChoiceField(choices=INDICATOR_TYPES, required=False, allow_null=True)
    names = serializers.ListField(
        child=StrictCharField(max_length=200, allow_blank=True), required=False, max_length=MAX_BULK
    )
    digests = serializers.ListField(
        child=serializers.RegexField(r"^[0-9a-fA-F]{64}$"), required=False, max_length=MAX_BULK
    )
    key_id = serializers.CharField(required=False, max_length=40)

    def validate(self, attrs):
        has_values, has_digests = "values" in attrs, "digests" in attrs
        if has_values == has_digests:
            raise serializers.ValidationError("Send either 'values' or 'digests' (with 'key_id'), not both.")
        if has_digests and not attrs.get("key_id"):
            raise serializers.ValidationError({"key_id": "Digests need the id of the shared key."})
        if attrs.get("names") and len(attrs["names"]) != len(attrs.get("values", [])):
            raise serializers.ValidationError({"names": "Give one name per value (or none)."})
        return attrs


class BulkResultSerializer(serializers.Serializer):
    value = serializers.CharField(required=False, allow_null=True)
    digest = serializers.CharField(required=False, allow_null=True)
    type = serializers.CharField(required=False)
    normalized = serializers.CharField(required=False)
    level = serializers.CharField(required=False)
    label_zh = serializers.CharField(required=False)
    label_en = serializers.CharField(required=False)
    reasons = ScamReasonSerializer(many=True, required=False)
    error = ScamReasonSerializer(many=True, required=False)


class BulkCheckResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = BulkResultSerializer(many=True)


class AnalyzeRequestSerializer(serializers.Serializer):
    text = StrictCharField(max_length=MAX_TEXT, trim_whitespace=False)


class AnalyzeResponseSerializer(serializers.Serializer):
    indicators = serializers.ListField(child=serializers.DictField())
    red_flags = serializers.ListField(child=serializers.DictField())
    level = serializers.CharField()
    label_zh = serializers.CharField()
    label_en = serializers.CharField()
    suspicious = serializers.BooleanField()
    scam_type = serializers.DictField(allow_null=True)
    advice = serializers.ListField(child=serializers.DictField())
    classifier = serializers.DictField(allow_null=True)


class ScamErrorSerializer(serializers.Serializer):
    errors = serializers.JSONField()
