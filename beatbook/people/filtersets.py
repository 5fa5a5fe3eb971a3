import django_filters
from django.utils.translation import gettext_lazy as _

from beatbook.core.filtersets import BeatbookFilterSet

from .models import (
    Course,
    ExerciseParticipation,
    PulseQuestion,
    PulseSurvey,
    Qualification,
    QualificationKind,
    TrainingAttendance,
    TrainingSession,
)


class CourseFilterSet(BeatbookFilterSet):
    search_fields = ("title_zh", "title_en", "description")
    objective = django_filters.CharFilter(field_name="objective__code", label=_("Objective id"))

    class Meta:
        model = Course
        fields = ["objective"]


class TrainingSessionFilterSet(BeatbookFilterSet):
    search_fields = ("venue", "trainer", "course__title_zh", "course__title_en")
    date = django_filters.DateFromToRangeFilter(field_name="date", label=_("Date (from - to)"))

    class Meta:
        model = TrainingSession
        fields = ["course", "unit", "date"]


# Staff, sessions and exercises are filtered by id (links from other pages), not by a choice list that
# would print every member of staff into each list page.
def _id_filter(field: str, label):
    return django_filters.NumberFilter(field_name=f"{field}_id", label=label)


class TrainingAttendanceFilterSet(BeatbookFilterSet):
    search_fields = ("staff__display_name",)
    session = _id_filter("session", _("Session id"))
    staff = _id_filter("staff", _("Staff member id"))
    date = django_filters.DateFromToRangeFilter(field_name="session__date", label=_("Date (from - to)"))

    class Meta:
        model = TrainingAttendance
        fields = ["session", "staff", "date"]


class ExerciseParticipationFilterSet(BeatbookFilterSet):
    search_fields = ("staff__display_name", "exercise__title")
    exercise = _id_filter("exercise", _("Exercise id"))
    staff = _id_filter("staff", _("Staff member id"))
    date = django_filters.DateFromToRangeFilter(
        field_name="exercise__held_date", label=_("Date held (from - to)")
    )

    class Meta:
        model = ExerciseParticipation
        fields = ["exercise", "staff", "date"]


class QualificationFilterSet(BeatbookFilterSet):
    search_fields = ("staff__display_name",)
    staff = _id_filter("staff", _("Staff member id"))
    kind = django_filters.ChoiceFilter(choices=QualificationKind.choices, label=_("Qualification"))
    expires = django_filters.DateFromToRangeFilter(field_name="expires_on", label=_("Expires (from - to)"))
    staff_active = django_filters.BooleanFilter(field_name="staff__active", label=_("Staff member active"))

    class Meta:
        model = Qualification
        fields = ["staff", "kind", "expires", "staff_active"]


class PulseSurveyFilterSet(BeatbookFilterSet):
    search_fields = ("title_zh", "title_en")
    objective = django_filters.CharFilter(field_name="objective__code", label=_("Objective id"))
    closes = django_filters.DateFromToRangeFilter(field_name="closes_on", label=_("Closes (from - to)"))

    class Meta:
        model = PulseSurvey
        fields = ["unit", "objective", "closes"]


class PulseQuestionFilterSet(BeatbookFilterSet):
    search_fields = ("text_zh", "text_en")

    class Meta:
        model = PulseQuestion
        fields = ["survey"]
