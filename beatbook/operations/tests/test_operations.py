"""Validation, impact evaluation against incidents, and the plan indicators of operations."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from beatbook.plan.computations import compute
from beatbook.testing import factories as f
from beatbook.testing import factories_incidents as fi
from beatbook.testing import factories_operations as fo
from beatbook.testing.generic import signed_in

from .. import services
from ..models import ArrestCount, DrugSeizure, Operation

CENTRE = (22.3193, 114.1694)
# Roughly 100 m, 350 m and 1.5 km north of the centre (1 degree of latitude ~ 110.7 km).
IN_AREA, IN_BUFFER, IN_CONTROL = (22.3202, 114.1694), (22.32245, 114.1694), (22.3328, 114.1694)


def commander():
    return f.make_user("commander", clearance=True)


def _incidents(category, where, day: dt.date, n: int):
    for i in range(n):
        fi.make_incident(
            category=category,
            lat=where[0],
            lon=where[1],
            occurred_from=timezone.make_aware(dt.datetime.combine(day, dt.time(12, i % 60))),
        )


@pytest.mark.django_db
def test_operation_ending_before_it_starts_is_refused_on_page_and_api_and_nothing_is_saved():
    user = commander()
    objective = f.make_objective(code="AP-TRIAD-SOC-1")
    unit = f.make_unit("SDS")
    signed = signed_in(user)
    page = signed.post(
        reverse("operations:operation_add"),
        {
            "name": "Bad",
            "kind": "anti_triad",
            "status": "planned",
            "objectives": [objective.pk],
            "lead_unit": unit.pk,
            "starts_on": "2024-03-10",
            "ends_on": "2024-03-01",
            "radius_m": 250,
            "buffer_m": 250,
            "cash_restrained_hkd": "-5",
            "cash_confiscated_hkd": "0",
            "premises_searched": 0,
            "intelligence_reports": 0,
            "handling_code": "restricted",
        },
    )
    assert page.status_code == 200
    assert {"ends_on", "cash_restrained_hkd"} <= set(page.context["form"].errors)
    api = signed.post(
        reverse("operations-api:operation-list"),
        {
            "name": "Bad",
            "kind": "anti_triad",
            "objectives": [objective.code],
            "lead_unit": unit.code,
            "starts_on": "2024-03-10",
            "ends_on": "2024-03-01",
        },
        content_type="application/json",
    )
    assert api.status_code == 400 and "ends_on" in str(api.json())
    assert not Operation.objects.exists()


@pytest.mark.django_db
def test_negative_weights_and_money_are_refused():
    op = fo.make_operation()
    client = signed_in(commander())
    bad = client.post(
        reverse("operations-api:drugseizure-list"),
        {"operation": op.pk, "drug_type": "ketamine", "weight_g": "-3", "estimated_value_hkd": "-1"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and {"weight_g", "estimated_value_hkd"} <= set(str(bad.json()).split("'"))
    zero = client.post(
        reverse("operations-api:arrestcount-list"),
        {"operation": op.pk, "offence_group": "triad", "age_band": "under_16", "count": 0},
        content_type="application/json",
    )
    assert zero.status_code == 400
    assert not DrugSeizure.objects.exists() and not ArrestCount.objects.exists()


def test_periods_are_equal_and_adjacent():
    op = Operation(starts_on=dt.date(2024, 3, 1), ends_on=dt.date(2024, 3, 14))
    before, after = services.periods(op)
    assert before == (dt.date(2024, 2, 16), dt.date(2024, 2, 29)) and after == (op.starts_on, op.ends_on)


@pytest.mark.django_db
def test_impact_counts_each_ring_and_links_list_exactly_those_records():
    robbery = fi.make_category("robbery")
    objective = f.make_objective(code="AP-TRIAD-OC-1")
    robbery.objective = objective
    robbery.save()
    op = fo.make_operation(
        objectives=[objective], centre_lat=CENTRE[0], centre_lon=CENTRE[1], radius_m=250, buffer_m=250
    )
    before_day, during_day = dt.date(2024, 2, 20), dt.date(2024, 3, 5)
    _incidents(robbery, IN_AREA, before_day, 30)
    _incidents(robbery, IN_AREA, during_day, 6)
    _incidents(robbery, IN_BUFFER, before_day, 5)
    _incidents(robbery, IN_BUFFER, during_day, 15)
    _incidents(robbery, IN_CONTROL, before_day, 40)
    _incidents(robbery, IN_CONTROL, during_day, 40)
    _incidents(fi.make_category("deception"), IN_AREA, during_day, 9)  # another objective: not counted
    user = commander()
    impact = services.evaluate(op, user, today=dt.date(2024, 12, 31))
    assert (impact.treated.before, impact.treated.after) == (30, 6)
    assert (impact.buffer.before, impact.buffer.after) == (5, 15)
    assert (impact.control.before, impact.control.after) == (40, 40)
    assert impact.evaluation.outcome == "reduction"
    assert impact.evaluation.displacement == "displacement"
    client = signed_in(user)
    for area in (impact.treated, impact.buffer, impact.control):
        for url, expected in ((area.before_url, area.before), (area.after_url, area.after)):
            assert client.get(url).context["total"] == expected, url
    response = client.get(reverse("operations:operation_detail", args=[op.pk]))
    assert response.context["area"]["outer"] == 500
    page = response.content.decode()
    assert "範圍內罪案下降，超出正常波動。" in page  # the default language is Traditional Chinese
    assert "部分罪案轉移至鄰近地區" in page


@pytest.mark.django_db
def test_impact_of_an_area_with_no_crime_before_says_so():
    op = fo.make_operation(centre_lat=CENTRE[0], centre_lon=CENTRE[1])
    impact = services.evaluate(op, commander(), today=dt.date(2024, 12, 31))
    assert impact.evaluation.outcome == "no_data" and impact.evaluation.wdq is None


@pytest.mark.django_db
def test_impact_refuses_operations_without_area_or_still_running():
    op = fo.make_operation()
    with pytest.raises(ValidationError):
        services.evaluate(op, commander(), today=dt.date(2024, 12, 31))
    running = fo.make_operation(centre_lat=CENTRE[0], centre_lon=CENTRE[1])
    with translation.override("en"), pytest.raises(ValidationError, match="still running"):
        services.evaluate(running, commander(), today=dt.date(2024, 3, 5))


@pytest.mark.django_db
def test_indicators_count_operations_young_arrests_drugs_and_proceeds():
    objective = f.make_objective(code="AP-DRUGS-YOUTH-1")
    op = fo.make_operation(objectives=[objective], cash_restrained_hkd=5000)
    fo.make_arrests(operation=op, offence_group="drugs", age_band="under_16", count=2)
    fo.make_arrests(operation=op, offence_group="drugs", age_band="16_20", count=3)
    fo.make_arrests(operation=op, offence_group="drugs", age_band="21_plus", count=10)
    fo.make_seizure(operation=op, weight_g=100)
    cancelled = fo.make_operation(objectives=[objective], status="cancelled")
    fo.make_arrests(operation=cancelled, offence_group="drugs", age_band="under_16", count=50)
    today = dt.date(2024, 12, 31)
    checks = [
        ("operations.count", {}, 1),
        ("operations.arrests", {"ages": "young"}, 5),
        ("operations.arrests", {}, 15),
        ("operations.drugs_weight", {}, 112.5 - 12.5),
        ("operations.proceeds_restrained", {}, 5000),
    ]
    user = commander()
    for name, params, expected in checks:
        indicator = f.make_indicator(objective=objective, computation=name, computation_params=params)
        value = compute(indicator, today=today)
        assert value.value == expected, name
        listed = signed_in(user).get(value.records_url)
        assert listed.status_code == 200
        if name in ("operations.count", "operations.proceeds_restrained"):
            assert listed.context["total"] == 1
        if name == "operations.arrests":
            assert listed.context["total"] == (2 if params else 3)
