"""Demo: load the Mong Kok 2024 plan and a year of synthetic activities, journal notes and readings."""

from __future__ import annotations

import datetime as dt

from beatbook.core.models import HandlingCode
from beatbook.org.models import Unit

from .loader import load_plan
from .models import Activity, ActivityKind, Indicator, IndicatorReading, JournalEntry, Objective

ORDER = 10

# Activity types and outputs typical of each plan area (by area-id prefix).
AREA_ACTIVITY = {
    "AP-NATSEC": [(ActivityKind.MEETING, {"intelligence_reports": (1, 6)})],
    "AP-VIOLENT": [
        (ActivityKind.OPERATION, {"arrests": (0, 8)}),
        (ActivityKind.PATROL, {"patrol_hours": (10, 60)}),
    ],
    "AP-TRIAD": [(ActivityKind.OPERATION, {"arrests": (1, 12)})],
    "AP-DRUGS": [
        (ActivityKind.OPERATION, {"arrests": (1, 10)}),
        (ActivityKind.TALK, {"talks": (1, 3), "participants": (30, 200)}),
    ],
    "AP-FRAUD": [
        (ActivityKind.TALK, {"talks": (1, 4), "participants": (20, 300)}),
        (ActivityKind.PATROL, {"patrol_hours": (8, 40)}),
    ],
    "AP-CYBER": [(ActivityKind.TALK, {"talks": (1, 3), "participants": (20, 150)})],
    "AP-SAFETY": [
        (ActivityKind.ENFORCEMENT, {"vehicles_checked": (50, 400), "summonses": (5, 80), "arrests": (0, 4)}),
        (ActivityKind.EXERCISE, {"participants": (10, 80)}),
    ],
    "AP-CT": [
        (ActivityKind.EXERCISE, {"participants": (10, 60)}),
        (ActivityKind.TALK, {"talks": (1, 2), "participants": (20, 100)}),
    ],
    "MP-": [(ActivityKind.MEETING, {"participants": (5, 40)}), (ActivityKind.VISIT, {"visits": (1, 10)})],
    "PG-": [
        (ActivityKind.TALK, {"talks": (1, 2), "participants": (10, 80)}),
        (ActivityKind.TRAINING, {"participants": (8, 40)}),
    ],
}
TITLES = {
    ActivityKind.MEETING: ("聯絡會議", "Liaison meeting"),
    ActivityKind.OPERATION: ("情報主導行動", "Intelligence-led operation"),
    ActivityKind.PATROL: ("黑點巡邏", "Blackspot patrol"),
    ActivityKind.TALK: ("防罪講座", "Crime-prevention talk"),
    ActivityKind.ENFORCEMENT: ("交通執法行動", "Traffic enforcement operation"),
    ActivityKind.EXERCISE: ("跨部門演習", "Multi-agency exercise"),
    ActivityKind.VISIT: ("探訪持份者", "Stakeholder visit"),
    ActivityKind.TRAINING: ("訓練環節", "Training session"),
}


def _profile(code: str):
    for prefix, profile in AREA_ACTIVITY.items():
        if code.startswith(prefix):
            return profile
    return [(ActivityKind.OTHER, {})]


def load(ctx) -> None:
    report = load_plan()
    ctx.say(f"  plan: {report.plan.slug} ({report.summary()})")
    if Activity.objects.filter(is_synthetic=True, source="demo:plan").exists():
        return
    rng = ctx.rng
    units = {u.code: u for u in Unit.objects.all()}
    fallback = next(iter(units.values()))
    year = report.plan.year
    start = dt.date(year, 1, 1)
    end = min(dt.date(year, 12, 31), ctx.today)
    days = (end - start).days + 1
    activities = []
    for objective in Objective.objects.filter(area__plan=report.plan).prefetch_related("owners"):
        owners = list(objective.owners.all()) or [fallback]
        profile = _profile(objective.code)
        restricted = objective.code.startswith(("AP-NATSEC", "AP-TRIAD", "AP-CT-RESP"))
        for _ in range(rng.randint(6, 18)):
            kind, outputs = rng.choice(profile)
            title_zh, title_en = TITLES.get(kind, ("其他工作", "Other work"))
            activities.append(
                Activity(
                    objective=objective,
                    date=start + dt.timedelta(days=rng.randrange(days)),
                    unit=rng.choice(owners),
                    kind=kind,
                    title=f"{title_zh} {title_en}",
                    outputs={k: rng.randint(lo, hi) for k, (lo, hi) in outputs.items()},
                    notes="示範資料（合成） Synthetic demo record.",
                    is_synthetic=True,
                    source="demo:plan",
                    handling_code=HandlingCode.RESTRICTED
                    if restricted and rng.random() < 0.5
                    else HandlingCode.NORMAL,
                )
            )
    activities += _activities_for_indicators(ctx, start, days, fallback)
    Activity.objects.bulk_create(activities)
    ctx.say(f"  plan: {len(activities)} synthetic activities over {year}")

    notes = [
        ("on_track", "本季按計劃推展。", "Progressing to plan this quarter."),
        ("at_risk", "人手緊張，部分工作延後。", "Manpower is tight; some work deferred."),
        ("on_track", "與持份者合作良好。", "Good cooperation with stakeholders."),
    ]
    entries = []
    for objective in Objective.objects.filter(area__plan=report.plan):
        for month in (3, 6, 9, 12):
            date = dt.date(year, month, 28)
            if date > ctx.today:
                break
            assessment, zh, en = rng.choice(notes)
            entries.append(
                JournalEntry(
                    objective=objective,
                    date=date,
                    assessment=assessment,
                    text=f"{zh}\n{en}\n（合成示範資料 synthetic）",
                    is_synthetic=True,
                )
            )
    JournalEntry.objects.bulk_create(entries)

    readings = []
    for indicator in Indicator.objects.filter(computation="manual"):
        target = indicator.target if indicator.target is not None else 10.0
        baseline = indicator.baseline or 0.0
        for month in range(1, 13):
            date = dt.date(year, month, 1) + dt.timedelta(days=27)
            if date > ctx.today or not (indicator.period_start <= date <= indicator.period_end):
                continue
            progress = month / 12 * rng.uniform(0.8, 1.15)
            readings.append(
                IndicatorReading(
                    indicator=indicator,
                    date=date,
                    is_synthetic=True,
                    value=round(baseline + (target - baseline) * progress, 2),
                    note="synthetic demo reading",
                )
            )
    IndicatorReading.objects.bulk_create(readings)


def _activities_for_indicators(ctx, start: dt.date, days: int, fallback) -> list[Activity]:
    """Activities that feed the activity-based indicators, at 70-115% of their target pace, so the
    commander's view shows a realistic mix of on-track and lagging items."""
    rng = ctx.rng
    made = []
    indicators = Indicator.objects.filter(computation__in=["activities.count", "activities.output_sum"])
    for indicator in indicators.select_related("objective").prefetch_related("objective__owners"):
        target = indicator.target or 0
        if target <= 0:
            continue
        owners = list(indicator.objective.owners.all()) or [fallback]
        params = indicator.computation_params or {}
        kind = params.get("kind") or ActivityKind.OTHER
        goal = target * rng.uniform(0.7, 1.15)
        if indicator.computation == "activities.count":
            n, per = max(1, round(goal)), None
        else:
            n = rng.randint(6, 14)
            per = max(1, round(goal / n))
        title_zh, title_en = TITLES.get(kind, ("其他工作", "Other work"))
        for _ in range(min(n, 400)):
            outputs = {params.get("output", "participants"): per} if per else {}
            made.append(
                Activity(
                    objective=indicator.objective,
                    date=start + dt.timedelta(days=rng.randrange(days)),
                    unit=rng.choice(owners),
                    kind=kind,
                    title=f"{title_zh} {title_en}",
                    outputs=outputs,
                    notes="示範資料（合成） Synthetic demo record.",
                    is_synthetic=True,
                    source="demo:plan",
                )
            )
    return made
