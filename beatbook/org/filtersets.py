import django_filters
from django.utils.translation import gettext_lazy as _

from beatbook.core.filtersets import BeatbookFilterSet

from .models import Staff, Unit


class UnitFilterSet(BeatbookFilterSet):
    search_fields = ("code", "name_zh", "name_en")

    class Meta:
        model = Unit
        fields = ["kind", "parent"]


class StaffFilterSet(BeatbookFilterSet):
    search_fields = ("display_name", "skills")
    unit = django_filters.CharFilter(field_name="unit__code", label=_("Unit"))

    class Meta:
        model = Staff
        fields = ["rank_class", "unit", "active"]
