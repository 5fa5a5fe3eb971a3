from rest_framework import serializers

from beatbook.core.api.serializers import BeatbookModelSerializer
from beatbook.events.models import DeploymentPost, EventReview, PublicEvent
from beatbook.org.models import Unit
from beatbook.plan.models import Objective


class PublicEventSerializer(BeatbookModelSerializer):
    objective = serializers.SlugRelatedField(slug_field="code", queryset=Objective.objects.all())
    risk_score = serializers.IntegerField(read_only=True)
    risk_band = serializers.CharField(read_only=True)

    class Meta:
        model = PublicEvent
        exclude = ["created_at", "updated_at"]
        read_only_fields = ["recorded_by", "is_synthetic"]


class DeploymentPostSerializer(BeatbookModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", queryset=Unit.objects.all())

    class Meta:
        model = DeploymentPost
        exclude = ["created_at", "updated_at"]
        read_only_fields = ["is_synthetic"]


class EventReviewSerializer(BeatbookModelSerializer):
    class Meta:
        model = EventReview
        exclude = ["created_at", "updated_at"]
        read_only_fields = ["recorded_by", "is_synthetic"]
