import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from beatbook.core.tables import BeatbookTable

from .models import DeploymentPost, EventReview, PublicEvent


class PublicEventTable(BeatbookTable):
    title = tables.Column(linkify=True)
    risk = tables.Column(accessor="likelihood", verbose_name=_("Risk"), orderable=False)
    reviewed = tables.Column(accessor="pk", verbose_name=_("Reviewed"), orderable=False)

    def render_risk(self, record):
        return f"{record.risk_score} {record.risk_band_label}"

    def render_reviewed(self, record):
        return "✓" if hasattr(record, "review") else ""

    class Meta(BeatbookTable.Meta):
        model = PublicEvent
        fields = ("title", "kind", "status", "starts_at", "venue", "expected_attendance", "risk", "reviewed")


class DeploymentPostTable(BeatbookTable):
    post = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = DeploymentPost
        fields = ("post", "event", "unit", "officers", "starts_at", "ends_at", "reports_to")


class EventReviewTable(BeatbookTable):
    date = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = EventReview
        fields = ("date", "event", "incidents", "arrests", "lessons")
