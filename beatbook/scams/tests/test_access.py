"""Generic access/audit cases for every anti-fraud model with pages and API."""

from beatbook.testing import factories_scams as fs
from beatbook.testing.generic import ModelAccessTestCase

from ..models import AlertSubscription, Indicator, Report, Sighting


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
