import django_filters
from django.utils.translation import gettext_lazy as _

from beatbook.core.filtersets import BeatbookFilterSet
from beatbook.org.models import Unit

from .models import Activity, ActivityKind, Area, Indicator, IndicatorReading, JournalEntry, Objective


class AreaFilterSet(BeatbookFilterSet):
    search_fields = ("code", "title_zh", "title_en")

    class Meta:
        model = Area
        fields = ["kind", "plan", "retired"]


class ObjectiveFilterSet(BeatbookFilterSet):
    search_fields = ("code", "text_zh", "text_en")
    area = django_filters.CharFilter(field_name="area__code", label=_("Area id"))
    owner = django_filters.CharFilter(field_name="owners__code", label=_("Owner unit"))
    kind = django_filters.ChoiceFilter(field_name="area__kind", choices=Area.Kind.choices, label=_("Kind"))

    class Meta:
        model = Objective
        fields = ["area", "owner", "kind", "retired"]


class IndicatorFilterSet(BeatbookFilterSet):
    search_fields = ("code", "name_zh", "name_en")
    objective = django_filters.CharFilter(field_name="objective__code", label=_("Objective id"))

    class Meta:
        model = Indicator
        fields = ["objective", "computation", "direction"]


class IndicatorReadingFilterSet(BeatbookFilterSet):
    indicator = django_filters.CharFilter(field_name="indicator__code", label=_("Indicator id"))

    class Meta:
        model = IndicatorReading
        fields = ["indicator"]


class ActivityFilterSet(BeatbookFilterSet):
    search_fields = ("title", "notes")
    objective = django_filters.CharFilter(field_name="objective__code", label=_("Objective id"))
    area = django_filters.CharFilter(field_name="objective__area__code", label=_("Area id"))
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("Unit"))
    kind = django_filters.ChoiceFilter(choices=ActivityKind.choices, label=_("Type"))
    date = django_filters.DateFromToRangeFilter(label=_("Date (from - to)"))

    class Meta:
        model = Activity
        fields = ["objective", "area", "unit", "kind", "date"]


class JournalEntryFilterSet(BeatbookFilterSet):
    search_fields = ("text",)
    objective = django_filters.CharFilter(field_name="objective__code", label=_("Objective id"))
    date = django_filters.DateFromToRangeFilter(label=_("Date (from - to)"))

    class Meta:
        model = JournalEntry
        fields = ["objective", "assessment", "date"]
