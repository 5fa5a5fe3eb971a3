"""Browser test (Debian chromium via Playwright): a liaison officer takes attendance on a phone-sized
screen, by ticking members and by entering a member's QR code."""

import os

import pytest

from beatbook.testing import factories as f
from beatbook.testing import factories_community as fc

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


@pytest.fixture
def phone():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
        )
        page = context.new_page()
        page.set_default_timeout(15000)
        yield page
        context.close()
        browser.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_liaison_takes_attendance_on_a_phone(live_server, phone):
    programme = fc.make_programme()
    session = fc.make_session(programme=programme, title_en="Saturday physical training")
    alice = fc.make_member(programme=programme, name="Alice Chan")
    bob = fc.make_member(programme=programme, name="Bob Lee")
    carol = fc.make_member(programme=programme, name="Carol Wong")
    fc.make_booking(session=session, member=alice)
    user = f.make_user("liaison", username="phone-liaison")  # no clearance: no 2FA step
    fc.assign(user, programme)

    page = phone
    page.goto(f"{live_server.url}/accounts/login/?next=/community/sessions/{session.pk}/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pw-test-123456")
    page.click("button[type=submit].primary")
    page.wait_for_url(f"**/community/sessions/{session.pk}/")
    page.click("[data-testid=take-attendance]")
    page.wait_for_url(f"**/community/sessions/{session.pk}/attendance/")

    # The list fits the phone: no horizontal scrolling, and tick boxes are thumb-sized.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator(f"[data-testid=tick-{alice.pk}]").bounding_box()
    assert box["width"] >= 20 and box["height"] >= 20
    # Booked members come first.
    assert page.locator(".att-list li").first.inner_text().startswith("Alice Chan")

    page.tap(f"[data-testid=tick-{alice.pk}]")
    page.tap(f"[data-testid=tick-{carol.pk}]")
    with page.expect_navigation():
        page.tap("[data-testid=save-attendance]")
    assert page.locator("[data-testid=present-count]").inner_text() == "2"

    page.fill("#code", bob.qr_token)
    with page.expect_navigation():
        page.tap("[data-testid=code-form] button[type=submit]")
    assert page.locator("[data-testid=present-count]").inner_text() == "3"
    assert "Bob Lee" in page.locator(".messages").inner_text()

    page.fill("#code", "WRONG-CODE")
    with page.expect_navigation():
        page.tap("[data-testid=code-form] button[type=submit]")
    assert page.locator(".messages li.error").count() == 1

    methods = dict(session.attendances.values_list("member__name", "method"))
    assert methods == {"Alice Chan": "tick", "Carol Wong": "tick", "Bob Lee": "qr"}
    session.refresh_from_db()
    assert session.status == "held"
