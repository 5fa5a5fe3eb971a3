"""Demo: synthetic contingency plans with checklists (TC8*, WRAINB, WRAINR, WTS, EXTREME ...), exercises with
findings, and one past major incident with its log."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from beatbook.org.models import Unit
from beatbook.plan.models import Objective, Plan

from .models import ChecklistItem, ContingencyPlan, Exercise, Finding, IncidentEntry, MajorIncident

ORDER = 87

PLANS = [
    (
        "typhoon-8",
        "八號或以上熱帶氣旋警告信號應變計劃",
        "Tropical cyclone signal No. 8 or above",
        "TC8*,TC9,TC10",
        "commander,officer",
        [
            "啟動警區應變中心 Open the district emergency operations centre",
            "召集後備人手 Call in the reserve shifts",
            "巡查低窪及易受影響地區 Patrol low-lying and exposed areas",
            "與消防處及路政署聯絡 Liaise with FSD and HyD",
            "更新警區指揮官 Update the district commander",
        ],
    ),
    (
        "pre-8",
        "預警八號信號準備",
        "Pre-No. 8 preparation",
        "TC3,WTCPRE8",
        "officer",
        [
            "檢查裝備及車輛 Check equipment and vehicles",
            "通知大型活動主辦單位 Warn organisers of large events",
        ],
    ),
    (
        "black-rain",
        "黑色暴雨應變計劃",
        "Black rainstorm",
        "WRAINB",
        "commander,officer",
        [
            "封閉水浸隧道 Close flooded underpasses",
            "協助被困人士 Assist people trapped by flooding",
            "通知社署開放臨時庇護中心 Ask SWD to open temporary shelters",
        ],
    ),
    (
        "red-rain",
        "紅色暴雨應變計劃",
        "Red rainstorm",
        "WRAINR",
        "officer",
        ["巡查水浸黑點 Patrol flooding black spots", "準備沙包 Prepare sandbags"],
    ),
    (
        "thunderstorm",
        "雷暴警告應變",
        "Thunderstorm",
        "WTS",
        "officer",
        ["通知戶外活動主辦單位 Warn outdoor event organisers"],
    ),
    (
        "landslip",
        "山泥傾瀉警告應變",
        "Landslip warning",
        "WL",
        "officer",
        ["巡查斜坡 Inspect slopes near housing"],
    ),
    (
        "extreme",
        "極端情況應變計劃",
        "Extreme conditions (government announcement)",
        "EXTREME",
        "commander,officer",
        [
            "協調清理倒塌樹木 Coordinate clearing of fallen trees",
            "交通管制 Traffic control at blocked roads",
            "維持公共交通交匯處秩序 Keep order at public transport interchanges",
        ],
    ),
]


def load(ctx) -> None:
    if ContingencyPlan.objects.filter(is_synthetic=True).exists():
        return
    objectives = {o.code: o for o in Objective.objects.filter(code__regex=r"^AP-(SAFETY|CT)")}
    major = objectives.get("AP-SAFETY-MAJOR-1")
    plans, items = [], []
    for code, zh, en, triggers, roles, tasks in PLANS:
        plan = ContingencyPlan(
            code=code,
            title_zh=zh,
            title_en=en,
            triggers=triggers,
            notify_roles=roles,
            objective=major,
            description="示範資料（合成） Synthetic demo plan.",
            is_synthetic=True,
        )
        plans.append(plan)
        items.extend(
            ChecklistItem(plan=plan, order=i, text=t, role="officer", is_synthetic=True)
            for i, t in enumerate(tasks, 1)
        )
    ContingencyPlan.objects.bulk_create(plans)
    ChecklistItem.objects.bulk_create(items)
    ctx.say(f"  readiness: {len(plans)} synthetic contingency plans, {len(items)} checklist items")
    if not objectives:
        ctx.say("  readiness: plan not loaded; skipping exercises and incidents")
        return
    _exercises(ctx, objectives)
    _incident(ctx, objectives)


def _exercises(ctx, objectives) -> None:
    year, today = _plan_year(ctx), ctx.today
    units = list(Unit.objects.all()[:4])
    rows = [
        (
            "AP-SAFETY-MAJOR-1",
            "major_incident",
            "跨部門大型事故演習 Multi-agency major incident exercise",
            3,
            14,
            "FSD, HA, HyD, SWD",
        ),
        (
            "AP-SAFETY-MAJOR-1",
            "extreme_weather",
            "颱風應變演習 Typhoon response exercise",
            5,
            22,
            "HKO, HyD, SWD",
        ),
        (
            "AP-CT-READY-1",
            "counter_terrorism",
            "反恐桌面演習 Counter-terrorism tabletop exercise",
            2,
            27,
            "MTRCL, FSD",
        ),
        (
            "AP-CT-READY-1",
            "counter_terrorism",
            "反恐演習（港鐵站） Counter-terrorism exercise at an MTR station",
            8,
            19,
            "MTRCL, FSD, HA",
        ),
        ("AP-SAFETY-ORDER-2", "public_order", "處理公眾活動演習 Public order exercise", 4, 10, "PTU"),
        ("AP-SAFETY-ORDER-2", "public_order", "人群管理演習 Crowd management drill", 10, 8, "PTU, MTRCL"),
        ("AP-SAFETY-MAJOR-1", "major_incident", "樓宇倒塌演習 Building collapse drill", 11, 26, "FSD, BD"),
    ]
    exercises, findings = [], []
    for code, kind, title, month, day, agencies in rows:
        planned = dt.date(year, month, day)
        held = planned <= today
        exercise = Exercise(
            objective=objectives.get(code) or next(iter(objectives.values())),
            title=title,
            kind=kind,
            status="held" if held else "planned",
            planned_date=planned,
            held_date=planned if held else None,
            agencies=agencies,
            objectives_tested="Command and control; inter-agency communications; evacuation.",
            aar_date=planned + dt.timedelta(days=7) if held else None,
            aar_summary="示範資料（合成） Synthetic after-action review." if held else "",
            is_synthetic=True,
        )
        exercises.append(exercise)
    Exercise.objects.bulk_create(exercises)
    texts = [
        ("跨部門無線電頻道未能互通 Radios could not talk across agencies", "Agree a shared talk group"),
        ("疏散路線標示不清 Evacuation routes poorly signed", "Print route cards for first responders"),
        ("指揮站位置太近現場 Command post too close to the scene", "Pre-select command post sites"),
    ]
    for exercise in exercises:
        if exercise.status != "held":
            continue
        for i, (finding, action) in enumerate(texts[: ctx.rng.randint(1, 3)]):
            closed = ctx.rng.random() < 0.6 and exercise.held_date + dt.timedelta(days=30) <= today
            findings.append(
                Finding(
                    exercise=exercise,
                    finding=finding,
                    action=action,
                    owner=units[i % len(units)] if units else None,
                    due_date=exercise.held_date + dt.timedelta(days=60),
                    status="closed" if closed else "open",
                    closed_date=exercise.held_date + dt.timedelta(days=30) if closed else None,
                    closure_note="Done (synthetic)." if closed else "",
                    is_synthetic=True,
                )
            )
    Finding.objects.bulk_create(findings)
    ctx.say(f"  readiness: {len(exercises)} synthetic exercises, {len(findings)} findings")


def _incident(ctx, objectives) -> None:
    tz = timezone.get_current_timezone()
    start = dt.datetime(_plan_year(ctx), 2, 14, 15, 20, tzinfo=tz)
    incident = MajorIncident.objects.create(
        objective=objectives.get("AP-SAFETY-MAJOR-3") or next(iter(objectives.values())),
        title="唐樓棚架倒塌 Scaffolding collapse on a tenement building (synthetic)",
        occurred_at=start,
        location="Shanghai Street near Shantung Street",
        lat=22.3161,
        lon=114.1696,
        description="示範資料（合成） Synthetic demo incident.",
        agencies="FSD, HA, BD, HyD, SWD",
        evacuated=85,
        injured=4,
        killed=0,
        phase="normal",
        scene_handed_over_at=start + dt.timedelta(hours=5),
        scene_handed_over_to="Buildings Department",
        reopened_at=start + dt.timedelta(hours=6, minutes=30),
        normal_at=start + dt.timedelta(days=2),
        is_synthetic=True,
    )
    log = [
        (0, "timeline", "999 call: scaffolding collapsed onto the street", "HKPF"),
        (10, "timeline", "Cordon set; traffic diverted from Shanghai Street", "HKPF"),
        (25, "timeline", "85 residents evacuated from two buildings", "FSD"),
        (30, "task", "Open a casualty enquiry line", "HKPF"),
        (45, "task", "Ask SWD for temporary shelter", "SWD"),
        (300, "timeline", "Scene handed over to the Buildings Department", "BD"),
        (390, "timeline", "Shanghai Street reopened to traffic", "HyD"),
    ]
    IncidentEntry.objects.bulk_create(
        [
            IncidentEntry(
                incident=incident,
                kind=kind,
                at=start + dt.timedelta(minutes=m),
                text=text,
                agency=agency,
                done=kind == "task",
                assigned_to="Duty officer" if kind == "task" else "",
                is_synthetic=True,
            )
            for m, kind, text, agency in log
        ]
    )
    ctx.say("  readiness: 1 synthetic major incident with its log")


def _plan_year(ctx) -> int:
    """The loaded plan's year (the demo fills that year), else this year."""
    plan = Plan.objects.order_by("-year").first()
    return plan.year if plan else ctx.today.year
