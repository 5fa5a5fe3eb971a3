from beatbook.core.api.viewsets import BeatbookModelViewSet
from beatbook.operations import filtersets
from beatbook.operations.models import ArrestCount, DrugSeizure, Operation

from . import serializers


class OperationViewSet(BeatbookModelViewSet):
    queryset = Operation.objects.select_related("lead_unit").prefetch_related("objectives")
    serializer_class = serializers.OperationSerializer
    filterset_class = filtersets.OperationFilterSet


class ArrestCountViewSet(BeatbookModelViewSet):
    queryset = ArrestCount.objects.select_related("operation")
    serializer_class = serializers.ArrestCountSerializer
    filterset_class = filtersets.ArrestCountFilterSet


class DrugSeizureViewSet(BeatbookModelViewSet):
    queryset = DrugSeizure.objects.select_related("operation")
    serializer_class = serializers.DrugSeizureSerializer
    filterset_class = filtersets.DrugSeizureFilterSet
