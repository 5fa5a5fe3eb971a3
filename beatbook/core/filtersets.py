"""Filterset base: one filterset per model serves both the list page and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class BeatbookFilterSet(django_filters.FilterSet):
    """Adds ``q`` (free-text over ``search_fields``), handling code and the synthetic flag."""

    search_fields: tuple[str, ...] = ()

    q = django_filters.CharFilter(method="search", label=_("Search"))
    handling_code = django_filters.CharFilter(field_name="handling_code", label=_("Handling code"))
    is_synthetic = django_filters.BooleanFilter(field_name="is_synthetic", label=_("Synthetic"))

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        # Choice lists in the filter form must not reveal records the user may not see.
        user = getattr(request, "user", None)
        for flt in self.filters.values():
            qs = getattr(flt, "queryset", None)
            if qs is not None and hasattr(qs, "visible_to"):
                flt.queryset = qs.visible_to(user)

    def search(self, queryset, name, value):
        value = value.strip()[:200]
        if not value or not self.search_fields:
            return queryset
        query = Q()
        for field in self.search_fields:
            query |= Q(**{f"{field}__icontains": value})
        return queryset.filter(query)
