import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from beatbook.core.tables import BeatbookTable

from .models import AreaBoundary, Forecast, PatrolPlan, VisitRecord


class ForecastTable(BeatbookTable):
    name = tables.Column(accessor="pk", linkify=True, verbose_name=_("Forecast"))

    def render_name(self, record):
        return str(record)

    class Meta(BeatbookTable.Meta):
        model = Forecast
        fields = ("name", "on_date", "shift", "method", "cell_size", "events_used", "status")


class PatrolPlanTable(BeatbookTable):
    name = tables.Column(accessor="pk", linkify=True, verbose_name=_("Plan"))

    def render_name(self, record):
        return str(record)

    class Meta(BeatbookTable.Meta):
        model = PatrolPlan
        fields = ("name", "on_date", "shift", "unit", "units", "hotspots_wanted", "status")


class VisitRecordTable(BeatbookTable):
    name = tables.Column(accessor="pk", linkify=True, verbose_name=_("Visit record"))

    def render_name(self, record):
        return str(record)

    class Meta(BeatbookTable.Meta):
        model = VisitRecord
        fields = ("name", "officer", "arrived_at", "left_at", "note")


class AreaBoundaryTable(BeatbookTable):
    slug = tables.Column(linkify=True)
    name = tables.Column(accessor="name_zh", verbose_name=_("Name"), orderable=False)

    def render_name(self, record):
        return record.tr("name")

    class Meta(BeatbookTable.Meta):
        model = AreaBoundary
        fields = ("slug", "name", "is_default", "origin")
