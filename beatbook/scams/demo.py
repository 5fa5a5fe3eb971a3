"""Demo: partner organisations of every kind, a few thousand synthetic scam indicators, reports in every
state, sightings, alerts, a subscription, lookup counts and the bank's digest key. Everything invented is
``is_synthetic=True``; the bank partner named on the plan cover is real and is not marked synthetic.
The classifier is not trained here (it trains lazily on first use, or with ``beatbook scams train``).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.utils import timezone

from beatbook.accounts.models import User
from beatbook.audit import recorder
from beatbook.audit.models import AuditAction
from beatbook.partners.models import Organisation

from .engine.normalize import normalize
from .models import (
    Alert,
    AlertSubscription,
    Indicator,
    IndicatorSource,
    LookupCounter,
    PartnerKey,
    Report,
    Sighting,
    fraud_objective,
)

ORDER = 60
DEMO_SOURCE = "demo"
BANK = ("中國銀行(香港)有限公司", "Bank of China (Hong Kong) Limited")
# Invented partners, one or more of every kind (synthetic).
PARTNERS = [
    ("hotel", "旺角示範酒店", "Mong Kok Demo Hotel"),
    ("hotel", "彌敦示範酒店", "Nathan Demo Hotel"),
    ("guesthouse", "重慶示範賓館", "Demo Guesthouse"),
    ("mall", "朗豪示範商場", "Demo Shopping Mall"),
    ("newcomer_group", "港漂示範互助群組", "Demo Newcomer Group"),
    ("school", "旺角示範中學", "Mong Kok Demo Secondary School"),
    ("ngo", "示範社區服務中心", "Demo Community Centre"),
    ("bank", "示範儲蓄銀行", "Demo Savings Bank"),
]
DEMO_KEY_ID = "boc-demo"
# A fixed, published demo key so the documentation's digest example can be rerun. Never use it for real data.
DEMO_KEY_SECRET = hashlib.sha256(b"beatbook demo partner key (synthetic)").hexdigest()
NAMES = [
    "CHAN TAI MAN",
    "WONG SIU MING",
    "LEE KA YAN",
    "CHEUNG WAI KIT",
    "陳大文",
    "李小明",
    "張偉傑",
    "黃美玲",
    "LAU CHI KEUNG",
    "HO MEI LING",
]
MESSAGES = [
    (
        "official_impersonation",
        "【香港警務處】你的身份證涉及內地洗黑錢案件，請即致電 {phone} 聯絡公安，並提供網上銀行密碼。",
    ),
    ("customer_service", "[Carousell] Your payment is frozen. Verify your account at {url} within 24 hours."),
    ("acquaintance_impersonation", "猜猜我是誰？我換了新號碼，急需借 $8000，請轉賬到 {account}。"),
    ("investment", "內幕消息！加入投資群組，保證每月回報30%，WhatsApp {phone}"),
    ("job_click_farming", "兼職刷單，日賺$800，只需手機，聯絡 Telegram @easyjob_hk88"),
    ("phishing_otp", "【中銀香港】你的賬戶異常，請點擊 {url} 並輸入一次性密碼(OTP)以免停用。"),
    ("prize", "Congratulations! You won an iPhone. Pay the $50 delivery fee at {url}"),
    (None, "今晚七點喺旺角食飯，記得帶埋把遮。"),
]


def _org(kind: str, zh: str, en: str, synthetic: bool) -> Organisation:
    org = Organisation.objects.filter(name_zh=zh).first()
    if org is None:
        org = Organisation.objects.create(
            name_zh=zh,
            name_en=en,
            kind=kind,
            is_synthetic=synthetic,
            active=True,
            notes="示範資料（合成） Synthetic demo record." if synthetic else "",
        )
    return org


def _values(rng, n: int) -> list[tuple[str, str]]:
    """``n`` distinct synthetic values of every indicator type, as (raw, account_name)."""
    out: list[tuple[str, str]] = []
    lures = [
        "bochk-verify",
        "hsbc-secure-login",
        "hangseng-hk",
        "gov-hk-refund",
        "hkpost-parcel",
        "carousell-pay",
        "octopus-card",
        "mtr-refund",
        "smartone-bill",
        "hkbn-refund",
    ]
    tlds = ["top", "xyz", "cc", "icu", "shop", "online", "vip", "info"]
    for i in range(n):
        kind = i % 10
        name = ""
        if kind in (0, 1, 2):
            value = f"+852 {rng.choice('569')}{rng.randrange(10**6, 10**7):07d}"
        elif kind == 3:
            value = f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9):09d}"  # mainland mobile
        elif kind == 4:
            value = f"https://{rng.choice(lures)}-{i}.{rng.choice(tlds)}/login"
        elif kind == 5:
            value = f"{rng.choice(lures)}{i}.{rng.choice(tlds)}"
        elif kind == 6:
            value = f"{rng.choice(['012', '004', '024', '003', '015'])}-{rng.randrange(10**8, 10**9)}"
            name = rng.choice(NAMES)
        elif kind == 7:
            value = f"FPS {rng.randrange(10**6, 10**7)}"
        elif kind == 8:
            value = (
                f"{rng.choice(['line', 'telegram', 'instagram', 'carousell', 'wechat'])}:"
                f"hk_{rng.choice(['deal', 'job', 'love', 'invest'])}_{i}"
            )
            name = rng.choice(NAMES) if rng.random() < 0.3 else ""
        else:
            value = f"scam{i}@{rng.choice(lures)}.{rng.choice(tlds)}"
        out.append((value, name))
    return out


def load(ctx) -> None:
    bank = _org("bank", *BANK, synthetic=False)
    partners = [bank] + [_org(kind, zh, en, synthetic=True) for kind, zh, en in PARTNERS]
    partner_user = User.objects.filter(username="partner").first()
    if partner_user is not None and partner_user.partner_id != bank.pk:
        partner_user.partner = bank
        partner_user.save()
    if not PartnerKey.objects.filter(key_id=DEMO_KEY_ID).exists():
        PartnerKey.objects.create(
            organisation=bank, key_id=DEMO_KEY_ID, secret=DEMO_KEY_SECRET, is_synthetic=True
        )
    ctx.notes.append(
        f"Anti-fraud: user 'partner' belongs to {BANK[1]}; public checker at /scams/ ; "
        f"demo digest key id '{DEMO_KEY_ID}' (see docs/scams.md)."
    )
    if Indicator.objects.filter(is_synthetic=True, source_name=DEMO_SOURCE).exists():
        return
    rng = ctx.rng
    now = timezone.now()
    objective = fraud_objective()
    indicators = []
    seen = set()
    for raw, name in _values(rng, 3000):
        item = normalize(raw)
        if not item.ok or (item.type, item.normalized) in seen:
            continue
        seen.add((item.type, item.normalized))
        roll = rng.random()
        first = now - dt.timedelta(days=rng.randrange(1, 300))
        ind = Indicator(
            type=item.type,
            normalized=item.normalized,
            display=item.display[:1000],
            first_seen=first,
            last_seen=first + dt.timedelta(days=rng.randrange(0, 30)),
            account_name=name,
            objective=objective,
            is_synthetic=True,
            source_name=DEMO_SOURCE,
            notes="示範資料（合成） Synthetic demo record.",
        )
        if roll < 0.15:
            ind.status, ind.confirmed_by_name, ind.confirmed_at = (
                Indicator.Status.CONFIRMED,
                "Demo officer",
                now,
            )
            ind.expires_at = now + dt.timedelta(days=365)
        elif roll < 0.55:
            ind.status, ind.partner_count = Indicator.Status.REPORTED, rng.choice([1, 1, 2, 3])
            ind.report_count = ind.partner_count
        else:
            ind.status, ind.grading = Indicator.Status.EXTERNAL, rng.choice(["B2", "A1", "C3", "B3"])
            ind.expires_at = now + dt.timedelta(days=rng.randrange(-20, 180))
        indicators.append(ind)
    Indicator.objects.bulk_create(indicators, batch_size=500)
    indicators = list(Indicator.objects.filter(is_synthetic=True, source_name=DEMO_SOURCE))
    sources = [
        IndicatorSource(
            indicator=i,
            source_name="Demo external feed (synthetic)",
            list_name="demo",
            reliability=i.grading[0],
            credibility=int(i.grading[1]),
            first_seen=i.first_seen,
            last_seen=i.last_seen,
            is_synthetic=True,
        )
        for i in indicators
        if i.grading
    ]
    IndicatorSource.objects.bulk_create(sources, batch_size=500)

    reports = []
    phones = [i for i in indicators if i.type == "phone"]
    urls = [i for i in indicators if i.type == "url"]
    accounts = [i for i in indicators if i.type == "bank_account"]
    for n in range(80):
        scam_type, template = MESSAGES[n % len(MESSAGES)]
        ind = rng.choice(phones + urls + accounts)
        text = template.format(
            phone=rng.choice(phones).display,
            url=rng.choice(urls).normalized,
            account=rng.choice(accounts).display,
        )
        org = rng.choice(partners) if n % 3 else None
        status = rng.choice(
            [Report.Status.NEW, Report.Status.NEW, Report.Status.CONFIRMED, Report.Status.REJECTED]
        )
        reports.append(
            Report(
                channel=Report.Channel.PARTNER if org else Report.Channel.PUBLIC,
                value=ind.display,
                value_type=ind.type,
                message_text=text if n % 2 else "",
                indicator=ind,
                reporter_org=org,
                scam_type=scam_type or "",
                triage_score=round(rng.uniform(10, 95), 1),
                triage_reasons=[
                    {"code": "demo", "points": 0, "en": "Synthetic demo score", "zh": "示範分數（合成）"}
                ],
                status=status,
                reviewed_at=now - dt.timedelta(days=rng.randrange(0, 60)) if status != "new" else None,
                review_note="示範（合成） synthetic" if status != "new" else "",
                is_synthetic=True,
                objective=objective,
                description="示範資料（合成） Synthetic demo report.",
            )
        )
    Report.objects.bulk_create(reports)
    sightings = [
        Sighting(
            indicator=rng.choice(indicators),
            organisation=rng.choice(partners),
            kind=rng.choice(["seen", "seen", "confirmed", "false_positive"]),
            note="示範（合成） synthetic",
            seen_at=now - dt.timedelta(days=rng.randrange(0, 90)),
            is_synthetic=True,
        )
        for _ in range(60)
    ]
    Sighting.objects.bulk_create(sightings)
    confirmed = [i for i in indicators if i.status == Indicator.Status.CONFIRMED][:25]
    alerts = [
        Alert(
            indicator=i,
            indicator_type=i.type,
            level="high_risk",
            title_zh=f"高危有伏：{i.display}",
            title_en=f"High risk: {i.display}",
            body_zh="警方已核實此資料與詐騙有關（示範資料）。",
            body_en="Confirmed by the police as linked to a scam (synthetic demo data).",
            audiences=["bank"] if i.type in ("bank_account", "fps_id") else [],
            published_at=now - dt.timedelta(days=rng.randrange(0, 60)),
            is_synthetic=True,
        )
        for i in confirmed
    ]
    Alert.objects.bulk_create(alerts)
    AlertSubscription.objects.create(
        organisation=bank,
        name="Fraud operations (demo)",
        email="fraud-ops@example.org",
        indicator_types=["bank_account", "fps_id", "phone"],
        audience="bank",
        min_level="high_risk",
        is_synthetic=True,
    )
    counters = []
    for day in range(60):
        date = ctx.today - dt.timedelta(days=day)
        for ind in rng.sample(indicators, 40):
            counters.append(
                LookupCounter(
                    type=ind.type,
                    normalized=ind.normalized,
                    indicator=ind,
                    day=date,
                    count=rng.randint(1, 60),
                    is_synthetic=True,
                )
            )
    LookupCounter.objects.bulk_create(counters, batch_size=1000, ignore_conflicts=True)
    recorder.record(
        AuditAction.IMPORT,
        model="scams.indicator",
        object_repr="Demo anti-fraud data (synthetic)",
        after={
            "indicators": len(indicators),
            "reports": len(reports),
            "sightings": len(sightings),
            "alerts": len(alerts),
            "lookup_counts": len(counters),
        },
    )
    ctx.say(
        f"  scams: {len(indicators)} synthetic indicators, {len(reports)} reports, {len(sightings)} sightings, "
        f"{len(alerts)} alerts"
    )
