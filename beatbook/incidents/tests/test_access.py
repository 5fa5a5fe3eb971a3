"""Generic access/audit cases for incident records."""

from beatbook.testing import factories_incidents as fi
from beatbook.testing.generic import ModelAccessTestCase

from ..models import Category, ImportBatch, Incident


class TestIncidentAccess(ModelAccessTestCase):
    model = Incident
    list_url = "incidents:incident_list"
    detail_url = "incidents:incident_detail"
    api_list_url = "incidents-api:incident-list"
    api_detail_url = "incidents-api:incident-detail"
    marker_field = "reference"

    def make(self, **extra):
        return fi.make_incident(**extra)

    def change(self, obj):
        obj.premises = "shop"
        obj.save()


class TestCategoryAccess(ModelAccessTestCase):
    model = Category
    list_url = "incidents:category_list"
    detail_url = "incidents:category_detail"
    api_list_url = "incidents-api:category-list"
    api_detail_url = "incidents-api:category-detail"
    marker_field = "code"

    def make(self, **extra):
        return fi.make_category(**extra) if extra else fi.make_category(fi.unique("cat"), order=1)

    def change(self, obj):
        obj.name_en = "Renamed"
        obj.save()


class TestImportBatchAccess(ModelAccessTestCase):
    model = ImportBatch
    list_url = "incidents:importbatch_list"
    detail_url = "incidents:importbatch_detail"
    api_list_url = "incidents-api:importbatch-list"
    api_detail_url = "incidents-api:importbatch-detail"
    marker_field = "filename"

    def make(self, **extra):
        return fi.make_batch(**extra)

    def change(self, obj):
        obj.source = "changed"
        obj.save()
