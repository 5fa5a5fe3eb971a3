import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from beatbook.core.tables import BeatbookTable

from .models import Activity, Indicator, IndicatorReading, JournalEntry, Objective


class ObjectiveTable(BeatbookTable):
    code = tables.Column(linkify=True, verbose_name=_("Objective id"))
    text = tables.Column(accessor="text_zh", verbose_name=_("Objective"), orderable=False)
    area = tables.Column(accessor="area__code", verbose_name=_("Area"))

    def render_text(self, record):
        return record.tr("text")

    class Meta(BeatbookTable.Meta):
        model = Objective
        fields = ("code", "text", "area")


class IndicatorTable(BeatbookTable):
    code = tables.Column(linkify=True)
    name = tables.Column(accessor="name_zh", verbose_name=_("Name"), orderable=False)

    def render_name(self, record):
        return record.tr("name")

    class Meta(BeatbookTable.Meta):
        model = Indicator
        fields = ("code", "name", "objective", "computation", "baseline", "target")


class IndicatorReadingTable(BeatbookTable):
    class Meta(BeatbookTable.Meta):
        model = IndicatorReading
        fields = ("indicator", "date", "value", "note")


class ActivityTable(BeatbookTable):
    title = tables.Column(linkify=True)
    objective = tables.Column(accessor="objective__code", verbose_name=_("Objective"))

    class Meta(BeatbookTable.Meta):
        model = Activity
        fields = ("date", "title", "kind", "objective", "unit", "outputs")


class JournalEntryTable(BeatbookTable):
    date = tables.Column(linkify=True)

    class Meta(BeatbookTable.Meta):
        model = JournalEntry
        fields = ("date", "objective", "assessment", "author", "text")
