from beatbook.core.api.viewsets import BeatbookModelViewSet
from beatbook.projects import filtersets
from beatbook.projects.models import Engagement, Milestone, Project, Risk

from . import serializers


class ProjectViewSet(BeatbookModelViewSet):
    queryset = Project.objects.select_related("objective")
    serializer_class = serializers.ProjectSerializer
    filterset_class = filtersets.ProjectFilterSet


class MilestoneViewSet(BeatbookModelViewSet):
    queryset = Milestone.objects.all()
    serializer_class = serializers.MilestoneSerializer
    filterset_class = filtersets.MilestoneFilterSet


class RiskViewSet(BeatbookModelViewSet):
    queryset = Risk.objects.all()
    serializer_class = serializers.RiskSerializer
    filterset_class = filtersets.RiskFilterSet


class EngagementViewSet(BeatbookModelViewSet):
    queryset = Engagement.objects.all()
    serializer_class = serializers.EngagementSerializer
    filterset_class = filtersets.EngagementFilterSet
