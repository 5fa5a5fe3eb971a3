import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from beatbook.core.tables import BeatbookTable

from .models import Accident, Casualty, EnforcementOperation, Vehicle


class AccidentTable(BeatbookTable):
    key = tables.Column(
        accessor="serial", verbose_name=_("Accident"), linkify=True, order_by=("year", "serial")
    )

    def render_key(self, record):
        return record.key

    class Meta(BeatbookTable.Meta):
        model = Accident
        fields = (
            "key",
            "occurred_at",
            "severity",
            "street_name",
            "precise_location",
            "collision_type",
            "dcca",
            "n_casualties",
        )


class CasualtyTable(BeatbookTable):
    accident = tables.Column(linkify=True, verbose_name=_("Accident"))
    ident = tables.Column(accessor="pk", verbose_name=_("Casualty"), linkify=True, orderable=False)

    def render_ident(self, record):
        return str(record)

    class Meta(BeatbookTable.Meta):
        model = Casualty
        fields = ("ident", "accident", "role", "degree_of_injury", "age", "sex", "vehicle_class")


class VehicleTable(BeatbookTable):
    ident = tables.Column(accessor="pk", verbose_name=_("Vehicle"), linkify=True, orderable=False)

    def render_ident(self, record):
        return str(record)

    class Meta(BeatbookTable.Meta):
        model = Vehicle
        fields = ("ident", "vehicle_class", "manoeuvre", "collision_with", "accident_severity", "driver_age")


class EnforcementOperationTable(BeatbookTable):
    title = tables.Column(linkify=True)
    objective = tables.Column(accessor="objective__code", verbose_name=_("Objective"))

    class Meta(BeatbookTable.Meta):
        model = EnforcementOperation
        fields = (
            "title",
            "kind",
            "status",
            "planned_date",
            "done_date",
            "location_name",
            "target_street",
            "vehicles_checked",
            "summonses",
            "arrests",
            "objective",
            "unit",
        )
