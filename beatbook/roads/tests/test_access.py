"""Generic access/audit cases for every road-safety model, the enforcement->activity link and the pages."""

import datetime as dt

import pytest
from django.urls import reverse

from beatbook.plan.computations import compute
from beatbook.plan.models import Activity
from beatbook.testing import factories as f
from beatbook.testing import factories_roads as fr
from beatbook.testing.generic import ModelAccessTestCase, grant, signed_in

from ..models import Accident, Casualty, EnforcementOperation, Vehicle


class TestAccidentAccess(ModelAccessTestCase):
    model = Accident
    list_url = "roads:accident_list"
    detail_url = "roads:accident_detail"
    api_list_url = "roads-api:accident-list"
    api_detail_url = "roads-api:accident-detail"
    marker_field = "street_name"

    def make(self, **extra):
        return fr.make_accident(**extra)

    def change(self, obj):
        obj.severity = "Fatal"
        obj.save()


class TestCasualtyAccess(ModelAccessTestCase):
    model = Casualty
    list_url = "roads:casualty_list"
    detail_url = "roads:casualty_detail"
    api_list_url = "roads-api:casualty-list"
    api_detail_url = "roads-api:casualty-detail"

    def make(self, **extra):
        return fr.make_casualty(**extra)

    def change(self, obj):
        obj.age = 33
        obj.save()


class TestVehicleAccess(ModelAccessTestCase):
    model = Vehicle
    list_url = "roads:vehicle_list"
    detail_url = "roads:vehicle_detail"
    api_list_url = "roads-api:vehicle-list"
    api_detail_url = "roads-api:vehicle-detail"

    def make(self, **extra):
        return fr.make_vehicle(**extra)

    def change(self, obj):
        obj.manoeuvre = "Reversing"
        obj.save()


class TestEnforcementAccess(ModelAccessTestCase):
    model = EnforcementOperation
    list_url = "roads:enforcementoperation_list"
    detail_url = "roads:enforcementoperation_detail"
    api_list_url = "roads-api:enforcementoperation-list"
    api_detail_url = "roads-api:enforcementoperation-detail"
    marker_field = "title"

    def make(self, **extra):
        return fr.make_enforcement(**extra)

    def change(self, obj):
        obj.summonses = 12
        obj.save()


@pytest.mark.django_db
def test_done_operation_becomes_a_plan_activity_and_counts_in_the_indicator():
    objective = f.make_objective(code="AP-SAFETY-ROAD-2")
    indicator = f.make_indicator(
        objective=objective,
        computation="roads.enforcement_outputs",
        computation_params={"kind": "drink_driving"},
    )
    op = fr.make_enforcement(objective=objective, kind="drink_driving", status="planned")
    assert op.activity is None
    op.status, op.done_date, op.summonses, op.arrests, op.vehicles_checked = (
        "done",
        dt.date(2024, 6, 1),
        7,
        2,
        150,
    )
    op.save()
    activity = Activity.objects.get(source=f"roads.enforcementoperation:{op.pk}")
    assert activity.outputs == {"vehicles_checked": 150, "summonses": 7, "arrests": 2}
    assert activity.kind == "enforcement" and activity.objective == objective
    value = compute(indicator, today=dt.date(2024, 12, 31))
    assert value.value == 9
    assert "kind=drink_driving" in value.records_url and "status=done" in value.records_url


@pytest.mark.django_db
def test_ksi_indicator_counts_the_group_and_links_to_the_records():
    objective = f.make_objective(code="AP-SAFETY-ROAD-3")
    indicator = f.make_indicator(
        objective=objective,
        computation="roads.ksi",
        computation_params={"group": "elderly_pedestrian"},
        period_start=dt.date(2019, 1, 1),
        period_end=dt.date(2019, 12, 31),
    )
    accident = fr.make_accident()
    fr.make_casualty(accident=accident, age=70, degree_of_injury="Killed")
    fr.make_casualty(accident=accident, age=30, degree_of_injury="Killed")
    fr.make_casualty(accident=accident, age=80, degree_of_injury="Slightly Injured")
    fr.make_casualty(
        accident=fr.make_accident(dcca="E01"), age=90, degree_of_injury="Killed"
    )  # outside Mong Kok
    value = compute(indicator, today=dt.date(2024, 1, 1))
    assert value.value == 1
    user = grant(f.make_user(None), Casualty, "view")
    page = signed_in(user).get(value.records_url)
    assert page.status_code == 200 and page.context["total"] == 1


@pytest.mark.django_db
def test_enforcement_form_refuses_bad_input():
    user = grant(f.make_user(None), EnforcementOperation, "view", "add")
    other = f.make_objective(code="AP-FRAUD-9")
    response = signed_in(user).post(
        reverse("roads:enforcementoperation_add"),
        {
            "objective": other.pk,
            "unit": f.make_unit().pk,
            "kind": "nonsense",
            "title": "",
            "status": "done",
            "planned_date": "2024-02-30",
            "lat": "99",
            "handling_code": "normal",
            "vehicles_checked": "-1",
            "summonses": "0",
            "arrests": "0",
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {
        "objective",
        "kind",
        "title",
        "planned_date",
        "vehicles_checked",
    }
    assert not EnforcementOperation.objects.exists()


@pytest.mark.django_db
def test_summary_and_blacksite_pages():
    user = grant(f.make_user(None), Accident, "view")
    grant(user, EnforcementOperation, "view")
    for serial in range(3):
        a = fr.make_accident(street_name="NATHAN ROAD", collision_type="Vehicle collision with Pedestrian")
        fr.make_casualty(accident=a, age=70, degree_of_injury="Seriously Injured", seq=serial + 1)
        fr.make_vehicle(accident=a, vehicle_class="Taxi", seq=serial + 1)
    fr.make_enforcement(title="Speed trap near Nathan", lat=22.3194, lon=114.1695)
    client = signed_in(user)
    page = client.get(reverse("roads:summary"), {"area": "mongkok", "from": "2019-01-01", "to": "2019-12-31"})
    assert page.status_code == 200
    assert page.context["result"]["accidents"] == 3
    assert page.context["result"]["involving"]["public_transport"]["Serious"] == 3
    assert "Transport Department" in page.content.decode()
    bad = client.get(reverse("roads:summary"), {"area": "../../etc/passwd", "from": "2019-01-01"})
    assert bad.status_code == 200 and bad.context["error"]
    page = client.get(
        reverse("roads:blacksites"),
        {"from": "2019-01-01", "to": "2019-12-31", "group": "public_transport", "severity": "Serious"},
    )
    assert page.status_code == 200
    assert page.context["sites"][0]["accidents"] == 3
    assert page.context["operations"][0]["title"] == "Speed trap near Nathan"
    assert client.get(reverse("roads:blacksites"), {"group": "aliens"}).context["error"]
    none = signed_in(f.make_user(None))
    assert none.get(reverse("roads:summary")).status_code == 403
    assert none.get(reverse("roads:blacksites")).status_code == 403


@pytest.mark.django_db
def test_ksi_indicator_has_no_value_when_no_records_cover_the_period():
    objective = f.make_objective(code="AP-SAFETY-ROAD-1")
    indicator = f.make_indicator(
        objective=objective, computation="roads.ksi", computation_params={"group": "all"}
    )
    fr.make_casualty(degree_of_injury="Killed")  # a 2019 record; the indicator covers 2024
    assert compute(indicator, today=dt.date(2024, 12, 31)).value is None


@pytest.mark.django_db
def test_api_summary_and_blacksites():
    from beatbook.testing.openapi import assert_response_matches_schema

    user = grant(f.make_user(None), Accident, "view")
    for serial in range(2):
        a = fr.make_accident(street_name="NATHAN ROAD", collision_type="Vehicle collision with Vehicle")
        fr.make_vehicle(accident=a, vehicle_class="Taxi", seq=serial + 1)
    client = signed_in(user)
    response = client.get(
        reverse("roads-api:accident-summary"), {"area": "mongkok", "from": "2019-01-01", "to": "2019-12-31"}
    )
    assert response.status_code == 200
    assert response.json()["accidents"] == 2
    assert_response_matches_schema(response)
    response = client.get(reverse("roads-api:accident-blacksites"), {"group": "public_transport", "top": "3"})
    assert response.status_code == 200 and response.json()["sites"][0]["accidents"] == 2
    assert client.get(reverse("roads-api:accident-summary"), {"area": "nowhere"}).status_code == 400
    assert client.get(reverse("roads-api:accident-blacksites"), {"radius": "-5"}).status_code == 400
    assert signed_in(f.make_user(None)).get(reverse("roads-api:accident-summary")).status_code == 403


@pytest.mark.django_db
def test_blacksite_records_link_lists_exactly_its_accidents():
    user = grant(f.make_user(None), Accident, "view")
    a, b = fr.make_accident(), fr.make_accident()
    fr.make_accident(year=2018)
    client = signed_in(user)
    page = client.get(reverse("roads:accident_list"), {"key": f"{a.key},{b.key},junk,2019-x"})
    assert page.context["total"] == 2
    assert client.get(reverse("roads:accident_list"), {"key": "junk"}).context["total"] == 0


@pytest.mark.django_db
def test_deleting_or_replanning_an_operation_removes_its_activity():
    op = fr.make_enforcement(status="done", done_date=dt.date(2024, 6, 1), summonses=3)
    assert Activity.objects.filter(pk=op.activity_id).exists()
    op.status = "cancelled"
    op.save()
    assert not Activity.objects.exists()
    op.status = "done"
    op.save()
    assert Activity.objects.count() == 1
    op.delete()
    assert not Activity.objects.exists()
