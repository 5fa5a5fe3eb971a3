"""Demo: the plan's two district-development projects (synthetic milestones, risks and engagements)."""

from __future__ import annotations

import datetime as dt

from beatbook.org.models import Unit
from beatbook.plan.models import Objective

from .models import Engagement, Milestone, Project, Risk

ORDER = 89

PROJECTS = [
    {
        "name_zh": "西九龍總區總部（示範）",
        "name_en": "Kowloon West Regional Headquarters (synthetic)",
        "sponsor": "九龍西總區指揮官（示範） Regional Commander, Kowloon West (synthetic)",
        "summary": "示範資料（合成）：新總區總部的規劃、設計及建造進度。 Synthetic demo record: planning, design and "
        "construction progress of the new regional headquarters.",
        "starts": -900,
        "target": 1100,
        "milestones": [
            ("Project definition approved 工程界定獲批", -800, -790),
            ("Site investigation completed 土地勘測完成", -500, -470),
            ("Detailed design completed 詳細設計完成", -200, -150),
            ("Funding approved 撥款獲批", -40, None),
            ("Foundation works start 地基工程展開", 180, None),
            ("Handover 移交", 1100, None),
        ],
        "risks": [
            (
                "Funding approval delayed 撥款延遲",
                3,
                5,
                "Project manager (synthetic)",
                "Early briefings to the funding panel.",
            ),
            (
                "Traffic impact during works 工程期間交通影響",
                4,
                3,
                "Traffic unit (synthetic)",
                "Temporary traffic arrangements agreed with TD.",
            ),
        ],
    },
    {
        "name_zh": "大角嘴分區警署（示範）",
        "name_en": "Tai Kok Tsui Divisional Police Station (synthetic)",
        "sponsor": "旺角警區指揮官（示範） District Commander, Mong Kok (synthetic)",
        "summary": "示範資料（合成）：新分區警署的規劃及持份者諮詢。 Synthetic demo record: planning and stakeholder "
        "consultation for the new divisional police station.",
        "starts": -600,
        "target": 1400,
        "milestones": [
            ("User requirements agreed 用戶需求確定", -540, -540),
            ("District council consultation 區議會諮詢", -300, -280),
            ("Preliminary design completed 初步設計完成", -60, None),
            ("Tender awarded 批出標書", 300, None),
        ],
        "risks": [
            (
                "Objections from residents 居民反對",
                2,
                4,
                "Community liaison (synthetic)",
                "Resident briefings before each stage.",
            ),
        ],
    },
]
ENGAGEMENTS = [
    ("meeting", "Architectural Services Department 建築署", -400),
    ("consultation", "Yau Tsim Mong District Council 油尖旺區議會", -280),
    ("site_visit", "Lands Department 地政總署", -120),
    ("meeting", "Architectural Services Department 建築署", -45),
    ("briefing", "Tai Kok Tsui residents' associations 大角嘴居民組織", -20),
]


def load(ctx) -> None:
    if Project.objects.filter(is_synthetic=True).exists():
        return
    objective = Objective.objects.filter(code="MP-DEVELOP-1").first()
    if objective is None:
        ctx.say("  projects: plan objective MP-DEVELOP-1 missing; skipping")
        return
    unit = Unit.objects.filter(code="ADMIN").first()
    today = ctx.today

    def day(offset: int) -> dt.date:
        return today + dt.timedelta(days=offset)

    for spec in PROJECTS:
        project = Project.objects.create(
            name_zh=spec["name_zh"],
            name_en=spec["name_en"],
            objective=objective,
            sponsor=spec["sponsor"],
            lead_unit=unit,
            status=Project.Status.IN_PROGRESS,
            summary=spec["summary"],
            starts_on=day(spec["starts"]),
            target_completion_on=day(spec["target"]),
            is_synthetic=True,
        )
        for title, planned, actual in spec["milestones"]:
            Milestone.objects.create(
                project=project,
                title=title,
                planned_on=day(planned),
                actual_on=day(actual) if actual is not None else None,
                is_synthetic=True,
            )
        for title, likelihood, impact, owner, mitigation in spec["risks"]:
            Risk.objects.create(
                project=project,
                title=title,
                likelihood=likelihood,
                impact=impact,
                owner=owner,
                mitigation=mitigation,
                is_synthetic=True,
            )
        for kind, stakeholders, offset in ENGAGEMENTS:
            Engagement.objects.create(
                project=project,
                date=day(offset + ctx.rng.randint(0, 10)),
                kind=kind,
                stakeholders=stakeholders,
                summary="示範會議紀要（合成）。 Synthetic meeting note.",
                is_synthetic=True,
            )
    ctx.say(f"  projects: {len(PROJECTS)} synthetic district-development projects with milestones and risks")
