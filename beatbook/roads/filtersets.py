import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from beatbook.core.filtersets import BeatbookFilterSet
from beatbook.geo.boundaries import AreaError
from beatbook.org.models import Unit

from .groups import GROUP_CHOICES, KSI_Q, accidents_in_group, area_codes, casualties_in_group
from .models import (
    Accident,
    Casualty,
    EnforcementKind,
    EnforcementOperation,
    InjuryDegree,
    Role,
    Severity,
    Vehicle,
)


class _AreaMixin(django_filters.FilterSet):
    area = django_filters.CharFilter(method="filter_area", label=_("Area (mongkok, or codes E06,E07)"))

    area_prefix = ""

    def filter_area(self, queryset, name, value):
        try:
            codes = area_codes(value)
        except AreaError:
            return queryset.none()
        return queryset if codes is None else queryset.filter(**{f"{self.area_prefix}dcca__in": codes})


class AccidentFilterSet(_AreaMixin, BeatbookFilterSet):
    search_fields = ("street_name", "precise_location")
    date = django_filters.DateFromToRangeFilter(field_name="occurred_at__date", label=_("Date (from - to)"))
    severity = django_filters.MultipleChoiceFilter(choices=Severity.choices, label=_("Severity"))
    group = django_filters.ChoiceFilter(choices=GROUP_CHOICES, method="filter_group", label=_("Group"))
    street = django_filters.CharFilter(field_name="street_name", lookup_expr="iexact", label=_("Street"))
    key = django_filters.CharFilter(method="filter_key", label=_("Accident keys (2019-123,2019-456)"))

    class Meta:
        model = Accident
        fields = ["year", "severity", "dcca", "district"]

    def filter_group(self, queryset, name, value):
        return accidents_in_group(queryset, value)

    def filter_key(self, queryset, name, value):
        """Accidents named by key (``2019-123``), at most 1,000; grouped by year to keep the SQL small."""
        by_year: dict[int, list[int]] = {}
        for key in value.split(",")[:1000]:
            year, _sep, serial = key.strip().partition("-")
            if year.isdigit() and serial.isdigit():
                by_year.setdefault(int(year), []).append(int(serial))
        if not by_year:
            return queryset.none()
        query = Q()
        for year, serials in by_year.items():
            query |= Q(year=year, serial__in=serials)
        return queryset.filter(query)


class CasualtyFilterSet(_AreaMixin, BeatbookFilterSet):
    area_prefix = "accident__"
    date = django_filters.DateFromToRangeFilter(
        field_name="accident__occurred_at__date", label=_("Date (from - to)")
    )
    degree_of_injury = django_filters.MultipleChoiceFilter(
        choices=InjuryDegree.choices, label=_("Degree of injury")
    )
    role = django_filters.ChoiceFilter(choices=Role.choices, label=_("Role"))
    ksi = django_filters.BooleanFilter(method="filter_ksi", label=_("Killed or seriously injured"))
    group = django_filters.ChoiceFilter(choices=GROUP_CHOICES, method="filter_group", label=_("Group"))
    age_min = django_filters.NumberFilter(field_name="age", lookup_expr="gte", label=_("Age at least"))

    class Meta:
        model = Casualty
        fields = ["year", "role", "degree_of_injury", "sex"]

    def filter_ksi(self, queryset, name, value):
        return queryset.filter(KSI_Q) if value else queryset.exclude(KSI_Q)

    def filter_group(self, queryset, name, value):
        return casualties_in_group(queryset, value)


class VehicleFilterSet(_AreaMixin, BeatbookFilterSet):
    area_prefix = "accident__"
    search_fields = ("vehicle_class", "manoeuvre")
    date = django_filters.DateFromToRangeFilter(
        field_name="accident__occurred_at__date", label=_("Date (from - to)")
    )

    class Meta:
        model = Vehicle
        fields = ["year", "vehicle_class", "accident_severity"]


class EnforcementOperationFilterSet(BeatbookFilterSet):
    search_fields = ("title", "location_name", "target_street", "notes")
    kind = django_filters.ChoiceFilter(choices=EnforcementKind.choices, label=_("Type"))
    status = django_filters.ChoiceFilter(choices=EnforcementOperation.Status.choices, label=_("Status"))
    objective = django_filters.CharFilter(field_name="objective__code", label=_("Objective id"))
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("Unit"))
    planned_date = django_filters.DateFromToRangeFilter(label=_("Planned (from - to)"))
    done_date = django_filters.DateFromToRangeFilter(label=_("Done (from - to)"))

    class Meta:
        model = EnforcementOperation
        fields = ["kind", "status", "objective", "unit", "planned_date", "done_date"]
