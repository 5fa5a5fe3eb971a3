"""Access/audit for every events model; lessons carry into the next event; reviewed-rate indicator."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from beatbook.plan.computations import compute
from beatbook.testing import factories as f
from beatbook.testing import factories_events as fe
from beatbook.testing.generic import ModelAccessTestCase, grant, signed_in

from ..models import DeploymentPost, EventReview, PublicEvent


class TestPublicEventAccess(ModelAccessTestCase):
    model = PublicEvent
    list_url = "events:publicevent_list"
    detail_url = "events:publicevent_detail"
    api_list_url = "events-api:publicevent-list"
    api_detail_url = "events-api:publicevent-detail"
    marker_field = "title"

    def make(self, **extra):
        return fe.make_event(**extra)

    def change(self, obj):
        obj.expected_attendance = 5000
        obj.save()


class TestDeploymentPostAccess(ModelAccessTestCase):
    model = DeploymentPost
    list_url = "events:deploymentpost_list"
    detail_url = "events:deploymentpost_detail"
    api_list_url = "events-api:deploymentpost-list"
    api_detail_url = "events-api:deploymentpost-detail"
    marker_field = "post"

    def make(self, **extra):
        return fe.make_post(**extra)

    def change(self, obj):
        obj.officers = 9
        obj.save()


class TestEventReviewAccess(ModelAccessTestCase):
    model = EventReview
    list_url = "events:eventreview_list"
    detail_url = "events:eventreview_detail"
    api_list_url = "events-api:eventreview-list"
    api_detail_url = "events-api:eventreview-detail"
    marker_field = "lessons"

    def make(self, **extra):
        return fe.make_review(**extra)

    def change(self, obj):
        obj.incidents = 3
        obj.save()


@pytest.mark.django_db
def test_lessons_of_the_last_event_of_the_kind_show_when_planning_the_next():
    user = grant(f.make_user(None), PublicEvent, "view", "add")
    grant(user, EventReview, "view")
    old = fe.make_event(
        kind="festive", title="Countdown 2023", starts_at=timezone.make_aware(dt.datetime(2023, 12, 31, 22))
    )
    fe.make_review(event=old, lessons="Open the second exit an hour earlier")
    other = fe.make_event(kind="sports", starts_at=timezone.make_aware(dt.datetime(2023, 11, 1, 19)))
    fe.make_review(event=other, lessons="Football dispersal lesson")
    client = signed_in(user)
    page = client.get(reverse("events:publicevent_add") + "?kind=festive").content.decode()
    assert "Open the second exit an hour earlier" in page and "Football dispersal lesson" not in page
    fragment = client.get(reverse("events:lessons"), {"kind": "sports"}).content.decode()
    assert "Football dispersal lesson" in fragment
    new = fe.make_event(kind="festive", starts_at=timezone.make_aware(dt.datetime(2024, 12, 31, 22)))
    detail = client.get(reverse("events:publicevent_detail", kwargs={"pk": new.pk})).content.decode()
    assert "Open the second exit an hour earlier" in detail


@pytest.mark.django_db
def test_event_form_refuses_bad_input():
    user = grant(f.make_user(None), PublicEvent, "view", "add")
    objective = f.make_objective(code="AP-SAFETY-EVENTS-3")
    response = signed_in(user).post(
        reverse("events:publicevent_add"),
        {
            "objective": objective.pk,
            "title": "X",
            "kind": "festive",
            "status": "planning",
            "starts_at": "2024-05-01T20:00",
            "ends_at": "2024-05-01T19:00",
            "venue": "V",
            "organiser": "O",
            "expected_attendance": "-3",
            "crowd_density": "7",
            "likelihood": "0",
            "impact": "6",
            "handling_code": "normal",
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {
        "ends_at",
        "expected_attendance",
        "crowd_density",
        "likelihood",
        "impact",
    }
    assert not PublicEvent.objects.exists()


@pytest.mark.django_db
def test_reviewed_rate_indicator():
    objective = f.make_objective(code="AP-SAFETY-EVENTS-3")
    indicator = f.make_indicator(objective=objective, computation="events.reviewed_rate")
    held = [fe.make_event(objective=objective) for _ in range(4)]
    fe.make_review(event=held[0])
    fe.make_review(event=held[1])
    fe.make_event(objective=objective, status="cancelled")
    value = compute(indicator, today=dt.date(2024, 12, 31))
    assert value.value == 0.5 and value.detail == "2/4"
    user = grant(f.make_user(None), PublicEvent, "view")
    assert signed_in(user).get(value.records_url).context["total"] == 4


@pytest.mark.django_db
def test_event_map_shows_visible_events_with_a_location():
    from beatbook.core.models import HandlingCode

    user = grant(f.make_user(None), PublicEvent, "view")
    shown = fe.make_event(lat=22.3185, lon=114.1708, likelihood=4, impact=4)
    fe.make_event(lat=22.3185, lon=114.1708, handling_code=HandlingCode.RESTRICTED)
    fe.make_event()  # no location
    page = signed_in(user).get(reverse("events:map"))
    assert page.status_code == 200
    events = page.context["map_data"]["events"]
    assert [e["title"] for e in events] == [shown.title] and events[0]["band"] == "extreme"
    assert signed_in(f.make_user(None)).get(reverse("events:map")).status_code == 403
