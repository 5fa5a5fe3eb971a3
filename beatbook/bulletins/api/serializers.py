from rest_framework import serializers

from beatbook.bulletins.models import Acknowledgement, Bulletin, ChannelKind, Delivery, Webhook
from beatbook.core.api.serializers import BeatbookModelSerializer
from beatbook.partners.models import Organisation


class BulletinSerializer(BeatbookModelSerializer):
    channels = serializers.ListField(
        child=serializers.ChoiceField(choices=ChannelKind.choices), allow_empty=False
    )
    audience_partner_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=Organisation.Kind.choices), required=False
    )

    class Meta:
        model = Bulletin
        fields = [
            "id",
            "title_zh",
            "title_en",
            "body_zh",
            "body_en",
            "links",
            "urgency",
            "objective",
            "audience_public",
            "audience_partner_kinds",
            "audience_programmes",
            "channels",
            "scheduled_for",
            "status",
            "author",
            "approved_by",
            "approved_at",
            "sent_at",
            "handling_code",
            "is_synthetic",
            "display",
        ]
        read_only_fields = ["status", "author", "approved_by", "approved_at", "sent_at", "is_synthetic"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        channels = set(attrs.get("channels", getattr(self.instance, "channels", []) or []))
        public = attrs.get("audience_public", getattr(self.instance, "audience_public", False))
        if channels & {"web", "atom"} and not public:
            raise serializers.ValidationError(
                {
                    "audience_public": "The web page and the Atom feed are public: tick 'the public' or drop them."
                }
            )
        if self.instance is None and not (
            attrs.get("audience_public")
            or attrs.get("audience_partner_kinds")
            or attrs.get("audience_programmes")
        ):
            raise serializers.ValidationError("Choose an audience: the public, partner types or programmes.")
        if self.instance is not None and self.instance.status not in (
            Bulletin.Status.DRAFT,
            Bulletin.Status.REJECTED,
        ):
            raise serializers.ValidationError("Only a draft or a returned bulletin can be edited.")
        return attrs


class WebhookSerializer(BeatbookModelSerializer):
    secret = serializers.CharField(write_only=True, required=False, allow_blank=True)

    class Meta:
        model = Webhook
        fields = [
            "id",
            "name",
            "url",
            "secret",
            "audience_partner_kinds",
            "audience_public",
            "active",
            "handling_code",
            "display",
        ]


class DeliverySerializer(BeatbookModelSerializer):
    class Meta:
        model = Delivery
        fields = [
            "id",
            "bulletin",
            "channel",
            "recipient",
            "organisation",
            "status",
            "attempts",
            "sent_at",
            "error",
            "handling_code",
            "display",
        ]
        read_only_fields = fields


class AcknowledgementSerializer(BeatbookModelSerializer):
    class Meta:
        model = Acknowledgement
        fields = ["id", "bulletin", "user", "organisation", "acknowledged_at", "handling_code", "display"]
        read_only_fields = fields
