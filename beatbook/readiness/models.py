"""Readiness: contingency plans tied to HKO warning triggers, activations with checklists, after-action
records, notifications, the major incident log, and exercises whose findings are tracked to closure."""

from __future__ import annotations

import fnmatch
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from beatbook.core.models import BeatbookModel, BilingualMixin

TRIGGER_RE = re.compile(r"^[A-Z0-9*?]{1,20}$")


def split_list(value: str) -> list[str]:
    return [item.strip() for item in (value or "").replace(";", ",").split(",") if item.strip()]


def validate_triggers(value: str) -> None:
    """Comma-separated HKO codes or manual announcement codes; ``*`` and ``?`` are wildcards (``TC8*``)."""
    items = split_list(value)
    if not items:
        raise ValidationError(_("Give at least one trigger code, e.g. TC8* or WRAINB."))
    for item in items:
        if not TRIGGER_RE.match(item.upper()):
            raise ValidationError(
                _("'%(item)s' is not a warning code pattern (letters, digits, * and ?)."),
                params={"item": item[:30]},
            )


def validate_roles(value: str) -> None:
    from beatbook.accounts.roles import ROLES

    for item in split_list(value):
        if item not in ROLES:
            raise ValidationError(
                _("'%(item)s' is not a role (%(roles)s)."),
                params={"item": item[:30], "roles": ", ".join(ROLES)},
            )


class ContingencyPlan(BilingualMixin, BeatbookModel):
    """What the district does when a trigger (an HKO warning or a manual announcement) is in force."""

    objective = models.ForeignKey(
        "plan.Objective",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contingency_plans",
        verbose_name=_("objective"),
    )
    code = models.SlugField(_("plan code"), max_length=40, unique=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    triggers = models.CharField(
        _("triggers"),
        max_length=200,
        validators=[validate_triggers],
        help_text=_(
            "HKO warning codes or announcement codes, comma-separated; * is a "
            "wildcard (TC8* = any No. 8 signal)."
        ),
    )
    notify_roles = models.CharField(
        _("roles to notify"),
        max_length=200,
        blank=True,
        validators=[validate_roles],
        help_text=_("Comma-separated role names, e.g. commander, officer."),
    )
    enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("contingency plan")
        verbose_name_plural = _("contingency plans")

    def __str__(self) -> str:
        return f"{self.code} {self.tr('title')}"

    def get_absolute_url(self) -> str:
        return reverse("readiness:contingencyplan_detail", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        self.triggers = ",".join(t.upper() for t in split_list(self.triggers))
        super().save(*args, **kwargs)

    @property
    def trigger_list(self) -> list[str]:
        return split_list(self.triggers)

    @property
    def role_list(self) -> list[str]:
        return split_list(self.notify_roles)

    def matches(self, code: str) -> bool:
        """True when the warning/announcement ``code`` is one of this plan's triggers (wildcards allowed)."""
        return any(fnmatch.fnmatchcase(code.upper(), pattern) for pattern in self.trigger_list)


class ChecklistItem(BeatbookModel):
    plan = models.ForeignKey(
        ContingencyPlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    text = models.CharField(_("task"), max_length=300)
    role = models.CharField(_("responsible role"), max_length=40, blank=True, validators=[validate_roles])

    objective_field = "plan__objective"

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return f"{self.plan.code} #{self.order} {self.text}"

    def get_absolute_url(self) -> str:
        return self.plan.get_absolute_url()


class WarningState(BeatbookModel):
    """A warning or announcement that is, or was, in force (HKO feed/file or entered by hand)."""

    class Source(models.TextChoices):
        HKO = "hko", _("Hong Kong Observatory")
        MANUAL = "manual", _("Announcement entered by hand")

    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.HKO)
    warning_type = models.CharField(_("warning type"), max_length=20, db_index=True)
    code = models.CharField(_("code"), max_length=20, db_index=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=300, blank=True)
    action_code = models.CharField(_("last action"), max_length=10, blank=True)
    issue_time = models.DateTimeField(_("issued"), null=True, blank=True)
    update_time = models.DateTimeField(_("updated (HKO)"), null=True, blank=True)
    expire_time = models.DateTimeField(_("expires"), null=True, blank=True)
    active = models.BooleanField(_("in force"), default=True, db_index=True)
    started_at = models.DateTimeField(_("in force here from"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objective_field = None

    class Meta:
        ordering = ["-active", "-started_at", "-pk"]
        verbose_name = _("warning or announcement")
        verbose_name_plural = _("warnings and announcements")

    def __str__(self) -> str:
        name = self.name_en or self.name_zh
        return f"{self.code} {name}".strip()

    def get_absolute_url(self) -> str:
        return reverse("readiness:warningstate_detail", kwargs={"pk": self.pk})


class Activation(BeatbookModel):
    """A contingency plan put into effect by a trigger, until it is stood down."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        STOOD_DOWN = "stood_down", _("Stood down")

    plan = models.ForeignKey(
        ContingencyPlan, on_delete=models.PROTECT, related_name="activations", verbose_name=_("plan")
    )
    warning = models.ForeignKey(
        WarningState,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activations",
        verbose_name=_("trigger"),
    )
    trigger_code = models.CharField(_("trigger code"), max_length=20)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    activated_at = models.DateTimeField(_("activated"), auto_now_add=True)
    stood_down_at = models.DateTimeField(_("stood down"), null=True, blank=True)
    log = models.TextField(_("log"), blank=True)

    objective_field = "plan__objective"

    class Meta:
        ordering = ["-activated_at", "-pk"]
        verbose_name = _("plan activation")
        verbose_name_plural = _("plan activations")

    def __str__(self) -> str:
        return f"{self.plan.code} ← {self.trigger_code} ({self.activated_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("readiness:activation_detail", kwargs={"pk": self.pk})

    @property
    def progress(self) -> tuple[int, int]:
        tasks = list(self.tasks.values_list("done", flat=True))
        return sum(tasks), len(tasks)

    @property
    def checklist_complete(self) -> bool:
        done, total = self.progress
        return total > 0 and done == total


class ChecklistTask(BeatbookModel):
    """One checklist item of an activation, tracked to completion."""

    activation = models.ForeignKey(
        Activation, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("activation")
    )
    item = models.ForeignKey(
        ChecklistItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    text = models.CharField(_("task"), max_length=300)
    role = models.CharField(_("responsible role"), max_length=40, blank=True)
    done = models.BooleanField(_("done"), default=False, db_index=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("done by"),
    )

    objective_field = "activation__plan__objective"

    class Meta:
        ordering = ["activation", "order", "pk"]
        verbose_name = _("checklist task")
        verbose_name_plural = _("checklist tasks")

    def __str__(self) -> str:
        return f"{self.activation.plan.code}: {self.text}"

    def get_absolute_url(self) -> str:
        return self.activation.get_absolute_url()


class AfterActionRecord(BeatbookModel):
    """Opened when an activation is stood down: what happened, what to improve."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    activation = models.OneToOneField(
        Activation, on_delete=models.CASCADE, related_name="after_action", verbose_name=_("activation")
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    summary = models.TextField(_("summary"), blank=True)
    lessons = models.TextField(_("lessons and improvements"), blank=True)

    objective_field = "activation__plan__objective"

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("after-action record")
        verbose_name_plural = _("after-action records")

    def __str__(self) -> str:
        return f"AAR {self.activation}"

    def get_absolute_url(self) -> str:
        return reverse("readiness:afteractionrecord_detail", kwargs={"pk": self.pk})


class Notification(models.Model):
    """An in-app notice to one user (plan activated / stood down); users see only their own."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="readiness_notices"
    )
    activation = models.ForeignKey(
        Activation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    message = models.CharField(_("message"), max_length=300)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.message


class MajorIncident(BeatbookModel):
    """The major incident log: from first report, through scene handover and reopening, to normal."""

    class Phase(models.TextChoices):
        RESPONSE = "response", _("Response")
        RECOVERY = "recovery", _("Recovery")
        NORMAL = "normal", _("Back to normal")

    objective = models.ForeignKey(
        "plan.Objective",
        on_delete=models.PROTECT,
        related_name="major_incidents",
        verbose_name=_("objective"),
    )
    title = models.CharField(_("title"), max_length=200)
    occurred_at = models.DateTimeField(_("occurred"), db_index=True)
    location = models.CharField(_("location"), max_length=200)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    agencies = models.CharField(
        _("agencies involved"),
        max_length=300,
        blank=True,
        help_text=_("Comma-separated, e.g. FSD, HA, HyD, SWD."),
    )
    evacuated = models.PositiveIntegerField(_("people evacuated"), default=0)
    injured = models.PositiveIntegerField(_("injured"), default=0)
    killed = models.PositiveIntegerField(_("killed"), default=0)
    phase = models.CharField(
        _("phase"), max_length=10, choices=Phase.choices, default=Phase.RESPONSE, db_index=True
    )
    scene_handed_over_at = models.DateTimeField(_("scene handed over"), null=True, blank=True)
    scene_handed_over_to = models.CharField(_("scene handed over to"), max_length=120, blank=True)
    reopened_at = models.DateTimeField(_("area reopened"), null=True, blank=True)
    normal_at = models.DateTimeField(_("back to normal"), null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name = _("major incident")
        verbose_name_plural = _("major incidents")

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("readiness:majorincident_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        for name in ("scene_handed_over_at", "reopened_at", "normal_at"):
            value = getattr(self, name)
            if value and self.occurred_at and value < self.occurred_at:
                errors[name] = _("This cannot be before the incident occurred.")
        if self.reopened_at and self.scene_handed_over_at and self.reopened_at < self.scene_handed_over_at:
            errors["reopened_at"] = _("The area cannot reopen before the scene is handed over.")
        if self.phase == self.Phase.NORMAL and not self.normal_at:
            errors["normal_at"] = _("Give the time things were back to normal.")
        if self.phase == self.Phase.RECOVERY and not self.scene_handed_over_at:
            errors["scene_handed_over_at"] = _("The recovery phase starts with the scene handover.")
        if errors:
            raise ValidationError(errors)

    @property
    def hours_to_reopen(self) -> float | None:
        if not self.reopened_at:
            return None
        return round((self.reopened_at - self.occurred_at).total_seconds() / 3600, 1)


class IncidentEntry(BeatbookModel):
    """A line of an incident's timeline, or a task tracked to completion."""

    class Kind(models.TextChoices):
        TIMELINE = "timeline", _("Timeline entry")
        TASK = "task", _("Task")

    incident = models.ForeignKey(
        MajorIncident, on_delete=models.CASCADE, related_name="entries", verbose_name=_("incident")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TIMELINE)
    at = models.DateTimeField(_("time"))
    text = models.CharField(_("entry"), max_length=500)
    agency = models.CharField(_("agency"), max_length=80, blank=True)
    assigned_to = models.CharField(_("assigned to"), max_length=120, blank=True)
    done = models.BooleanField(_("done"), default=False)

    objective_field = "incident__objective"

    class Meta:
        ordering = ["incident", "at", "pk"]
        verbose_name = _("incident log entry")
        verbose_name_plural = _("incident log entries")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("readiness:incidententry_detail", kwargs={"pk": self.pk})


class Exercise(BeatbookModel):
    class Kind(models.TextChoices):
        COUNTER_TERRORISM = "counter_terrorism", _("Counter-terrorism")
        MAJOR_INCIDENT = "major_incident", _("Major incident")
        PUBLIC_ORDER = "public_order", _("Public order")
        EXTREME_WEATHER = "extreme_weather", _("Extreme weather")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    objective = models.ForeignKey(
        "plan.Objective", on_delete=models.PROTECT, related_name="exercises", verbose_name=_("objective")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    planned_date = models.DateField(_("planned date"))
    held_date = models.DateField(_("date held"), null=True, blank=True, db_index=True)
    agencies = models.CharField(_("agencies taking part"), max_length=300, blank=True)
    objectives_tested = models.TextField(_("objectives tested"), blank=True)
    aar_date = models.DateField(_("after-action review date"), null=True, blank=True)
    aar_summary = models.TextField(_("after-action review"), blank=True)

    class Meta:
        ordering = ["-planned_date"]
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")

    def __str__(self) -> str:
        return f"{self.planned_date} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("readiness:exercise_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.status == self.Status.HELD and not self.held_date:
            errors["held_date"] = _("Give the date the exercise was held.")
        if self.aar_date and self.held_date and self.aar_date < self.held_date:
            errors["aar_date"] = _("The review cannot be before the exercise.")
        if errors:
            raise ValidationError(errors)


class Finding(BeatbookModel):
    """An after-action finding turned into an improvement action, tracked to closure."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    exercise = models.ForeignKey(
        Exercise, on_delete=models.CASCADE, related_name="findings", verbose_name=_("exercise")
    )
    finding = models.TextField(_("finding"))
    action = models.TextField(_("improvement action"))
    owner = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due_date = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    closed_date = models.DateField(_("closed"), null=True, blank=True)
    closure_note = models.TextField(_("how it was closed"), blank=True)

    objective_field = "exercise__objective"
    unit_scope_field = None

    class Meta:
        ordering = ["status", "due_date", "pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return f"{self.exercise.title}: {self.finding[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("readiness:finding_detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.status == self.Status.CLOSED and not self.closed_date:
            raise ValidationError({"closed_date": _("Give the date the action was closed.")})
