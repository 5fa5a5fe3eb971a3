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
        "plan.Area", blank=True, related_name="partner_organisations", verbose_name=_("programmes"),
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
