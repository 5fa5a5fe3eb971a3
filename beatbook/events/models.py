"""Public events: register, risk assessment, deployment plan, media liaison and post-event review."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from beatbook.core.models import BeatbookModel

from . import risk

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


class EventKind(models.TextChoices):
    SPORTS = "sports", _("Sports")
    ENTERTAINMENT = "entertainment", _("Entertainment")
    FESTIVE = "festive", _("Festive gathering (e.g. countdown)")
    PUBLIC_MEETING = "public_meeting", _("Public meeting")
    PROCESSION = "procession", _("Public procession")
    OTHER = "other", _("Other")


class PublicEvent(BeatbookModel):
    """One public event the district polices."""

    class Status(models.TextChoices):
        PLANNING = "planning", _("Planning")
        APPROVED = "approved", _("Plan approved")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    objective = models.ForeignKey(
        "plan.Objective", on_delete=models.PROTECT, related_name="public_events", verbose_name=_("objective")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, db_index=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNING, db_index=True
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=200)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    organiser = models.CharField(_("organiser"), max_length=200)
    organiser_contact = models.CharField(_("organiser contact"), max_length=200, blank=True)
    venue_liaison = models.CharField(_("venue management liaison"), max_length=200, blank=True)
    expected_attendance = models.PositiveIntegerField(_("expected attendance"))
    # Risk assessment (5 x 5 matrix).
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1-5)"), validators=ONE_TO_FIVE, default=1)
    impact = models.PositiveSmallIntegerField(_("impact (1-5)"), validators=ONE_TO_FIVE, default=1)
    crowd_density = models.PositiveSmallIntegerField(
        _("crowd density (1-5)"), validators=ONE_TO_FIVE, default=1
    )
    history_of_disorder = models.BooleanField(_("history of disorder at similar events"), default=False)
    adverse_weather = models.BooleanField(_("adverse weather expected"), default=False)
    counter_event = models.BooleanField(_("opposing groups or counter-events"), default=False)
    risk_notes = models.TextField(_("risk assessment notes"), blank=True)
    # Deployment plan (posts are DeploymentPost rows).
    commander = models.CharField(_("event commander"), max_length=120, blank=True)
    command_post = models.CharField(_("command post"), max_length=200, blank=True)
    deployment_notes = models.TextField(_("deployment plan notes"), blank=True)
    # Media liaison.
    media_liaison = models.CharField(_("media liaison officer"), max_length=120, blank=True)
    media_arrangements = models.TextField(_("media arrangements"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("public event")
        verbose_name_plural = _("public events")

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("events:publicevent_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The event must end after it starts.")
        if self.objective_id and not self.objective.code.startswith(("AP-SAFETY-EVENTS", "AP-SAFETY-ORDER")):
            errors["objective"] = _("Public events serve a public-events or public-order objective.")
        for name in ("likelihood", "impact", "crowd_density"):
            value = getattr(self, name)
            if value is not None and not 1 <= value <= 5:
                errors[name] = _("Give a whole number from 1 to 5.")
        if (self.lat is None) != (self.lon is None):
            errors["lat"] = _("Give both latitude and longitude, or neither.")
        if errors:
            raise ValidationError(errors)

    @property
    def risk_score(self) -> int:
        return risk.score(self.likelihood, self.impact)

    @property
    def risk_band(self) -> str:
        return risk.band(self.likelihood, self.impact)

    @property
    def risk_band_label(self) -> str:
        return str(risk.BAND_LABELS[self.risk_band])

    @property
    def suggested_likelihood(self) -> int:
        return risk.suggested_likelihood(
            self.crowd_density, self.history_of_disorder, self.adverse_weather, self.counter_event
        )


class DeploymentPost(BeatbookModel):
    """One line of an event's deployment plan: which unit, at which post, when, reporting to whom."""

    event = models.ForeignKey(
        PublicEvent, on_delete=models.CASCADE, related_name="posts", verbose_name=_("event")
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="event_posts", verbose_name=_("unit")
    )
    post = models.CharField(_("post"), max_length=200)
    task = models.CharField(_("task"), max_length=300, blank=True)
    officers = models.PositiveIntegerField(_("officers"), default=1)
    starts_at = models.DateTimeField(_("on post from"))
    ends_at = models.DateTimeField(_("on post until"))
    reports_to = models.CharField(_("reports to"), max_length=120, blank=True)

    objective_field = "event__objective"

    class Meta:
        ordering = ["event", "starts_at", "post"]
        verbose_name = _("deployment post")
        verbose_name_plural = _("deployment posts")

    def __str__(self) -> str:
        return f"{self.post} ({self.unit.code}) {self.starts_at:%H:%M}-{self.ends_at:%H:%M}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The post must end after it starts.")})


class EventReview(BeatbookModel):
    """The post-event review; its lessons are shown when the next event of the same kind is planned."""

    event = models.OneToOneField(
        PublicEvent, on_delete=models.CASCADE, related_name="review", verbose_name=_("event")
    )
    date = models.DateField(_("review date"))
    actual_attendance = models.PositiveIntegerField(_("actual attendance"), null=True, blank=True)
    incidents = models.PositiveIntegerField(_("incidents"), default=0)
    arrests = models.PositiveIntegerField(_("arrests"), default=0)
    went_well = models.TextField(_("what went well"), blank=True)
    lessons = models.TextField(_("lessons for the next event of this kind"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    objective_field = "event__objective"

    class Meta:
        ordering = ["-date"]
        verbose_name = _("post-event review")
        verbose_name_plural = _("post-event reviews")

    def __str__(self) -> str:
        return f"{self.event.title} · {self.date}"

    def clean(self):
        if self.event_id and self.date and self.date < self.event.starts_at.date():
            raise ValidationError({"date": _("A review cannot be dated before the event.")})


def previous_lessons(kind: str, before=None, user=None, limit: int = 5):
    """Reviews of earlier events of ``kind`` (newest first): the lessons to carry into the next one."""
    qs = EventReview.objects.all() if user is None else EventReview.objects.visible_to(user)
    qs = qs.filter(event__kind=kind).select_related("event")
    if before is not None:
        qs = qs.filter(event__starts_at__lt=before)
    return list(qs.order_by("-event__starts_at")[:limit])
