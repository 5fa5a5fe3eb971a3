from rest_framework import serializers

from beatbook.core.api.serializers import BeatbookModelSerializer
from beatbook.partners.models import Contact, Organisation, Outreach
from beatbook.plan.models import Area


class OrganisationSerializer(BeatbookModelSerializer):
    programmes = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=Area.objects.filter(kind="programme")
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name_zh",
            "name_en",
            "kind",
            "address",
            "latitude",
            "longitude",
            "programmes",
            "joined_on",
            "active",
            "notes",
            "handling_code",
            "is_synthetic",
            "display",
        ]
        read_only_fields = ["is_synthetic"]


class ContactSerializer(BeatbookModelSerializer):
    class Meta:
        model = Contact
        fields = [
            "id",
            "organisation",
            "name",
            "role",
            "phone",
            "email",
            "language",
            "is_primary",
            "receives_bulletins",
            "handling_code",
            "is_synthetic",
            "display",
        ]
        read_only_fields = ["is_synthetic"]


class OutreachSerializer(BeatbookModelSerializer):
    class Meta:
        model = Outreach
        fields = [
            "id",
            "organisation",
            "contact",
            "kind",
            "date",
            "topic",
            "language",
            "audience_size",
            "material",
            "quantity",
            "staff",
            "objective",
            "notes",
            "recorded_by",
            "handling_code",
            "is_synthetic",
            "display",
        ]
        read_only_fields = ["recorded_by", "is_synthetic"]
