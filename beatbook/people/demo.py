"""Demo: synthetic courses, sessions, attendance, qualifications, exercise participation and pulse surveys."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from beatbook.org.models import Staff, Unit
from beatbook.plan.models import Objective, Plan

from .models import (
    Course,
    ExerciseParticipation,
    PulseQuestion,
    PulseResponse,
    PulseScore,
    PulseSurvey,
    Qualification,
    TrainingAttendance,
    TrainingSession,
)

ORDER = 90  # after community (staff) and readiness (exercises)

COURSES = [
    ("槍械複修訓練（示範）", "Firearms refresher (synthetic)", "4"),
    ("急救證書課程（示範）", "First-aid certificate (synthetic)", "14"),
    ("反恐意識工作坊（示範）", "Counter-terrorism awareness workshop (synthetic)", "3"),
    ("公眾秩序戰術（示範）", "Public-order tactics (synthetic)", "8"),
    ("誠信及操守講座（示範）", "Integrity and conduct talk (synthetic)", "2"),
]
QUESTIONS = [
    ("我為自己的單位感到自豪。", "I am proud of my unit."),
    ("我的上司支持我的專業發展。", "My supervisor supports my professional development."),
    ("我的工作量是可以應付的。", "My workload is manageable."),
    ("我知道有需要時可以向誰求助。", "I know where to turn for help when I need it."),
]
COMMENTS = [
    "更多彈性的更表安排會有幫助。 More flexible rostering would help.",
    "希望有更多進修機會。 I would like more chances for further study.",
    "裝備更新後工作輕鬆了。 The new kit made the job easier.",
]
VALIDITY_YEARS = {"firearms": 1, "first_aid": 3, "driving": 5, "ct_awareness": 2, "public_order": 2}


def load(ctx) -> None:
    if Course.objects.filter(is_synthetic=True).exists():
        return
    objective = Objective.objects.filter(code="MP-STAFF-1").first()
    staff = list(Staff.objects.filter(active=True).order_by("pk"))
    district = Unit.objects.filter(parent__isnull=True).order_by("pk").first()
    if objective is None or not staff or district is None:
        ctx.say("  people: plan objective MP-STAFF-1, staff or units missing; skipping")
        return
    rng, today = ctx.rng, ctx.today
    plan = Plan.objects.order_by("-year").first()
    years = sorted({plan.year if plan else today.year, today.year})
    courses = [
        Course.objects.create(
            title_zh=zh, title_en=en, hours=Decimal(h), objective=objective, is_synthetic=True
        )
        for zh, en, h in COURSES
    ]
    units = list(Unit.objects.all())
    sessions = attended = 0
    for year in years:
        for i in range(24):
            day = dt.date(year, 1, 8) + dt.timedelta(days=15 * i)
            if day > today:
                break
            session = TrainingSession.objects.create(
                course=courses[i % len(courses)],
                date=day,
                unit=rng.choice(units),
                venue="旺角警署訓練室 Mong Kok Police Station training room",
                trainer="訓練主任（示範） Training officer (synthetic)",
                is_synthetic=True,
            )
            sessions += 1
            for member in rng.sample(staff, min(len(staff), rng.randint(8, 16))):
                TrainingAttendance.objects.create(session=session, staff=member, is_synthetic=True)
                attended += 1
    quals = 0
    for member in staff:
        for kind, years_valid in VALIDITY_YEARS.items():
            if rng.random() < 0.45:
                continue
            obtained = today - dt.timedelta(days=rng.randint(30, 365 * years_valid + 120))
            Qualification.objects.create(
                staff=member,
                kind=kind,
                obtained_on=obtained,
                expires_on=obtained + dt.timedelta(days=365 * years_valid),
                is_synthetic=True,
            )
            quals += 1
    _exercise_participation(ctx, staff)
    _surveys(ctx, objective, district, staff, years)
    _link_demo_officer(staff)
    ctx.say(
        f"  people: {len(courses)} courses, {sessions} sessions, {attended} attendances, {quals} qualifications"
    )


def _exercise_participation(ctx, staff) -> None:
    try:
        from beatbook.readiness.models import Exercise
    except ImportError:  # readiness is an optional app
        return
    for exercise in Exercise.objects.filter(held_date__isnull=False):
        for member in ctx.rng.sample(staff, min(len(staff), 6)):
            ExerciseParticipation.objects.create(
                exercise=exercise,
                staff=member,
                hours=Decimal(ctx.rng.choice(["3", "4", "6"])),
                is_synthetic=True,
            )


def _surveys(ctx, objective, district, staff, years) -> None:
    """A closed survey each year (some units below the threshold) and one open now for the officer."""
    rng, today = ctx.rng, ctx.today
    for year in years:
        closes = min(dt.date(year, 10, 31), today - dt.timedelta(days=1))
        survey = PulseSurvey.objects.create(
            title_zh=f"{year}年士氣及歸屬感調查（示範）",
            title_en=f"Morale and belonging pulse {year} (synthetic)",
            unit=district,
            objective=objective,
            opens_on=closes - dt.timedelta(days=21),
            closes_on=closes,
            is_synthetic=True,
        )
        questions = [
            PulseQuestion.objects.create(survey=survey, order=i, text_zh=zh, text_en=en, is_synthetic=True)
            for i, (zh, en) in enumerate(QUESTIONS, start=1)
        ]
        for member in staff:
            if rng.random() < 0.4:
                continue
            response = PulseResponse.objects.create(
                survey=survey,
                unit=member.unit,
                comment=rng.choice(COMMENTS) if rng.random() < 0.25 else "",
                is_synthetic=True,
            )
            PulseScore.objects.bulk_create(
                PulseScore(response=response, question=q, score=min(5, max(1, round(rng.gauss(3.6, 0.9)))))
                for q in questions
            )
    current = PulseSurvey.objects.create(
        title_zh="本季士氣調查（示範）",
        title_en="This quarter's morale pulse (synthetic)",
        unit=district,
        objective=objective,
        opens_on=today - dt.timedelta(days=7),
        closes_on=today + dt.timedelta(days=14),
        is_synthetic=True,
    )
    for i, (zh, en) in enumerate(QUESTIONS, start=1):
        PulseQuestion.objects.create(survey=current, order=i, text_zh=zh, text_en=en, is_synthetic=True)


def _link_demo_officer(staff) -> None:
    """Give the demo officer a staff record so they can answer the open survey."""
    officer = get_user_model().objects.filter(username="officer").first()
    if officer is None or Staff.objects.filter(user=officer).exists():
        return
    free = next((s for s in staff if s.user_id is None), None)
    if free is not None:
        free.user = officer
        free.save(update_fields=["user"])
