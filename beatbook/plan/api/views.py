from beatbook.core.api.viewsets import BeatbookModelViewSet, ReadOnlyBeatbookViewSet
from beatbook.plan import filtersets
from beatbook.plan.models import Activity, Area, Indicator, IndicatorReading, JournalEntry, Objective, Plan

from . import serializers


class PlanViewSet(ReadOnlyBeatbookViewSet):
    queryset = Plan.objects.all()
    serializer_class = serializers.PlanSerializer


class AreaViewSet(ReadOnlyBeatbookViewSet):
    queryset = Area.objects.all()
    serializer_class = serializers.AreaSerializer
    filterset_class = filtersets.AreaFilterSet


class ObjectiveViewSet(BeatbookModelViewSet):
    queryset = Objective.objects.select_related("area").prefetch_related("owners")
    serializer_class = serializers.ObjectiveSerializer
    filterset_class = filtersets.ObjectiveFilterSet


class IndicatorViewSet(BeatbookModelViewSet):
    queryset = Indicator.objects.select_related("objective")
    serializer_class = serializers.IndicatorSerializer
    filterset_class = filtersets.IndicatorFilterSet


class IndicatorReadingViewSet(BeatbookModelViewSet):
    queryset = IndicatorReading.objects.all()
    serializer_class = serializers.IndicatorReadingSerializer
    filterset_class = filtersets.IndicatorReadingFilterSet


class ActivityViewSet(BeatbookModelViewSet):
    queryset = Activity.objects.select_related("objective", "unit")
    serializer_class = serializers.ActivitySerializer
    filterset_class = filtersets.ActivityFilterSet


class JournalEntryViewSet(BeatbookModelViewSet):
    queryset = JournalEntry.objects.select_related("objective")
    serializer_class = serializers.JournalEntrySerializer
    filterset_class = filtersets.JournalEntryFilterSet
