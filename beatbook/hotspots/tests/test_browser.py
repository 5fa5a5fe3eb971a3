"""Browser walk (Debian chromium via Playwright): the hotspot map draws cells with no remote tiles, and an
officer records arrive / leave on the phone page with the big htmx buttons. ``pytest -m browser``."""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which("/usr/bin/chromium"), reason="Debian chromium is not installed"),
]


def sign_in(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pw-test-123456")
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url


@pytest.mark.django_db(transaction=True)
def test_map_and_phone_visit_recording(live_server, browser_page, mk_incidents):
    from django.utils import timezone

    from beatbook.testing import factories_hotspots as fh
    from beatbook.testing.factories import make_unit, make_user

    from ..models import VisitRecord

    requests = []
    browser_page.on("request", lambda r: requests.append(r.url))
    user = make_user("officer")
    analyst = make_user("analyst")
    unit = make_unit("PATROL-T")
    plan = fh.make_plan(
        unit=unit,
        shift_start=timezone.now() - dt.timedelta(hours=1),
        shift_end=timezone.now() + dt.timedelta(hours=7),
        on_date=timezone.localdate(),
    )
    visit = fh.make_visit(plan=plan)

    sign_in(browser_page, live_server, analyst)
    browser_page.goto(f"{live_server.url}/hotspots/?date_after=2024-01-01&date_before=2024-06-30")
    browser_page.wait_for_selector("[data-testid=hotspot-map] path.leaflet-interactive")
    assert browser_page.locator("[data-testid=hotspot-map] path.leaflet-interactive").count() > 20
    assert all(r.startswith(live_server.url) for r in requests), [
        r for r in requests if live_server.url not in r
    ]

    browser_page.context.clear_cookies()
    sign_in(browser_page, live_server, user)
    browser_page.goto(f"{live_server.url}/hotspots/plans/{plan.pk}/phone/")
    browser_page.click(f"[data-testid=leave-{visit.pk}]")
    browser_page.wait_for_selector(f"#visit-{visit.pk} .error")
    assert not VisitRecord.objects.exists()
    browser_page.click(f"[data-testid=arrive-{visit.pk}]")
    browser_page.wait_for_function(f"document.querySelector('#visit-{visit.pk} .badge') !== null")
    browser_page.click(f"[data-testid=leave-{visit.pk}]")
    browser_page.wait_for_selector(f"#visit-{visit.pk} [data-testid=left]")
    record = VisitRecord.objects.get()
    assert record.left_at is not None and record.officer == user


@pytest.mark.django_db(transaction=True)
def test_import_page_streams_progress_then_shows_the_batch(live_server, browser_page, tmp_path, settings):
    from beatbook.incidents.categories import seed_categories
    from beatbook.incidents.models import Incident
    from beatbook.testing.factories import make_user

    settings.DATA_DIR = tmp_path
    seed_categories()
    rows = "".join(f"2024-03-01 10:{i % 60:02d},,22.3193,114.1694,theft,W-{i},street,\n" for i in range(120))
    csv_file = tmp_path / "upload.csv"
    csv_file.write_text(
        "occurred_from,occurred_to,lat,lon,category,reference,premises,handling_code\n" + rows
    )
    sign_in(browser_page, live_server, make_user("analyst"))
    browser_page.goto(f"{live_server.url}/incidents/import/")
    browser_page.set_input_files("input[type=file]", str(csv_file))
    browser_page.locator("form.form button[type=submit]").click()
    browser_page.wait_for_url("**/incidents/import/preview/")
    browser_page.fill("#id_source", "browser")
    browser_page.locator("form.form button[type=submit]").click()
    browser_page.wait_for_url("**/incidents/imports/*/")
    assert Incident.objects.filter(source="browser").count() == 120
    assert "120" in browser_page.content()
