"""Generic access/audit cases for every anti-fraud model with pages and API."""

import pytest

from beatbook.testing import factories_scams as fs
from beatbook.testing.generic import ModelAccessTestCase

from ..models import AlertSubscription, ImportBatch, Indicator, Report, Sighting


class TestIndicatorAccess(ModelAccessTestCase):
    model = Indicator
    list_url = "scams:indicator_list"
    detail_url = "scams:indicator_detail"
    api_list_url = "scams-api:indicator-list"
    api_detail_url = "scams-api:indicator-detail"
    marker_field = "normalized"

    def make(self, **extra):
        return fs.make_scam_indicator(**extra)

    def change(self, obj):
        obj.notes = "Changed"
        obj.save()


class TestReportAccess(ModelAccessTestCase):
    model = Report
    list_url = "scams:report_list"
    detail_url = "scams:report_detail"
    api_list_url = "scams-api:report-list"
    api_detail_url = "scams-api:report-detail"
    marker_field = "value"

    def make(self, **extra):
        return fs.make_report(**extra)

    def change(self, obj):
        obj.review_note = "Looked at"
        obj.save()


class TestSightingAccess(ModelAccessTestCase):
    model = Sighting
    list_url = "scams:sighting_list"
    detail_url = "scams:sighting_detail"
    api_list_url = "scams-api:sighting-list"
    api_detail_url = "scams-api:sighting-detail"
    marker_field = "note"

    def make(self, **extra):
        return fs.make_sighting(**extra)

    def change(self, obj):
        obj.note = "Again"
        obj.save()


class TestAlertSubscriptionAccess(ModelAccessTestCase):
    model = AlertSubscription
    list_url = "scams:alertsubscription_list"
    detail_url = "scams:alertsubscription_detail"
    api_list_url = "scams-api:alertsubscription-list"
    api_detail_url = "scams-api:alertsubscription-detail"
    marker_field = "name"

    def make(self, **extra):
        return fs.make_subscription(**extra)

    def change(self, obj):
        obj.email = "other@example.org"
        obj.save()


class TestImportBatchAccess(ModelAccessTestCase):
    model = ImportBatch
    list_url = "scams:importbatch_list"
    detail_url = "scams:importbatch_detail"
    marker_field = "source_name"

    def make(self, **extra):
        return fs.make_import_batch(**extra)

    def change(self, obj):
        obj.file_name = "renamed.csv"
        obj.save()


@pytest.mark.django_db
def test_liaison_adds_a_subscription_through_the_page():
    from django.urls import reverse

    from beatbook.testing import factories as f
    from beatbook.testing.generic import signed_in

    org = fs.make_org(kind="bank")
    client = signed_in(f.make_user("liaison"))
    data = {
        "organisation": org.pk,
        "name": "Ops",
        "email": "ops@example.org",
        "webhook_url": "",
        "indicator_types": ["phone", "bank_account"],
        "audience": "bank",
        "min_level": "high_risk",
        "active": "on",
        "handling_code": "normal",
    }
    response = client.post(reverse("scams:alertsubscription_add"), data)
    assert response.status_code == 302, response.content
    sub = AlertSubscription.objects.get(name="Ops")
    assert sub.indicator_types == ["phone", "bank_account"] and sub.audience == "bank"
    bad = client.post(reverse("scams:alertsubscription_add"), {**data, "name": "Bad", "email": ""})
    assert bad.status_code == 200 and not AlertSubscription.objects.filter(name="Bad").exists()


@pytest.mark.django_db
def test_indicator_api_normalises_and_refuses_bad_values():
    from django.urls import reverse

    from beatbook.testing import factories as f
    from beatbook.testing.generic import grant, signed_in

    client = signed_in(grant(f.make_user(None), Indicator, "view", "add"))
    url = reverse("scams-api:indicator-list")
    ok = client.post(url, {"type": "phone", "normalized": "00852 9123 4567"}, content_type="application/json")
    assert ok.status_code == 201, ok.content
    assert ok.json()["normalized"] == "+85291234567"
    bad = client.post(url, {"type": "phone", "normalized": "abc"}, content_type="application/json")
    assert bad.status_code == 400 and "normalized" in bad.json()
