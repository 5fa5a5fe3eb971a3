"""Makers of public-event records for tests (and RESTRICTED instances for the URL-walking test)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from beatbook.core.models import HandlingCode
from beatbook.events.models import DeploymentPost, EventReview, PublicEvent

from .factories import make_objective, make_unit, restricted_factory, unique


def make_event(**extra) -> PublicEvent:
    starts = extra.pop("starts_at", timezone.make_aware(dt.datetime(2024, 3, 1, 19, 0)))
    objective = extra.pop("objective", None) or make_objective(code=unique("AP-SAFETY-EVENTS-T"))
    defaults = {
        "title": unique("Countdown "),
        "kind": "festive",
        "starts_at": starts,
        "ends_at": starts + dt.timedelta(hours=3),
        "venue": "Sai Yeung Choi Street South",
        "organiser": "Organiser",
        "expected_attendance": 1000,
        "likelihood": 3,
        "impact": 4,
    }
    defaults.update(extra)
    return PublicEvent.objects.create(objective=objective, **defaults)


def make_post(event=None, **extra) -> DeploymentPost:
    event = event or make_event()
    defaults = {
        "unit": make_unit(),
        "post": unique("Post "),
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
    }
    defaults.update(extra)
    return DeploymentPost.objects.create(event=event, **defaults)


def make_review(event=None, **extra) -> EventReview:
    event = event or make_event()
    defaults = {"date": event.ends_at.date() + dt.timedelta(days=2), "lessons": unique("Lesson ")}
    defaults.update(extra)
    return EventReview.objects.create(event=event, **defaults)


for _model, _maker in ((PublicEvent, make_event), (DeploymentPost, make_post), (EventReview, make_review)):
    restricted_factory(_model)(lambda maker=_maker: maker(handling_code=HandlingCode.RESTRICTED))
