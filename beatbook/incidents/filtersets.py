import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from beatbook.core.filtersets import BeatbookFilterSet

from .models import Category, ImportBatch, Incident


class IncidentFilterSet(BeatbookFilterSet):
    search_fields = ("reference", "premises", "description")
    category = django_filters.ModelMultipleChoiceFilter(
        field_name="category__code",
        to_field_name="code",
        queryset=Category.objects.filter(active=True),
        label=_("Category"),
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    occurred = django_filters.DateFromToRangeFilter(
        field_name="occurred_from__date", label=_("Occurred (from - to)")
    )
    area = django_filters.CharFilter(method="filter_area", label=_("Area (mongkok, E06,E07 or a boundary)"))
    ring = django_filters.CharFilter(
        method="filter_ring", label=_("Within a ring (latitude,longitude,outer m[,inner m])")
    )
    source = django_filters.CharFilter(field_name="source", label=_("Source"))
    batch = django_filters.NumberFilter(field_name="batch_id", label=_("Import batch"))
    premises = django_filters.CharFilter(field_name="premises", lookup_expr="icontains", label=_("Premises"))

    class Meta:
        model = Incident
        fields = ["category", "occurred", "area", "handling_code", "source", "batch", "premises"]

    def filter_area(self, queryset, name, value):
        """Named areas and constituency codes use the stored constituency code; other polygons test points."""
        from .spatial import filter_in_area

        return filter_in_area(queryset, value)

    def filter_ring(self, queryset, name, value):
        """Incidents at a distance between the inner and outer radius of a point (operation impact)."""
        from .spatial import filter_ring

        return filter_ring(queryset, value)


class CategoryFilterSet(BeatbookFilterSet):
    search_fields = ("code", "name_zh", "name_en")
    objective = django_filters.CharFilter(field_name="objective__code", label=_("Objective id"))

    class Meta:
        model = Category
        fields = ["origin", "quick_cash", "active", "objective"]


class ImportBatchFilterSet(BeatbookFilterSet):
    search_fields = ("source", "filename")

    class Meta:
        model = ImportBatch
        fields = ["status", "source"]
