from django import forms
from django.utils.translation import gettext_lazy as _

from beatbook.core.forms import BeatbookModelForm

from .models import (
    Course,
    ExerciseParticipation,
    PulseQuestion,
    PulseSurvey,
    Qualification,
    TrainingAttendance,
    TrainingSession,
)


class CourseForm(BeatbookModelForm):
    class Meta:
        model = Course
        fields = ["title_zh", "title_en", "hours", "objective", "description", "handling_code"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class TrainingSessionForm(BeatbookModelForm):
    class Meta:
        model = TrainingSession
        fields = ["course", "date", "unit", "venue", "trainer", "handling_code"]


class TrainingAttendanceForm(BeatbookModelForm):
    class Meta:
        model = TrainingAttendance
        fields = ["session", "staff", "handling_code"]


class ExerciseParticipationForm(BeatbookModelForm):
    class Meta:
        model = ExerciseParticipation
        fields = ["exercise", "staff", "hours", "handling_code"]


class QualificationForm(BeatbookModelForm):
    class Meta:
        model = Qualification
        fields = ["staff", "kind", "obtained_on", "expires_on", "handling_code"]


class PulseSurveyForm(BeatbookModelForm):
    class Meta:
        model = PulseSurvey
        fields = ["title_zh", "title_en", "unit", "objective", "opens_on", "closes_on", "handling_code"]


class PulseQuestionForm(BeatbookModelForm):
    class Meta:
        model = PulseQuestion
        fields = ["survey", "order", "text_zh", "text_en"]


class PulseAnswerForm(forms.Form):
    """One 1-5 choice per question plus an optional comment (built from the survey's questions)."""

    SCALE = [(str(i), str(i)) for i in range(1, 6)]

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[f"q{question.pk}"] = forms.ChoiceField(
                label=question.tr("text"), choices=self.SCALE, widget=forms.RadioSelect
            )
        self.fields["comment"] = forms.CharField(
            label=_("Anything else you want to tell us (optional, anonymous)"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    def scores(self) -> dict[int, int]:
        return {int(k[1:]): int(v) for k, v in self.cleaned_data.items() if k.startswith("q")}
