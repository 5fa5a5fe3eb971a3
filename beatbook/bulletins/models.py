"""E-platform bulletins: written once in both languages, approved by a supervisor, then sent to their
audiences (partner types, programmes, the public) through channels (web page, Atom, e-mail, webhooks,
the partner portal). Deliveries are unique per (bulletin, channel, recipient) so sending is idempotent.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beatbook.core.models import BeatbookModel, BilingualMixin


class ChannelKind(models.TextChoices):
    WEB = "web", _("Public web page")
    ATOM = "atom", _("Atom feed")
    EMAIL = "email", _("E-mail")
    WEBHOOK = "webhook", _("Webhook (messaging service)")
    PORTAL = "portal", _("Partner portal (with read receipts)")


PUBLIC_CHANNELS = {ChannelKind.WEB, ChannelKind.ATOM}


def validate_channels(value) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one channel."))
    unknown = [v for v in value if v not in ChannelKind.values]
    if unknown:
        raise ValidationError(_("Unknown channel(s): %(c)s."), params={"c": ", ".join(map(str, unknown))})


def validate_partner_kinds(value) -> None:
    from beatbook.partners.models import Organisation

    if not isinstance(value, list):
        raise ValidationError(_("Partner types must be a list."))
    unknown = [v for v in value if v not in Organisation.Kind.values]
    if unknown:
        raise ValidationError(
            _("Unknown partner type(s): %(k)s."), params={"k": ", ".join(map(str, unknown))}
        )


def validate_links(value) -> None:
    from django.core.validators import URLValidator

    check = URLValidator(schemes=["http", "https"])
    for line in (value or "").splitlines():
        if line.strip():
            try:
                check(line.strip())
            except ValidationError:
                raise ValidationError(_("Not a web address: %(url)s"), params={"url": line.strip()[:100]})


class Bulletin(BilingualMixin, BeatbookModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting approval")
        APPROVED = "approved", _("Approved (scheduled)")
        REJECTED = "rejected", _("Returned to writer")
        SENT = "sent", _("Sent")

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("Normal")
        URGENT = "urgent", _("Urgent alert")

    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_zh = models.TextField(_("text (Chinese)"))
    body_en = models.TextField(_("text (English)"))
    image = models.FileField(
        _("image"),
        upload_to="bulletins/",
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg", "gif", "webp"])],
    )
    links = models.TextField(
        _("links"), blank=True, validators=[validate_links], help_text=_("One web address a line.")
    )
    urgency = models.CharField(_("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL)
    objective = models.ForeignKey(
        "plan.Objective",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bulletins",
        verbose_name=_("objective"),
    )
    audience_public = models.BooleanField(_("the public"), default=False)
    audience_partner_kinds = models.JSONField(
        _("partner types"), default=list, blank=True, validators=[validate_partner_kinds]
    )
    audience_programmes = models.ManyToManyField(
        "community.Programme", blank=True, related_name="bulletins", verbose_name=_("programmes")
    )
    channels = models.JSONField(_("channels"), default=list, validators=[validate_channels])
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    scheduled_for = models.DateTimeField(
        _("send at"), null=True, blank=True, help_text=_("Empty: send as soon as it is approved.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bulletins_written",
        verbose_name=_("writer"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bulletins_approved",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-sent_at", "-created_at"]
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        permissions = [("approve_bulletin", _("Can approve bulletins for sending"))]

    def __str__(self) -> str:
        return self.tr("title")

    def clean(self):
        errors = {}
        channels = set(self.channels or [])
        if channels & PUBLIC_CHANNELS and not self.audience_public:
            errors["audience_public"] = _(
                "The web page and the Atom feed are public: tick 'the public' or drop them."
            )
        if errors:
            raise ValidationError(errors)

    def has_audience(self) -> bool:
        return bool(
            self.audience_public
            or self.audience_partner_kinds
            or (self.pk and self.audience_programmes.exists())
        )

    def link_list(self) -> list[str]:
        return [line.strip() for line in (self.links or "").splitlines() if line.strip()]

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.SENT and self.audience_public


class Webhook(BeatbookModel):
    """A messaging service endpoint (e.g. a WhatsApp/Signal/Telegram gateway) that receives bulletins."""

    name = models.CharField(_("name"), max_length=120)
    url = models.URLField(_("endpoint"))
    secret = models.CharField(
        _("signing secret"),
        max_length=120,
        blank=True,
        help_text=_("Used to sign each delivery (HMAC-SHA256 in X-Beatbook-Signature)."),
    )
    audience_partner_kinds = models.JSONField(
        _("partner types"), default=list, blank=True, validators=[validate_partner_kinds]
    )
    audience_public = models.BooleanField(_("public bulletins"), default=False)
    active = models.BooleanField(_("active"), default=True)

    objective_field = None
    audit_exclude = ("secret",)

    class Meta:
        ordering = ["name"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.name


class Delivery(BeatbookModel):
    """One bulletin sent on one channel to one recipient (unique: re-running a send changes nothing)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    bulletin = models.ForeignKey(
        Bulletin, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("bulletin")
    )
    channel = models.CharField(_("channel"), max_length=16, choices=ChannelKind.choices, db_index=True)
    recipient = models.CharField(
        _("recipient"), max_length=200, help_text=_("public, org:<id>, email:<address>, webhook:<id>")
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bulletin_deliveries",
        verbose_name=_("organisation"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)

    objective_field = "bulletin__objective"

    class Meta:
        ordering = ["-pk"]
        unique_together = [("bulletin", "channel", "recipient")]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return f"{self.bulletin} -> {self.get_channel_display()} {self.recipient}"

    def get_absolute_url(self) -> str:
        return reverse("bulletins:delivery_detail", kwargs={"pk": self.pk})

    @property
    def acknowledged(self) -> bool:
        if not self.organisation_id:
            return False
        return Acknowledgement.objects.filter(
            bulletin_id=self.bulletin_id, organisation_id=self.organisation_id
        ).exists()


class Acknowledgement(BeatbookModel):
    """A partner user confirming they have read a bulletin (a read receipt)."""

    bulletin = models.ForeignKey(
        Bulletin, on_delete=models.CASCADE, related_name="acknowledgements", verbose_name=_("bulletin")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    acknowledged_at = models.DateTimeField(_("read"), default=timezone.now)

    objective_field = "bulletin__objective"

    class Meta:
        ordering = ["-acknowledged_at"]
        unique_together = [("bulletin", "user")]
        verbose_name = _("read receipt")
        verbose_name_plural = _("read receipts")

    def __str__(self) -> str:
        return f"{self.organisation} read {self.bulletin}"
