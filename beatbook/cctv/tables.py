import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from beatbook.core.tables import BeatbookTable

from .models import BuildingSurvey, CameraSite, FootageRequest


class CameraSiteTable(BeatbookTable):
    building = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = CameraSite
        fields = (
            "building",
            "address",
            "cameras",
            "retention_days",
            "sharing_tier",
            "consent_date",
            "active",
        )


class FootageRequestTable(BeatbookTable):
    incident_reference = tables.Column(linkify=True)
    site = tables.Column(accessor="site__building", verbose_name=_("Camera site"))
    countdown = tables.Column(empty_values=(), verbose_name=_("Overwritten in"), orderable=False)

    def render_countdown(self, record):
        if not record.is_open:
            return "—"
        left = record.time_left()
        days = left.total_seconds() / 86400
        text = _("overwritten") if days < 0 else _("%(d).1f days") % {"d": days}
        if record.needs_warning():
            return format_html(
                '<span class="pill status-off_track" title="{}">⚠ {}</span>',
                _("Still open two days or less before the footage is overwritten"),
                text,
            )
        return text

    class Meta(BeatbookTable.Meta):
        model = FootageRequest
        fields = ("incident_reference", "site", "incident_time", "status", "requested_at", "countdown")


class BuildingSurveyTable(BeatbookTable):
    building = tables.Column(linkify=True)
    score = tables.Column(empty_values=(), orderable=False, verbose_name=_("Score"))

    def render_score(self, record):
        return record.score

    class Meta(BeatbookTable.Meta):
        model = BuildingSurvey
        fields = ("building", "surveyed_on", "organisation", "score", "objective")
