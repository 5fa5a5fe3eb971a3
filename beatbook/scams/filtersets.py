import django_filters
from django.utils.translation import gettext_lazy as _

from beatbook.core.filtersets import BeatbookFilterSet

from .models import (
    TYPE_CHOICES,
    Alert,
    AlertSubscription,
    ImportBatch,
    Indicator,
    LookupCounter,
    Report,
    Sighting,
)


class IndicatorFilterSet(BeatbookFilterSet):
    search_fields = ("normalized", "display", "account_name", "source_name")
    type = django_filters.ChoiceFilter(choices=TYPE_CHOICES, label=_("Type"))
    last_seen = django_filters.DateFromToRangeFilter(label=_("Last seen (from - to)"))
    objective = django_filters.CharFilter(field_name="objective__code", label=_("Objective id"))

    class Meta:
        model = Indicator
        fields = ["type", "status", "grading", "last_seen", "objective"]


class ReportFilterSet(BeatbookFilterSet):
    search_fields = ("value", "message_text", "description")
    created = django_filters.DateFromToRangeFilter(field_name="created_at", label=_("Received (from - to)"))
    reviewed = django_filters.DateFromToRangeFilter(field_name="reviewed_at", label=_("Reviewed (from - to)"))
    min_score = django_filters.NumberFilter(
        field_name="triage_score", lookup_expr="gte", label=_("Score at least")
    )
    value_type = django_filters.ChoiceFilter(choices=TYPE_CHOICES, label=_("Type"))

    class Meta:
        model = Report
        fields = [
            "status",
            "channel",
            "value_type",
            "reporter_org",
            "scam_type",
            "created",
            "reviewed",
            "min_score",
        ]


class SightingFilterSet(BeatbookFilterSet):
    search_fields = ("indicator__normalized", "note")
    indicator = django_filters.NumberFilter(field_name="indicator_id", label=_("Indicator"))

    class Meta:
        model = Sighting
        fields = ["kind", "organisation", "indicator"]


class AlertSubscriptionFilterSet(BeatbookFilterSet):
    search_fields = ("name", "email", "webhook_url")

    class Meta:
        model = AlertSubscription
        fields = ["organisation", "active", "audience", "min_level"]


class AlertFilterSet(BeatbookFilterSet):
    search_fields = ("title_zh", "title_en")

    class Meta:
        model = Alert
        fields = ["level", "indicator_type"]


class ImportBatchFilterSet(BeatbookFilterSet):
    search_fields = ("source_name", "file_name")

    class Meta:
        model = ImportBatch
        fields = ["format", "level", "indicator_type"]


class LookupCounterFilterSet(django_filters.FilterSet):
    day = django_filters.DateFromToRangeFilter(label=_("Day (from - to)"))
    type = django_filters.ChoiceFilter(choices=TYPE_CHOICES, label=_("Type"))
    min_count = django_filters.NumberFilter(field_name="count", lookup_expr="gte", label=_("Checks at least"))

    class Meta:
        model = LookupCounter
        fields = ["day", "type", "min_count"]
