from beatbook.core.api.viewsets import BeatbookModelViewSet, ReadOnlyBeatbookViewSet
from beatbook.readiness import filtersets
from beatbook.readiness.models import (
    Activation,
    AfterActionRecord,
    ChecklistItem,
    ChecklistTask,
    ContingencyPlan,
    Exercise,
    Finding,
    IncidentEntry,
    MajorIncident,
    WarningState,
)

from . import serializers


class ContingencyPlanViewSet(BeatbookModelViewSet):
    queryset = ContingencyPlan.objects.select_related("objective")
    serializer_class = serializers.ContingencyPlanSerializer
    filterset_class = filtersets.ContingencyPlanFilterSet


class ChecklistItemViewSet(BeatbookModelViewSet):
    queryset = ChecklistItem.objects.all()
    serializer_class = serializers.ChecklistItemSerializer
    filterset_class = filtersets.ChecklistItemFilterSet


class WarningStateViewSet(ReadOnlyBeatbookViewSet):
    queryset = WarningState.objects.all()
    serializer_class = serializers.WarningStateSerializer
    filterset_class = filtersets.WarningStateFilterSet


class ActivationViewSet(ReadOnlyBeatbookViewSet):
    queryset = Activation.objects.select_related("plan")
    serializer_class = serializers.ActivationSerializer
    filterset_class = filtersets.ActivationFilterSet


class ChecklistTaskViewSet(BeatbookModelViewSet):
    """Tasks are created by activations; the API only reads them and ticks them done (PATCH {"done": true})."""

    queryset = ChecklistTask.objects.all()
    serializer_class = serializers.ChecklistTaskSerializer
    filterset_class = filtersets.ChecklistTaskFilterSet
    http_method_names = ["get", "patch", "head", "options"]


class AfterActionRecordViewSet(BeatbookModelViewSet):
    queryset = AfterActionRecord.objects.all()
    serializer_class = serializers.AfterActionRecordSerializer
    filterset_class = filtersets.AfterActionRecordFilterSet
    http_method_names = ["get", "patch", "put", "head", "options"]


class MajorIncidentViewSet(BeatbookModelViewSet):
    queryset = MajorIncident.objects.select_related("objective")
    serializer_class = serializers.MajorIncidentSerializer
    filterset_class = filtersets.MajorIncidentFilterSet


class IncidentEntryViewSet(BeatbookModelViewSet):
    queryset = IncidentEntry.objects.all()
    serializer_class = serializers.IncidentEntrySerializer
    filterset_class = filtersets.IncidentEntryFilterSet


class ExerciseViewSet(BeatbookModelViewSet):
    queryset = Exercise.objects.select_related("objective")
    serializer_class = serializers.ExerciseSerializer
    filterset_class = filtersets.ExerciseFilterSet


class FindingViewSet(BeatbookModelViewSet):
    queryset = Finding.objects.all()
    serializer_class = serializers.FindingSerializer
    filterset_class = filtersets.FindingFilterSet
