"""Browser test (Debian chromium via Playwright): sign in, switch language, browse the plan, log an activity."""

import pytest

from beatbook.plan.loader import load_plan
from beatbook.plan.models import Activity
from beatbook.testing import factories as f


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_signs_in_switches_language_browses_and_logs_an_activity(live_server, browser_page):
    load_plan()
    user = f.make_user("officer", username="browser-officer")
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "zh-Hant-HK"
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pw-test-123456")
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live_server.url}/plan/")
    assert "打擊詐騙及「搵快錢」罪案" in page.content()

    page.click("[data-testid=lang-en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Log an activity" in page.content()

    page.click("a[href='/plan/objectives/AP-FRAUD-1/']")
    page.wait_for_url("**/plan/objectives/AP-FRAUD-1/")
    page.click("text=Log an activity")
    page.wait_for_url("**/plan/activities/add/**")
    page.fill("#id_date", "2024-07-15")
    page.select_option("#id_unit", index=1)
    page.select_option("#id_kind", "talk")
    page.fill("#id_title", "Anti-fraud talk at a hotel")
    page.fill("#id_output_participants", "35")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/plan/activities/*/")
    assert "Anti-fraud talk at a hotel" in page.content()

    activity = Activity.objects.get(title="Anti-fraud talk at a hotel")
    assert activity.objective.code == "AP-FRAUD-1"
    assert activity.outputs == {"participants": 35}
    assert activity.recorded_by == user
