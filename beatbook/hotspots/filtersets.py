import django_filters
from django.utils.translation import gettext_lazy as _

from beatbook.core.filtersets import BeatbookFilterSet

from .models import AreaBoundary, Forecast, PatrolPlan, PatrolVisit, Status, VisitRecord


class CategoriesFilter(django_filters.CharFilter):
    """``category=robbery``: records whose category list includes it."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(categories__icontains=f'"{value.strip()[:40]}"')


class ForecastFilterSet(BeatbookFilterSet):
    date = django_filters.DateFromToRangeFilter(field_name="on_date", label=_("Date (from - to)"))
    objective = django_filters.CharFilter(field_name="objectives__code", label=_("Objective id"))
    category = CategoriesFilter(label=_("Category"))
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))

    class Meta:
        model = Forecast
        fields = ["date", "shift", "method", "objective", "category", "status"]


class PatrolPlanFilterSet(BeatbookFilterSet):
    date = django_filters.DateFromToRangeFilter(field_name="on_date", label=_("Date (from - to)"))
    objective = django_filters.CharFilter(field_name="objectives__code", label=_("Objective id"))
    category = CategoriesFilter(label=_("Category"))
    unit = django_filters.CharFilter(field_name="unit__code", label=_("Unit"))
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))

    class Meta:
        model = PatrolPlan
        fields = ["date", "shift", "objective", "category", "unit", "status"]


class PatrolVisitFilterSet(BeatbookFilterSet):
    plan = django_filters.NumberFilter(field_name="plan_id", label=_("Plan"))
    date = django_filters.DateFromToRangeFilter(field_name="plan__on_date", label=_("Date (from - to)"))

    class Meta:
        model = PatrolVisit
        fields = ["plan", "patrol_unit", "date"]


class VisitRecordFilterSet(BeatbookFilterSet):
    plan = django_filters.NumberFilter(field_name="visit__plan_id", label=_("Plan"))
    visit = django_filters.NumberFilter(field_name="visit_id", label=_("Visit"))
    date = django_filters.DateFromToRangeFilter(
        field_name="visit__plan__on_date", label=_("Date (from - to)")
    )

    class Meta:
        model = VisitRecord
        fields = ["plan", "visit", "date"]


class AreaBoundaryFilterSet(BeatbookFilterSet):
    search_fields = ("slug", "name_zh", "name_en")

    class Meta:
        model = AreaBoundary
        fields = ["is_default"]
