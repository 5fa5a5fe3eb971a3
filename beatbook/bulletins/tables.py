import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from beatbook.core.tables import BeatbookTable

from .models import Acknowledgement, Bulletin, Delivery, Webhook


class BulletinTable(BeatbookTable):
    title = tables.Column(accessor="title_zh", linkify=True, verbose_name=_("Title"))
    objective = tables.Column(accessor="objective__code", verbose_name=_("Objective"))

    def render_title(self, record):
        return str(record)

    class Meta(BeatbookTable.Meta):
        model = Bulletin
        fields = (
            "title",
            "urgency",
            "status",
            "objective",
            "audience_public",
            "scheduled_for",
            "sent_at",
            "author",
        )


class WebhookTable(BeatbookTable):
    name = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = Webhook
        fields = ("name", "url", "audience_public", "active")


class DeliveryTable(BeatbookTable):
    id = tables.Column(linkify=True, verbose_name="#")

    class Meta(BeatbookTable.Meta):
        model = Delivery
        fields = ("id", "bulletin", "channel", "recipient", "organisation", "status", "attempts", "sent_at")


class AcknowledgementTable(BeatbookTable):
    id = tables.Column(linkify=True, verbose_name="#")

    class Meta(BeatbookTable.Meta):
        model = Acknowledgement
        fields = ("id", "bulletin", "organisation", "user", "acknowledged_at")
