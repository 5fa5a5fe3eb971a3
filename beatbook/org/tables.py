import django_tables2 as tables

from beatbook.core.tables import BeatbookTable

from .models import Staff, Unit


class UnitTable(BeatbookTable):
    code = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = Unit
        fields = ("code", "name_zh", "name_en", "kind", "parent")


class StaffTable(BeatbookTable):
    display_name = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = Staff
        fields = ("display_name", "rank_class", "rank", "unit", "skills", "active")
