"""Demo: the four programmes set up from the plan, ~880 youth members of whom about 400 are active BY
THE RULE (attendance is generated, status is computed), women's-programme members and sessions, anti-fraud
talks, staff ambassadors and their activities. Everything is synthetic; rows are bulk-created."""

from __future__ import annotations

import datetime as dt
import random

from beatbook.audit import recorder
from beatbook.audit.models import AuditAction
from beatbook.org.models import Staff, Unit
from beatbook.plan.models import Objective

from .models import (
    Ambassador,
    AmbassadorAssignment,
    Attendance,
    Booking,
    Channel,
    Member,
    ProgrammeStaff,
    Session,
    SessionKind,
)
from .setup import ensure_programmes

ORDER = 70

SURNAMES = [
    "陳",
    "李",
    "張",
    "黃",
    "何",
    "林",
    "吳",
    "劉",
    "蔡",
    "梁",
    "鄭",
    "謝",
    "郭",
    "曾",
    "麥",
    "馮",
    "羅",
    "葉",
    "潘",
    "鍾",
]
GIVEN = [
    "嘉欣",
    "俊傑",
    "詠琪",
    "子軒",
    "浩然",
    "曉彤",
    "家豪",
    "凱晴",
    "梓朗",
    "思敏",
    "卓霖",
    "穎欣",
    "志明",
    "嘉琪",
    "偉強",
    "樂瑤",
    "天佑",
    "雅婷",
    "健華",
    "曉晴",
]
EM_NAMES = [
    "Ayesha",
    "Fatima",
    "Sabina",
    "Priya",
    "Sunita",
    "Maria",
    "Nasreen",
    "Gurpreet",
    "Rina",
    "Anjali",
    "Bina",
    "Shazia",
    "Kamala",
    "Josephine",
    "Rubina",
    "Mehwish",
    "Deepa",
    "Sarita",
    "Hina",
    "Lalita",
]
EM_FAMILY = ["Khan", "Gurung", "Rai", "Singh", "Santos", "Ali", "Thapa", "Shah", "Limbu", "Reyes"]
VENUES = [
    "旺角警署 Mong Kok Police Station",
    "麥花臣室內場館 MacPherson Stadium",
    "旺角社區會堂 Mong Kok Community Hall",
    "大角咀社區中心 Tai Kok Tsui Community Centre",
    "花園街體育館 Fa Yuen Street Sports Centre",
]
YOUTH_KINDS = [
    (SessionKind.PHYSICAL_TRAINING, "體能訓練", "Physical training"),
    (SessionKind.INTERVIEW_WORKSHOP, "面試工作坊", "Interview workshop"),
    (SessionKind.MOCK_CASE, "模擬案件處理", "Mock case handling"),
]
EM_KINDS = [
    (SessionKind.CRIME_PREVENTION_TALK, "防止罪案講座", "Crime-prevention talk"),
    (SessionKind.HOMEWORK_CLASS, "功課研習班", "Homework class"),
    (SessionKind.INTEREST_GROUP, "興趣小組", "Interest group"),
    (SessionKind.COMMUNITY_ACTIVITY, "社區活動", "Community activity"),
]
AMB_ACTIVITIES = [
    ("長者探訪", "Visit to the elderly"),
    ("青少年足球日", "Youth football day"),
    ("社區嘉年華", "Community carnival"),
    ("防騙攤位", "Anti-scam booth"),
    ("攝影工作坊", "Photography workshop"),
    ("中秋燈籠工作坊", "Mid-Autumn lantern workshop"),
]
SKILLS = [
    "photography",
    "football coaching",
    "first aid",
    "music",
    "video editing",
    "public speaking",
    "Urdu",
    "Nepali",
    "drone piloting",
    "calligraphy",
    "cooking",
    "basketball",
]


def _weekly(start: dt.date, end: dt.date, weekday: int):
    day = start + dt.timedelta(days=(weekday - start.weekday()) % 7)
    while day <= end:
        yield day
        day += dt.timedelta(days=7)


def load(ctx) -> None:
    programmes = {p.code: p for p, _created in ensure_programmes()}
    ctx.say(f"  community: {len(programmes)} programmes set up from the plan ({', '.join(programmes)})")
    if not programmes or Member.objects.filter(is_synthetic=True).exists():
        _assign_liaison(programmes, ctx)
        return
    # Own seeded generator: the figures do not depend on which other apps' demos ran first.
    rng = random.Random(f"{ctx.seed}-community")
    today = ctx.today
    start = dt.date(2024, 1, 1)
    counts: dict[str, int] = {}

    # sessions ------------------------------------------------------------------------------------
    sessions: list[Session] = []
    youth, women = programmes.get("PG-YOUTH"), programmes.get("PG-EMWOMEN")
    zyh, amb = programmes.get("PG-ZYH"), programmes.get("PG-AMBASSADOR")
    objectives = {
        o.code: o
        for o in Objective.objects.filter(
            code__in=["PG-YOUTH-1", "PG-EMWOMEN-2", "PG-ZYH-2", "PG-AMBASSADOR-2"]
        )
    }
    if youth:
        for i, day in enumerate(_weekly(start, today + dt.timedelta(days=28), 5)):  # Saturdays
            kind, zh, en = YOUTH_KINDS[i % 3]
            sessions.append(
                Session(
                    programme=youth,
                    kind=kind,
                    title_zh=f"薪火計劃 {zh}",
                    title_en=f"Torch Programme: {en}",
                    language="zh-hant",
                    date=day,
                    start_time=dt.time(14, 30),
                    end_time=dt.time(17, 0),
                    venue=VENUES[i % 2],
                    capacity=60,
                    instructor_kind=Session.InstructorKind.VOLUNTEER,
                    instructor_name=f"{rng.choice(SURNAMES)}Sir (義務教官 volunteer)",
                    is_public=i % 8 == 0,
                    status=Session.Status.HELD if day <= today else Session.Status.SCHEDULED,
                    objective=objectives.get("PG-YOUTH-1"),
                    is_synthetic=True,
                    description_zh="示範資料（合成）",
                    description_en="Synthetic demo session.",
                )
            )
    if women:
        for i, day in enumerate(_weekly(start, today + dt.timedelta(days=28), 2)):  # Wednesdays
            kind, zh, en = EM_KINDS[i % 4]
            lang = ["en", "ur", "ne", "en"][i % 4]
            sessions.append(
                Session(
                    programme=women,
                    kind=kind,
                    title_zh=f"融繫計劃 {zh}",
                    title_en=f"Integration and Connection: {en}",
                    language=lang,
                    date=day,
                    start_time=dt.time(10, 0),
                    end_time=dt.time(12, 0),
                    venue=VENUES[2 + i % 2],
                    capacity=35,
                    instructor_kind=Session.InstructorKind.STAFF
                    if i % 2
                    else Session.InstructorKind.VOLUNTEER,
                    instructor_name="PCRO",
                    is_public=kind == SessionKind.COMMUNITY_ACTIVITY,
                    status=Session.Status.HELD if day <= today else Session.Status.SCHEDULED,
                    objective=objectives.get("PG-EMWOMEN-2"),
                    is_synthetic=True,
                    description_zh="示範資料（合成）",
                    description_en="Synthetic demo session.",
                )
            )
    if zyh:
        for i, day in enumerate(_weekly(start, today + dt.timedelta(days=28), 3)):
            if i % 3:
                continue
            sessions.append(
                Session(
                    programme=zyh,
                    kind=SessionKind.ANTI_FRAUD_TALK,
                    title_zh="智·悠·衡 防騙講座",
                    title_en="Insight · Calm · Balance anti-scam talk",
                    language=["zh-hant", "zh-hans", "en"][i % 3],
                    date=day,
                    start_time=dt.time(15, 0),
                    end_time=dt.time(16, 0),
                    venue="合作酒店／商場 Partner hotel or mall",
                    capacity=80,
                    instructor_kind=Session.InstructorKind.VOLUNTEER,
                    instructor_name="ADCT",
                    is_public=True,
                    status=Session.Status.HELD if day <= today else Session.Status.SCHEDULED,
                    headcount=rng.randint(15, 70) if day <= today else None,
                    objective=objectives.get("PG-ZYH-2"),
                    is_synthetic=True,
                )
            )
    amb_sessions_from = len(sessions)
    if amb:
        day = start + dt.timedelta(days=6)
        i = 0
        while day <= today + dt.timedelta(days=45):
            zh, en = AMB_ACTIVITIES[i % len(AMB_ACTIVITIES)]
            sessions.append(
                Session(
                    programme=amb,
                    kind=SessionKind.COMMUNITY_ACTIVITY,
                    title_zh=f"活動大使：{zh}",
                    title_en=f"Activity ambassadors: {en}",
                    date=day,
                    start_time=dt.time(10, 0),
                    end_time=dt.time(13, 0),
                    venue=VENUES[i % len(VENUES)],
                    capacity=120,
                    instructor_kind=Session.InstructorKind.VOLUNTEER,
                    instructor_name="活動大使 Ambassadors",
                    is_public=True,
                    status=Session.Status.HELD if day <= today else Session.Status.SCHEDULED,
                    headcount=rng.randint(40, 120) if day <= today else None,
                    objective=objectives.get("PG-AMBASSADOR-2"),
                    is_synthetic=True,
                )
            )
            day += dt.timedelta(days=rng.choice([12, 14, 16]))
            i += 1
    Session.objects.bulk_create(sessions, batch_size=500)
    counts["sessions"] = len(sessions)

    # members -------------------------------------------------------------------------------------
    members: list[Member] = []
    propensity: list[float] = []
    if youth:
        # Exactly 480 engaged members (about one Saturday in ten); the rest almost never come. The rule
        # then finds about 400 active: engagement is random per session, and some joined late or left.
        engaged = set(rng.sample(range(880), 480))
        for n in range(880):
            age = rng.choices(["12_17", "18_24", "25_34"], weights=[35, 55, 10])[0]
            referral = n % 19 == 0  # ~44 referrals from the Recruitment Division
            enrolled = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(5 * 365))
            if n >= 800:  # joined during the plan year
                enrolled = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(365))
            ref_date = enrolled - dt.timedelta(days=rng.randint(7, 30)) if referral else None
            if referral and ref_date < dt.date(2023, 7, 1):  # referrals began in July 2023
                ref_date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(330))
                enrolled = ref_date + dt.timedelta(days=14)
            member = Member(
                programme=youth,
                name=f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)}（合成）",
                contact=f"6{rng.randrange(10**7):07d}" if n % 3 else f"youth{n}@example.org",
                age_band=age,
                language="zh-hant" if n % 11 else "en",
                guardian_name=f"{rng.choice(SURNAMES)}先生／女士" if age == "12_17" else "",
                guardian_consent_date=enrolled if age == "12_17" else None,
                channel=Channel.REFERRAL if referral else Channel.APPLICATION,
                referral_source="Recruitment Division" if referral else "",
                referral_date=ref_date,
                enrolled_on=enrolled,
                left_on=enrolled + dt.timedelta(days=400) if n % 41 == 1 else None,
                is_synthetic=True,
            )
            members.append(member)
            propensity.append(0.10 if n in engaged else 0.004)
    if women:
        for n in range(190):
            age = "under_12" if n % 3 == 0 else rng.choice(["25_34", "35_49"])
            enrolled = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(4 * 365))
            members.append(
                Member(
                    programme=women,
                    name=f"{rng.choice(EM_NAMES)} {rng.choice(EM_FAMILY)} (synthetic)",
                    contact=f"5{rng.randrange(10**7):07d}",
                    age_band=age,
                    language=rng.choice(["ur", "ne", "hi", "tl", "en"]),
                    guardian_name=f"{rng.choice(EM_NAMES)} {rng.choice(EM_FAMILY)}"
                    if age == "under_12"
                    else "",
                    guardian_consent_date=enrolled if age == "under_12" else None,
                    channel=Channel.APPLICATION,
                    enrolled_on=enrolled,
                    is_synthetic=True,
                )
            )
            propensity.append(0.12 if rng.random() < 0.75 else 0.0)
    Member.objects.bulk_create(members, batch_size=500)
    counts["members"] = len(members)

    # attendance (and matching bookings for upcoming sessions) ------------------------------------
    by_programme: dict[int, list[Session]] = {}
    for s in Session.objects.filter(is_synthetic=True, programme__in=[p for p in (youth, women) if p]):
        by_programme.setdefault(s.programme_id, []).append(s)
    attendances, bookings = [], []
    for member, p in zip(members, propensity, strict=True):
        if p <= 0:
            continue
        for s in by_programme.get(member.programme_id, []):
            if s.date < member.enrolled_on or (member.left_on and s.date >= member.left_on):
                continue
            if s.date <= today and rng.random() < p:
                attendances.append(
                    Attendance(session=s, member=member, method=rng.choice(["tick", "qr"]), is_synthetic=True)
                )
            elif s.date > today and rng.random() < p:
                bookings.append(
                    Booking(session=s, member=member, is_synthetic=True, status=Booking.Status.BOOKED)
                )
    Attendance.objects.bulk_create(attendances, batch_size=2000)
    Booking.objects.bulk_create(bookings, batch_size=2000)
    counts["attendances"], counts["bookings"] = len(attendances), len(bookings)

    # ambassadors ---------------------------------------------------------------------------------
    if amb:
        units = list(Unit.objects.filter(code__in=["PCRO", "TRAINWEL", "PATROL", "EU", "CPO"])) or list(
            Unit.objects.all()[:3]
        )
        staff = (
            [
                Staff(
                    display_name=f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)}（合成）",
                    rank_class=rng.choices(["regular", "auxiliary", "civilian"], weights=[55, 30, 15])[0],
                    rank=rng.choice(["PC", "SGT", "SPC", "Inspector", "Clerical Officer"]),
                    unit=rng.choice(units),
                    skills=", ".join(rng.sample(SKILLS, 2)),
                    is_synthetic=True,
                )
                for _ in range(64)
            ]
            if units
            else []
        )
        Staff.objects.bulk_create(staff)
        ambassadors = [
            Ambassador(
                programme=amb,
                staff=s,
                skills=s.skills,
                interests=rng.choice(SKILLS),
                joined_on=dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(700)),
                is_synthetic=True,
            )
            for s in staff
        ]
        Ambassador.objects.bulk_create(ambassadors)
        assignments = []
        amb_sessions = sessions[amb_sessions_from:]
        for s in amb_sessions:
            eligible = [a for a in ambassadors if a.joined_on <= s.date]
            for role, k in (("design", 1), ("organise", 2), ("lead", 3)):
                for a in rng.sample(eligible, min(k, len(eligible))):
                    assignments.append(
                        AmbassadorAssignment(ambassador=a, session=s, role=role, is_synthetic=True)
                    )
        AmbassadorAssignment.objects.bulk_create(assignments, ignore_conflicts=True)
        counts["ambassadors"], counts["assignments"] = len(ambassadors), len(assignments)
    recorder.record(
        AuditAction.IMPORT,
        model="community.member",
        object_repr="demo: synthetic community data",
        after=counts,
    )
    _assign_liaison(programmes, ctx)
    if youth:
        as_of = min(dt.date(2024, 12, 31), today)
        qs = Member.objects.filter(programme=youth)
        ctx.say(
            f"  community: PG-YOUTH enrolled {qs.enrolled(as_of).count()}, active by the rule "
            f"{qs.active(as_of).count()} (as of {as_of}); today {qs.active(today).count()} active"
        )
    ctx.say(f"  community: {counts}")


def _assign_liaison(programmes, ctx) -> None:
    from beatbook.accounts.models import User

    user = User.objects.filter(username="liaison").first()
    if user is None:
        return
    for programme in programmes.values():
        ProgrammeStaff.objects.get_or_create(programme=programme, user=user, defaults={"is_synthetic": True})
    note = (
        "Community programme members are visible only to programme staff: the demo user 'liaison' is "
        "assigned to all four programmes (community > programme > staff)."
    )
    if note not in ctx.notes:
        ctx.notes.append(note)
