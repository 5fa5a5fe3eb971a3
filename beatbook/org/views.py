from beatbook.core import views as generic

from . import filtersets, forms, tables
from .models import Staff, Unit


class UnitListView(generic.ObjectListView):
    queryset = Unit.objects.select_related("parent")
    filterset = filtersets.UnitFilterSet
    table = tables.UnitTable


class UnitDetailView(generic.ObjectDetailView):
    queryset = Unit.objects.all()


class UnitEditView(generic.ObjectEditView):
    queryset = Unit.objects.all()
    form = forms.UnitForm


class StaffListView(generic.ObjectListView):
    queryset = Staff.objects.select_related("unit")
    filterset = filtersets.StaffFilterSet
    table = tables.StaffTable


class StaffDetailView(generic.ObjectDetailView):
    queryset = Staff.objects.select_related("unit")


class StaffEditView(generic.ObjectEditView):
    queryset = Staff.objects.all()
    form = forms.StaffForm
