import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from beatbook.core.tables import BeatbookTable

from .models import Engagement, Milestone, Project, Risk


class ProjectTable(BeatbookTable):
    name = tables.Column(accessor="name_zh", verbose_name=_("Project"), linkify=True)

    def render_name(self, record):
        return str(record)

    class Meta(BeatbookTable.Meta):
        model = Project
        fields = ("name", "objective", "sponsor", "status", "starts_on", "target_completion_on")


class MilestoneTable(BeatbookTable):
    title = tables.Column(linkify=True)
    state = tables.Column(accessor="pk", verbose_name=_("State"), orderable=False)

    def render_state(self, record):
        return str(MILESTONE_STATES[record.state])

    class Meta(BeatbookTable.Meta):
        model = Milestone
        fields = ("title", "project", "planned_on", "actual_on", "state")


class RiskTable(BeatbookTable):
    title = tables.Column(linkify=True)
    score = tables.Column(accessor="likelihood", verbose_name=_("Score"), orderable=False)

    def render_score(self, record):
        return f"{record.score} ({RISK_BANDS[record.band]})"

    class Meta(BeatbookTable.Meta):
        model = Risk
        fields = ("title", "project", "score", "owner", "status")


class EngagementTable(BeatbookTable):
    date = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = Engagement
        fields = ("date", "project", "kind", "stakeholders")


MILESTONE_STATES = {
    "done": _("Reached on time"),
    "late": _("Reached late"),
    "overdue": _("Overdue"),
    "upcoming": _("Upcoming"),
}
RISK_BANDS = {"high": _("high"), "medium": _("medium"), "low": _("low")}
