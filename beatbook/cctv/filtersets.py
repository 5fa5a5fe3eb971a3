import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beatbook.core.filtersets import BeatbookFilterSet

from .models import BuildingSurvey, CameraSite, FootageRequest, SharingTier


class CameraSiteFilterSet(BeatbookFilterSet):
    search_fields = ("building", "address", "field_of_view")
    sharing_tier = django_filters.MultipleChoiceFilter(choices=SharingTier.choices, label=_("Sharing"))
    consent_date = django_filters.DateFromToRangeFilter(label=_("Consent (from - to)"))
    organisation_kind = django_filters.CharFilter(field_name="organisation__kind", label=_("Partner type"))

    class Meta:
        model = CameraSite
        fields = ["sharing_tier", "active", "consent_date", "organisation", "organisation_kind"]


class FootageRequestFilterSet(BeatbookFilterSet):
    search_fields = ("incident_reference", "site__building", "notes")
    status = django_filters.MultipleChoiceFilter(choices=FootageRequest.Status.choices, label=_("Status"))
    requested = django_filters.DateFromToRangeFilter(
        field_name="requested_at__date", label=_("Requested (from - to)")
    )
    warning = django_filters.BooleanFilter(method="filter_warning", label=_("Open, 2 days or less left"))
    decided = django_filters.BooleanFilter(method="filter_decided", label=_("Answered or overdue"))

    class Meta:
        model = FootageRequest
        fields = ["status", "site", "incident_reference", "requested", "warning", "decided"]

    def filter_warning(self, queryset, name, value):
        ids = [
            r.pk
            for r in queryset.filter(status__in=FootageRequest.OPEN).select_related("site")
            if r.needs_warning()
        ]
        return queryset.filter(pk__in=ids) if value else queryset.exclude(pk__in=ids)

    def filter_decided(self, queryset, name, value):
        """Answered, or still open after the footage was overwritten (the denominator of the in-time rate)."""
        return (
            queryset.filter(pk__in=decided_ids(queryset))
            if value
            else queryset.exclude(pk__in=decided_ids(queryset))
        )


def decided_ids(queryset, now=None) -> list[int]:
    now = now or timezone.now()
    return [
        r.pk for r in queryset.select_related("site") if r.answered_at is not None or r.overwrite_at < now
    ]


def in_time_ids(queryset) -> list[int]:
    return [
        r.pk
        for r in queryset.filter(answered_at__isnull=False).select_related("site")
        if r.answered_at <= r.overwrite_at
    ]


class BuildingSurveyFilterSet(BeatbookFilterSet):
    search_fields = ("building", "address", "recommendations")
    objective = django_filters.CharFilter(field_name="objective__code", label=_("Objective id"))
    surveyed_on = django_filters.DateFromToRangeFilter(label=_("Surveyed (from - to)"))

    class Meta:
        model = BuildingSurvey
        fields = ["objective", "organisation", "site", "surveyed_on"]
