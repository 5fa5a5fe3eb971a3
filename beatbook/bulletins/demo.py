"""Demo: two years of bilingual bulletins (sent, with deliveries to partner organisations and read
receipts), a few awaiting approval, and two webhooks. Delivery rows are bulk-created (no e-mail or
webhook is actually sent by the demo). Everything synthetic."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from beatbook.accounts.models import User
from beatbook.audit import recorder
from beatbook.audit.models import AuditAction
from beatbook.partners.models import Contact, Organisation
from beatbook.plan.models import Objective

from .models import Acknowledgement, Bulletin, ChannelKind, Delivery, Webhook

ORDER = 75

TEMPLATES = [
    (
        "警惕假冒銀行短訊",
        "Beware of fake bank SMS",
        "切勿按短訊連結輸入網上理財密碼。如有懷疑，致電防騙易熱線18222。",
        "Never enter your e-banking password through an SMS link. In doubt, call the Anti-Scam Helpline 18222.",
        ["bank", "hotel", "guesthouse", "newcomer_group"],
        "MP-COMMUNITY-1",
    ),
    (
        "旅客注意：假冒官員電話騙案",
        "Visitors: phone scams by fake officials",
        "騙徒假冒內地官員要求轉賬。真正的執法機構不會要求轉賬。",
        "Fraudsters pose as Mainland officials and ask for transfers. Real "
        "law-enforcement officers never ask you to transfer money.",
        ["hotel", "guesthouse", "mall"],
        "AP-FRAUD-1",
    ),
    (
        "樓宇保安提示：留意陌生人尾隨",
        "Building security: watch for tailgating",
        "請住戶及保安員留意陌生人尾隨進入大廈，並確保閉路電視運作正常。",
        "Residents and guards: watch for strangers tailgating into the building and check that CCTV is working.",
        ["building_management", "owners_corporation"],
        "MP-COMMUNITY-3",
    ),
    (
        "網購騙案上升",
        "Online shopping scams are rising",
        "網購前先用「防騙視伏器」查核賣家。",
        "Check sellers with Scameter before you buy online.",
        ["school", "ngo", "newcomer_group"],
        "AP-CYBER-1",
    ),
    (
        "反恐意識：可疑物品處理",
        "Counter-terrorism: suspicious items",
        "發現可疑物品切勿觸碰，立即報警。",
        "Do not touch suspicious items; call the police at once.",
        ["mall", "hotel", "building_management"],
        "AP-CT-READY-2",
    ),
]


def load(ctx) -> None:
    if Bulletin.objects.filter(is_synthetic=True).exists():
        return
    # Own seeded generator: the figures do not depend on which other apps' demos ran first.
    rng = random.Random(f"{ctx.seed}-bulletins")
    writer = User.objects.filter(username="liaison").first()
    approver = User.objects.filter(username="commander").first()
    objectives = {o.code: o for o in Objective.objects.filter(code__in={t[5] for t in TEMPLATES})}
    orgs_by_kind: dict[str, list[Organisation]] = {}
    for org in Organisation.objects.filter(active=True):
        orgs_by_kind.setdefault(org.kind, []).append(org)
    emails_by_org: dict[int, list[str]] = {}
    for org_id, email in (
        Contact.objects.exclude(email="")
        .filter(receives_bulletins=True)
        .values_list("organisation_id", "email")
    ):
        emails_by_org.setdefault(org_id, []).append(email.lower())
    Webhook.objects.bulk_create(
        [
            Webhook(
                name="WhatsApp 酒店群組網關 (synthetic)",
                url="https://hooks.example.org/whatsapp-hotels",
                audience_partner_kinds=["hotel", "guesthouse"],
                is_synthetic=True,
            ),
            Webhook(
                name="Telegram 公眾頻道 (synthetic)",
                url="https://hooks.example.org/telegram-public",
                audience_public=True,
                is_synthetic=True,
            ),
        ]
    )
    hooks = list(Webhook.objects.filter(is_synthetic=True))
    start = timezone.make_aware(dt.datetime(2024, 1, 8, 10, 0))
    now = timezone.now()
    bulletins, plan = [], []
    when = start
    n = 0
    while when < now - dt.timedelta(days=3):
        zh, en, body_zh, body_en, kinds, objective = TEMPLATES[n % len(TEMPLATES)]
        public = n % 2 == 0
        urgent = n % 7 == 3
        channels = ["portal", "email", "webhook"] + (["web", "atom"] if public else [])
        bulletins.append(
            Bulletin(
                title_zh=f"{zh}（第{n + 1}期）",
                title_en=f"{en} (no. {n + 1})",
                body_zh=body_zh + "\n（示範資料）",
                body_en=body_en + "\n(Synthetic demo bulletin.)",
                links="https://www.adcc.gov.hk/\nhttps://cyberdefender.hk/",
                urgency=Bulletin.Urgency.URGENT if urgent else Bulletin.Urgency.NORMAL,
                objective=objectives.get(objective),
                audience_public=public,
                audience_partner_kinds=kinds,
                channels=channels,
                status=Bulletin.Status.SENT,
                author=writer,
                approved_by=approver,
                approved_at=when - dt.timedelta(hours=3),
                sent_at=when,
                is_synthetic=True,
            )
        )
        plan.append((kinds, public, urgent))
        when += dt.timedelta(days=rng.choice([6, 7, 8, 9]))
        n += 1
    for i, (zh, en, body_zh, body_en, kinds, objective) in enumerate(TEMPLATES[:3]):
        bulletins.append(
            Bulletin(
                title_zh=f"{zh}（草擬）",
                title_en=f"{en} (draft)",
                body_zh=body_zh,
                body_en=body_en,
                objective=objectives.get(objective),
                audience_partner_kinds=kinds,
                channels=["portal", "email"],
                status=[Bulletin.Status.SUBMITTED, Bulletin.Status.DRAFT, Bulletin.Status.SUBMITTED][i],
                author=writer,
                scheduled_for=now + dt.timedelta(days=2) if i == 2 else None,
                is_synthetic=True,
            )
        )
    Bulletin.objects.bulk_create(bulletins)
    sent = list(Bulletin.objects.filter(is_synthetic=True, status=Bulletin.Status.SENT).order_by("sent_at"))
    deliveries, acks = [], []
    partner_users = {u.partner_id: u for u in User.objects.filter(partner__isnull=False)}
    # One reader account per partner organisation without one (synthetic, no usable password), so read
    # receipts have someone to come from.
    readers = []
    for orgs in orgs_by_kind.values():
        for org in orgs:
            if org.pk not in partner_users and org.is_synthetic:
                reader = User(username=f"demo-reader-{org.pk}", first_name="synthetic reader", partner=org)
                reader.set_unusable_password()
                readers.append(reader)
    User.objects.bulk_create(readers, ignore_conflicts=True)
    partner_users = {u.partner_id: u for u in User.objects.filter(partner__isnull=False)}
    for bulletin, (kinds, public, urgent) in zip(sent, plan, strict=True):
        if public:
            for ch in (ChannelKind.WEB, ChannelKind.ATOM):
                deliveries.append(
                    Delivery(
                        bulletin=bulletin,
                        channel=ch,
                        recipient="public",
                        status="sent",
                        attempts=1,
                        sent_at=bulletin.sent_at,
                        is_synthetic=True,
                    )
                )
        seen_emails = set()
        for kind in kinds:
            for org in orgs_by_kind.get(kind, []):
                deliveries.append(
                    Delivery(
                        bulletin=bulletin,
                        channel=ChannelKind.PORTAL,
                        recipient=f"org:{org.pk}",
                        organisation=org,
                        status="sent",
                        attempts=1,
                        sent_at=bulletin.sent_at,
                        is_synthetic=True,
                    )
                )
                for email in emails_by_org.get(org.pk, []):
                    if email not in seen_emails:
                        seen_emails.add(email)
                        deliveries.append(
                            Delivery(
                                bulletin=bulletin,
                                channel=ChannelKind.EMAIL,
                                recipient=f"email:{email}",
                                organisation=org,
                                status="sent",
                                attempts=1,
                                sent_at=bulletin.sent_at,
                                is_synthetic=True,
                            )
                        )
                # Urgent alerts are read more often; receipts come from the partner's users.
                user = partner_users.get(org.pk)
                if user is not None and rng.random() < (0.8 if urgent else 0.5):
                    acks.append(
                        Acknowledgement(
                            bulletin=bulletin,
                            user=user,
                            organisation=org,
                            is_synthetic=True,
                            acknowledged_at=bulletin.sent_at + dt.timedelta(hours=rng.randint(1, 72)),
                        )
                    )
        for hook in hooks:
            if (public and hook.audience_public) or set(kinds) & set(hook.audience_partner_kinds):
                deliveries.append(
                    Delivery(
                        bulletin=bulletin,
                        channel=ChannelKind.WEBHOOK,
                        recipient=f"webhook:{hook.pk}",
                        status="sent",
                        attempts=1,
                        sent_at=bulletin.sent_at,
                        is_synthetic=True,
                    )
                )
    Delivery.objects.bulk_create(deliveries, batch_size=2000, ignore_conflicts=True)
    Acknowledgement.objects.bulk_create(acks, ignore_conflicts=True)
    counts = {"bulletins": len(bulletins), "deliveries": len(deliveries), "receipts": len(acks)}
    recorder.record(
        AuditAction.IMPORT, model="bulletins.bulletin", object_repr="demo: synthetic bulletins", after=counts
    )
    ctx.say(f"  bulletins: {counts}")
