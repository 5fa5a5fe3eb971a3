from beatbook.core.api.viewsets import BeatbookModelViewSet, ReadOnlyBeatbookViewSet
from beatbook.roads import filtersets
from beatbook.roads.models import Accident, Casualty, EnforcementOperation, Vehicle

from . import serializers


class AccidentViewSet(ReadOnlyBeatbookViewSet):
    queryset = Accident.objects.all()
    serializer_class = serializers.AccidentSerializer
    filterset_class = filtersets.AccidentFilterSet


class CasualtyViewSet(ReadOnlyBeatbookViewSet):
    queryset = Casualty.objects.all()
    serializer_class = serializers.CasualtySerializer
    filterset_class = filtersets.CasualtyFilterSet


class VehicleViewSet(ReadOnlyBeatbookViewSet):
    queryset = Vehicle.objects.all()
    serializer_class = serializers.VehicleSerializer
    filterset_class = filtersets.VehicleFilterSet


class EnforcementOperationViewSet(BeatbookModelViewSet):
    queryset = EnforcementOperation.objects.select_related("objective", "unit")
    serializer_class = serializers.EnforcementOperationSerializer
    filterset_class = filtersets.EnforcementOperationFilterSet
