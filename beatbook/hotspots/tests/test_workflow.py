"""Forecasts and patrol plans from incidents in the database, visits from the phone, dosage, boundaries."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from beatbook.analysis.patrol import check_patrol_plan
from beatbook.plan.models import Activity
from beatbook.testing import factories as f
from beatbook.testing import factories_hotspots as fh
from beatbook.testing.generic import grant, signed_in

from .. import services
from ..models import AreaBoundary, Forecast, PatrolPlan, PatrolVisit, Status, VisitRecord

DAY = dt.date(2024, 6, 1)


def plan_objectives():
    from beatbook.incidents.categories import seed_categories

    for code in ("AP-VIOLENT-1", "AP-VIOLENT-2", "AP-FRAUD-2"):
        f.make_objective(code=code)
    seed_categories()  # links the categories to the objectives now that they exist


@pytest.mark.django_db
def test_forecast_records_method_parameters_period_and_reasons(
    mk_incidents, django_capture_on_commit_callbacks
):
    plan_objectives()
    f.make_unit("MKDIST", kind="district")
    with django_capture_on_commit_callbacks(execute=True) as queued:
        forecast, created = services.request_forecast(DAY, "07:00-15:00", ["robbery", "theft"], method="kde")
    assert len(queued) == 1
    assert created
    forecast.refresh_from_db()  # computed by the huey task on commit (immediate in tests)
    assert forecast.status == Status.DONE, forecast.error
    assert forecast.method == "kde" and forecast.params["bandwidth"] > 0
    assert forecast.input_end < DAY and forecast.events_used > 0
    top = forecast.top_cells[0]
    assert top["rank"] == 1 and top["explain"]["recent_nearby_events"] >= 0 and len(top["ring"]) == 5
    # Idempotent per (date, shift, categories).
    again, created = services.request_forecast(DAY, "07:00-15:00", ["theft", "robbery"], method="naive")
    assert again.pk == forecast.pk and not created
    # It counts in the objectives it serves.
    codes = set(forecast.objectives.values_list("code", flat=True))
    assert {"AP-VIOLENT-2", "AP-FRAUD-2"} <= codes
    acts = Activity.objects.filter(source=f"hotspots.forecast:{forecast.pk}")
    assert acts.count() == len(codes) and {a.kind for a in acts} == {"operation"}
    # The page shows method, parameters and the input period.
    client = signed_in(f.make_user("analyst"))
    page = client.get(forecast.get_absolute_url()).content.decode()
    assert "kde" in page and str(forecast.input_end.year) in page and "bandwidth" in page


@pytest.mark.django_db
def test_patrol_plan_follows_the_rules_and_counts_as_activity(
    mk_incidents, django_capture_on_commit_callbacks
):
    plan_objectives()
    unit = f.make_unit("PATROL")
    with django_capture_on_commit_callbacks(execute=True):
        plan, _created = services.request_patrol_plan(
            DAY, "07:00-15:00", ["robbery", "theft"], units=3, hotspots=5, method="naive", unit=unit, seed=7
        )
    plan.refresh_from_db()
    assert plan.status == Status.DONE, plan.error
    hotspots = list(plan.hotspots.all())
    visits = list(plan.visits.select_related("hotspot"))
    assert 1 <= len(hotspots) <= 5 and visits
    as_json = {
        "shift": {
            "start": plan.shift_start.astimezone(timezone.get_current_timezone())
            .replace(tzinfo=None)
            .isoformat(),
            "end": plan.shift_end.astimezone(timezone.get_current_timezone())
            .replace(tzinfo=None)
            .isoformat(),
        },
        "parameters": plan.params["patrol"],
        "hotspots": [
            {"id": h.code, "cells": h.cells, "centroid": [h.x, h.y], "centroid_m": [h.x, h.y], "risk": h.risk}
            for h in hotspots
        ],
        "units": [
            {
                "unit": u,
                "visits": [
                    {
                        "hotspot": v.hotspot.code,
                        "start": timezone.localtime(v.planned_start).replace(tzinfo=None).isoformat(),
                        "end": timezone.localtime(v.planned_end).replace(tzinfo=None).isoformat(),
                    }
                    for v in visits
                    if v.patrol_unit == u
                ],
            }
            for u in sorted({v.patrol_unit for v in visits})
        ],
    }
    assert check_patrol_plan(as_json) == []
    for v in visits:
        assert 12 <= v.planned_minutes <= 16
    assert Activity.objects.filter(source=f"hotspots.patrolplan:{plan.pk}", kind="patrol").exists()
    client = signed_in(f.make_user("commander"))
    assert client.get(reverse("hotspots:patrolplan_briefing", args=[plan.pk])).status_code == 200
    pdf = client.get(reverse("hotspots:patrolplan_briefing_pdf", args=[plan.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF") and len(pdf.content) > 2000
    assert client.get(reverse("hotspots:patrolplan_phone", args=[plan.pk])).status_code == 200
    assert client.get(reverse("hotspots:dosage")).status_code == 200


@pytest.mark.django_db
def test_map_page_draws_cells_without_remote_tiles(mk_incidents, settings):
    client = signed_in(f.make_user("analyst"))
    for kind in ("counts", "kde", "gistar"):
        response = client.get(
            reverse("hotspots:map"),
            {
                "kind": kind,
                "category": ["robbery", "theft"],
                "date_after": "2024-01-01",
                "date_before": "2024-06-01",
            },
        )
        assert response.status_code == 200
        cells = response.context["cells"]
        assert cells["features"] and cells["properties"]["events"] == 600
    assert "tile.openstreetmap" not in response.content.decode()
    data = client.get(
        reverse("hotspots:cells_geojson"), {"kind": "gistar", "date_after": "2024-01-01"}
    ).json()
    assert data["type"] == "FeatureCollection" and data["properties"]["kind"] == "gistar"
    assert any(feature["properties"]["hot"] for feature in data["features"])
    settings.BEATBOOK_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.BEATBOOK_TILE_ATTRIBUTION = "© Example"
    page = client.get(reverse("hotspots:map")).content.decode()
    assert "tiles.example.org" in page
    tiles = json.loads(page.split('id="tiles-data" type="application/json">')[1].split("</script>")[0])
    assert tiles == {"url": settings.BEATBOOK_TILE_URL, "attribution": "© Example"}


def _visit_for_unit(unit):
    plan = fh.make_plan(
        unit=unit,
        shift_start=timezone.now() - dt.timedelta(hours=1),
        shift_end=timezone.now() + dt.timedelta(hours=7),
        on_date=timezone.localdate(),
    )
    return fh.make_visit(plan=plan)


@pytest.mark.django_db
def test_officer_records_arrive_and_leave_and_refusals(client_for):
    mine, other = f.make_unit("TEAM-A"), f.make_unit("TEAM-B")
    officer = client_for("officer")
    officer.user.units.add(mine)
    visit = _visit_for_unit(mine)
    foreign = _visit_for_unit(other)
    leave = reverse("hotspots:visit_leave", args=[visit.pk])
    arrive = reverse("hotspots:visit_arrive", args=[visit.pk])
    # Leaving before arriving is refused.
    response = officer.post(leave, HTTP_HX_REQUEST="true")
    assert response.status_code == 409 and not VisitRecord.objects.exists()
    assert officer.post(arrive).status_code == 200
    assert officer.post(arrive).status_code == 409  # already arrived
    assert officer.post(leave).status_code == 200
    record = VisitRecord.objects.get(visit=visit)
    assert record.left_at >= record.arrived_at and record.officer == officer.user
    # Another unit's plan: not found for a unit-scoped officer, on the page and through the API.
    assert officer.post(reverse("hotspots:visit_arrive", args=[foreign.pk])).status_code == 404
    assert officer.get(reverse("hotspots:patrolplan_phone", args=[foreign.plan.pk])).status_code == 404
    api = officer.post(
        reverse("hotspots-api:visitrecord-list"),
        {"visit": foreign.pk, "arrived_at": timezone.now().isoformat()},
        content_type="application/json",
    )
    assert api.status_code == 400
    # GET is not a way to record.
    assert officer.get(arrive).status_code == 405
    # A user without the permission cannot record.
    nobody = signed_in(grant(f.make_user(None), PatrolVisit, "view"))
    assert nobody.post(reverse("hotspots:visit_arrive", args=[visit.pk])).status_code == 403


@pytest.mark.django_db
def test_api_refuses_leave_before_arrive(client_for):
    client = client_for("officer")
    visit = _visit_for_unit(f.make_unit())
    now = timezone.now()
    response = client.post(
        reverse("hotspots-api:visitrecord-list"),
        {
            "visit": visit.pk,
            "arrived_at": now.isoformat(),
            "left_at": (now - dt.timedelta(minutes=5)).isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and "left_at" in response.json()


@pytest.mark.django_db
def test_dosage_indicator_is_delivered_over_planned():
    from beatbook.plan.computations import compute

    objective = f.make_objective(code="AP-VIOLENT-1")
    indicator = f.make_indicator(objective=objective, computation="patrols.dosage_delivered_ratio")
    plan = fh.make_plan()
    plan.objectives.add(objective)
    v1, v2 = fh.make_visit(plan=plan), fh.make_visit(plan=plan)
    fh.make_record(visit=v1, left_at=v1.planned_start + dt.timedelta(minutes=7))  # half of 14
    fh.make_record(visit=v2, left_at=v2.planned_start + dt.timedelta(minutes=30))  # capped at 14
    value = compute(indicator, today=dt.date(2024, 12, 31))
    assert value.value == pytest.approx(21 / 28)
    assert "objective=AP-VIOLENT-1" in value.records_url


HOSTILE = [
    (b"not json", "not valid JSON"),
    (b'{"type": "Point", "coordinates": [114.17, 22.32]}', "not an area"),
    (
        json.dumps(
            {
                "type": "Polygon",
                "coordinates": [[[836000, 820000], [837000, 820000], [837000, 821000], [836000, 820000]]],
            }
        ).encode(),
        "projected",
    ),
    (
        json.dumps(
            {
                "type": "Polygon",
                "coordinates": [[[114.1, 22.3], [114.2, 22.3], [114.1, 22.4], [114.2, 22.4], [114.1, 22.3]]],
            }
        ).encode(),
        "invalid polygon",
    ),
    (
        json.dumps(
            {"type": "Polygon", "coordinates": [[[2.3, 48.8], [2.4, 48.8], [2.4, 48.9], [2.3, 48.8]]]}
        ).encode(),
        "not inside Hong Kong",
    ),
    (b"[" * 100000 + b"]" * 100000, "JSON"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("content,message", HOSTILE)
def test_boundary_upload_refuses_hostile_input(content, message):
    client = signed_in(grant(f.make_user(None), AreaBoundary, "view", "add"))
    upload = SimpleUploadedFile("area.geojson", content, content_type="application/geo+json")
    response = client.post(
        reverse("hotspots:areaboundary_add"), {"slug": "x", "name_zh": "區", "file": upload}
    )
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["file"])
    assert not AreaBoundary.objects.filter(slug="x").exists()


@pytest.mark.django_db
def test_boundary_upload_replaces_the_default():
    services.default_boundary()
    client = signed_in(grant(f.make_user(None), AreaBoundary, "view", "add"))
    upload = SimpleUploadedFile("area.geojson", json.dumps(fh.SQUARE).encode())
    response = client.post(
        reverse("hotspots:areaboundary_add"),
        {"slug": "official", "name_zh": "官方", "file": upload, "make_default": "on"},
    )
    assert response.status_code == 302
    assert services.default_boundary().slug == "official"
    assert AreaBoundary.objects.filter(is_default=True).count() == 1


@pytest.mark.django_db
def test_default_boundary_is_mong_kok():
    boundary = services.default_boundary()
    assert boundary.slug == "mongkok" and boundary.is_default
    grid = services.make_grid(boundary, 150)
    assert 60 < int(grid.mask.sum()) < 200


@pytest.mark.django_db
def test_forecast_request_page_and_failed_forecast(client_for, django_capture_on_commit_callbacks):
    client = client_for("analyst")
    assert client.get(reverse("hotspots:forecast_add")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("hotspots:forecast_add"),
            {
                "on_date": "2024-06-01",
                "shift": "07:00-15:00",
                "categories": ["robbery"],
                "method": "naive",
                "cell_size": 150,
            },
        )
    assert response.status_code == 302
    forecast = Forecast.objects.get()
    assert forecast.status == Status.FAILED
    assert (
        "No incidents" in forecast.error or "沒有這些類別的案件" in forecast.error
    )  # in the requester's language
    bad = client.post(
        reverse("hotspots:forecast_add"),
        {"on_date": "2099-01-01", "shift": "07:00-15:00", "method": "naive", "cell_size": 10},
    )
    assert bad.status_code == 200 and set(bad.context["form"].errors) == {"on_date", "cell_size"}
    assert client_for("officer").get(reverse("hotspots:forecast_add")).status_code == 403
    assert PatrolPlan.objects.count() == 0


@pytest.mark.django_db
def test_auto_forecast_page_says_why_in_words(mk_incidents, django_capture_on_commit_callbacks):
    """The choice of ``auto`` is stored in the record and shown as a sentence, in English and Chinese."""
    with django_capture_on_commit_callbacks(execute=True):
        forecast, _ = services.request_forecast(DAY, "07:00-15:00", ["robbery", "theft"], method="auto")
    forecast.refresh_from_db()
    assert forecast.status == Status.DONE, forecast.error
    chosen = forecast.record["chosen"]
    assert chosen["decision"] in {"changed", "few_events", "few_days", "no_confident_gain", "no_history"}
    assert chosen["reason"] and "events" in chosen["validation"]
    client = signed_in(f.make_user("analyst"))
    page = client.get(forecast.get_absolute_url()).content.decode()  # Chinese by default
    assert "選用此方法的原因" in page and "簡單計數地圖" in page and "no_confident_gain" not in page
    client.cookies["django_language"] = "en"
    page = client.get(forecast.get_absolute_url()).content.decode()
    assert "Why this method" in page and ("naive count map" in page or "Chosen instead" in page)
