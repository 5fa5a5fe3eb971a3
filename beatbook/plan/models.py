"""The action plan as data: Plan -> Area -> Objective, indicators, owners, activities and journal.

Areas and objectives are keyed by their stable plan IDs (``AP-FRAUD-1``): loading a later plan that
keeps an ID updates that objective in place, so its activities and indicator history stay attached.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from beatbook.core.models import BeatbookModel, BilingualMixin


class Plan(BilingualMixin, BeatbookModel):
    slug = models.SlugField(_("plan id"), max_length=64, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    district_zh = models.CharField(_("district (Chinese)"), max_length=200, blank=True)
    district_en = models.CharField(_("district (English)"), max_length=200, blank=True)
    document = models.JSONField(
        _("source document"),
        default=dict,
        blank=True,
        help_text=_("The whole plan file as loaded (cover, motto, units, facts)."),
    )
    source_sha256 = models.CharField(max_length=64, blank=True)
    loaded_at = models.DateTimeField(null=True, blank=True)

    objective_field = None

    class Meta:
        ordering = ["-year", "slug"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return self.tr("title")

    def get_absolute_url(self) -> str:
        return reverse("plan:plan_detail", kwargs={"slug": self.slug})


class Area(BilingualMixin, BeatbookModel):
    class Kind(models.TextChoices):
        ACTION_PRIORITY = "action_priority", _("Priority action item")
        MANAGEMENT_PRIORITY = "management_priority", _("Priority management item")
        PROGRAMME = "programme", _("Community programme")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="areas", verbose_name=_("plan"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    code = models.CharField(_("area id"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, db_index=True)
    group_zh = models.CharField(_("group heading (Chinese)"), max_length=200, blank=True)
    group_en = models.CharField(_("group heading (English)"), max_length=200, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    facts = models.JSONField(_("facts"), default=list, blank=True)
    order = models.PositiveIntegerField(default=0)
    retired = models.BooleanField(_("no longer in the current plan"), default=False)

    objective_field = None

    class Meta:
        ordering = ["order"]
        verbose_name = _("plan area")
        verbose_name_plural = _("plan areas")

    def __str__(self) -> str:
        return f"{self.code} {self.tr('title')}"

    def get_absolute_url(self) -> str:
        return reverse("plan:area_detail", kwargs={"code": self.code})

    def fact(self, key: str):
        return next((f for f in self.facts if f.get("key") == key), None)


class Objective(BilingualMixin, BeatbookModel):
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("area")
    )
    code = models.CharField(_("objective id"), max_length=40, unique=True)
    text_zh = models.TextField(_("objective (Chinese)"))
    text_en = models.TextField(_("objective (English)"), blank=True)
    order = models.PositiveIntegerField(default=0)
    owners = models.ManyToManyField(
        "org.Unit", blank=True, related_name="objectives", verbose_name=_("owners")
    )
    retired = models.BooleanField(_("no longer in the current plan"), default=False)

    objective_field = None

    class Meta:
        ordering = ["area__order", "order"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        text = self.tr("text")
        return f"{self.code} {text[:60]}{'…' if len(text) > 60 else ''}"

    def get_absolute_url(self) -> str:
        return reverse("plan:objective_detail", kwargs={"code": self.code})


class Indicator(BilingualMixin, BeatbookModel):
    class Direction(models.TextChoices):
        UP = "up", _("Higher is better")
        DOWN = "down", _("Lower is better")

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("indicator id"), max_length=60, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    unit_zh = models.CharField(_("unit (Chinese)"), max_length=40, blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=40, blank=True)
    direction = models.CharField(
        _("direction"), max_length=4, choices=Direction.choices, default=Direction.UP
    )
    baseline = models.FloatField(_("baseline"), null=True, blank=True)
    target = models.FloatField(_("target"), null=True, blank=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    computation = models.CharField(
        _("computation"),
        max_length=80,
        default="manual",
        help_text=_("'manual' or the name of a computation a domain app registers."),
    )
    computation_params = models.JSONField(_("computation parameters"), default=dict, blank=True)
    note_zh = models.TextField(_("note (Chinese)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.code} {self.tr('name')}"

    def clean(self):
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValidationError({"period_end": _("The period must end on or after its start.")})

    def get_absolute_url(self) -> str:
        return reverse("plan:indicator_detail", kwargs={"pk": self.pk})


class IndicatorReading(BeatbookModel):
    """A manually entered value (or a stored snapshot of a computed one) for an indicator."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="readings")
    date = models.DateField(_("as of"))
    value = models.FloatField(_("value"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    objective_field = "indicator__objective"

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("indicator reading")
        verbose_name_plural = _("indicator readings")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.date}: {self.value:g}"


class ActivityKind(models.TextChoices):
    TALK = "talk", _("Talk / seminar")
    OPERATION = "operation", _("Operation")
    PATROL = "patrol", _("Patrol")
    EXERCISE = "exercise", _("Exercise / drill")
    MEETING = "meeting", _("Liaison meeting")
    VISIT = "visit", _("Visit")
    TRAINING = "training", _("Training")
    ENFORCEMENT = "enforcement", _("Enforcement")
    PUBLICITY = "publicity", _("Publicity")
    OTHER = "other", _("Other")


OUTPUT_KEYS = {
    "talks": _("talks held"),
    "participants": _("participants reached"),
    "arrests": _("arrests"),
    "summonses": _("summonses"),
    "vehicles_checked": _("vehicles checked"),
    "materials": _("materials delivered"),
    "visits": _("visits made"),
    "patrol_hours": _("patrol hours"),
    "intelligence_reports": _("intelligence reports"),
}


def validate_outputs(value) -> None:
    if not isinstance(value, dict):
        raise ValidationError(_("Outputs must be a mapping of output name to a count."))
    for key, count in value.items():
        if key not in OUTPUT_KEYS:
            raise ValidationError(_("Unknown output '%(key)s'."), params={"key": key})
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise ValidationError(_("Output '%(key)s' must be a whole number ≥ 0."), params={"key": key})


class Activity(BeatbookModel):
    """What was done against an objective."""

    objective = models.ForeignKey(
        Objective, on_delete=models.PROTECT, related_name="activities", verbose_name=_("objective")
    )
    date = models.DateField(_("date"), db_index=True)
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="activities", verbose_name=_("unit")
    )
    kind = models.CharField(_("type"), max_length=16, choices=ActivityKind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    outputs = models.JSONField(_("outputs"), default=dict, blank=True, validators=[validate_outputs])
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    source = models.CharField(
        _("source record"),
        max_length=120,
        blank=True,
        help_text=_("The domain record this activity was generated from (e.g. hotspots.patrolplan:12)."),
    )

    unit_scope_field = "unit"

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return f"{self.date} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plan:activity_detail", kwargs={"pk": self.pk})


class JournalEntry(BeatbookModel):
    """A narrative progress note on an objective."""

    class Assessment(models.TextChoices):
        ON_TRACK = "on_track", _("On track")
        AT_RISK = "at_risk", _("At risk")
        OFF_TRACK = "off_track", _("Off track")

    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="journal")
    date = models.DateField(_("date"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessment = models.CharField(_("assessment"), max_length=16, choices=Assessment.choices, blank=True)
    text = models.TextField(_("progress note"))

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")

    def __str__(self) -> str:
        return f"{self.objective.code} {self.date}"

    def get_absolute_url(self) -> str:
        return reverse("plan:journalentry_detail", kwargs={"pk": self.pk})
