"""Browser walk: sign in (a user without clearance), upload an HKO warnsum file (a bad one first, refused with
a clear error), see the plan activated, tick its checklist to completion.

Drives Debian's chromium through Playwright (no browser download): ``pytest -m browser``.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]

WARNSUM = {
    "WTCSGNL": {
        "name": "Tropical Cyclone Warning Signal",
        "code": "TC8SE",
        "actionCode": "ISSUE",
        "type": "No. 8 Southeast Gale or Storm Signal",
        "issueTime": "2025-09-07T21:20:00+08:00",
        "updateTime": "2025-09-07T21:20:00+08:00",
    },
}


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(locale="en-GB")
        yield page
        browser.close()


@pytest.mark.django_db(transaction=True)
def test_warning_file_to_activated_plan_to_completed_checklist(live_server, browser_page, tmp_path):
    from beatbook.readiness.models import Activation, ChecklistTask
    from beatbook.testing.factories import make_user
    from beatbook.testing.factories_readiness import make_plan

    make_plan(
        code="typhoon-8",
        triggers="TC8*",
        title_en="Typhoon signal No. 8",
        items=("Open the emergency operations centre", "Call in the reserve"),
        notify_roles="officer",
    )
    user = make_user("officer", clearance=False)
    good = tmp_path / "warnsum.json"
    good.write_text(json.dumps(WARNSUM), encoding="utf-8")
    bad = tmp_path / "broken.json"
    bad.write_text('{"WTCSGNL": {"code": "TC8SE", "actionCode": "ISSUE"', encoding="utf-8")

    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pw-test-123456")
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url

    page.goto(f"{live_server.url}/readiness/")
    # A broken file is refused with a clear message and changes nothing.
    page.set_input_files("input[type=file]", str(bad))
    page.click("[data-testid=upload-submit]")
    error = page.locator("[data-testid=upload-error]")
    assert "not valid JSON" in error.inner_text()
    assert not Activation.objects.exists()

    page.set_input_files("input[type=file]", str(good))
    page.click("[data-testid=upload-submit]")
    page.wait_for_selector("[data-testid=activation]")
    assert "TC8SE" in page.locator("[data-testid=warnings]").inner_text()
    assert "typhoon-8" in page.locator("[data-testid=activation-plan]").inner_text()
    activation = Activation.objects.get(plan__code="typhoon-8", status="active")

    toggles = page.locator("[data-testid=task-toggle]")
    assert toggles.count() == 2
    page.wait_for_function("() => !!window.htmx")
    for i in range(2):
        page.locator("li[data-testid=task]:not(.done) [data-testid=task-toggle]").first.click()
        # htmx swaps the ticked task in place; wait until the page shows i + 1 tasks done.
        page.wait_for_function(
            "n => document.querySelectorAll('[data-testid=task-done]').length >= n", arg=i + 1
        )
        page.wait_for_load_state("networkidle")
    assert ChecklistTask.objects.filter(activation=activation, done=True).count() == 2
    assert set(ChecklistTask.objects.filter(activation=activation).values_list("done_by", flat=True)) == {
        user.pk
    }

    page.goto(f"{live_server.url}/readiness/activations/{activation.pk}/")
    assert page.locator("[data-testid=task-done]").count() == 2
    assert page.locator("[data-testid=checklist-complete]").count() == 1
