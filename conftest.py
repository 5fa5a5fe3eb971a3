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
    for module in pkgutil.iter_modules(beatbook.testing.__path__):
        if module.name.startswith("factories"):
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
