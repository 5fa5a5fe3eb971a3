import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from beatbook.core.tables import BeatbookTable

from .models import Category, ImportBatch, Incident


class IncidentTable(BeatbookTable):
    reference = tables.Column(linkify=True, empty_values=(), verbose_name=_("Reference"))
    category = tables.Column(accessor="category__code", verbose_name=_("Category"))

    def render_reference(self, record):
        return str(record)

    class Meta(BeatbookTable.Meta):
        model = Incident
        fields = ("reference", "category", "occurred_from", "occurred_to", "premises", "dcca", "source")


class CategoryTable(BeatbookTable):
    code = tables.Column(linkify=True)
    name = tables.Column(accessor="name_zh", verbose_name=_("Name"), orderable=False)
    objective = tables.Column(accessor="objective__code", verbose_name=_("Objective"))

    def render_name(self, record):
        return record.tr("name")

    class Meta(BeatbookTable.Meta):
        model = Category
        fields = ("code", "name", "objective", "origin", "quick_cash", "active")


class ImportBatchTable(BeatbookTable):
    id = tables.Column(linkify=True, verbose_name=_("Batch"))

    class Meta(BeatbookTable.Meta):
        model = ImportBatch
        fields = (
            "id",
            "created_at",
            "source",
            "filename",
            "status",
            "rows_read",
            "rows_imported",
            "error_count",
            "seconds",
        )
