from rest_framework import serializers

from beatbook.core.api.serializers import BeatbookModelSerializer
from beatbook.plan.models import Objective
from beatbook.projects.models import Engagement, Milestone, Project, Risk


class ProjectSerializer(BeatbookModelSerializer):
    objective = serializers.SlugRelatedField(slug_field="code", queryset=Objective.objects.all())

    class Meta:
        model = Project
        exclude = ["created_at", "updated_at"]
        read_only_fields = ["is_synthetic"]


class MilestoneSerializer(BeatbookModelSerializer):
    state = serializers.CharField(read_only=True)

    class Meta:
        model = Milestone
        exclude = ["created_at", "updated_at"]
        read_only_fields = ["is_synthetic"]


class RiskSerializer(BeatbookModelSerializer):
    score = serializers.IntegerField(read_only=True)

    class Meta:
        model = Risk
        exclude = ["created_at", "updated_at"]
        read_only_fields = ["is_synthetic"]


class EngagementSerializer(BeatbookModelSerializer):
    class Meta:
        model = Engagement
        exclude = ["created_at", "updated_at"]
        read_only_fields = ["is_synthetic"]
