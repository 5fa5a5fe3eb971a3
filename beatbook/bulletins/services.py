"""Submit, approve and send bulletins; resolve who receives them.

The audience filter (``recipients``) turns a bulletin's audience and channels into delivery targets.
Nothing leaves before a supervisor who is not the writer approves it; sending is a huey task enqueued
after the approving transaction commits, and each (bulletin, channel, recipient) is delivered once.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Bulletin, ChannelKind, Delivery, Webhook


@dataclass(frozen=True)
class Target:
    channel: str
    recipient: str  # unique key per channel
    address: str = ""  # e-mail address or URL
    organisation_id: int | None = None


def recipients(bulletin: Bulletin) -> list[Target]:
    """Every (channel, recipient) the bulletin goes to, from its audience and channels.

    - web / atom: one "public" target, only when the public is in the audience;
    - portal: each active partner organisation of the chosen types (read receipts come from here);
    - email: contacts of those organisations who receive bulletins, plus members of the chosen
      programmes whose contact is an e-mail address;
    - webhook: active webhooks whose audience overlaps the bulletin's.
    """
    from beatbook.community.models import Member
    from beatbook.partners.models import Contact, Organisation

    channels = set(bulletin.channels or [])
    kinds = set(bulletin.audience_partner_kinds or [])
    targets: list[Target] = []
    if bulletin.audience_public:
        for channel in (ChannelKind.WEB, ChannelKind.ATOM):
            if channel in channels:
                targets.append(Target(channel, "public"))
    orgs = list(Organisation.objects.filter(kind__in=kinds, active=True).order_by("pk")) if kinds else []
    if ChannelKind.PORTAL in channels:
        targets.extend(Target(ChannelKind.PORTAL, f"org:{o.pk}", organisation_id=o.pk) for o in orgs)
    if ChannelKind.EMAIL in channels:
        seen = set()
        for contact in Contact.objects.filter(organisation__in=orgs, receives_bulletins=True).exclude(
            email=""
        ):
            email = contact.email.lower()
            if email not in seen:
                seen.add(email)
                targets.append(Target(ChannelKind.EMAIL, f"email:{email}", email, contact.organisation_id))
        programme_ids = list(bulletin.audience_programmes.values_list("pk", flat=True)) if bulletin.pk else []
        if programme_ids:
            members = Member.objects.filter(
                programme_id__in=programme_ids, left_on__isnull=True, contact__contains="@"
            )
            for contact in members.values_list("contact", flat=True):
                email = contact.strip().lower()
                if email not in seen:
                    seen.add(email)
                    targets.append(Target(ChannelKind.EMAIL, f"email:{email}", email))
    if ChannelKind.WEBHOOK in channels:
        for hook in Webhook.objects.filter(active=True).order_by("pk"):
            if (bulletin.audience_public and hook.audience_public) or kinds & set(
                hook.audience_partner_kinds or []
            ):
                targets.append(Target(ChannelKind.WEBHOOK, f"webhook:{hook.pk}", hook.url))
    return targets


def submit(bulletin: Bulletin, user) -> None:
    """The writer asks for approval."""
    if bulletin.status not in (Bulletin.Status.DRAFT, Bulletin.Status.REJECTED):
        raise ValidationError(_("Only a draft can be submitted."))
    if not bulletin.has_audience():
        raise ValidationError(_("Choose an audience: the public, partner types or programmes."))
    bulletin.status = Bulletin.Status.SUBMITTED
    bulletin.save()


def can_approve(bulletin: Bulletin, user) -> bool:
    return bool(user and user.has_perm("bulletins.approve_bulletin") and bulletin.author_id != user.pk)


def approve(bulletin: Bulletin, user) -> None:
    """A supervisor approves; the writer cannot approve their own bulletin. Sends now or when scheduled."""
    if not user.has_perm("bulletins.approve_bulletin"):
        raise PermissionDenied(_("Only a supervisor may approve bulletins."))
    if bulletin.author_id == user.pk:
        raise PermissionDenied(_("A writer cannot approve their own bulletin."))
    if bulletin.status != Bulletin.Status.SUBMITTED:
        raise ValidationError(_("Only a bulletin awaiting approval can be approved."))
    bulletin.status = Bulletin.Status.APPROVED
    bulletin.approved_by = user
    bulletin.approved_at = timezone.now()
    bulletin.save()
    if bulletin.scheduled_for is None or bulletin.scheduled_for <= timezone.now():
        enqueue(bulletin)


def reject(bulletin: Bulletin, user) -> None:
    if not user.has_perm("bulletins.approve_bulletin"):
        raise PermissionDenied(_("Only a supervisor may return bulletins."))
    if bulletin.status != Bulletin.Status.SUBMITTED:
        raise ValidationError(_("Only a bulletin awaiting approval can be returned."))
    bulletin.status = Bulletin.Status.REJECTED
    bulletin.save()


def enqueue(bulletin: Bulletin) -> None:
    from .tasks import deliver_bulletin

    pk = bulletin.pk
    transaction.on_commit(lambda: deliver_bulletin(pk))


def due_bulletins(now=None):
    now = now or timezone.now()
    return Bulletin.objects.filter(status=Bulletin.Status.APPROVED, scheduled_for__lte=now)


def send(bulletin_id: int) -> dict[str, int]:
    """Deliver an approved bulletin to every target once; returns counts by delivery status."""
    bulletin = Bulletin.objects.filter(pk=bulletin_id).first()
    if bulletin is None or bulletin.status not in (Bulletin.Status.APPROVED, Bulletin.Status.SENT):
        return {}
    if (
        bulletin.status == Bulletin.Status.APPROVED
        and bulletin.scheduled_for
        and bulletin.scheduled_for > timezone.now()
    ):
        return {}
    targets = recipients(bulletin)
    Delivery.objects.bulk_create(
        [
            Delivery(
                bulletin=bulletin,
                channel=t.channel,
                recipient=t.recipient,
                organisation_id=t.organisation_id,
                is_synthetic=bulletin.is_synthetic,
            )
            for t in targets
        ],
        ignore_conflicts=True,
    )
    by_key = {(t.channel, t.recipient): t for t in targets}
    for delivery in bulletin.deliveries.exclude(status=Delivery.Status.SENT):
        target = by_key.get((delivery.channel, delivery.recipient))
        delivery.attempts += 1
        try:
            if target is not None:
                _deliver_one(bulletin, target)
            delivery.status, delivery.sent_at, delivery.error = Delivery.Status.SENT, timezone.now(), ""
        except Exception as exc:  # one failing recipient must not stop the others
            delivery.status, delivery.error = Delivery.Status.FAILED, str(exc)[:300]
        delivery.save()
    if bulletin.status != Bulletin.Status.SENT:
        bulletin.status, bulletin.sent_at = Bulletin.Status.SENT, timezone.now()
        bulletin.save()
    counts: dict[str, int] = {}
    for status in bulletin.deliveries.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def _deliver_one(bulletin: Bulletin, target: Target) -> None:
    if target.channel == ChannelKind.EMAIL:
        from django.core.mail import send_mail

        prefix = "[緊急 URGENT] " if bulletin.urgency == Bulletin.Urgency.URGENT else ""
        body = f"{bulletin.body_zh}\n\n{bulletin.body_en}\n\n" + "\n".join(bulletin.link_list())
        send_mail(f"{prefix}{bulletin.title_zh} {bulletin.title_en}", body, None, [target.address])
    elif target.channel == ChannelKind.WEBHOOK:
        import requests

        hook = Webhook.objects.get(pk=int(target.recipient.split(":", 1)[1]))
        payload = json.dumps(webhook_payload(bulletin), ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json"}
        if hook.secret:
            headers["X-Beatbook-Signature"] = hmac.new(
                hook.secret.encode(), payload, hashlib.sha256
            ).hexdigest()
        response = requests.post(hook.url, data=payload, headers=headers, timeout=10)
        response.raise_for_status()
    # web, atom and portal: publishing is the bulletin becoming "sent"; nothing to push.


def webhook_payload(bulletin: Bulletin) -> dict:
    return {
        "id": bulletin.pk,
        "urgency": bulletin.urgency,
        "title_zh": bulletin.title_zh,
        "title_en": bulletin.title_en,
        "body_zh": bulletin.body_zh,
        "body_en": bulletin.body_en,
        "links": bulletin.link_list(),
        "objective": bulletin.objective.code if bulletin.objective_id else None,
    }


def bulletins_for_partner(user):
    """Sent bulletins delivered to the user's organisation through the partner portal."""
    if not getattr(user, "partner_id", None):
        return Bulletin.objects.none()
    return Bulletin.objects.filter(
        status=Bulletin.Status.SENT,
        deliveries__channel=ChannelKind.PORTAL,
        deliveries__organisation_id=user.partner_id,
    ).distinct()
