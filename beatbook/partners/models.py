"""Partner organisations: one model shared by the anti-fraud scheme (智·悠·衡) and community work."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from beatbook.core.models import BeatbookModel, BilingualMixin


class Organisation(BilingualMixin, BeatbookModel):
    """A hotel, guesthouse, mall, bank, newcomer group, school, NGO or building body the district works with."""

    class Kind(models.TextChoices):
        HOTEL = "hotel", _("Hotel")
        GUESTHOUSE = "guesthouse", _("Guesthouse")
        MALL = "mall", _("Shopping mall")
        BANK = "bank", _("Bank")
        NEWCOMER_GROUP = "newcomer_group", _("Newcomer group (港漂)")
        SCHOOL = "school", _("School")
        NGO = "ngo", _("NGO")
        BUILDING_MANAGEMENT = "building_management", _("Building management office")
        OWNERS_CORPORATION = "owners_corporation", _("Owners' corporation")
        OTHER = "other", _("Other")

    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices, db_index=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    programmes = models.ManyToManyField(
        "plan.Area",
        blank=True,
        related_name="partner_organisations",
        verbose_name=_("programmes"),
        limit_choices_to={"kind": "programme"},
    )
    joined_on = models.DateField(_("joined"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    notes = models.TextField(_("notes"), blank=True)

    objective_field = None

    class Meta:
        ordering = ["kind", "name_zh"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self) -> str:
        return self.tr("name")

    @property
    def name(self) -> str:
        return self.tr("name")


class Contact(BeatbookModel):
    """A person at a partner organisation (minimum data: name, role, phone, e-mail, language)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(
        _("language"), max_length=16, blank=True, help_text=_("Preferred language, e.g. zh-hant, en, ur, ne.")
    )
    is_primary = models.BooleanField(_("main contact"), default=False)
    receives_bulletins = models.BooleanField(_("receives bulletins by e-mail"), default=True)

    objective_field = None

    class Meta:
        ordering = ["organisation__name_zh", "-is_primary", "name"]
        verbose_name = _("partner contact")
        verbose_name_plural = _("partner contacts")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class OutreachKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    MEETING = "meeting", _("Meeting")
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("E-mail / message")
    TALK = "talk", _("Talk given")
    MATERIALS = "materials", _("Materials delivered")


class Outreach(BeatbookModel):
    """One contact with a partner: a visit, meeting, call, talk given or materials delivered.

    Talks carry an audience size; material deliveries carry the item and quantity. Together the rows
    are the organisation's contact history and feed ``partners.reached``.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="outreach", verbose_name=_("organisation")
    )
    contact = models.ForeignKey(
        Contact,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outreach",
        verbose_name=_("contact"),
    )
    kind = models.CharField(_("type"), max_length=16, choices=OutreachKind.choices, db_index=True)
    date = models.DateField(_("date"), db_index=True)
    topic = models.CharField(_("topic"), max_length=200)
    language = models.CharField(_("language"), max_length=16, blank=True)
    audience_size = models.PositiveIntegerField(_("audience size"), null=True, blank=True)
    material = models.CharField(_("material"), max_length=200, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    staff = models.ForeignKey(
        "org.Staff",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("staff"),
    )
    objective = models.ForeignKey(
        "plan.Objective",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partner_outreach",
        verbose_name=_("objective"),
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("outreach record")
        verbose_name_plural = _("outreach records")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}: {self.topic}"

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.kind == OutreachKind.TALK and not self.audience_size:
            errors["audience_size"] = _("A talk needs the number of people who attended.")
        if self.kind == OutreachKind.MATERIALS:
            if not self.material:
                errors["material"] = _("Say which material was delivered.")
            if not self.quantity:
                errors["quantity"] = _("Say how many copies were delivered.")
        if self.contact_id and self.organisation_id and self.contact.organisation_id != self.organisation_id:
            errors["contact"] = _("This contact belongs to another organisation.")
        if errors:
            raise ValidationError(errors)
