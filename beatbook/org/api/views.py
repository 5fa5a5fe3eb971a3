from beatbook.core.api.viewsets import BeatbookModelViewSet
from beatbook.org import filtersets
from beatbook.org.models import Staff, Unit

from . import serializers


class UnitViewSet(BeatbookModelViewSet):
    queryset = Unit.objects.select_related("parent")
    serializer_class = serializers.UnitSerializer
    filterset_class = filtersets.UnitFilterSet


class StaffViewSet(BeatbookModelViewSet):
    queryset = Staff.objects.select_related("unit")
    serializer_class = serializers.StaffSerializer
    filterset_class = filtersets.StaffFilterSet
