"""Building CCTV registry: camera sites, footage requests with an overwrite countdown, building surveys.

A footage request links to its ``incidents.Incident`` (nullable: the incident may not be on the system
yet) and keeps the incident's reference number and time itself, so the countdown works either way.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beatbook.core.models import BeatbookModel

WARN_BEFORE = dt.timedelta(days=2)


class SharingTier(models.TextChoices):
    REGISTERED = "registered", _("Registered only")
    ON_REQUEST = "on_request", _("Footage on request")
    LIVE = "live", _("Live view")


class CameraSite(BeatbookModel):
    """A building (or shop) whose owner registered its cameras with the district."""

    building = models.CharField(_("building"), max_length=200)
    address = models.CharField(_("address"), max_length=300)
    organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="camera_sites",
        verbose_name=_("owner / management (partner)"),
    )
    contact_name = models.CharField(_("owner or management contact"), max_length=120)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    field_of_view = models.CharField(
        _("field of view"),
        max_length=300,
        blank=True,
        help_text=_("What the cameras see, e.g. 'Sai Yeung Choi St South, both pavements'."),
    )
    bearing = models.PositiveSmallIntegerField(_("bearing (degrees)"), null=True, blank=True)
    cameras = models.PositiveSmallIntegerField(_("cameras"), default=1)
    retention_days = models.PositiveSmallIntegerField(_("recording kept (days)"), default=14)
    sharing_tier = models.CharField(
        _("sharing"), max_length=16, choices=SharingTier.choices, default=SharingTier.ON_REQUEST
    )
    consent_date = models.DateField(_("consent given on"))
    active = models.BooleanField(_("active"), default=True)
    objective = models.ForeignKey(
        "plan.Objective",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="camera_sites",
        verbose_name=_("objective"),
    )
    notes = models.TextField(_("notes"), blank=True)

    audit_exclude = ("contact_phone",)

    class Meta:
        ordering = ["building"]
        verbose_name = _("camera site")
        verbose_name_plural = _("camera sites")

    def __str__(self) -> str:
        return f"{self.building} ({self.address})"

    def clean(self):
        errors = {}
        if self.latitude is not None and not (22.1 <= self.latitude <= 22.6):
            errors["latitude"] = _("Latitude must be in Hong Kong (22.1 to 22.6).")
        if self.longitude is not None and not (113.8 <= self.longitude <= 114.5):
            errors["longitude"] = _("Longitude must be in Hong Kong (113.8 to 114.5).")
        if self.retention_days is not None and self.retention_days < 1:
            errors["retention_days"] = _("Recordings must be kept at least one day.")
        if self.cameras is not None and self.cameras < 1:
            errors["cameras"] = _("A site has at least one camera.")
        if self.bearing is not None and self.bearing > 359:
            errors["bearing"] = _("Bearing is 0 to 359 degrees.")
        if self.consent_date and self.consent_date > timezone.localdate():
            errors["consent_date"] = _("Consent cannot be dated in the future.")
        if errors:
            raise ValidationError(errors)


class FootageRequest(BeatbookModel):
    """A request for recorded footage about an incident: requested -> acknowledged -> received / refused."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        RECEIVED = "received", _("Footage received")
        REFUSED = "refused", _("Refused")

    OPEN = (Status.REQUESTED, Status.ACKNOWLEDGED)
    TRANSITIONS = {
        Status.REQUESTED: {Status.ACKNOWLEDGED, Status.RECEIVED, Status.REFUSED},
        Status.ACKNOWLEDGED: {Status.RECEIVED, Status.REFUSED},
        Status.RECEIVED: set(),
        Status.REFUSED: set(),
    }

    site = models.ForeignKey(
        CameraSite, on_delete=models.PROTECT, related_name="footage_requests", verbose_name=_("camera site")
    )
    incident = models.ForeignKey(
        "incidents.Incident",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="footage_requests",
        verbose_name=_("incident"),
    )
    incident_reference = models.CharField(
        _("incident reference"),
        max_length=60,
        db_index=True,
        help_text=_("The incident's reference number (e.g. MK RN 24001234)."),
    )
    incident_time = models.DateTimeField(_("incident time"))
    period_from = models.DateTimeField(_("footage from"), null=True, blank=True)
    period_to = models.DateTimeField(_("footage to"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED, db_index=True
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now, db_index=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    refusal_reason = models.CharField(_("reason for refusal"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objective_field = "site__objective"

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("footage request")
        verbose_name_plural = _("footage requests")
        permissions = [("view_footage", _("Can view received footage details"))]

    def __str__(self) -> str:
        return f"{self.incident_reference} @ {self.site.building}"

    # countdown -----------------------------------------------------------------------------------
    @property
    def overwrite_at(self) -> dt.datetime:
        """When the site's recorder will have overwritten the incident's footage."""
        return overwrite_at(self.incident_time, self.site.retention_days)

    def time_left(self, now: dt.datetime | None = None) -> dt.timedelta:
        return self.overwrite_at - (now or timezone.now())

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def needs_warning(self, now: dt.datetime | None = None) -> bool:
        """Open with two days or less before the footage is overwritten (or already overwritten)."""
        return self.is_open and self.time_left(now) <= WARN_BEFORE

    def answered_in_time(self) -> bool | None:
        """True/False once answered; None while open and the footage still exists."""
        if self.answered_at:
            return self.answered_at <= self.overwrite_at
        if timezone.now() > self.overwrite_at:
            return False
        return None

    def fill_from_incident(self) -> None:
        """Copy the linked incident's reference and time when they were left empty."""
        if self.incident_id:
            if not self.incident_reference:
                self.incident_reference = self.incident.reference or f"#{self.incident.pk}"
            if not self.incident_time:
                self.incident_time = self.incident.occurred_from

    def save(self, *args, **kwargs):
        self.fill_from_incident()
        super().save(*args, **kwargs)

    def clean(self):
        self.fill_from_incident()
        errors = {}
        now = timezone.now()
        if self.incident_time and self.incident_time > now + dt.timedelta(minutes=5):
            errors["incident_time"] = _("The incident time cannot be in the future.")
        if self.period_from and self.period_to and self.period_to <= self.period_from:
            errors["period_to"] = _("The footage period must end after it starts.")
        if self.status == self.Status.REFUSED and not self.refusal_reason:
            errors["refusal_reason"] = _("Record why the request was refused.")
        if (
            self.site_id
            and self.site.sharing_tier == SharingTier.REGISTERED
            and self.status == self.Status.REQUESTED
            and not self.pk
        ):
            errors["site"] = _("This site is registered only: its owner has not agreed to share footage.")
        if errors:
            raise ValidationError(errors)

    def move_to(self, status: str, when: dt.datetime | None = None, reason: str = "") -> None:
        """Follow the workflow; refuses jumps such as received -> requested."""
        if status not in self.TRANSITIONS.get(self.status, set()):
            raise ValidationError(
                _("A request cannot go from %(a)s to %(b)s.")
                % {"a": self.get_status_display(), "b": self.Status(status).label}
            )
        when = when or timezone.now()
        if status == self.Status.ACKNOWLEDGED:
            self.acknowledged_at = when
        elif status in (self.Status.RECEIVED, self.Status.REFUSED):
            self.answered_at = when
            if status == self.Status.REFUSED:
                if not reason:
                    raise ValidationError(_("Record why the request was refused."))
                self.refusal_reason = reason
        self.status = status
        self.save()


def overwrite_at(incident_time: dt.datetime, retention_days: int) -> dt.datetime:
    return incident_time + dt.timedelta(days=retention_days)


SURVEY_ITEMS = {
    "cctv_entrance": _("CCTV covers the main entrance"),
    "cctv_lobby": _("CCTV covers the lobby and lifts"),
    "cctv_recording_14d": _("Recordings kept at least 14 days"),
    "guard_24h": _("Guard or caretaker on duty 24 hours"),
    "door_lock": _("Entrance door locks automatically"),
    "intercom": _("Intercom or access card at the entrance"),
    "lighting": _("Staircases and corridors well lit"),
    "roof_locked": _("Roof door locked from outside / fire-safe"),
    "mailbox": _("Mailboxes secure"),
    "notices": _("Crime-prevention notices displayed"),
}


def validate_checklist(value) -> None:
    if not isinstance(value, dict):
        raise ValidationError(_("The checklist must map items to yes / no / n.a."))
    for key, answer in value.items():
        if key not in SURVEY_ITEMS:
            raise ValidationError(_("Unknown checklist item '%(key)s'."), params={"key": key})
        if answer not in ("yes", "no", "na"):
            raise ValidationError(_("Answer '%(key)s' with yes, no or na."), params={"key": key})


class BuildingSurvey(BeatbookModel):
    """A building security survey: a checklist per building, recorded against MP-COMMUNITY-3."""

    building = models.CharField(_("building"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="building_surveys",
        verbose_name=_("management / owners"),
    )
    site = models.ForeignKey(
        CameraSite,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surveys",
        verbose_name=_("camera site"),
    )
    surveyed_on = models.DateField(_("surveyed on"), default=timezone.localdate)
    surveyor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("surveyor"),
    )
    checklist = models.JSONField(_("checklist"), default=dict, validators=[validate_checklist])
    recommendations = models.TextField(_("recommendations"), blank=True)
    objective = models.ForeignKey(
        "plan.Objective",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="building_surveys",
        verbose_name=_("objective"),
    )

    class Meta:
        ordering = ["-surveyed_on", "building"]
        verbose_name = _("building security survey")
        verbose_name_plural = _("building security surveys")

    def __str__(self) -> str:
        return f"{self.building} {self.surveyed_on}"

    @property
    def score(self) -> str:
        """Items met out of items that apply, e.g. '7/9'."""
        applicable = [v for v in self.checklist.values() if v != "na"]
        return f"{sum(v == 'yes' for v in applicable)}/{len(applicable)}"
