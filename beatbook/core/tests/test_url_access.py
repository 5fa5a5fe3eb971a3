"""Walk every URL pattern: nothing is open without sign-in unless marked public, and no route shows a
RESTRICTED record to a user without clearance, even one holding every permission."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from beatbook.testing.factories import RESTRICTED_FACTORIES, make_user

SKIP_PREFIXES = ("admin/", "static/", "media/", "__debug__/")
ALWAYS_PUBLIC = {
    "healthz",
    "set_language",
    "javascript-catalog",
    "api-schema",
    "api-docs",
    "accounts:login",
    "accounts:logout",
}


def walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from walk(p.url_patterns, prefix + _clean(str(p.pattern)), ns)
        elif isinstance(p, URLPattern):
            yield prefix + _clean(str(p.pattern)), p.callback, (namespace + p.name) if p.name else ""


def _clean(piece: str) -> str:
    """Regex route pieces (DRF routers) lose their anchors so they can be joined and filled."""
    return piece.removeprefix("^").removesuffix("$")


def routes():
    for route, callback, name in walk(get_resolver().url_patterns):
        if route.startswith(SKIP_PREFIXES) or "format>" in route:
            continue
        yield route, callback, name


def is_public(callback, name) -> bool:
    if name in ALWAYS_PUBLIC:
        return True
    for target in (callback, getattr(callback, "view_class", None), getattr(callback, "cls", None)):
        if target is not None and getattr(target, "public", False):
            return True
    return False


def view_model(callback):
    for target in (callback, getattr(callback, "view_class", None), getattr(callback, "cls", None)):
        if target is None:
            continue
        model = getattr(target, "model", None)
        if isinstance(model, type):
            return model
        qs = getattr(target, "queryset", None)
        if qs is not None:
            return qs.model
    return None


KWARG = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rname>\w+)>[^)]*\)")


def fill(route: str, obj) -> str:
    def repl(m):
        name = m.group("name") or m.group("rname")
        return str(getattr(obj, name))

    return "/" + KWARG.sub(repl, route).replace("\\", "")


def has_kwargs(route: str) -> bool:
    return bool(KWARG.search(route))


def route_url(route, callback, name, objects: dict, problems: list) -> str | None:
    """The URL to request for ``route``: lookups filled from the view model's object in ``objects``."""
    if not has_kwargs(route):
        return "/" + route
    model = view_model(callback)
    if model is None or model not in objects:
        problems.append(f"{route} ({name}): no model/factory to test it; set .model on the view")
        return None
    obj = objects[model]
    return fill(route, obj() if callable(obj) else obj)


def all_permissions_user(clearance: bool):
    user = make_user(None, clearance=clearance)
    user.user_permissions.set(Permission.objects.all())
    return user


@pytest.mark.django_db
def test_every_route_needs_sign_in_unless_public():
    anonymous = Client()
    problems = []
    for route, callback, name in routes():
        if is_public(callback, name):
            continue
        url = route_url(route, callback, name, RESTRICTED_FACTORIES, problems)
        if url is None:
            continue
        response = anonymous.get(url)
        if response.status_code == 302:
            if "/accounts/login/" not in response["Location"]:
                problems.append(f"{url}: anonymous redirected to {response['Location']}")
        elif response.status_code not in (401, 403, 404, 405):
            problems.append(f"{url}: anonymous got {response.status_code}")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_no_route_shows_a_restricted_record_without_clearance():
    secrets = {model: make() for model, make in RESTRICTED_FACTORIES.items()}
    client = Client()
    client.force_login(all_permissions_user(clearance=False))
    problems = []
    for route, callback, name in routes():
        url = route_url(route, callback, name, secrets, problems)
        if url is None:
            continue
        response = client.get(url)
        if has_kwargs(route):
            if response.status_code == 200:
                problems.append(
                    f"{url}: a restricted {view_model(callback)._meta.label} was served without clearance"
                )
        else:
            if response.status_code != 200 or getattr(response, "streaming", False):
                continue
            body = response.content.decode("utf-8", "replace")
            for model, secret in secrets.items():
                if str(secret) in body:
                    problems.append(f"{url}: shows restricted {model._meta.label} '{secret}'")
                if (
                    response.get("Content-Type", "").startswith("application/json")
                    and view_model(callback) is model
                ):
                    data = response.json()
                    rows = data.get("results", []) if isinstance(data, dict) else data
                    if any(isinstance(r, dict) and r.get("id") == secret.pk for r in rows):
                        problems.append(f"{url}: lists restricted {model._meta.label} id {secret.pk}")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_cleared_user_does_see_restricted_records():
    """The walk above is meaningful only if the same routes do serve these records with clearance."""
    secrets = {model: make() for model, make in RESTRICTED_FACTORIES.items()}
    client = Client()
    client.force_login(all_permissions_user(clearance=True))
    served = 0
    for route, callback, _name in routes():
        model = view_model(callback)
        if (
            has_kwargs(route)
            and model in secrets
            and route.endswith("/")
            and "edit" not in route
            and "delete" not in route
        ):
            if client.get(fill(route, secrets[model])).status_code == 200:
                served += 1
    assert served >= len(set(secrets)) // 2
