"""Demo: partner organisations of every type around Mong Kok, their contacts and a year and more of
outreach (visits, talks, materials). Everything synthetic; bulk-created; loaded once."""

from __future__ import annotations

import datetime as dt
import random

from beatbook.audit import recorder
from beatbook.audit.models import AuditAction
from beatbook.plan.models import Area, Objective

from .models import Contact, Organisation, Outreach, OutreachKind

ORDER = 40

STREETS = [
    "彌敦道 Nathan Road",
    "亞皆老街 Argyle Street",
    "西洋菜南街 Sai Yeung Choi Street South",
    "通菜街 Tung Choi Street",
    "花園街 Fa Yuen Street",
    "山東街 Shantung Street",
    "豉油街 Soy Street",
    "奶路臣街 Nelson Street",
    "砵蘭街 Portland Street",
    "上海街 Shanghai Street",
    "廣東道 Canton Road",
    "旺角道 Mong Kok Road",
]
KINDS = [  # kind, count, Chinese stem, English stem
    ("hotel", 10, "酒店", "Hotel"),
    ("guesthouse", 10, "賓館", "Guesthouse"),
    ("mall", 6, "商場", "Mall"),
    ("bank", 6, "銀行分行", "Bank branch"),
    ("newcomer_group", 5, "港漂群組", "Newcomer group"),
    ("school", 8, "中學", "Secondary School"),
    ("ngo", 6, "社區服務中心", "Community Services Centre"),
    ("building_management", 14, "大廈管理處", "Building Management Office"),
    ("owners_corporation", 10, "業主立案法團", "Owners' Corporation"),
]
TOPICS = [
    ("防騙講座", "Anti-scam talk"),
    ("樓宇保安探訪", "Building security visit"),
    ("閉路電視推廣", "CCTV promotion"),
    ("反恐意識簡介", "Counter-terrorism awareness briefing"),
    ("年度聯絡會議", "Annual liaison meeting"),
]
MATERIALS = [
    "防騙單張 Anti-scam leaflets",
    "守網者海報 CyberDefender posters",
    "反恐宣傳單張 Counter-terrorism leaflets",
    "防盜貼紙 Anti-burglary stickers",
]
LANGS = ["zh-hant", "zh-hans", "en"]


def load(ctx) -> None:
    if Organisation.objects.filter(is_synthetic=True, notes__startswith="demo:partners").exists():
        return
    # Own seeded generator: the figures do not depend on which other apps' demos ran first.
    rng = random.Random(f"{ctx.seed}-partners")
    programmes = {a.code: a for a in Area.objects.filter(kind="programme")}
    orgs = []
    for kind, count, zh, en in KINDS:
        for i in range(count):
            street = rng.choice(STREETS)
            number = rng.randint(1, 700)
            orgs.append(
                Organisation(
                    name_zh=f"旺角{zh}{i + 1}號（合成）",
                    name_en=f"Mong Kok {en} {i + 1} (synthetic)",
                    kind=kind,
                    address=f"{number} {street}",
                    latitude=round(rng.uniform(22.3120, 22.3260), 6),
                    longitude=round(rng.uniform(114.1650, 114.1740), 6),
                    joined_on=dt.date(2023, 8, 1) + dt.timedelta(days=rng.randrange(500)),
                    active=rng.random() > 0.05,
                    notes="demo:partners synthetic",
                    is_synthetic=True,
                )
            )
    Organisation.objects.bulk_create(orgs)
    orgs = list(Organisation.objects.filter(notes__startswith="demo:partners"))
    through = Organisation.programmes.through
    links = []
    for org in orgs:
        if org.kind in ("hotel", "guesthouse", "mall", "bank", "newcomer_group") and "PG-ZYH" in programmes:
            links.append(through(organisation_id=org.pk, area_id=programmes["PG-ZYH"].pk))
        if org.kind == "school" and "PG-YOUTH" in programmes:
            links.append(through(organisation_id=org.pk, area_id=programmes["PG-YOUTH"].pk))
        if org.kind == "ngo" and "PG-EMWOMEN" in programmes:
            links.append(through(organisation_id=org.pk, area_id=programmes["PG-EMWOMEN"].pk))
    through.objects.bulk_create(links, ignore_conflicts=True)

    contacts = []
    for n, org in enumerate(orgs):
        for k in range(rng.randint(1, 2)):
            contacts.append(
                Contact(
                    organisation=org,
                    name=f"聯絡人{n}-{k}（合成）",
                    role=rng.choice(
                        ["經理 Manager", "主任 Officer", "保安主管 Head of security", "校長 Principal"]
                    ),
                    phone=f"2{rng.randrange(10**7):07d}",
                    email=f"contact{n}-{k}@example.org",
                    language=rng.choice(LANGS),
                    is_primary=k == 0,
                    is_synthetic=True,
                )
            )
    Contact.objects.bulk_create(contacts)

    objectives = {
        o.code: o
        for o in Objective.objects.filter(
            code__in=["MP-COMMUNITY-1", "MP-COMMUNITY-3", "PG-ZYH-1", "AP-CT-READY-2", "AP-FRAUD-1"]
        )
    }
    start, end = dt.date(2024, 1, 1), ctx.today
    days = (end - start).days + 1
    outreach = []
    for org in orgs:
        for _ in range(rng.randint(1, 8)):
            kind = rng.choices(
                [
                    OutreachKind.VISIT,
                    OutreachKind.MEETING,
                    OutreachKind.PHONE,
                    OutreachKind.TALK,
                    OutreachKind.MATERIALS,
                ],
                weights=[35, 15, 20, 15, 15],
            )[0]
            topic_zh, topic_en = rng.choice(TOPICS)
            if org.kind in ("hotel", "guesthouse", "mall", "bank", "newcomer_group"):
                objective = objectives.get("PG-ZYH-1")
            elif org.kind in ("building_management", "owners_corporation"):
                objective = objectives.get("MP-COMMUNITY-3")
            else:
                objective = objectives.get(rng.choice(["MP-COMMUNITY-1", "AP-CT-READY-2"]))
            outreach.append(
                Outreach(
                    organisation=org,
                    kind=kind,
                    date=start + dt.timedelta(days=rng.randrange(days)),
                    topic=f"{topic_zh} {topic_en}",
                    language=rng.choice(LANGS),
                    audience_size=rng.randint(10, 120) if kind == OutreachKind.TALK else None,
                    material=rng.choice(MATERIALS) if kind == OutreachKind.MATERIALS else "",
                    quantity=rng.choice([50, 100, 200, 500]) if kind == OutreachKind.MATERIALS else None,
                    objective=objective,
                    notes="示範資料（合成） synthetic",
                    is_synthetic=True,
                )
            )
    Outreach.objects.bulk_create(outreach)
    counts = {"organisations": len(orgs), "contacts": len(contacts), "outreach": len(outreach)}
    recorder.record(
        AuditAction.IMPORT,
        model="partners.organisation",
        object_repr="demo: synthetic partners",
        after=counts,
    )
    ctx.say(f"  partners: {counts}")
