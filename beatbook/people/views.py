"""Staff-support pages: courses, sessions and attendance, qualifications, unit training page, pulse surveys."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from beatbook.audit import recorder
from beatbook.core import views as generic
from beatbook.org.models import Unit

from . import filtersets, forms, services, tables
from .models import (
    MIN_RESPONSES,
    Course,
    ExerciseParticipation,
    PulseQuestion,
    PulseSurvey,
    Qualification,
    TrainingAttendance,
    TrainingSession,
)


def _crud(model, form, filterset, table, related=()):
    """The four generic views of one model (list, detail, edit, delete)."""
    queryset = model.objects.select_related(*related)
    attrs = {"queryset": queryset}
    return (
        type(
            f"{model.__name__}ListView",
            (generic.ObjectListView,),
            {**attrs, "filterset": filterset, "table": table},
        ),
        type(f"{model.__name__}DetailView", (generic.ObjectDetailView,), attrs),
        type(f"{model.__name__}EditView", (generic.ObjectEditView,), {**attrs, "form": form}),
        type(f"{model.__name__}DeleteView", (generic.ObjectDeleteView,), attrs),
    )


CourseListView, CourseDetailView, CourseEditView, CourseDeleteView = _crud(
    Course, forms.CourseForm, filtersets.CourseFilterSet, tables.CourseTable, ("objective",)
)
TrainingSessionListView, TrainingSessionDetailView, TrainingSessionEditView, TrainingSessionDeleteView = (
    _crud(
        TrainingSession,
        forms.TrainingSessionForm,
        filtersets.TrainingSessionFilterSet,
        tables.TrainingSessionTable,
        ("course", "unit"),
    )
)
(
    TrainingAttendanceListView,
    TrainingAttendanceDetailView,
    TrainingAttendanceEditView,
    TrainingAttendanceDeleteView,
) = _crud(
    TrainingAttendance,
    forms.TrainingAttendanceForm,
    filtersets.TrainingAttendanceFilterSet,
    tables.TrainingAttendanceTable,
    ("session__course", "staff"),
)
(
    ExerciseParticipationListView,
    ExerciseParticipationDetailView,
    ExerciseParticipationEditView,
    ExerciseParticipationDeleteView,
) = _crud(
    ExerciseParticipation,
    forms.ExerciseParticipationForm,
    filtersets.ExerciseParticipationFilterSet,
    tables.ExerciseParticipationTable,
    ("exercise", "staff"),
)
QualificationListView, _QualificationDetail, QualificationEditView, QualificationDeleteView = _crud(
    Qualification,
    forms.QualificationForm,
    filtersets.QualificationFilterSet,
    tables.QualificationTable,
    ("staff",),
)
PulseSurveyListView, _SurveyDetail, PulseSurveyEditView, PulseSurveyDeleteView = _crud(
    PulseSurvey, forms.PulseSurveyForm, filtersets.PulseSurveyFilterSet, tables.PulseSurveyTable, ("unit",)
)
PulseQuestionListView, PulseQuestionDetailView, PulseQuestionEditView, PulseQuestionDeleteView = _crud(
    PulseQuestion,
    forms.PulseQuestionForm,
    filtersets.PulseQuestionFilterSet,
    tables.PulseQuestionTable,
    ("survey",),
)


class PulseSurveyDetailView(_SurveyDetail):
    """Results per unit, only where at least MIN_RESPONSES people answered; comments for the commander."""

    def get_extra_context(self, obj):
        return {
            "results": services.results(obj, self.request.user),
            "min_responses": MIN_RESPONSES,
            "questions": PulseQuestion.objects.filter(survey=obj),
        }


class QualificationDetailView(_QualificationDetail):
    """A member of staff's qualification is personal data: each view is audited."""

    def get_extra_context(self, obj):
        if not obj.is_restricted:  # restricted reads are already recorded by the generic view
            recorder.record_personal_data_view(obj)
        return {}


@login_required
def answer(request, pk: int):
    """The anonymous answer form: any member of staff of the surveyed unit, once."""
    survey = get_object_or_404(PulseSurvey.objects.visible_to(request.user), pk=pk)
    questions = list(PulseQuestion.objects.filter(survey=survey))
    form = forms.PulseAnswerForm(request.POST or None, questions=questions)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_answer(survey, request.user, form.scores(), form.cleaned_data["comment"])
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Thank you. Your answer was recorded without your name."))
            return redirect("core:home")
    return render(
        request,
        "people/answer.html",
        {"survey": survey, "form": form, "error": error, "min_responses": MIN_RESPONSES},
    )


answer.model = PulseSurvey


@login_required
def unit_training(request, code: str):
    """Hours of training per officer this year and expired or expiring qualifications, for one unit."""
    if not request.user.has_perm("people.view_qualification"):
        raise PermissionDenied
    unit = get_object_or_404(Unit.objects.visible_to(request.user), code=code)
    year = timezone.localdate().year
    rows = services.unit_training(unit, request.user, year)
    # One audit entry per page view: the unit's staff training records were read.
    recorder.record_personal_data_view(unit)
    return render(
        request,
        "people/unit_training.html",
        {"unit": unit, "rows": rows, "year": year, "states": tables.QUALIFICATION_STATES},
    )


unit_training.model = Unit  # the URL walker fills <code> from a unit
