import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from beatbook.core.tables import BeatbookTable

from .models import ArrestCount, DrugSeizure, Operation


class OperationTable(BeatbookTable):
    name = tables.Column(linkify=True)
    objectives = tables.Column(accessor="pk", verbose_name=_("Objectives"), orderable=False)

    def render_objectives(self, record):
        return ", ".join(o.code for o in record.objectives.all())

    class Meta(BeatbookTable.Meta):
        model = Operation
        fields = ("name", "kind", "status", "lead_unit", "starts_on", "ends_on", "objectives")


class ArrestCountTable(BeatbookTable):
    operation = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = ArrestCount
        fields = ("operation", "offence_group", "age_band", "count")


class DrugSeizureTable(BeatbookTable):
    operation = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = DrugSeizure
        fields = ("operation", "drug_type", "weight_g", "estimated_value_hkd")
