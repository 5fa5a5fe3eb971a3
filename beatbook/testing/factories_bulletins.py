"""Factories for bulletins (RESTRICTED makers registered)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from beatbook.core.models import HandlingCode

from .factories import RESTRICTED_FACTORIES, unique


def make_bulletin(**extra):
    from beatbook.bulletins.models import Bulletin

    title = extra.pop("title_en", unique("Bulletin "))
    defaults = {
        "title_zh": f"資訊{title}",
        "body_zh": "小心騙案。",
        "body_en": "Beware of scams.",
        "audience_public": True,
        "channels": ["web", "atom"],
    }
    defaults.update(extra)
    return Bulletin.objects.create(title_en=title, **defaults)


def make_sent_bulletin(**extra):
    defaults = {"status": "sent", "sent_at": timezone.make_aware(dt.datetime(2024, 5, 1, 10, 0))}
    defaults.update(extra)
    return make_bulletin(**defaults)


def make_webhook(**extra):
    from beatbook.bulletins.models import Webhook

    defaults = {"name": unique("Hook "), "url": "https://hooks.example.org/beatbook", "audience_public": True}
    defaults.update(extra)
    return Webhook.objects.create(**defaults)


def make_delivery(bulletin=None, **extra):
    from beatbook.bulletins.models import Delivery

    defaults = {"channel": "web", "recipient": unique("public-"), "status": "sent"}
    defaults.update(extra)
    return Delivery.objects.create(bulletin=bulletin or make_sent_bulletin(), **defaults)


def make_acknowledgement(bulletin=None, **extra):
    from beatbook.bulletins.models import Acknowledgement
    from beatbook.testing.factories import make_user
    from beatbook.testing.factories_partners import make_organisation

    org = extra.pop("organisation", None) or make_organisation()
    user = extra.pop("user", None) or make_user("partner", partner=org)
    return Acknowledgement.objects.create(
        bulletin=bulletin or make_sent_bulletin(), user=user, organisation=org, **extra
    )


def _register() -> None:
    from beatbook.bulletins.models import Acknowledgement, Bulletin, Delivery, Webhook

    r = HandlingCode.RESTRICTED
    RESTRICTED_FACTORIES.update(
        {
            Bulletin: lambda: make_bulletin(handling_code=r),
            Webhook: lambda: make_webhook(handling_code=r),
            Delivery: lambda: make_delivery(handling_code=r),
            Acknowledgement: lambda: make_acknowledgement(handling_code=r),
        }
    )


_register()
