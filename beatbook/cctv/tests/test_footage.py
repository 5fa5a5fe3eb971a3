"""Footage countdown, two-day warning, workflow, and the CCTV indicators against the records."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from beatbook.plan.computations import compute
from beatbook.testing import factories as f
from beatbook.testing import factories_cctv as fcc
from beatbook.testing import factories_partners as fp
from beatbook.testing.generic import signed_in

from ..models import CameraSite, FootageRequest

T0 = timezone.make_aware(dt.datetime(2024, 6, 1, 22, 30))


@pytest.mark.django_db
def test_countdown_and_two_day_warning():
    site = fcc.make_site(retention_days=7)
    request = fcc.make_footage_request(site=site, incident_time=T0)
    assert request.overwrite_at == T0 + dt.timedelta(days=7)
    assert request.time_left(T0 + dt.timedelta(days=3)) == dt.timedelta(days=4)
    assert not request.needs_warning(T0 + dt.timedelta(days=4, hours=23))  # 2 days 1 hour left
    assert request.needs_warning(T0 + dt.timedelta(days=5))  # exactly 2 days left
    assert request.needs_warning(T0 + dt.timedelta(days=8))  # already overwritten
    request.move_to("acknowledged", when=T0 + dt.timedelta(days=1))
    assert request.needs_warning(T0 + dt.timedelta(days=6))  # acknowledged is still open
    request.move_to("received", when=T0 + dt.timedelta(days=6))
    assert not request.needs_warning(T0 + dt.timedelta(days=6, hours=1))  # answered: no warning
    assert request.answered_in_time() is True


@pytest.mark.django_db
def test_workflow_refuses_jumps_and_refusal_needs_a_reason():
    request = fcc.make_footage_request()
    with pytest.raises(ValidationError):
        request.move_to("refused")
    request.move_to("refused", reason="Recorder broken")
    with pytest.raises(ValidationError):
        request.move_to("acknowledged")
    registered_only = fcc.make_site(sharing_tier="registered")
    bad = FootageRequest(site=registered_only, incident_reference="X", incident_time=timezone.now())
    with pytest.raises(ValidationError) as exc:
        bad.full_clean()
    assert "site" in exc.value.message_dict


@pytest.mark.django_db
def test_warning_shows_on_the_page_and_in_the_filter():
    site = fcc.make_site(retention_days=3)
    urgent = fcc.make_footage_request(site=site, incident_time=timezone.now() - dt.timedelta(days=2))
    calm = fcc.make_footage_request(site=fcc.make_site(retention_days=30))
    client = signed_in(f.make_user("liaison"))
    page = client.get(reverse("cctv:footagerequest_detail", kwargs={"pk": urgent.pk})).content.decode()
    assert 'data-testid="overwrite-warning"' in page
    assert (
        'data-testid="overwrite-warning"'
        not in client.get(reverse("cctv:footagerequest_detail", kwargs={"pk": calm.pk})).content.decode()
    )
    listed = client.get(reverse("cctv:footagerequest_list") + "?warning=true")
    assert listed.context["total"] == 1 and urgent.incident_reference in listed.content.decode()


@pytest.mark.django_db
def test_status_page_moves_the_request():
    request = fcc.make_footage_request()
    client = signed_in(f.make_user("liaison"))
    client.post(reverse("cctv:footagerequest_status", kwargs={"pk": request.pk}), {"status": "acknowledged"})
    request.refresh_from_db()
    assert request.status == "acknowledged" and request.acknowledged_at


@pytest.mark.django_db
def test_request_links_an_incident_when_the_app_is_installed():
    from django.apps import apps

    if not apps.is_installed("beatbook.incidents"):
        pytest.skip("incidents app not installed")
    from beatbook.incidents.models import Category, Incident

    category = Category.objects.first() or Category.objects.create(
        code="theft", name_zh="盜竊", name_en="Theft"
    )
    incident = Incident.objects.create(category=category, occurred_from=T0, reference="MK RN 24000001")
    request = FootageRequest.objects.create(site=fcc.make_site(), incident=incident)
    assert request.incident_reference == "MK RN 24000001" and request.incident_time == T0


@pytest.mark.django_db
def test_coverage_page_lists_uncovered_hotspots_and_partners_to_approach():
    fcc.make_site(latitude=22.3180, longitude=114.1700)
    org = fp.make_organisation(
        kind="building_management", name_en="Argyle Mansion MO", latitude=22.3251, longitude=114.1700
    )
    client = signed_in(f.make_user("liaison"))
    url = reverse("cctv:coverage") + "?radius=100&points=22.3181,114.1700,Covered;22.3250,114.1700,Bare"
    response = client.get(url)
    assert [r.hotspot.label for r in response.context["uncovered"]] == ["Bare"]
    assert response.context["outreach"][0][0] == org
    assert client.get(reverse("cctv:coverage") + "?points=nonsense").context["error"]


@pytest.mark.django_db
def test_indicators_equal_counts_from_the_records():
    objective = f.make_objective(code="MP-COMMUNITY-3")
    for cams, consent, active in [
        (4, dt.date(2024, 2, 1), True),
        (2, dt.date(2023, 5, 1), True),
        (8, dt.date(2024, 3, 1), False),
        (3, dt.date(2025, 1, 5), True),
    ]:
        site = fcc.make_site(cameras=cams, active=active)
        CameraSite.objects.filter(pk=site.pk).update(consent_date=consent)
    end = dt.date(2024, 12, 31)
    cams = compute(f.make_indicator(objective=objective, computation="cctv.cameras_registered"), today=end)
    direct = sum(s.cameras for s in CameraSite.objects.all() if s.active and s.consent_date <= end)
    assert cams.value == direct == 6

    site = fcc.make_site(retention_days=10)
    day = timezone.make_aware(dt.datetime(2024, 5, 1, 12))

    def req(answered_after_days, status="received", open_=False):
        r = fcc.make_footage_request(site=site, incident_time=day)
        FootageRequest.objects.filter(pk=r.pk).update(
            requested_at=day + dt.timedelta(hours=2),
            status="requested" if open_ else status,
            answered_at=None if open_ else day + dt.timedelta(days=answered_after_days),
        )
        return r

    req(3)  # in time
    req(9.9, "refused")  # refused in time still counts as answered in time
    req(12)  # too late
    req(0, open_=True)  # still open and past the overwrite date: counts as not in time
    fcc.make_footage_request(site=fcc.make_site(retention_days=30))  # open, time left: not yet decided
    result = compute(
        f.make_indicator(
            objective=objective,
            computation="cctv.footage_answered_in_time_rate",
            period_start=dt.date(2024, 1, 1),
            period_end=dt.date(2024, 12, 31),
        ),
        today=dt.date(2024, 12, 31),
    )
    decided = [
        r
        for r in FootageRequest.objects.filter(requested_at__year=2024)
        if r.answered_at or r.overwrite_at < timezone.now()
    ]
    in_time = [r for r in decided if r.answered_at and r.answered_at <= r.overwrite_at]
    assert result.value == pytest.approx(len(in_time) / len(decided)) == pytest.approx(0.5)
    staff = signed_in(f.make_user("liaison"))
    assert staff.get(result.records_url).context["total"] == len(decided) == 4


@pytest.mark.django_db
def test_coverage_page_carries_map_data():
    fcc.make_site(latitude=22.3180, longitude=114.1700)
    client = signed_in(f.make_user("liaison"))
    response = client.get(reverse("cctv:coverage") + "?radius=80&points=22.3250,114.1700,Bare")
    data = response.context["map_data"]
    assert data["radius"] == 80 and len(data["cameras"]) == 1
    assert data["hotspots"] == [[22.325, 114.17, "Bare", False]]
    assert 'id="coverage-data"' in response.content.decode()
