import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from beatbook.core.filtersets import BeatbookFilterSet

from .models import Contact, Organisation, Outreach, OutreachKind


class OrganisationFilterSet(BeatbookFilterSet):
    """``reached_after`` / ``reached_before``: organisations with outreach in that period (partners.reached)."""

    search_fields = ("name_zh", "name_en", "address")
    kind = django_filters.MultipleChoiceFilter(choices=Organisation.Kind.choices, label=_("Type"))
    programme = django_filters.CharFilter(field_name="programmes__code", label=_("Programme id"))
    reached_after = django_filters.DateFilter(method="filter_reached", label=_("Reached from"))
    reached_before = django_filters.DateFilter(method="filter_reached", label=_("Reached to"))
    outreach_objective = django_filters.CharFilter(method="filter_reached", label=_("Reached for objective"))

    class Meta:
        model = Organisation
        fields = ["kind", "programme", "active", "reached_after", "reached_before", "outreach_objective"]

    def filter_reached(self, queryset, name, value):
        # Applied once, from all three fields together, so they describe the same outreach rows.
        if getattr(self, "_reached_done", False):
            return queryset
        self._reached_done = True
        data = self.form.cleaned_data
        cond = Q()
        if data.get("reached_after"):
            cond &= Q(date__gte=data["reached_after"])
        if data.get("reached_before"):
            cond &= Q(date__lte=data["reached_before"])
        if data.get("outreach_objective"):
            cond &= Q(objective__code=data["outreach_objective"])
        user = getattr(self.request, "user", None)
        outreach = Outreach.objects.visible_to(user) if user is not None else Outreach.objects.all()
        ids = outreach.filter(cond).values("organisation_id")
        return queryset.filter(pk__in=ids)


class ContactFilterSet(BeatbookFilterSet):
    search_fields = ("name", "role", "email")
    organisation_kind = django_filters.ChoiceFilter(
        field_name="organisation__kind", choices=Organisation.Kind.choices, label=_("Organisation type")
    )

    class Meta:
        model = Contact
        fields = ["organisation", "organisation_kind", "language", "is_primary", "receives_bulletins"]


class OutreachFilterSet(BeatbookFilterSet):
    search_fields = ("topic", "material", "notes")
    kind = django_filters.MultipleChoiceFilter(choices=OutreachKind.choices, label=_("Type"))
    organisation_kind = django_filters.ChoiceFilter(
        field_name="organisation__kind", choices=Organisation.Kind.choices, label=_("Organisation type")
    )
    objective = django_filters.CharFilter(field_name="objective__code", label=_("Objective id"))
    date = django_filters.DateFromToRangeFilter(label=_("Date (from - to)"))

    class Meta:
        model = Outreach
        fields = ["organisation", "organisation_kind", "kind", "objective", "date"]
