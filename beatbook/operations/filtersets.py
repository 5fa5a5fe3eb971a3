import django_filters
from django.utils.translation import gettext_lazy as _

from beatbook.core.filtersets import BeatbookFilterSet
from beatbook.org.models import Unit

from .models import AgeBand, ArrestCount, DrugSeizure, DrugType, OffenceGroup, Operation, OperationKind


class OperationFilterSet(BeatbookFilterSet):
    search_fields = ("name", "places")
    kind = django_filters.ChoiceFilter(choices=OperationKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=Operation.Status.choices, label=_("Status"))
    objective = django_filters.CharFilter(
        field_name="objectives__code", label=_("Objective id"), distinct=True
    )
    lead_unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("Lead unit"))
    started = django_filters.DateFromToRangeFilter(field_name="starts_on", label=_("Started (from - to)"))
    active = django_filters.BooleanFilter(method="filter_active", label=_("Not cancelled"))

    class Meta:
        model = Operation
        fields = ["kind", "status", "objective", "lead_unit", "started"]

    def filter_active(self, queryset, name, value):
        cancelled = Operation.Status.CANCELLED
        return queryset.exclude(status=cancelled) if value else queryset.filter(status=cancelled)


class _OutcomeFilterSet(BeatbookFilterSet):
    """Outcome rows filtered by the operation they belong to (objective, dates, kind)."""

    objective = django_filters.CharFilter(
        field_name="operation__objectives__code", label=_("Objective id"), distinct=True
    )
    started = django_filters.DateFromToRangeFilter(
        field_name="operation__starts_on", label=_("Operation started")
    )
    kind = django_filters.ChoiceFilter(
        field_name="operation__kind", choices=OperationKind.choices, label=_("Operation kind")
    )
    active = django_filters.BooleanFilter(method="filter_active", label=_("Operation not cancelled"))

    def filter_active(self, queryset, name, value):
        cancelled = Operation.Status.CANCELLED
        if value:
            return queryset.exclude(operation__status=cancelled)
        return queryset.filter(operation__status=cancelled)


class ArrestCountFilterSet(_OutcomeFilterSet):
    offence_group = django_filters.MultipleChoiceFilter(
        choices=OffenceGroup.choices, label=_("Offence group")
    )
    age_band = django_filters.MultipleChoiceFilter(choices=AgeBand.choices, label=_("Age band"))

    class Meta:
        model = ArrestCount
        fields = ["operation", "offence_group", "age_band", "objective", "started", "kind"]


class DrugSeizureFilterSet(_OutcomeFilterSet):
    drug_type = django_filters.ChoiceFilter(choices=DrugType.choices, label=_("Drug"))

    class Meta:
        model = DrugSeizure
        fields = ["operation", "drug_type", "objective", "started", "kind"]
