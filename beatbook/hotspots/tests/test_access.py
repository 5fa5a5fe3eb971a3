"""Generic access/audit cases for hotspot records."""

from beatbook.testing import factories_hotspots as fh
from beatbook.testing.generic import ModelAccessTestCase

from ..models import AreaBoundary, Forecast, PatrolPlan, VisitRecord


class TestForecastAccess(ModelAccessTestCase):
    model = Forecast
    list_url = "hotspots:forecast_list"
    detail_url = "hotspots:forecast_detail"
    api_list_url = "hotspots-api:forecast-list"
    api_detail_url = "hotspots-api:forecast-detail"

    def make(self, **extra):
        return fh.make_forecast(**extra)

    def change(self, obj):
        obj.shift = "15:00-23:00"
        obj.save()


class TestPatrolPlanAccess(ModelAccessTestCase):
    model = PatrolPlan
    list_url = "hotspots:patrolplan_list"
    detail_url = "hotspots:patrolplan_detail"
    api_list_url = "hotspots-api:patrolplan-list"
    api_detail_url = "hotspots-api:patrolplan-detail"

    def make(self, **extra):
        return fh.make_plan(**extra)

    def change(self, obj):
        obj.units = 6
        obj.save()


class TestVisitRecordAccess(ModelAccessTestCase):
    model = VisitRecord
    list_url = "hotspots:visitrecord_list"
    detail_url = "hotspots:visitrecord_detail"
    api_list_url = "hotspots-api:visitrecord-list"
    api_detail_url = "hotspots-api:visitrecord-detail"

    def make(self, **extra):
        return fh.make_record(**extra)

    def change(self, obj):
        obj.note = "changed"
        obj.save()


class TestAreaBoundaryAccess(ModelAccessTestCase):
    model = AreaBoundary
    list_url = "hotspots:areaboundary_list"
    detail_url = "hotspots:areaboundary_detail"
    api_list_url = "hotspots-api:areaboundary-list"
    api_detail_url = "hotspots-api:areaboundary-detail"
    marker_field = "slug"

    def make(self, **extra):
        return fh.make_boundary(**extra)

    def change(self, obj):
        obj.name_en = "Renamed"
        obj.save()
