import django_filters
from django.utils.translation import gettext_lazy as _

from .models import AuditAction, AuditEntry


class AuditEntryFilterSet(django_filters.FilterSet):
    username = django_filters.CharFilter(lookup_expr="iexact", label=_("User"))
    action = django_filters.ChoiceFilter(choices=AuditAction.choices, label=_("Action"))
    model = django_filters.CharFilter(label=_("Record type"))
    object_id = django_filters.CharFilter(label=_("Record id"))
    request_id = django_filters.CharFilter(label=_("Request id"))
    timestamp = django_filters.DateFromToRangeFilter(label=_("Time (from - to)"))

    class Meta:
        model = AuditEntry
        fields = ["username", "action", "model", "object_id", "request_id", "timestamp"]
