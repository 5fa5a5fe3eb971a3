"""Road-accident records (Transport Department) and the district's traffic enforcement operations.

Accidents are keyed by the TD's (year, serial) and casualties/vehicles by (year, serial, seq), where
``seq`` is the record's order within its accident in the TD file: importing the same files again updates
rows in place instead of adding duplicates.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from beatbook.core.models import BeatbookModel

#: Stored with every imported record and shown on every page that displays them.
TD_CREDIT = (
    "Road traffic accident records: Transport Department, HKSAR (obtained through access-to-information "
    "requests), published by the Hong-Kong-Districts-Info/hkdatasets project."
)


class Severity(models.TextChoices):
    FATAL = "Fatal", _("Fatal")
    SERIOUS = "Serious", _("Serious")
    SLIGHT = "Slight", _("Slight")


class InjuryDegree(models.TextChoices):
    KILLED = "Killed", _("Killed")
    SERIOUS = "Seriously Injured", _("Seriously injured")
    SLIGHT = "Slightly Injured", _("Slightly injured")


class Role(models.TextChoices):
    DRIVER = "Driver", _("Driver")
    PASSENGER = "Passenger", _("Passenger")
    PEDESTRIAN = "Pedestrian", _("Pedestrian")


class Accident(BeatbookModel):
    """One TD accident record."""

    year = models.PositiveSmallIntegerField(_("year"))
    serial = models.PositiveIntegerField(_("serial number"))
    occurred_at = models.DateTimeField(_("date and time"), db_index=True)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices, db_index=True)
    district = models.CharField(_("TD district"), max_length=8, blank=True)
    dcca = models.CharField(
        _("constituency area (2019)"),
        max_length=4,
        blank=True,
        db_index=True,
        help_text=_("The 2019 constituency area the accident lies in (Yau Tsim Mong only)."),
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    grid_e = models.FloatField(_("HK1980 easting"), null=True, blank=True)
    grid_n = models.FloatField(_("HK1980 northing"), null=True, blank=True)
    street_name = models.CharField(_("street"), max_length=120, blank=True, db_index=True)
    precise_location = models.CharField(_("precise location"), max_length=300, blank=True)
    collision_type = models.CharField(_("type of collision"), max_length=120, blank=True)
    collision_type_cycle = models.CharField(_("type of collision (cycle)"), max_length=120, blank=True)
    cycle_type = models.CharField(_("cycle type"), max_length=120, blank=True)
    vehicle_movements = models.CharField(_("vehicle movements"), max_length=120, blank=True)
    n_vehicles = models.PositiveIntegerField(_("vehicles involved"), null=True, blank=True)
    n_casualties = models.PositiveIntegerField(_("casualties"), null=True, blank=True)
    weather = models.CharField(_("weather"), max_length=80, blank=True)
    rain = models.CharField(_("rain"), max_length=80, blank=True)
    natural_light = models.CharField(_("natural light"), max_length=80, blank=True)
    at_junction = models.BooleanField(_("at a junction"), null=True, blank=True)
    junction_type = models.CharField(_("junction type"), max_length=120, blank=True)
    junction_control = models.CharField(_("junction control"), max_length=120, blank=True)
    within_70m = models.BooleanField(_("within 70 m of a crossing"), null=True, blank=True)
    crossing_control = models.CharField(_("crossing control"), max_length=120, blank=True)
    crossing_type = models.CharField(_("crossing type"), max_length=120, blank=True)
    road_type = models.CharField(_("road type"), max_length=120, blank=True)
    structure_type = models.CharField(_("structure type"), max_length=120, blank=True)
    road_hierarchy = models.CharField(_("road hierarchy"), max_length=120, blank=True)
    road_ownership = models.CharField(_("road ownership"), max_length=120, blank=True)
    hit_and_run = models.BooleanField(_("hit and run"), null=True, blank=True)
    credit = models.CharField(_("source"), max_length=300, default=TD_CREDIT)

    objective_field = None

    class Meta:
        ordering = ["-occurred_at", "-serial"]
        verbose_name = _("road accident")
        verbose_name_plural = _("road accidents")
        constraints = [models.UniqueConstraint(fields=["year", "serial"], name="roads_accident_key")]

    def __str__(self) -> str:
        return f"{self.year}-{self.serial} {self.get_severity_display()} {self.street_name}".strip()

    @property
    def key(self) -> str:
        return f"{self.year}-{self.serial}"


class Casualty(BeatbookModel):
    """One person killed or injured in an accident."""

    accident = models.ForeignKey(
        Accident, on_delete=models.CASCADE, related_name="casualties", verbose_name=_("accident")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    serial = models.PositiveIntegerField(_("serial number"))
    seq = models.PositiveSmallIntegerField(_("order in the accident"))
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=8, blank=True)
    degree_of_injury = models.CharField(
        _("degree of injury"), max_length=20, choices=InjuryDegree.choices, db_index=True
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, db_index=True)
    vehicle_class = models.CharField(_("vehicle class"), max_length=80, blank=True)
    pedestrian_action = models.CharField(_("pedestrian action"), max_length=120, blank=True)
    pedestrian_location = models.CharField(_("pedestrian location"), max_length=120, blank=True)
    pedestrian_circumstances = models.CharField(_("pedestrian circumstances"), max_length=120, blank=True)
    cycle_type = models.CharField(_("cycle type"), max_length=120, blank=True)
    injury_head = models.BooleanField(_("head injury"), null=True, blank=True)
    injury_upper_trunk = models.BooleanField(_("upper trunk injury"), null=True, blank=True)
    injury_lower_trunk = models.BooleanField(_("lower trunk injury"), null=True, blank=True)
    injury_arms = models.BooleanField(_("arm injury"), null=True, blank=True)
    injury_legs = models.BooleanField(_("leg injury"), null=True, blank=True)
    grid_e = models.FloatField(_("HK1980 easting"), null=True, blank=True)
    grid_n = models.FloatField(_("HK1980 northing"), null=True, blank=True)
    credit = models.CharField(_("source"), max_length=300, default=TD_CREDIT)

    objective_field = None

    class Meta:
        ordering = ["-year", "-serial", "seq"]
        verbose_name = _("casualty")
        verbose_name_plural = _("casualties")
        constraints = [models.UniqueConstraint(fields=["year", "serial", "seq"], name="roads_casualty_key")]

    def __str__(self) -> str:
        return f"{self.year}-{self.serial}/{self.seq} {self.get_role_display()} {self.get_degree_of_injury_display()}"

    @property
    def is_ksi(self) -> bool:
        return self.degree_of_injury in (InjuryDegree.KILLED, InjuryDegree.SERIOUS)


class Vehicle(BeatbookModel):
    """One vehicle involved in an accident."""

    accident = models.ForeignKey(
        Accident, on_delete=models.CASCADE, related_name="vehicles", verbose_name=_("accident")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    serial = models.PositiveIntegerField(_("serial number"))
    seq = models.PositiveSmallIntegerField(_("order in the accident"))
    vehicle_class = models.CharField(_("vehicle class"), max_length=80, blank=True, db_index=True)
    collision_with = models.CharField(_("collided with"), max_length=120, blank=True)
    first_point = models.CharField(_("first point of impact"), max_length=120, blank=True)
    manoeuvre = models.CharField(_("manoeuvre"), max_length=120, blank=True)
    accident_severity = models.CharField(
        _("accident severity"), max_length=8, choices=Severity.choices, blank=True
    )
    driver_age = models.PositiveSmallIntegerField(_("driver age"), null=True, blank=True)
    driver_sex = models.CharField(_("driver sex"), max_length=8, blank=True)
    year_of_manufacture = models.PositiveSmallIntegerField(_("year of manufacture"), null=True, blank=True)
    cycle_type = models.CharField(_("cycle type"), max_length=120, blank=True)
    grid_e = models.FloatField(_("HK1980 easting"), null=True, blank=True)
    grid_n = models.FloatField(_("HK1980 northing"), null=True, blank=True)
    credit = models.CharField(_("source"), max_length=300, default=TD_CREDIT)

    objective_field = None

    class Meta:
        ordering = ["-year", "-serial", "seq"]
        verbose_name = _("vehicle involved")
        verbose_name_plural = _("vehicles involved")
        constraints = [models.UniqueConstraint(fields=["year", "serial", "seq"], name="roads_vehicle_key")]

    def __str__(self) -> str:
        return f"{self.year}-{self.serial}/{self.seq} {self.vehicle_class}"


class EnforcementKind(models.TextChoices):
    DRINK_DRIVING = "drink_driving", _("Drink driving")
    DRUG_DRIVING = "drug_driving", _("Drug driving")
    SPEEDING = "speeding", _("Speeding")
    ILLEGAL_RACING = "illegal_racing", _("Illegal racing")
    # The plan file calls the Selected Traffic Enforcement Priorities "stem".
    STEM = "stem", _("Selected traffic enforcement priorities (重點交通執法項目)")


class EnforcementOperation(BeatbookModel):
    """A planned or completed traffic enforcement operation, placed next to the black site it targets."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    objective = models.ForeignKey(
        "plan.Objective",
        on_delete=models.PROTECT,
        related_name="enforcement_operations",
        verbose_name=_("objective"),
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="enforcement_operations", verbose_name=_("unit")
    )
    kind = models.CharField(_("type"), max_length=20, choices=EnforcementKind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    planned_date = models.DateField(_("planned date"))
    done_date = models.DateField(_("date done"), null=True, blank=True, db_index=True)
    location_name = models.CharField(_("location"), max_length=200, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    target_street = models.CharField(_("black site targeted (street)"), max_length=120, blank=True)
    vehicles_checked = models.PositiveIntegerField(_("vehicles checked"), default=0)
    summonses = models.PositiveIntegerField(_("summonses"), default=0)
    arrests = models.PositiveIntegerField(_("arrests"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    activity = models.OneToOneField(
        "plan.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enforcement_operation",
        verbose_name=_("plan activity"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    unit_scope_field = "unit"

    class Meta:
        ordering = ["-planned_date", "-pk"]
        verbose_name = _("enforcement operation")
        verbose_name_plural = _("enforcement operations")

    def __str__(self) -> str:
        return f"{self.planned_date} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("roads:enforcementoperation_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.objective_id and not self.objective.code.startswith("AP-SAFETY-ROAD"):
            errors["objective"] = _(
                "Enforcement operations serve a road-safety objective (AP-SAFETY-ROAD-…)."
            )
        if self.status == self.Status.DONE and not self.done_date:
            errors["done_date"] = _("Give the date the operation was done.")
        if (self.lat is None) != (self.lon is None):
            errors["lat"] = _("Give both latitude and longitude, or neither.")
        if self.lat is not None and not (22.1 <= self.lat <= 22.6 and 113.75 <= (self.lon or 0) <= 114.55):
            errors["lat"] = _("The location must be in Hong Kong.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.sync_activity()

    def delete(self, *args, **kwargs):
        # The plan activity stands for this operation: it goes with it (else it would still count).
        activity_id = self.activity_id
        result = super().delete(*args, **kwargs)
        if activity_id:
            from beatbook.plan.models import Activity

            Activity.objects.filter(pk=activity_id).delete()
        return result

    def sync_activity(self) -> None:
        """A done operation is a plan activity (type enforcement) with its outputs; keep the two in step."""
        from beatbook.plan.models import Activity, ActivityKind

        if self.status != self.Status.DONE:
            if self.activity_id:
                Activity.objects.filter(pk=self.activity_id).delete()
                type(self).objects.filter(pk=self.pk).update(activity=None)
                self.activity = None
            return
        values = {
            "objective_id": self.objective_id,
            "date": self.done_date,
            "unit_id": self.unit_id,
            "kind": ActivityKind.ENFORCEMENT,
            "title": self.title[:200],
            "outputs": self.outputs,
            "handling_code": self.handling_code,
            "is_synthetic": self.is_synthetic,
            "notes": f"{self.get_kind_display()} · {self.location_name}".strip(" ·"),
            "source": f"roads.enforcementoperation:{self.pk}",
            "recorded_by_id": self.recorded_by_id,
        }
        activity = self.activity
        if activity is None:
            activity = Activity.objects.create(**values)
            type(self).objects.filter(pk=self.pk).update(activity=activity)
            self.activity = activity
        else:
            changed = False
            for name, value in values.items():
                if getattr(activity, name) != value:
                    setattr(activity, name, value)
                    changed = True
            if changed:
                activity.save()

    @property
    def outputs(self) -> dict[str, int]:
        return {
            "vehicles_checked": self.vehicles_checked,
            "summonses": self.summonses,
            "arrests": self.arrests,
        }

    @property
    def enforcement_total(self) -> int:
        """Summonses plus arrests: the cases an operation produced (the plan's enforcement output)."""
        return self.summonses + self.arrests
