import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from beatbook.core.filtersets import BeatbookFilterSet
from beatbook.partners.models import Organisation

from .models import Acknowledgement, Bulletin, ChannelKind, Delivery, Webhook


class BulletinFilterSet(BeatbookFilterSet):
    search_fields = ("title_zh", "title_en", "body_zh", "body_en")
    objective = django_filters.CharFilter(field_name="objective__code", label=_("Objective id"))
    sent = django_filters.DateFromToRangeFilter(field_name="sent_at__date", label=_("Sent (from - to)"))
    partner_kind = django_filters.ChoiceFilter(
        choices=Organisation.Kind.choices, method="filter_partner_kind", label=_("Partner type in audience")
    )
    programme = django_filters.CharFilter(
        field_name="audience_programmes__code", label=_("Programme in audience")
    )
    channel = django_filters.ChoiceFilter(
        choices=ChannelKind.choices, method="filter_channel", label=_("Channel")
    )

    class Meta:
        model = Bulletin
        fields = [
            "status",
            "urgency",
            "objective",
            "audience_public",
            "partner_kind",
            "programme",
            "channel",
            "sent",
        ]

    def filter_partner_kind(self, queryset, name, value):
        # JSON list membership, portable across SQLite and PostgreSQL.
        return queryset.filter(audience_partner_kinds__icontains=f'"{value}"')

    def filter_channel(self, queryset, name, value):
        return queryset.filter(channels__icontains=f'"{value}"')


class WebhookFilterSet(BeatbookFilterSet):
    search_fields = ("name", "url")

    class Meta:
        model = Webhook
        fields = ["active", "audience_public"]


class DeliveryFilterSet(BeatbookFilterSet):
    search_fields = ("recipient",)
    bulletin = django_filters.NumberFilter(field_name="bulletin_id", label=_("Bulletin (id)"))
    organisation = django_filters.NumberFilter(field_name="organisation_id", label=_("Organisation (id)"))
    objective = django_filters.CharFilter(field_name="bulletin__objective__code", label=_("Objective id"))
    bulletin_sent = django_filters.DateFromToRangeFilter(
        field_name="bulletin__sent_at__date", label=_("Bulletin sent (from - to)")
    )
    acknowledged = django_filters.BooleanFilter(method="filter_ack", label=_("Read receipt"))

    class Meta:
        model = Delivery
        fields = [
            "bulletin",
            "channel",
            "status",
            "organisation",
            "objective",
            "bulletin_sent",
            "acknowledged",
        ]

    def filter_ack(self, queryset, name, value):
        acked = Q(pk__in=acknowledged_delivery_ids(queryset))
        return queryset.filter(acked) if value else queryset.exclude(acked)


def acknowledged_delivery_ids(deliveries) -> list[int]:
    """Portal deliveries whose organisation has acknowledged the bulletin."""
    pairs = set(Acknowledgement.objects.values_list("bulletin_id", "organisation_id"))
    return [
        pk
        for pk, b, o in deliveries.filter(channel=ChannelKind.PORTAL).values_list(
            "pk", "bulletin_id", "organisation_id"
        )
        if (b, o) in pairs
    ]


class AcknowledgementFilterSet(BeatbookFilterSet):
    bulletin = django_filters.NumberFilter(field_name="bulletin_id", label=_("Bulletin (id)"))
    organisation = django_filters.NumberFilter(field_name="organisation_id", label=_("Organisation (id)"))
    user = django_filters.NumberFilter(field_name="user_id", label=_("User (id)"))

    class Meta:
        model = Acknowledgement
        fields = ["bulletin", "organisation", "user"]
