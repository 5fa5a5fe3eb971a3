"""Intelligence-led operations: what was done, where and when, and what came of it — as counts, never people.

Beatbook is not a records-management system: an operation's outcomes are aggregate counts (arrests by
offence group and age band, drugs seized by type and weight, money restrained) with no names, ID
numbers or photographs of anyone. Operations are RESTRICTED (限閱) by default for operational security.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from beatbook.core.models import BeatbookModel, HandlingCode

NON_NEGATIVE_MONEY = [MinValueValidator(Decimal("0"))]
# Radius of the treated area and width of the buffer ring (metres): a street block up to a division.
RADIUS_LIMITS = [MinValueValidator(50), MaxValueValidator(5000)]


def restricted_by_default() -> models.CharField:
    """The base handling-code field, RESTRICTED unless the creator says otherwise (operational security)."""
    return models.CharField(
        _("handling code"),
        max_length=16,
        choices=HandlingCode.choices,
        default=HandlingCode.RESTRICTED,
        db_index=True,
    )


class OperationKind(models.TextChoices):
    ANTI_TRIAD = "anti_triad", _("Anti-triad")
    ANTI_DRUG = "anti_drug", _("Anti-drug")
    ANTI_DECEPTION = "anti_deception", _("Anti-deception / quick cash")
    ORGANISED_BURGLARY = "organised_burglary", _("Organised crime and burglary")
    IMMIGRATION = "immigration", _("Illegal immigration and smuggling")
    PROCEEDS = "proceeds", _("Proceeds of crime and money laundering")
    COUNTER_TERRORISM = "counter_terrorism", _("Counter-terrorism deployment")
    CYBER = "cyber", _("Cyber crime")
    OTHER = "other", _("Other")


class OffenceGroup(models.TextChoices):
    TRIAD = "triad", _("Triad-related")
    DRUGS = "drugs", _("Drugs")
    DECEPTION = "deception", _("Deception and quick cash")
    ROBBERY_BURGLARY = "robbery_burglary", _("Robbery and burglary")
    IMMIGRATION = "immigration", _("Illegal immigration and smuggling")
    MONEY_LAUNDERING = "money_laundering", _("Money laundering")
    VICE = "vice", _("Vice and illegal gambling")
    OTHER = "other", _("Other")


class AgeBand(models.TextChoices):
    # The plan singles out young people exploited by triads and drug traffickers.
    UNDER_16 = "under_16", _("Under 16")
    AGE_16_20 = "16_20", _("16 to 20")
    AGE_21_PLUS = "21_plus", _("21 and over")


YOUNG_BANDS = (AgeBand.UNDER_16, AgeBand.AGE_16_20)


class DrugType(models.TextChoices):
    HEROIN = "heroin", _("Heroin")
    METHAMPHETAMINE = "methamphetamine", _("Methamphetamine (ice)")
    COCAINE = "cocaine", _("Cocaine")
    KETAMINE = "ketamine", _("Ketamine")
    CANNABIS = "cannabis", _("Cannabis")
    ETOMIDATE = "etomidate", _("Etomidate (space oil)")
    OTHER = "other", _("Other")


class Operation(BeatbookModel):
    """One intelligence-led operation serving one or more plan objectives."""

    handling_code = restricted_by_default()

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=OperationKind.choices, db_index=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    objectives = models.ManyToManyField(
        "plan.Objective", related_name="operations", verbose_name=_("objectives served")
    )
    lead_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="operations", verbose_name=_("lead unit")
    )
    starts_on = models.DateField(_("starts"), db_index=True)
    ends_on = models.DateField(_("ends"))
    # The area it covers: a circle (centre and radius) plus a buffer ring for the displacement check.
    centre_lat = models.FloatField(
        _("centre latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(22.1), MaxValueValidator(22.6)],
    )
    centre_lon = models.FloatField(
        _("centre longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(113.8), MaxValueValidator(114.5)],
    )
    radius_m = models.PositiveIntegerField(_("area radius (m)"), default=250, validators=RADIUS_LIMITS)
    buffer_m = models.PositiveIntegerField(_("buffer ring width (m)"), default=250, validators=RADIUS_LIMITS)
    places = models.CharField(
        _("places"),
        max_length=500,
        blank=True,
        help_text=_("Streets, premises types or hotspot cells covered."),
    )
    briefing = models.TextField(_("briefing notes"), max_length=20000, blank=True)
    debrief = models.TextField(_("debrief notes"), max_length=20000, blank=True)
    # Outcomes that are single totals for the operation.
    cash_restrained_hkd = models.DecimalField(
        _("cash and assets restrained (HK$)"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=NON_NEGATIVE_MONEY,
    )
    cash_confiscated_hkd = models.DecimalField(
        _("cash and assets confiscated (HK$)"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=NON_NEGATIVE_MONEY,
    )
    premises_searched = models.PositiveIntegerField(_("premises searched"), default=0)
    intelligence_reports = models.PositiveIntegerField(_("intelligence reports raised"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    unit_scope_field = "lead_unit"
    objective_field = "objectives"

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("operation")
        verbose_name_plural = _("operations")

    def __str__(self) -> str:
        return f"{self.starts_on} {self.name}" if self.starts_on else self.name

    def clean(self) -> None:
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The operation cannot end before it starts.")
        if (self.centre_lat is None) != (self.centre_lon is None):
            errors["centre_lat"] = _("Give both latitude and longitude of the centre, or neither.")
        for name in ("cash_restrained_hkd", "cash_confiscated_hkd"):
            value = getattr(self, name)
            if value is not None and value < 0:
                errors[name] = _("Amounts cannot be negative.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_area(self) -> bool:
        return self.centre_lat is not None and self.centre_lon is not None


class ArrestCount(BeatbookModel):
    """How many people were arrested in an operation for one offence group and age band (a count only)."""

    handling_code = restricted_by_default()

    operation = models.ForeignKey(
        Operation, on_delete=models.CASCADE, related_name="arrests", verbose_name=_("operation")
    )
    offence_group = models.CharField(_("offence group"), max_length=20, choices=OffenceGroup.choices)
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices)
    count = models.PositiveIntegerField(_("persons arrested"), validators=[MinValueValidator(1)])

    objective_field = "operation__objectives"
    unit_scope_field = "operation__lead_unit"

    class Meta:
        ordering = ["operation", "offence_group", "age_band"]
        verbose_name = _("arrest count")
        verbose_name_plural = _("arrest counts")
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "offence_group", "age_band"], name="operations_one_count_per_group_band"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.operation_id} {self.get_offence_group_display()} · {self.get_age_band_display()} · {self.count}"


class DrugSeizure(BeatbookModel):
    """Drugs seized in an operation: type, weight and estimated street value."""

    handling_code = restricted_by_default()

    operation = models.ForeignKey(
        Operation, on_delete=models.CASCADE, related_name="seizures", verbose_name=_("operation")
    )
    drug_type = models.CharField(_("drug"), max_length=20, choices=DrugType.choices)
    weight_g = models.DecimalField(
        _("weight (g)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    estimated_value_hkd = models.DecimalField(
        _("estimated value (HK$)"), max_digits=14, decimal_places=2, default=0, validators=NON_NEGATIVE_MONEY
    )

    objective_field = "operation__objectives"
    unit_scope_field = "operation__lead_unit"

    class Meta:
        ordering = ["operation", "drug_type"]
        verbose_name = _("drug seizure")
        verbose_name_plural = _("drug seizures")

    def __str__(self) -> str:
        return f"#{self.operation_id} {self.get_drug_type_display()} {self.weight_g} g"

    def clean(self) -> None:
        errors = {}
        if self.weight_g is not None and self.weight_g <= 0:
            errors["weight_g"] = _("The weight must be more than zero.")
        if self.estimated_value_hkd is not None and self.estimated_value_hkd < 0:
            errors["estimated_value_hkd"] = _("Amounts cannot be negative.")
        if errors:
            raise ValidationError(errors)
