import django_filters
from django.utils.translation import gettext_lazy as _

from beatbook.core.filtersets import BeatbookFilterSet
from beatbook.org.models import Unit

from .models import DeploymentPost, EventKind, EventReview, PublicEvent


class PublicEventFilterSet(BeatbookFilterSet):
    search_fields = ("title", "venue", "organiser")
    kind = django_filters.ChoiceFilter(choices=EventKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=PublicEvent.Status.choices, label=_("Status"))
    objective = django_filters.CharFilter(field_name="objective__code", label=_("Objective id"))
    date = django_filters.DateFromToRangeFilter(field_name="starts_at__date", label=_("Date (from - to)"))
    reviewed = django_filters.BooleanFilter(
        field_name="review", lookup_expr="isnull", exclude=True, label=_("Reviewed")
    )
    held = django_filters.BooleanFilter(method="filter_held", label=_("Held (past and not cancelled)"))

    class Meta:
        model = PublicEvent
        fields = ["kind", "status", "objective", "date"]

    def filter_held(self, queryset, name, value):
        from django.utils import timezone

        held = queryset.exclude(status=PublicEvent.Status.CANCELLED).filter(ends_at__lte=timezone.now())
        return held if value else queryset.exclude(pk__in=held.values("pk"))


class DeploymentPostFilterSet(BeatbookFilterSet):
    search_fields = ("post", "task", "reports_to")
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("Unit"))

    class Meta:
        model = DeploymentPost
        fields = ["event", "unit"]


class EventReviewFilterSet(BeatbookFilterSet):
    search_fields = ("lessons", "went_well")
    kind = django_filters.ChoiceFilter(field_name="event__kind", choices=EventKind.choices, label=_("Kind"))

    class Meta:
        model = EventReview
        fields = ["event", "kind"]
