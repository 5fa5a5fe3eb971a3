"""Makers of staff-support records for tests (and RESTRICTED instances for the URL-walking test)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from beatbook.core.models import HandlingCode
from beatbook.org.models import Staff
from beatbook.people.models import (
    Course,
    PulseQuestion,
    PulseSurvey,
    Qualification,
    TrainingAttendance,
    TrainingSession,
)

from .factories import make_objective, make_unit, restricted_factory, unique


def make_staff(unit=None, **extra) -> Staff:
    defaults = {"display_name": unique("Officer "), "rank_class": "regular"}
    defaults.update(extra)
    return Staff.objects.create(unit=unit or make_unit(), **defaults)


def make_course(**extra) -> Course:
    defaults = {"title_zh": unique("課程"), "title_en": unique("Course "), "hours": Decimal("4")}
    defaults.update(extra)
    objective = defaults.pop("objective", None) or make_objective(code=unique("MP-STAFF-T"))
    return Course.objects.create(objective=objective, **defaults)


def make_session(course=None, **extra) -> TrainingSession:
    defaults = {"date": dt.date(2024, 4, 1), "venue": unique("Room ")}
    defaults.update(extra)
    unit = defaults.pop("unit", None) or make_unit()
    return TrainingSession.objects.create(course=course or make_course(), unit=unit, **defaults)


def make_attendance(session=None, staff=None, **extra) -> TrainingAttendance:
    return TrainingAttendance.objects.create(
        session=session or make_session(), staff=staff or make_staff(), **extra
    )


def make_qualification(staff=None, **extra) -> Qualification:
    defaults = {"kind": "first_aid", "obtained_on": dt.date(2023, 1, 1), "expires_on": dt.date(2026, 1, 1)}
    defaults.update(extra)
    return Qualification.objects.create(staff=staff or make_staff(), **defaults)


def make_survey(unit=None, questions: int = 2, **extra) -> PulseSurvey:
    defaults = {
        "title_zh": unique("調查"),
        "title_en": unique("Pulse "),
        "opens_on": dt.date(2024, 9, 1),
        "closes_on": dt.date(2024, 9, 30),
    }
    defaults.update(extra)
    objective = defaults.pop("objective", None) or make_objective(code=unique("MP-STAFF-T"))
    survey = PulseSurvey.objects.create(unit=unit or make_unit(), objective=objective, **defaults)
    for i in range(questions):
        PulseQuestion.objects.create(
            survey=survey, order=i + 1, text_zh=f"問題{i + 1}", text_en=f"Question {i + 1}"
        )
    return survey


def make_question(survey=None, **extra) -> PulseQuestion:
    defaults = {"order": 9, "text_zh": unique("問題"), "text_en": unique("Question ")}
    defaults.update(extra)
    # A question takes its survey's handling code, so a restricted one needs a restricted survey.
    survey = survey or make_survey(
        questions=0, handling_code=defaults.get("handling_code", HandlingCode.NORMAL)
    )
    return PulseQuestion.objects.create(survey=survey, **defaults)


for _model, _maker in (
    (Course, make_course),
    (TrainingSession, make_session),
    (TrainingAttendance, make_attendance),
    (Qualification, make_qualification),
    (PulseSurvey, make_survey),
    (PulseQuestion, make_question),
):
    restricted_factory(_model)(lambda maker=_maker: maker(handling_code=HandlingCode.RESTRICTED))


def make_participation(exercise=None, staff=None, **extra):
    from beatbook.people.models import ExerciseParticipation

    from .factories_readiness import make_exercise

    exercise = exercise or make_exercise(status="held", held_date=dt.date(2024, 5, 1))
    defaults = {"hours": Decimal("3")}
    defaults.update(extra)
    return ExerciseParticipation.objects.create(exercise=exercise, staff=staff or make_staff(), **defaults)


def _register_participation() -> None:
    from beatbook.people.models import ExerciseParticipation

    restricted_factory(ExerciseParticipation)(
        lambda: make_participation(handling_code=HandlingCode.RESTRICTED)
    )


_register_participation()
