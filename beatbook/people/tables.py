import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from beatbook.core.tables import BeatbookTable

from .models import (
    Course,
    ExerciseParticipation,
    PulseQuestion,
    PulseSurvey,
    Qualification,
    TrainingAttendance,
    TrainingSession,
)


class CourseTable(BeatbookTable):
    title = tables.Column(accessor="title_zh", verbose_name=_("Course"), linkify=True)

    def render_title(self, record):
        return str(record)

    class Meta(BeatbookTable.Meta):
        model = Course
        fields = ("title", "hours", "objective")


class TrainingSessionTable(BeatbookTable):
    date = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = TrainingSession
        fields = ("date", "course", "unit", "venue", "trainer")


class TrainingAttendanceTable(BeatbookTable):
    staff = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = TrainingAttendance
        fields = ("staff", "session")


class ExerciseParticipationTable(BeatbookTable):
    staff = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = ExerciseParticipation
        fields = ("staff", "exercise", "hours")


class QualificationTable(BeatbookTable):
    staff = tables.Column(linkify=True)
    state = tables.Column(accessor="pk", verbose_name=_("State"), orderable=False)

    def render_state(self, record):
        return str(QUALIFICATION_STATES[record.state()])

    class Meta(BeatbookTable.Meta):
        model = Qualification
        fields = ("staff", "kind", "obtained_on", "expires_on", "state")


class PulseSurveyTable(BeatbookTable):
    title = tables.Column(accessor="title_zh", verbose_name=_("Survey"), linkify=True)

    def render_title(self, record):
        return str(record)

    class Meta(BeatbookTable.Meta):
        model = PulseSurvey
        fields = ("title", "unit", "opens_on", "closes_on")


class PulseQuestionTable(BeatbookTable):
    text = tables.Column(accessor="text_zh", verbose_name=_("Question"), linkify=True)

    def render_text(self, record):
        return str(record)

    class Meta(BeatbookTable.Meta):
        model = PulseQuestion
        fields = ("text", "survey", "order")


QUALIFICATION_STATES = {
    "current": _("Current"),
    "expiring": _("Expires within 60 days"),
    "expired": _("Expired"),
}
