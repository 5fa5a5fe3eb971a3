"""Access and audit for every staff-support model (generic cases)."""

from beatbook.testing import factories_people as fp
from beatbook.testing.generic import ModelAccessTestCase

from ..models import (
    Course,
    ExerciseParticipation,
    PulseQuestion,
    PulseSurvey,
    Qualification,
    TrainingAttendance,
    TrainingSession,
)


def _case(model_class, url: str, maker, marker_field=None, change=None):
    def make(self, **extra):
        return maker(**extra)

    def change_obj(self, obj):
        change(obj)
        obj.save()

    return type(
        f"Test{model_class.__name__}Access",
        (ModelAccessTestCase,),
        {
            "model": model_class,
            "list_url": f"people:{url}_list",
            "detail_url": f"people:{url}_detail",
            "api_list_url": f"people-api:{url}-list",
            "api_detail_url": f"people-api:{url}-detail",
            "marker_field": marker_field,
            "make": make,
            "change": change_obj,
        },
    )


def _set(**values):
    return lambda obj: [setattr(obj, k, v) for k, v in values.items()]


TestCourseAccess = _case(Course, "course", fp.make_course, "title_zh", _set(hours=6))
TestTrainingSessionAccess = _case(
    TrainingSession, "trainingsession", fp.make_session, "venue", _set(trainer="T")
)
TestTrainingAttendanceAccess = _case(
    TrainingAttendance,
    "trainingattendance",
    fp.make_attendance,
    "staff",
    lambda obj: setattr(obj, "staff", fp.make_staff()),
)
TestQualificationAccess = _case(
    Qualification, "qualification", fp.make_qualification, "staff", _set(kind="firearms")
)
TestPulseSurveyAccess = _case(
    PulseSurvey, "pulsesurvey", fp.make_survey, "title_zh", _set(title_en="Renamed")
)
TestPulseQuestionAccess = _case(PulseQuestion, "pulsequestion", fp.make_question, "text_zh", _set(order=3))
TestExerciseParticipationAccess = _case(
    ExerciseParticipation, "exerciseparticipation", fp.make_participation, "staff", _set(hours=5)
)
