from django import forms

from beatbook.core.forms import BeatbookModelForm

from .models import DeploymentPost, EventReview, PublicEvent

DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class PublicEventForm(BeatbookModelForm):
    class Meta:
        model = PublicEvent
        fields = [
            "objective",
            "title",
            "kind",
            "status",
            "starts_at",
            "ends_at",
            "venue",
            "lat",
            "lon",
            "organiser",
            "organiser_contact",
            "venue_liaison",
            "expected_attendance",
            "crowd_density",
            "history_of_disorder",
            "adverse_weather",
            "counter_event",
            "likelihood",
            "impact",
            "risk_notes",
            "commander",
            "command_post",
            "deployment_notes",
            "media_liaison",
            "media_arrangements",
            "handling_code",
        ]
        widgets = {
            "starts_at": DT,
            "ends_at": DT,
            "risk_notes": forms.Textarea(attrs={"rows": 3}),
            "deployment_notes": forms.Textarea(attrs={"rows": 3}),
            "media_arrangements": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = self.fields["objective"].queryset.filter(
            code__regex=r"^AP-SAFETY-(EVENTS|ORDER)", retired=False
        )


class DeploymentPostForm(BeatbookModelForm):
    class Meta:
        model = DeploymentPost
        fields = [
            "event",
            "unit",
            "post",
            "task",
            "officers",
            "starts_at",
            "ends_at",
            "reports_to",
            "handling_code",
        ]
        widgets = {"starts_at": DT, "ends_at": DT}


class EventReviewForm(BeatbookModelForm):
    class Meta:
        model = EventReview
        fields = [
            "event",
            "date",
            "actual_attendance",
            "incidents",
            "arrests",
            "went_well",
            "lessons",
            "handling_code",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "went_well": forms.Textarea(attrs={"rows": 3}),
            "lessons": forms.Textarea(attrs={"rows": 4}),
        }
