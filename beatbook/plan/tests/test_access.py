"""Generic access/audit cases for every plan model, plus plan-specific refusals."""

import datetime as dt

import pytest
from django.urls import reverse

from beatbook.testing import factories as f
from beatbook.testing.generic import ModelAccessTestCase, grant, signed_in

from ..models import Activity, Indicator, JournalEntry, Objective


class TestActivityAccess(ModelAccessTestCase):
    model = Activity
    list_url = "plan:activity_list"
    detail_url = "plan:activity_detail"
    api_list_url = "plan-api:activity-list"
    api_detail_url = "plan-api:activity-detail"
    marker_field = "title"

    def make(self, **extra):
        return f.make_activity(**extra)

    def change(self, obj):
        obj.title = "Changed title"
        obj.save()


class TestJournalAccess(ModelAccessTestCase):
    model = JournalEntry
    list_url = "plan:journalentry_list"
    detail_url = "plan:journalentry_detail"
    api_list_url = "plan-api:journalentry-list"
    api_detail_url = "plan-api:journalentry-detail"
    marker_field = "text"

    def make(self, **extra):
        return f.make_journal(text=f.unique("Progress note "), **extra)

    def change(self, obj):
        obj.text = "Revised"
        obj.save()


class TestObjectiveAccess(ModelAccessTestCase):
    model = Objective
    list_url = "plan:objective_list"
    detail_url = "plan:objective_detail"
    api_list_url = "plan-api:objective-list"
    lookup_field = "code"
    marker_field = "code"

    def make(self, **extra):
        return f.make_objective(**extra)

    def change(self, obj):
        obj.text_en = "Changed objective"
        obj.save()


class TestIndicatorAccess(ModelAccessTestCase):
    model = Indicator
    list_url = "plan:indicator_list"
    detail_url = "plan:indicator_detail"
    api_list_url = "plan-api:indicator-list"
    api_detail_url = "plan-api:indicator-detail"
    marker_field = "code"

    def make(self, **extra):
        return f.make_indicator(**extra)

    def change(self, obj):
        obj.target = 99
        obj.save()


@pytest.mark.django_db
def test_activity_form_refuses_bad_input_with_clear_errors():
    user = grant(f.make_user(None), Activity, "view", "add")
    client = signed_in(user)
    objective, unit = f.make_objective(), f.make_unit()
    response = client.post(
        reverse("plan:activity_add"),
        {
            "objective": objective.pk,
            "date": "2024-13-40",
            "unit": unit.pk,
            "kind": "nonsense",
            "title": "",
            "handling_code": "normal",
            "output_participants": "-5",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"date", "kind", "title", "output_participants"}
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_officer_logs_an_activity_and_it_counts_in_the_indicator():
    client = signed_in(f.make_user("officer"))
    objective, unit = f.make_objective(), f.make_unit()
    indicator = f.make_indicator(
        objective=objective,
        computation="activities.output_sum",
        computation_params={"output": "participants"},
    )
    response = client.post(
        reverse("plan:activity_add"),
        {
            "objective": objective.pk,
            "date": "2024-06-01",
            "unit": unit.pk,
            "kind": "talk",
            "title": "Anti-fraud talk",
            "handling_code": "normal",
            "output_participants": "45",
            "output_talks": "1",
        },
    )
    assert response.status_code == 302, response.content
    activity = Activity.objects.get()
    assert activity.outputs == {"participants": 45, "talks": 1}
    assert activity.recorded_by.username.startswith("officer")
    from ..computations import compute

    assert compute(indicator, today=dt.date(2024, 12, 31)).value == 45


@pytest.mark.django_db
def test_api_refuses_unknown_outputs():
    user = grant(f.make_user(None), Activity, "view", "add")
    client = signed_in(user)
    objective, unit = f.make_objective(), f.make_unit()
    response = client.post(
        reverse("plan-api:activity-list"),
        {
            "objective": objective.code,
            "date": "2024-06-01",
            "unit": unit.code,
            "kind": "talk",
            "title": "x",
            "outputs": {"bogus": 3},
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "outputs" in response.json()


@pytest.mark.django_db
def test_restricted_activities_do_not_count_for_uncleared_users():
    from ..computations import compute

    objective = f.make_objective()
    indicator = f.make_indicator(objective=objective, computation="activities.count")
    f.make_activity(objective=objective)
    f.make_activity(objective=objective, handling_code="restricted")
    uncleared = f.make_user("commander", clearance=False)
    cleared = f.make_user("commander", clearance=True)
    assert compute(indicator, user=uncleared, today=dt.date(2024, 12, 31)).value == 1
    assert compute(indicator, user=cleared, today=dt.date(2024, 12, 31)).value == 2


@pytest.mark.django_db
def test_unit_scope_limits_activities_to_the_users_units_and_their_subunits():
    district = f.make_unit("D1")
    team = f.make_unit("T1", parent=district)
    other = f.make_unit("X1")
    mine = f.make_activity(unit=team, title="Team talk")
    theirs = f.make_activity(unit=other, title="Other district talk")
    user = f.make_user("officer")
    user.units.set([district])
    client = signed_in(user)
    body = client.get(reverse("plan:activity_list")).content.decode()
    assert mine.title in body and theirs.title not in body
    assert client.get(reverse("plan:activity_detail", kwargs={"pk": theirs.pk})).status_code == 404
    ids = [r["id"] for r in client.get(reverse("plan-api:activity-list")).json()["results"]]
    assert mine.pk in ids and theirs.pk not in ids
