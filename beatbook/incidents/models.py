"""Incidents: a configurable crime-category taxonomy mapped to plan objectives, and the incidents.

Locations are kept twice: WGS84 latitude/longitude (for maps) and projected metres ``x``/``y`` in the
record's own ``epsg`` (HK1980 Grid, EPSG:2326, for Hong Kong; any projected CRS for imported data), so
analysis works in metres without re-projecting on every query.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beatbook.core.models import BeatbookModel, BilingualMixin

HK1980_GRID = 2326


class Category(BilingualMixin, BeatbookModel):
    """A crime category (robbery, burglary ...), bilingual, mapped to the plan objective it serves."""

    class Origin(models.TextChoices):
        VICTIM_REPORTED = "victim_reported", _("Victim-reported")
        ENFORCEMENT_DRIVEN = "enforcement_driven", _("Enforcement-driven")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    objective = models.ForeignKey(
        "plan.Objective",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incident_categories",
        verbose_name=_("plan objective"),
    )
    origin = models.CharField(
        _("how cases come to notice"),
        max_length=24,
        choices=Origin.choices,
        default=Origin.VICTIM_REPORTED,
        help_text=_(
            "Enforcement-driven counts measure police activity as much as crime; see docs/hotspots.md."
        ),
    )
    quick_cash = models.BooleanField(_("quick-cash crime"), default=False)
    order = models.PositiveIntegerField(_("order"), default=100)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("incident category")
        verbose_name_plural = _("incident categories")

    def __str__(self) -> str:
        return f"{self.code} {self.tr('name')}"

    @property
    def victim_reported(self) -> bool:
        return self.origin == self.Origin.VICTIM_REPORTED

    def get_absolute_url(self) -> str:
        return reverse("incidents:category_detail", kwargs={"pk": self.pk})


class ImportBatch(BeatbookModel):
    """One CSV import: what was read, how it was mapped, and how it ended (all rows or none)."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Refused (nothing imported)")

    source = models.CharField(
        _("source"), max_length=80, help_text=_("Reference numbers are unique per source.")
    )
    filename = models.CharField(_("file"), max_length=255)
    preset = models.CharField(_("preset"), max_length=40, blank=True)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RUNNING)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_imported = models.PositiveIntegerField(_("rows imported"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("bad rows"), default=0)
    seconds = models.FloatField(_("seconds"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("imported by"),
    )

    objective_field = None

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")

    def __str__(self) -> str:
        return f"#{self.pk} {self.source} {self.filename}"

    def get_absolute_url(self) -> str:
        return reverse("incidents:importbatch_detail", kwargs={"pk": self.pk})


class Incident(BeatbookModel):
    """A reported crime: category, when (exact or a from/to window), where, premises, reference."""

    # No index of its own: the (category, occurred_from) index below serves lookups by category.
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="incidents",
        verbose_name=_("category"),
        db_index=False,
    )
    occurred_from = models.DateTimeField(_("occurred (from)"), db_index=True)
    occurred_to = models.DateTimeField(
        _("occurred (to)"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty when the time is exact; set it when only a window is known (e.g. a burglary)."
        ),
    )
    lat = models.FloatField(_("latitude (WGS84)"), null=True, blank=True)
    lon = models.FloatField(_("longitude (WGS84)"), null=True, blank=True)
    x = models.FloatField(_("easting / x"), null=True, blank=True)
    y = models.FloatField(_("northing / y"), null=True, blank=True)
    epsg = models.PositiveIntegerField(_("EPSG code of x/y"), default=HK1980_GRID)
    dcca = models.CharField(
        _("constituency area"),
        max_length=8,
        blank=True,
        db_index=True,
        help_text=_("2019 constituency code (E06...) when the location is in Yau Tsim Mong."),
    )
    premises = models.CharField(_("premises type"), max_length=80, blank=True)
    reference = models.CharField(_("reference number"), max_length=60, blank=True)
    source = models.CharField(_("source"), max_length=80, default="manual")
    description = models.TextField(_("description"), blank=True)
    batch = models.ForeignKey(
        ImportBatch,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="incidents",
        verbose_name=_("import batch"),
    )

    objective_field = "category__objective"

    class Meta:
        ordering = ["-occurred_from", "-pk"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "reference"],
                condition=~Q(reference=""),
                name="incident_reference_unique_per_source",
            ),
        ]
        indexes = [models.Index(fields=["category", "occurred_from"])]

    def __str__(self) -> str:
        ref = self.reference or f"#{self.pk}"
        return f"{ref} {timezone.localtime(self.occurred_from):%Y-%m-%d %H:%M}"

    def clean(self):
        errors = {}
        if self.occurred_from and self.occurred_to and self.occurred_to < self.occurred_from:
            errors["occurred_to"] = _("The window must end at or after its start.")
        if (self.lat is None) != (self.lon is None):
            errors["lon"] = _("Give both latitude and longitude, or neither.")
        if self.lat is not None and not -90 <= self.lat <= 90:
            errors["lat"] = _("Latitude must be between -90 and 90.")
        if self.lon is not None and not -180 <= self.lon <= 180:
            errors["lon"] = _("Longitude must be between -180 and 180.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # Keep the projected coordinates in step with lat/lon entered by hand (HK1980 Grid by default).
        if self.lat is not None and self.lon is not None and (self.x is None or self.y is None):
            from .importer import project_points

            xs, ys, codes = project_points([self.lon], [self.lat], self.epsg)
            self.x, self.y = float(xs[0]), float(ys[0])
            self.dcca = self.dcca or codes[0]
        super().save(*args, **kwargs)

    @property
    def is_window(self) -> bool:
        return self.occurred_to is not None and self.occurred_to != self.occurred_from
