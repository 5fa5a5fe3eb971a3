"""Project-wide pytest set-up: translations compiled, shared fixtures, every app's factories loaded."""

import importlib
import pkgutil

import pytest

import beatbook.testing


def pytest_configure(config):
    from beatbook.core.i18n import compile_catalogs

    compile_catalogs()


@pytest.fixture(autouse=True)
def _factories_loaded(request):
    """Apps register restricted-record makers in beatbook/testing/factories_<app>.py."""
    if "django_db_setup" not in request.fixturenames and "db" not in request.fixturenames:
        return
    from django.apps import apps

    for module in pkgutil.iter_modules(beatbook.testing.__path__):
        if not module.name.startswith("factories_"):
            continue
        if apps.is_installed(f"beatbook.{module.name.removeprefix('factories_')}"):
            importlib.import_module(f"beatbook.testing.{module.name}")


@pytest.fixture
def roles(db):
    from beatbook.accounts.roles import sync_roles

    sync_roles()


@pytest.fixture
def make_user(db, roles):
    from beatbook.testing.factories import make_user as factory

    return factory


@pytest.fixture
def client_for(client, make_user):
    """``client_for("analyst", clearance=True)`` -> a test client signed in as a new user in that role."""

    def sign_in(role=None, clearance=False, **extra):
        from django.test import Client

        user = make_user(role, clearance=clearance, **extra)
        c = Client()
        c.force_login(user)
        c.user = user
        return c

    return sign_in


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser_page():
    """A Playwright page in Debian's chromium. Skipped only outside CI when chromium is not installed."""
    import os

    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15000)
        yield page
        context.close()
        browser.close()
