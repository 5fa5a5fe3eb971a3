import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from beatbook.core.tables import BeatbookTable

from .models import AlertSubscription, ImportBatch, Indicator, LookupCounter, Report, Sighting


class IndicatorTable(BeatbookTable):
    normalized = tables.Column(linkify=True, verbose_name=_("Value"))

    class Meta(BeatbookTable.Meta):
        model = Indicator
        fields = (
            "normalized",
            "type",
            "status",
            "partner_count",
            "report_count",
            "grading",
            "last_seen",
            "expires_at",
        )


class ReportTable(BeatbookTable):
    id = tables.Column(linkify=True, verbose_name=_("Report"))

    class Meta(BeatbookTable.Meta):
        model = Report
        fields = (
            "id",
            "triage_score",
            "status",
            "channel",
            "value",
            "value_type",
            "scam_type",
            "reporter_org",
            "created_at",
        )


class SightingTable(BeatbookTable):
    id = tables.Column(linkify=True, verbose_name=_("Sighting"))

    class Meta(BeatbookTable.Meta):
        model = Sighting
        fields = ("id", "kind", "indicator", "organisation", "note", "seen_at")


class AlertSubscriptionTable(BeatbookTable):
    name = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = AlertSubscription
        fields = ("name", "organisation", "email", "webhook_url", "audience", "min_level", "active")


class ImportBatchTable(BeatbookTable):
    id = tables.Column(linkify=True, verbose_name=_("Batch"))

    class Meta(BeatbookTable.Meta):
        model = ImportBatch
        fields = (
            "id",
            "source_name",
            "file_name",
            "format",
            "level",
            "created_count",
            "updated_count",
            "error_count",
            "created_at",
        )


class LookupCounterTable(tables.Table):
    class Meta:
        model = LookupCounter
        attrs = {"class": "table"}
        template_name = "core/table.html"
        fields = ("day", "type", "normalized", "count", "bulk_count")
