from beatbook.core.api.viewsets import BeatbookModelViewSet
from beatbook.events import filtersets
from beatbook.events.models import DeploymentPost, EventReview, PublicEvent

from . import serializers


class PublicEventViewSet(BeatbookModelViewSet):
    queryset = PublicEvent.objects.select_related("objective")
    serializer_class = serializers.PublicEventSerializer
    filterset_class = filtersets.PublicEventFilterSet


class DeploymentPostViewSet(BeatbookModelViewSet):
    queryset = DeploymentPost.objects.select_related("unit")
    serializer_class = serializers.DeploymentPostSerializer
    filterset_class = filtersets.DeploymentPostFilterSet


class EventReviewViewSet(BeatbookModelViewSet):
    queryset = EventReview.objects.all()
    serializer_class = serializers.EventReviewSerializer
    filterset_class = filtersets.EventReviewFilterSet
