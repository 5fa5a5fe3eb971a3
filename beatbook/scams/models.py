"""Anti-fraud records: indicators and their graded sources, reports and their review, partner sightings,
lookup counts (never who searched), alert subscriptions and deliveries, and bank partner keys.

Every indicator value is stored in the engine's canonical form (``engine.normalize``) and looked up by
the unique pair ``(type, normalized)``. The verdict itself is computed by ``services.check`` from these
rows; the models only keep the facts (status, graded sources, independent partners, expiry).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beatbook.core.models import BeatbookModel

from .engine.normalize import INDICATOR_TYPES

TYPE_LABELS = {
    "phone": _("Phone number"),
    "url": _("URL"),
    "domain": _("Domain"),
    "email": _("E-mail address"),
    "ip": _("IP address"),
    "bank_account": _("Bank account"),
    "fps_id": _("FPS ID"),
    "platform_account": _("Platform account"),
    "crypto_wallet": _("Crypto wallet"),
}
TYPE_CHOICES = [(t, TYPE_LABELS.get(t, t)) for t in INDICATOR_TYPES]
RELIABILITY_CHOICES = [
    ("A", _("A - completely reliable")),
    ("B", _("B - usually reliable")),
    ("C", _("C - fairly reliable")),
    ("D", _("D - not usually reliable")),
    ("E", _("E - unreliable")),
    ("F", _("F - reliability cannot be judged")),
]
CREDIBILITY_CHOICES = [
    (1, _("1 - confirmed by other sources")),
    (2, _("2 - probably true")),
    (3, _("3 - possibly true")),
    (4, _("4 - doubtful")),
    (5, _("5 - improbable")),
    (6, _("6 - truth cannot be judged")),
]


class Level(models.TextChoices):
    HIGH_RISK = "high_risk", _("High risk")
    SUSPECTED = "suspected", _("Suspected")
    POSSIBLE = "possible", _("Possible")
    NO_RECORD = "no_record", _("No record")


def fraud_objective(code: str = "AP-FRAUD-1"):
    """The plan objective anti-fraud records serve (None when the plan is not loaded)."""
    from beatbook.plan.models import Objective

    return Objective.objects.filter(code=code).first()


class Indicator(BeatbookModel):
    """One scam indicator value (phone, URL, account ...) in canonical form."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed by an officer")
        REPORTED = "reported", _("Reported, not confirmed")
        EXTERNAL = "external", _("From an external list")

    type = models.CharField(_("type"), max_length=20, choices=TYPE_CHOICES)
    normalized = models.CharField(_("normalised value"), max_length=1000)
    display = models.CharField(_("display value"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REPORTED, db_index=True
    )
    first_seen = models.DateTimeField(_("first seen"), default=timezone.now)
    last_seen = models.DateTimeField(_("last seen"), default=timezone.now)
    report_count = models.PositiveIntegerField(_("reports"), default=0)
    # Independent reporters: distinct partner organisations (+1 when members of the public reported it).
    partner_count = models.PositiveIntegerField(_("independent reporters"), default=0)
    public_report_count = models.PositiveIntegerField(_("public reports"), default=0)
    # Best admiralty grading of the external sources ("B2"); blank when only reported or confirmed.
    grading = models.CharField(_("best source grading"), max_length=2, blank=True)
    source_name = models.CharField(_("source"), max_length=200, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True, db_index=True)
    account_name = models.CharField(
        _("account holder name"),
        max_length=200,
        blank=True,
        help_text=_("Name on a reported bank or platform account (for close-name checks)."),
    )
    scam_type = models.CharField(_("scam type"), max_length=40, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_by_name = models.CharField(_("confirmed by (name)"), max_length=150, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    objective = models.ForeignKey(
        "plan.Objective",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scam_indicators",
        verbose_name=_("objective"),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-last_seen", "-pk"]
        verbose_name = _("scam indicator")
        verbose_name_plural = _("scam indicators")
        constraints = [
            models.UniqueConstraint(fields=["type", "normalized"], name="scams_indicator_type_value")
        ]
        indexes = [models.Index(fields=["normalized"], name="scams_ind_normalized")]
        permissions = [
            ("bulk_check", "Can run bulk checks through the API"),
            ("import_indicator", "Can import external indicator lists"),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()}: {self.display or self.normalized}"

    def get_absolute_url(self) -> str:
        return reverse("scams:indicator_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        from .engine.normalize import normalize

        if self.type and self.normalized:
            item = normalize(self.normalized, self.type)
            if not item.ok:
                raise ValidationError({"normalized": "; ".join(e.en for e in item.errors)})
            self.normalized = item.normalized
            self.display = self.display or item.display
        if self.grading and (
            len(self.grading) != 2 or self.grading[0] not in "ABCDEF" or self.grading[1] not in "123456"
        ):
            raise ValidationError({"grading": _("A grading is a letter A-F and a digit 1-6, e.g. B2.")})

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()


class ImportBatch(BeatbookModel):
    """One run of ``beatbook scams import`` (or an upload): what came in, from whom, with what result."""

    source_name = models.CharField(_("source"), max_length=200)
    file_name = models.CharField(_("file"), max_length=300, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    format = models.CharField(_("format"), max_length=10)
    indicator_type = models.CharField(_("type"), max_length=20, blank=True)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    errors = models.JSONField(_("bad lines"), default=list, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objective_field = None

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")

    def __str__(self) -> str:
        return f"{self.source_name} {self.file_name} #{self.pk}"


class IndicatorSource(BeatbookModel):
    """Who says an indicator is a scam, graded on the admiralty scale (reliability A-F, credibility 1-6)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="sources")
    source_name = models.CharField(_("source"), max_length=200)
    list_name = models.CharField(_("list"), max_length=200, blank=True)
    reliability = models.CharField(_("source reliability"), max_length=1, choices=RELIABILITY_CHOICES)
    credibility = models.PositiveSmallIntegerField(
        _("information credibility"),
        choices=CREDIBILITY_CHOICES,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="sources"
    )
    first_seen = models.DateTimeField(_("first seen"), default=timezone.now)
    last_seen = models.DateTimeField(_("last seen"), default=timezone.now)
    extra = models.JSONField(_("details"), default=dict, blank=True)

    objective_field = None

    class Meta:
        ordering = ["reliability", "credibility"]
        verbose_name = _("indicator source")
        verbose_name_plural = _("indicator sources")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "source_name", "list_name"], name="scams_source_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_name} {self.reliability}{self.credibility}"

    @property
    def grading(self) -> str:
        return f"{self.reliability}{self.credibility}"


class Report(BeatbookModel):
    """A suspicious value or message reported by the public or a partner, scored for triage."""

    class Channel(models.TextChoices):
        PUBLIC = "public", _("Member of the public")
        PARTNER = "partner", _("Partner organisation")
        OFFICER = "officer", _("Officer")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    channel = models.CharField(_("from"), max_length=10, choices=Channel.choices, default=Channel.PUBLIC)
    value = models.CharField(_("value"), max_length=1000, blank=True)
    value_type = models.CharField(_("type"), max_length=20, choices=TYPE_CHOICES, blank=True)
    message_text = models.TextField(_("message text"), blank=True, max_length=20000)
    account_name = models.CharField(_("account holder name"), max_length=200, blank=True)
    description = models.TextField(_("what happened"), blank=True, max_length=4000)
    indicator = models.ForeignKey(
        Indicator,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        verbose_name=_("indicator"),
    )
    reporter_org = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="scam_reports",
        verbose_name=_("partner organisation"),
    )
    reporter_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reported by"),
    )
    triage_score = models.FloatField(_("triage score"), default=0, db_index=True)
    triage_reasons = models.JSONField(_("triage reasons"), default=list, blank=True)
    scam_type = models.CharField(_("scam type"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    objective = models.ForeignKey(
        "plan.Objective",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scam_reports",
        verbose_name=_("objective"),
    )

    class Meta:
        ordering = ["-triage_score", "-created_at"]
        verbose_name = _("scam report")
        verbose_name_plural = _("scam reports")

    def __str__(self) -> str:
        subject = self.value or (self.message_text[:40] + ("…" if len(self.message_text) > 40 else ""))
        return f"#{self.pk} {subject}"

    def get_absolute_url(self) -> str:
        return reverse("scams:report_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if not (self.value or "").strip() and not (self.message_text or "").strip():
            raise ValidationError(_("Give the suspicious value, the message text, or both."))


class Sighting(BeatbookModel):
    """A partner's note on an indicator: seen again, a false positive, or confirmed from their side."""

    class Kind(models.TextChoices):
        SEEN = "seen", _("Seen")
        FALSE_POSITIVE = "false_positive", _("False positive")
        CONFIRMED = "confirmed", _("Confirmed")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="sightings", verbose_name=_("indicator")
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="scam_sightings",
        verbose_name=_("partner organisation"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.SEEN)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    seen_at = models.DateTimeField(_("seen at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objective_field = None

    class Meta:
        ordering = ["-seen_at"]
        verbose_name = _("sighting")
        verbose_name_plural = _("sightings")

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} #{self.pk} {self.indicator.normalized if self.indicator_id else ''}"
        )

    def get_absolute_url(self) -> str:
        return reverse("scams:sighting_detail", kwargs={"pk": self.pk})


class LookupCounter(models.Model):
    """How often a value was checked on one day. Deliberately no user, address or time of day."""

    type = models.CharField(max_length=20)
    normalized = models.CharField(max_length=1000)
    day = models.DateField(db_index=True)
    count = models.PositiveIntegerField(default=0)
    bulk_count = models.PositiveIntegerField(default=0)
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.SET_NULL, related_name="lookups"
    )
    is_synthetic = models.BooleanField(_("synthetic demo data"), default=False)

    class Meta:
        verbose_name = _("lookup count")
        verbose_name_plural = _("lookup counts")
        constraints = [models.UniqueConstraint(fields=["type", "normalized", "day"], name="scams_lookup_day")]

    def __str__(self) -> str:
        return f"{self.type}:{self.normalized} {self.day} x{self.count}"


class Alert(BeatbookModel):
    """A published warning (e.g. an indicator confirmed high-risk) for the feed, e-mail and webhooks."""

    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.SET_NULL, related_name="alerts"
    )
    indicator_type = models.CharField(_("type"), max_length=20, choices=TYPE_CHOICES, blank=True)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    body_zh = models.TextField(_("text (Chinese)"), blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    # Partner kinds this alert is for; empty = everyone.
    audiences = models.JSONField(_("audiences"), default=list, blank=True)
    published_at = models.DateTimeField(_("published"), default=timezone.now, db_index=True)

    objective_field = None

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")

    def __str__(self) -> str:
        return self.title_en or self.title_zh

    def get_absolute_url(self) -> str:
        return ""


class AlertSubscription(BeatbookModel):
    """A partner's alert channel: e-mail and/or a signed webhook, filtered by indicator type and audience."""

    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.CASCADE,
        related_name="alert_subscriptions",
        verbose_name=_("partner organisation"),
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    webhook_url = models.URLField(_("webhook URL"), blank=True, max_length=500)
    # Shared with the partner to verify the X-Beatbook-Signature header (HMAC-SHA256 of the body).
    secret = models.CharField(_("webhook signing secret"), max_length=64, blank=True, default="")
    indicator_types = models.JSONField(
        _("indicator types"), default=list, blank=True, help_text=_("Empty means all types.")
    )
    audience = models.CharField(
        _("audience"),
        max_length=32,
        blank=True,
        help_text=_("Partner type the alerts must be meant for; empty means all alerts."),
    )
    min_level = models.CharField(
        _("minimum level"), max_length=12, choices=Level.choices, default=Level.SUSPECTED
    )
    active = models.BooleanField(_("active"), default=True)

    objective_field = None

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    def get_absolute_url(self) -> str:
        return reverse("scams:alertsubscription_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if not self.email and not self.webhook_url:
            raise ValidationError(_("Give an e-mail address, a webhook URL, or both."))
        bad = [t for t in (self.indicator_types or []) if t not in INDICATOR_TYPES]
        if not isinstance(self.indicator_types, list) or bad:
            raise ValidationError(
                {"indicator_types": _("Unknown indicator types: %s") % ", ".join(map(str, bad))}
            )
        if self.webhook_url and not self.webhook_url.startswith("https://") and not settings.DEBUG:
            raise ValidationError({"webhook_url": _("Webhooks must use https.")})

    def save(self, *args, **kwargs):
        if self.webhook_url and not self.secret:
            self.secret = secrets.token_hex(32)
        super().save(*args, **kwargs)

    def wants(self, alert: Alert) -> bool:
        """True when ``alert`` passes this subscription's filters."""
        from .engine.verdict import level_rank

        if not self.active or level_rank(alert.level) < level_rank(self.min_level):
            return False
        if self.indicator_types and alert.indicator_type not in self.indicator_types:
            return False
        return not (self.audience and alert.audiences and self.audience not in alert.audiences)


class AlertDelivery(models.Model):
    """One attempt-tracked delivery of an alert to a subscription channel (retried by the task queue)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(AlertSubscription, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=10)  # email | webhook
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    audited = True

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alert", "subscription", "channel"], name="scams_delivery_once")
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.alert_id}->{self.subscription_id} {self.status}"


class PartnerKey(BeatbookModel):
    """An HMAC-SHA256 key shared with a bank so its bulk checks can send digests instead of values.

    Only what verification needs is kept: the key (the server must recompute digests of indicator
    values, so a one-way hash of the key would not do), its public id, owner and validity. Requests are
    never logged with their digests.
    """

    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.CASCADE,
        related_name="scam_keys",
        verbose_name=_("partner organisation"),
    )
    key_id = models.SlugField(_("key id"), max_length=40, unique=True)
    secret = models.CharField(_("key (hex)"), max_length=64, editable=False)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objective_field = None

    class Meta:
        ordering = ["organisation", "key_id"]
        verbose_name = _("partner key")
        verbose_name_plural = _("partner keys")

    def __str__(self) -> str:
        return f"{self.key_id} ({self.organisation})"

    def get_absolute_url(self) -> str:
        return ""

    @classmethod
    def issue(cls, organisation, key_id: str | None = None, **extra) -> tuple[PartnerKey, str]:
        """Create a key and return it with its hex secret (show it once, over a secure channel)."""
        secret = secrets.token_hex(32)
        key = cls.objects.create(
            organisation=organisation, key_id=key_id or f"k{secrets.token_hex(6)}", secret=secret, **extra
        )
        return key, secret

    @property
    def is_active(self) -> bool:
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()
