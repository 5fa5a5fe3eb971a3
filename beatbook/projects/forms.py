from django import forms

from beatbook.core.forms import BeatbookModelForm

from .models import Engagement, Milestone, Project, Risk


class ProjectForm(BeatbookModelForm):
    class Meta:
        model = Project
        fields = [
            "name_zh",
            "name_en",
            "objective",
            "sponsor",
            "lead_unit",
            "status",
            "starts_on",
            "target_completion_on",
            "summary",
            "handling_code",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}


class MilestoneForm(BeatbookModelForm):
    class Meta:
        model = Milestone
        fields = ["project", "title", "planned_on", "actual_on", "notes", "handling_code"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class RiskForm(BeatbookModelForm):
    class Meta:
        model = Risk
        fields = [
            "project",
            "title",
            "likelihood",
            "impact",
            "owner",
            "mitigation",
            "status",
            "handling_code",
        ]
        widgets = {"mitigation": forms.Textarea(attrs={"rows": 3})}


class EngagementForm(BeatbookModelForm):
    class Meta:
        model = Engagement
        fields = ["project", "date", "kind", "stakeholders", "summary", "outreach", "handling_code"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}
