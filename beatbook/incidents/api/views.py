from beatbook.core.api.viewsets import BeatbookModelViewSet, ReadOnlyBeatbookViewSet
from beatbook.incidents import filtersets
from beatbook.incidents.models import Category, ImportBatch, Incident

from . import serializers


class IncidentViewSet(BeatbookModelViewSet):
    queryset = Incident.objects.select_related("category")
    serializer_class = serializers.IncidentSerializer
    filterset_class = filtersets.IncidentFilterSet


class CategoryViewSet(BeatbookModelViewSet):
    queryset = Category.objects.select_related("objective")
    serializer_class = serializers.CategorySerializer
    filterset_class = filtersets.CategoryFilterSet


class ImportBatchViewSet(ReadOnlyBeatbookViewSet):
    queryset = ImportBatch.objects.all()
    serializer_class = serializers.ImportBatchSerializer
    filterset_class = filtersets.ImportBatchFilterSet
