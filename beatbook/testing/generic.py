"""Generic test cases every model reuses (NetBox style).

Subclass ``ModelAccessTestCase`` in an app's tests, set ``model``, the URL names and ``make``; the
cases check: without permission -> refused; with permission -> allowed; RESTRICTED rows hidden from a
user without clearance (list, detail, API list, API detail, count, export) but visible with clearance and
audited; creating and changing a record writes an audit entry with before/after values; and the API
responses match the OpenAPI schema.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from beatbook.audit.models import AuditEntry
from beatbook.core.context import acting_as
from beatbook.core.models import HandlingCode

from .factories import make_user
from .openapi import assert_response_matches_schema


def grant(user, model, *actions: str):
    """Give ``user`` the model permissions for ``actions`` (view, add, change, delete)."""
    opts = model._meta
    for action in actions:
        user.user_permissions.add(
            Permission.objects.get(
                content_type__app_label=opts.app_label, codename=f"{action}_{opts.model_name}"
            )
        )
    # Permission caches live on the instance; drop them.
    for attr in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(attr, None)
    return user


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
class ModelAccessTestCase:
    model = None
    list_url: str | None = None  # URL name of the list page
    detail_url: str | None = None  # URL name of the detail page
    api_list_url: str | None = None  # URL name of the API list (e.g. "plan-api:activity-list")
    api_detail_url: str | None = None
    lookup_field = "pk"  # detail kwarg, read from the object
    marker_field: str | None = None  # attribute whose text identifies the row in a page; default str(obj)

    def make(self, **extra):
        """Create one instance (extra may carry handling_code=RESTRICTED)."""
        raise NotImplementedError

    def change(self, obj) -> None:
        """Change one field of ``obj`` and save it (for the audit before/after test)."""
        raise NotImplementedError

    # helpers -------------------------------------------------------------------------------------
    def marker(self, obj) -> str:
        return str(getattr(obj, self.marker_field)) if self.marker_field else str(obj)

    def detail_kwargs(self, obj) -> dict:
        return {self.lookup_field: getattr(obj, self.lookup_field)}

    def viewer(self, clearance: bool = False):
        return grant(make_user(None, clearance=clearance), self.model, "view")

    # cases ---------------------------------------------------------------------------------------
    def test_refused_without_permission(self):
        obj = self.make()
        client = signed_in(make_user(None))
        anonymous = Client()
        if self.list_url:
            assert client.get(reverse(self.list_url)).status_code == 403
            assert anonymous.get(reverse(self.list_url)).status_code in (302, 401, 403)
        if self.detail_url:
            assert client.get(reverse(self.detail_url, kwargs=self.detail_kwargs(obj))).status_code in (
                403,
                404,
            )
        if self.api_list_url:
            assert client.get(reverse(self.api_list_url)).status_code == 403
            assert anonymous.get(reverse(self.api_list_url)).status_code in (401, 403)

    def test_allowed_with_permission(self):
        obj = self.make()
        client = signed_in(self.viewer())
        if self.list_url:
            response = client.get(reverse(self.list_url))
            assert response.status_code == 200
            assert self.marker(obj) in response.content.decode()
        if self.detail_url:
            assert client.get(reverse(self.detail_url, kwargs=self.detail_kwargs(obj))).status_code == 200
        if self.api_list_url:
            response = client.get(reverse(self.api_list_url))
            assert response.status_code == 200
            assert response.json()["count"] >= 1
            assert_response_matches_schema(response)
        if self.api_detail_url:
            response = client.get(reverse(self.api_detail_url, kwargs={"pk": obj.pk}))
            assert response.status_code == 200
            assert_response_matches_schema(response)

    def test_restricted_hidden_without_clearance(self):
        secret = self.make(handling_code=HandlingCode.RESTRICTED)
        client = signed_in(self.viewer(clearance=False))
        if self.list_url:
            page = client.get(reverse(self.list_url))
            assert page.status_code == 200
            assert self.marker(secret) not in page.content.decode()
            export = client.get(reverse(self.list_url) + "?export=csv")
            assert self.marker(secret) not in b"".join(export.streaming_content).decode()
        if self.detail_url:
            assert client.get(reverse(self.detail_url, kwargs=self.detail_kwargs(secret))).status_code == 404
        if self.api_list_url:
            ids = [row["id"] for row in client.get(reverse(self.api_list_url)).json()["results"]]
            assert secret.pk not in ids
        if self.api_detail_url:
            assert client.get(reverse(self.api_detail_url, kwargs={"pk": secret.pk})).status_code == 404

    def test_restricted_visible_with_clearance_and_audited(self):
        secret = self.make(handling_code=HandlingCode.RESTRICTED)
        user = self.viewer(clearance=True)
        client = signed_in(user)
        before = AuditEntry.objects.filter(
            action="view", object_id=str(secret.pk), username=user.username
        ).count()
        if self.detail_url:
            assert client.get(reverse(self.detail_url, kwargs=self.detail_kwargs(secret))).status_code == 200
        elif self.api_detail_url:
            assert client.get(reverse(self.api_detail_url, kwargs={"pk": secret.pk})).status_code == 200
        else:
            pytest.fail("A model test case needs a detail page or an API detail URL.")
        after = AuditEntry.objects.filter(
            action="view", object_id=str(secret.pk), username=user.username
        ).count()
        assert after == before + 1

    def test_changes_are_audited_with_before_and_after(self):
        user = make_user(None)
        with acting_as(user, source="test"):
            obj = self.make()
            created = AuditEntry.objects.filter(
                action="create", model=obj._meta.label_lower, object_id=str(obj.pk)
            )
            assert created.count() == 1
            assert created.get().username == user.username
            self.change(obj)
        updated = AuditEntry.objects.filter(
            action="update", model=obj._meta.label_lower, object_id=str(obj.pk)
        ).first()
        assert updated is not None
        assert updated.before and updated.after and updated.before != updated.after
