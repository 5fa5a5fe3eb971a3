from beatbook.core.api.viewsets import BeatbookModelViewSet, ReadOnlyBeatbookViewSet
from beatbook.hotspots import filtersets
from beatbook.hotspots.models import AreaBoundary, Forecast, PatrolPlan, PatrolVisit, VisitRecord

from . import serializers


class AreaBoundaryViewSet(ReadOnlyBeatbookViewSet):
    queryset = AreaBoundary.objects.all()
    serializer_class = serializers.AreaBoundarySerializer
    filterset_class = filtersets.AreaBoundaryFilterSet


class ForecastViewSet(ReadOnlyBeatbookViewSet):
    queryset = Forecast.objects.select_related("boundary").prefetch_related("objectives")
    serializer_class = serializers.ForecastSerializer
    filterset_class = filtersets.ForecastFilterSet


class PatrolPlanViewSet(ReadOnlyBeatbookViewSet):
    queryset = PatrolPlan.objects.select_related("unit").prefetch_related("objectives", "hotspots")
    serializer_class = serializers.PatrolPlanSerializer
    filterset_class = filtersets.PatrolPlanFilterSet


class PatrolVisitViewSet(ReadOnlyBeatbookViewSet):
    queryset = PatrolVisit.objects.select_related("hotspot")
    serializer_class = serializers.PatrolVisitSerializer
    filterset_class = filtersets.PatrolVisitFilterSet


class VisitRecordViewSet(BeatbookModelViewSet):
    queryset = VisitRecord.objects.select_related("visit")
    serializer_class = serializers.VisitRecordSerializer
    filterset_class = filtersets.VisitRecordFilterSet

    def perform_create(self, serializer):
        serializer.save(officer=self.request.user)
