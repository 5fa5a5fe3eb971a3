"""Operations pages: register, outcomes as counts, and "did it work?" (impact and displacement)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

from beatbook.core import views as generic

from . import filtersets, forms, services, tables
from .models import ArrestCount, DrugSeizure, Operation


class OperationListView(generic.ObjectListView):
    # No prefetch: the CSV export streams with iterator().
    queryset = Operation.objects.select_related("lead_unit")
    filterset = filtersets.OperationFilterSet
    table = tables.OperationTable


class OperationDetailView(generic.ObjectDetailView):
    queryset = Operation.objects.select_related("lead_unit").prefetch_related("objectives")

    def get_extra_context(self, obj):
        user = self.request.user
        impact, impact_error = None, ""
        if obj.has_area:
            try:
                impact = services.evaluate(obj, user)
            except ValidationError as exc:
                impact_error = " ".join(exc.messages)
        area = None
        if obj.has_area:
            area = {
                "lat": obj.centre_lat,
                "lon": obj.centre_lon,
                "radius": obj.radius_m,
                "outer": obj.radius_m + obj.buffer_m,
                "control": services.CONTROL_OUTER_M,
                "tile_url": settings.BEATBOOK_TILE_URL,
                "tile_attribution": settings.BEATBOOK_TILE_ATTRIBUTION,
            }
        return {
            "area": area,
            "arrests": ArrestCount.objects.restrict(user, "view").filter(operation=obj),
            "seizures": DrugSeizure.objects.restrict(user, "view").filter(operation=obj),
            "totals": services.totals(obj, user),
            "impact": impact,
            "impact_error": impact_error,
            "can_add_outcome": user.has_perm("operations.add_arrestcount"),
        }


class OperationEditView(generic.ObjectEditView):
    queryset = Operation.objects.all()
    form = forms.OperationForm


class OperationDeleteView(generic.ObjectDeleteView):
    queryset = Operation.objects.all()


class ArrestCountListView(generic.ObjectListView):
    queryset = ArrestCount.objects.select_related("operation")
    filterset = filtersets.ArrestCountFilterSet
    table = tables.ArrestCountTable


class ArrestCountDetailView(generic.ObjectDetailView):
    queryset = ArrestCount.objects.select_related("operation")


class ArrestCountEditView(generic.ObjectEditView):
    queryset = ArrestCount.objects.all()
    form = forms.ArrestCountForm


class ArrestCountDeleteView(generic.ObjectDeleteView):
    queryset = ArrestCount.objects.all()


class DrugSeizureListView(generic.ObjectListView):
    queryset = DrugSeizure.objects.select_related("operation")
    filterset = filtersets.DrugSeizureFilterSet
    table = tables.DrugSeizureTable


class DrugSeizureDetailView(generic.ObjectDetailView):
    queryset = DrugSeizure.objects.select_related("operation")


class DrugSeizureEditView(generic.ObjectEditView):
    queryset = DrugSeizure.objects.all()
    form = forms.DrugSeizureForm


class DrugSeizureDeleteView(generic.ObjectDeleteView):
    queryset = DrugSeizure.objects.all()
