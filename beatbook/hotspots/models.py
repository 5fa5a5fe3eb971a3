"""Hotspot policing records: the study area, forecasts, patrol plans, planned visits and delivered visits.

Forecasts are about places only: a forecast stores grid cells, their risk and why they are hot, and
records its method, parameters and input period so anyone can see (and rerun) how it was made.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beatbook.core.models import BeatbookModel, BilingualMixin


class Status(models.TextChoices):
    PENDING = "pending", _("Being computed")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class AreaBoundary(BilingualMixin, BeatbookModel):
    """The study area: by default the union of constituency areas E06-E15 (Mong Kok), replaceable."""

    slug = models.SlugField(_("id"), max_length=60, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    geojson = models.JSONField(_("polygon (GeoJSON, WGS84)"))
    is_default = models.BooleanField(_("default area"), default=False)
    origin = models.CharField(_("origin"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    objective_field = None

    class Meta:
        ordering = ["-is_default", "slug"]
        verbose_name = _("area boundary")
        verbose_name_plural = _("area boundaries")

    def __str__(self) -> str:
        return f"{self.slug} {self.tr('name')}"

    def polygon(self):
        """The area as a shapely (Multi)Polygon in WGS84."""
        from beatbook.geo import read_polygon_geojson

        return read_polygon_geojson(self.geojson)

    def get_absolute_url(self) -> str:
        return reverse("hotspots:areaboundary_detail", kwargs={"pk": self.pk})


class Forecast(BeatbookModel):
    """A risk forecast over grid cells for one shift, from incidents strictly before its date."""

    key = models.CharField(_("idempotency key"), max_length=200, unique=True, editable=False)
    boundary = models.ForeignKey(
        AreaBoundary, on_delete=models.PROTECT, related_name="forecasts", verbose_name=_("area")
    )
    on_date = models.DateField(_("date"), db_index=True)
    shift = models.CharField(_("shift"), max_length=11, help_text=_("HH:MM-HH:MM, e.g. 07:00-15:00"))
    categories = models.JSONField(_("categories"), default=list)
    method = models.CharField(_("method"), max_length=16, default="auto")
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    cell_size = models.PositiveIntegerField(_("cell size (m)"), default=150)
    crs = models.CharField(_("coordinate system"), max_length=20, default="EPSG:2326")
    input_start = models.DateField(_("input from"), null=True, blank=True)
    input_end = models.DateField(_("input to"), null=True, blank=True)
    events_used = models.PositiveIntegerField(_("incidents used"), default=0)
    record = models.JSONField(_("forecast record"), default=dict, blank=True)
    top_cells = models.JSONField(_("top cells"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(_("error"), blank=True)
    objectives = models.ManyToManyField(
        "plan.Objective", blank=True, related_name="forecasts", verbose_name=_("plan objectives served")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    objective_field = "objectives"

    class Meta:
        ordering = ["-on_date", "-pk"]
        verbose_name = _("forecast")
        verbose_name_plural = _("forecasts")

    def __str__(self) -> str:
        cats = ",".join(self.categories) or "all"
        return f"Forecast {self.on_date} {self.shift} [{cats}] #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("hotspots:forecast_detail", kwargs={"pk": self.pk})


class PatrolPlan(BeatbookModel):
    """Hotspot patrols for one shift: which hotspots, and each patrol unit's randomised visit list."""

    key = models.CharField(_("idempotency key"), max_length=200, unique=True, editable=False)
    unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="patrol_plans",
        verbose_name=_("responsible unit"),
    )
    forecast = models.ForeignKey(
        Forecast,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="patrol_plans",
        verbose_name=_("forecast"),
    )
    boundary = models.ForeignKey(
        AreaBoundary, on_delete=models.PROTECT, related_name="patrol_plans", verbose_name=_("area")
    )
    on_date = models.DateField(_("date"), db_index=True)
    shift = models.CharField(_("shift"), max_length=11)
    shift_start = models.DateTimeField(_("shift start"), null=True, blank=True)
    shift_end = models.DateTimeField(_("shift end"), null=True, blank=True)
    categories = models.JSONField(_("categories"), default=list)
    units = models.PositiveSmallIntegerField(_("patrol units"), default=4)
    hotspots_wanted = models.PositiveSmallIntegerField(_("hotspots"), default=8)
    cell_size = models.PositiveIntegerField(_("cell size (m)"), default=150)
    method = models.CharField(_("method"), max_length=16, default="auto")
    seed = models.PositiveIntegerField(_("random seed"), default=0)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(_("error"), blank=True)
    objectives = models.ManyToManyField(
        "plan.Objective", blank=True, related_name="patrol_plans", verbose_name=_("plan objectives served")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    unit_scope_field = "unit"
    objective_field = "objectives"

    class Meta:
        ordering = ["-on_date", "-shift", "-pk"]
        verbose_name = _("patrol plan")
        verbose_name_plural = _("patrol plans")

    def __str__(self) -> str:
        return f"Patrol plan {self.on_date} {self.shift} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("hotspots:patrolplan_detail", kwargs={"pk": self.pk})


class PatrolHotspot(BeatbookModel):
    plan = models.ForeignKey(PatrolPlan, on_delete=models.CASCADE, related_name="hotspots")
    code = models.CharField(_("hotspot"), max_length=8)
    rank = models.PositiveSmallIntegerField(_("rank"), default=1)
    cells = models.JSONField(_("grid cells"), default=list)
    x = models.FloatField(_("centroid easting (HK1980)"))
    y = models.FloatField(_("centroid northing (HK1980)"))
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    risk = models.FloatField(_("risk"))
    geometry = models.JSONField(_("cells (GeoJSON, WGS84)"), default=dict, blank=True)
    bounds = models.JSONField(_("cell squares (HK1980)"), default=list, blank=True)
    label = models.CharField(_("nearest landmark"), max_length=200, blank=True)

    unit_scope_field = "plan__unit"
    objective_field = None

    class Meta:
        ordering = ["plan", "rank"]
        verbose_name = _("patrol hotspot")
        verbose_name_plural = _("patrol hotspots")

    def __str__(self) -> str:
        return f"{self.code} ({self.plan.on_date} {self.plan.shift})"


class PatrolVisit(BeatbookModel):
    """One planned visit of a patrol unit (U1, U2 ...) to a hotspot."""

    plan = models.ForeignKey(PatrolPlan, on_delete=models.CASCADE, related_name="visits")
    hotspot = models.ForeignKey(PatrolHotspot, on_delete=models.CASCADE, related_name="visits")
    patrol_unit = models.CharField(_("patrol unit"), max_length=8)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    planned_start = models.DateTimeField(_("planned start"))
    planned_end = models.DateTimeField(_("planned end"))

    unit_scope_field = "plan__unit"
    objective_field = None

    class Meta:
        ordering = ["plan", "patrol_unit", "planned_start"]
        verbose_name = _("patrol visit")
        verbose_name_plural = _("patrol visits")

    def __str__(self) -> str:
        return f"{self.patrol_unit} → {self.hotspot.code} {timezone.localtime(self.planned_start):%Y-%m-%d %H:%M} #{self.pk}"

    @property
    def planned_minutes(self) -> float:
        return (self.planned_end - self.planned_start).total_seconds() / 60

    def get_absolute_url(self) -> str:
        return reverse("hotspots:patrolplan_detail", kwargs={"pk": self.plan_id})


class VisitRecord(BeatbookModel):
    """What happened: an officer's arrival at and departure from a planned visit's hotspot."""

    visit = models.ForeignKey(
        PatrolVisit, on_delete=models.CASCADE, related_name="records", verbose_name=_("visit")
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("officer"),
    )
    arrived_at = models.DateTimeField(_("arrived"))
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    unit_scope_field = "visit__plan__unit"
    objective_field = None

    class Meta:
        ordering = ["-arrived_at", "-pk"]
        verbose_name = _("visit record")
        verbose_name_plural = _("visit records")

    def __str__(self) -> str:
        return f"{self.visit.patrol_unit} {self.visit.hotspot.code} {timezone.localtime(self.arrived_at):%Y-%m-%d %H:%M} #{self.pk}"

    def clean(self):
        if self.arrived_at and self.left_at and self.left_at < self.arrived_at:
            raise ValidationError({"left_at": _("Leaving must come after arriving.")})

    @property
    def minutes(self) -> float:
        if not self.left_at:
            return 0.0
        return max((self.left_at - self.arrived_at).total_seconds() / 60, 0.0)

    def get_absolute_url(self) -> str:
        return reverse("hotspots:visitrecord_detail", kwargs={"pk": self.pk})
