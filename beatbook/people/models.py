"""Staff support: training courses and attendance, qualifications with expiry, and anonymous pulse surveys.

Pulse-survey answers are deliberately NOT ``BeatbookModel`` rows: they carry no user, no timestamp and a
random id, and the audit log never records them, so nothing links an answer to the person who gave it.
A separate receipt (who has answered, for one answer per person) is kept apart from the answers.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beatbook.core.models import BeatbookModel, BilingualMixin

# Results of a unit are shown only when at least this many people answered (anonymity threshold).
MIN_RESPONSES = 5


class Course(BilingualMixin, BeatbookModel):
    """A training course: what it teaches, how long it is and which plan objective it serves."""

    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(500)],
    )
    objective = models.ForeignKey(
        "plan.Objective", on_delete=models.PROTECT, related_name="courses", verbose_name=_("objective")
    )
    description = models.TextField(_("description"), max_length=5000, blank=True)

    class Meta:
        ordering = ["title_zh"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.tr("title")


class TrainingSession(BeatbookModel):
    """One run of a course on a date, hosted by a unit."""

    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("course")
    )
    date = models.DateField(_("date"), db_index=True)
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("host unit")
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    trainer = models.CharField(_("trainer"), max_length=120, blank=True)

    objective_field = "course__objective"
    unit_scope_field = "unit"

    class Meta:
        ordering = ["-date"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def __str__(self) -> str:
        return f"{self.date} {self.course}"


class TrainingAttendance(BeatbookModel):
    """A member of staff attended a training session."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("session")
    )
    staff = models.ForeignKey(
        "org.Staff", on_delete=models.CASCADE, related_name="+", verbose_name=_("staff member")
    )

    objective_field = "session__course__objective"
    unit_scope_field = "staff__unit"

    class Meta:
        ordering = ["-session__date"]
        verbose_name = _("training attendance")
        verbose_name_plural = _("training attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "staff"], name="people_attend_session_once")
        ]

    def __str__(self) -> str:
        return f"{self.session} · {self.staff}"

    def clean(self) -> None:
        if self.session_id and self.session.date > timezone.localdate():
            raise ValidationError({"session": _("Attendance is recorded once the session has taken place.")})


class ExerciseParticipation(BeatbookModel):
    """Taking part in a readiness exercise counts as training (the exercise is linked, not copied)."""

    exercise = models.ForeignKey(
        "readiness.Exercise",
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("exercise"),
    )
    staff = models.ForeignKey(
        "org.Staff", on_delete=models.CASCADE, related_name="+", verbose_name=_("staff member")
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(72)],
    )

    objective_field = "exercise__objective"
    unit_scope_field = "staff__unit"

    class Meta:
        ordering = ["-exercise__held_date"]
        verbose_name = _("exercise participation")
        verbose_name_plural = _("exercise participation")
        constraints = [models.UniqueConstraint(fields=["exercise", "staff"], name="people_take_part_once")]

    def __str__(self) -> str:
        return f"{self.exercise} · {self.staff}"

    def clean(self) -> None:
        if self.exercise_id and not self.exercise.held_date:
            raise ValidationError({"exercise": _("Only an exercise that has been held counts as training.")})


class QualificationKind(models.TextChoices):
    FIREARMS = "firearms", _("Firearms")
    FIRST_AID = "first_aid", _("First aid")
    DRIVING = "driving", _("Police driving")
    CT_AWARENESS = "ct_awareness", _("Counter-terrorism awareness")
    PUBLIC_ORDER = "public_order", _("Public-order tactics")
    OTHER = "other", _("Other")


class Qualification(BeatbookModel):
    """A qualification a member of staff holds, with its expiry (reminders at 60 and 14 days)."""

    staff = models.ForeignKey(
        "org.Staff", on_delete=models.CASCADE, related_name="qualifications", verbose_name=_("staff member")
    )
    kind = models.CharField(_("qualification"), max_length=16, choices=QualificationKind.choices)
    obtained_on = models.DateField(_("obtained"))
    expires_on = models.DateField(_("expires"), null=True, blank=True, db_index=True)

    objective_field = None
    unit_scope_field = "staff__unit"

    class Meta:
        ordering = ["expires_on"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")

    def __str__(self) -> str:
        return f"{self.staff} · {self.get_kind_display()}"

    def clean(self) -> None:
        errors = {}
        if self.obtained_on and self.obtained_on > timezone.localdate():
            errors["obtained_on"] = _("A qualification cannot be obtained in the future.")
        if self.obtained_on and self.expires_on and self.expires_on <= self.obtained_on:
            errors["expires_on"] = _("A qualification must expire after it is obtained.")
        if errors:
            raise ValidationError(errors)

    def state(self, today=None) -> str:
        """current / expiring (within 60 days) / expired."""
        today = today or timezone.localdate()
        if self.expires_on is None:
            return "current"
        if self.expires_on < today:
            return "expired"
        return "expiring" if (self.expires_on - today).days <= 60 else "current"


class ReminderSent(models.Model):
    """Idempotence of expiry reminders: one e-mail per qualification and lead time."""

    qualification = models.ForeignKey(Qualification, on_delete=models.CASCADE, related_name="+")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["qualification", "days_before"], name="people_one_reminder_per_lead_time"
            )
        ]


class PulseSurvey(BilingualMixin, BeatbookModel):
    """An anonymous morale and belonging survey, open for a period, for one unit and those under it."""

    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit surveyed")
    )
    objective = models.ForeignKey(
        "plan.Objective", on_delete=models.PROTECT, related_name="pulse_surveys", verbose_name=_("objective")
    )
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))

    unit_scope_field = "unit"

    class Meta:
        ordering = ["-opens_on"]
        verbose_name = _("pulse survey")
        verbose_name_plural = _("pulse surveys")
        permissions = [("read_pulse_comments", _("Can read the free-text comments of pulse surveys"))]

    def __str__(self) -> str:
        return self.tr("title")

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The survey cannot close before it opens.")})

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on


class PulseQuestion(BilingualMixin, BeatbookModel):
    """A 1-5 question of a survey (1 = strongly disagree, 5 = strongly agree)."""

    survey = models.ForeignKey(
        PulseSurvey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    text_zh = models.CharField(_("question (Chinese)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300, blank=True)

    objective_field = "survey__objective"
    unit_scope_field = "survey__unit"

    class Meta:
        ordering = ["survey", "order"]
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")

    def __str__(self) -> str:
        return self.tr("text")

    def save(self, *args, **kwargs):
        # A question is part of its survey: it is exactly as restricted as the survey.
        if self.survey_id:
            self.handling_code = self.survey.handling_code
        super().save(*args, **kwargs)


class PulseReceipt(models.Model):
    """Who has answered a survey (one answer each); never linked to the answer itself."""

    survey = models.ForeignKey(PulseSurvey, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="people_one_answer_per_person")
        ]


class PulseResponse(models.Model):
    """One anonymous answer: the respondent's unit, the scores and an optional comment. No user, no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(PulseSurvey, on_delete=models.CASCADE, related_name="responses")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(max_length=2000, blank=True)
    is_synthetic = models.BooleanField(default=False)

    class Meta:
        # Random ids: listing by id reveals nothing about the order in which people answered.
        ordering = ["id"]


class PulseScore(models.Model):
    """One 1-5 score of an anonymous answer."""

    response = models.ForeignKey(PulseResponse, on_delete=models.CASCADE, related_name="scores")
    question = models.ForeignKey(PulseQuestion, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="people_one_score_per_question")
        ]
