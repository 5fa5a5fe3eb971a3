"""Write rules and figures of staff support: pulse answers, survey results, training hours, reminders."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from beatbook.org.models import Staff, Unit

from .models import (
    MIN_RESPONSES,
    ExerciseParticipation,
    PulseQuestion,
    PulseReceipt,
    PulseResponse,
    PulseScore,
    PulseSurvey,
    Qualification,
    ReminderSent,
    TrainingAttendance,
)

REMINDER_DAYS = (60, 14)


# -- pulse surveys ------------------------------------------------------------------------------------
def respondent_unit(survey: PulseSurvey, user) -> Unit:
    """The unit an answer is counted under: the user's own unit, which must be in the surveyed unit."""
    staff = Staff.objects.filter(user=user, active=True).select_related("unit").first()
    if staff is None:
        raise ValidationError(_("Only staff members of the surveyed unit can answer this survey."))
    if staff.unit_id not in Unit.descendant_ids([survey.unit_id]):
        raise ValidationError(_("Only staff members of the surveyed unit can answer this survey."))
    return staff.unit


@transaction.atomic
def submit_answer(survey: PulseSurvey, user, scores: dict, comment: str = "", today=None) -> None:
    """Record one anonymous answer; refuses a second answer, a closed survey or missing/invalid scores.

    The receipt (who answered) and the answer (what was said) are written separately and share no key.
    """
    if not survey.is_open(today):
        raise ValidationError(_("This survey is not open."))
    unit = respondent_unit(survey, user)
    questions = list(PulseQuestion.objects.filter(survey=survey))
    clean: dict[int, int] = {}
    for question in questions:
        raw = scores.get(question.pk, scores.get(str(question.pk)))
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = 0
        if not 1 <= value <= 5:
            raise ValidationError(_("Answer every question with a score from 1 to 5."))
        clean[question.pk] = value
    if not questions:
        raise ValidationError(_("This survey has no questions yet."))
    comment = (comment or "").strip()
    if len(comment) > 2000:
        raise ValidationError(_("Keep the comment under 2,000 characters."))
    try:
        with transaction.atomic():
            PulseReceipt.objects.create(survey=survey, user=user)
    except IntegrityError:
        raise ValidationError(_("You have already answered this survey."))
    response = PulseResponse.objects.create(survey=survey, unit=unit, comment=comment)
    PulseScore.objects.bulk_create(
        PulseScore(response=response, question_id=q, score=v) for q, v in clean.items()
    )


@dataclass
class UnitResult:
    """Results of one unit: shown only with at least MIN_RESPONSES answers."""

    unit: Unit
    responses: int
    shown: bool
    means: list[tuple[PulseQuestion, float]] = field(default_factory=list)


@dataclass
class SurveyResults:
    survey: PulseSurvey
    staff: int  # active staff in the surveyed units
    responses: int
    units: list[UnitResult]
    comments: list[str] | None  # None: the viewer may not read comments


def results(survey: PulseSurvey, user, rng: random.Random | None = None) -> SurveyResults:
    """Per-unit means, suppressed below the anonymity threshold; comments only for those allowed."""
    questions = list(PulseQuestion.objects.filter(survey=survey))
    unit_ids = Unit.descendant_ids([survey.unit_id])
    counts = dict(
        PulseResponse.objects.filter(survey=survey)
        .values_list("unit")
        .annotate(n=Count("id"))
        .values_list("unit", "n")
    )
    rows = []
    for unit in Unit.objects.filter(pk__in=counts).order_by("code"):
        n = counts[unit.pk]
        row = UnitResult(unit, n, n >= MIN_RESPONSES)
        if row.shown:
            means = dict(
                PulseScore.objects.filter(response__survey=survey, response__unit=unit)
                .values_list("question")
                .annotate(m=Avg("score"))
                .values_list("question", "m")
            )
            row.means = [(q, round(float(means.get(q.pk, 0)), 2)) for q in questions]
        rows.append(row)
    comments = None
    if user.has_perm("people.read_pulse_comments"):
        shown_units = [r.unit.pk for r in rows if r.shown]
        comments = list(
            PulseResponse.objects.filter(survey=survey, unit__in=shown_units)
            .exclude(comment="")
            .values_list("comment", flat=True)
        )
        # Shuffled so the order says nothing about who answered when.
        (rng or random.SystemRandom()).shuffle(comments)
    staff = Staff.objects.filter(unit__in=unit_ids, active=True).count()
    return SurveyResults(survey, staff, sum(counts.values()), rows, comments)


# -- training -------------------------------------------------------------------------------------------
@dataclass
class StaffTraining:
    staff: Staff
    hours: Decimal
    qualifications: list[Qualification]


def training_hours(staff_ids, start: dt.date, end: dt.date) -> dict[int, Decimal]:
    """Hours of training per staff id in the period: courses attended plus readiness exercises taken part in."""
    hours: dict[int, Decimal] = {}
    courses = (
        TrainingAttendance.objects.filter(staff__in=staff_ids, session__date__range=(start, end))
        .values("staff")
        .annotate(h=Sum("session__course__hours"))
    )
    exercises = (
        ExerciseParticipation.objects.filter(staff__in=staff_ids, exercise__held_date__range=(start, end))
        .values("staff")
        .annotate(h=Sum("hours"))
    )
    for row in list(courses) + list(exercises):
        hours[row["staff"]] = hours.get(row["staff"], Decimal(0)) + (row["h"] or Decimal(0))
    return hours


def unit_training(unit: Unit, user, year: int, today: dt.date | None = None) -> list[StaffTraining]:
    """Each active member of staff of the unit (and units under it) the user may see: hours this year
    and qualifications that are expired or expire within 60 days."""
    today = today or timezone.localdate()
    staff = list(
        Staff.objects.visible_to(user)
        .filter(unit__in=Unit.descendant_ids([unit.pk]), active=True)
        .select_related("unit")
        .order_by("unit__code", "display_name")
    )
    hours = training_hours([s.pk for s in staff], dt.date(year, 1, 1), dt.date(year, 12, 31))
    watch = Qualification.objects.visible_to(user).filter(
        staff__in=staff, expires_on__lte=today + dt.timedelta(days=60)
    )
    by_staff: dict[int, list[Qualification]] = {}
    for q in watch:
        by_staff.setdefault(q.staff_id, []).append(q)
    return [StaffTraining(s, hours.get(s.pk, Decimal(0)), by_staff.get(s.pk, [])) for s in staff]


def send_expiry_reminders(today: dt.date | None = None) -> int:
    """E-mail staff whose qualification expires within 60 and 14 days; once per qualification and lead time.

    Idempotent: a retry or a second run the same day sends nothing new.
    """
    today = today or timezone.localdate()
    sent = 0
    for days in REMINDER_DAYS:
        due = Qualification.objects.filter(
            expires_on__gte=today, expires_on__lte=today + dt.timedelta(days=days), staff__active=True
        ).select_related("staff__user")
        for qualification in due:
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(qualification=qualification, days_before=days)
            except IntegrityError:
                continue
            user = qualification.staff.user
            if user is None or not user.email:
                continue
            left = (qualification.expires_on - today).days
            send_mail(
                _("[Beatbook] Your qualification expires in %(days)s days") % {"days": left},
                _("%(kind)s expires on %(date)s. Book a refresher with Training and Welfare.")
                % {"kind": qualification.get_kind_display(), "date": qualification.expires_on.isoformat()},
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
            )
            sent += 1
    return sent
