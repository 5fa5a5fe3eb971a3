"""District development projects: milestones (planned vs actual), risks and stakeholder engagement."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beatbook.core.models import BeatbookModel, BilingualMixin

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


class Project(BilingualMixin, BeatbookModel):
    """A project the plan carries (e.g. a new regional headquarters or divisional police station)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        IN_PROGRESS = "in_progress", _("In progress")
        ON_HOLD = "on_hold", _("On hold")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    objective = models.ForeignKey(
        "plan.Objective", on_delete=models.PROTECT, related_name="projects", verbose_name=_("objective")
    )
    sponsor = models.CharField(_("sponsor"), max_length=200)
    lead_unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("lead unit"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    summary = models.TextField(_("summary"), max_length=5000, blank=True)
    starts_on = models.DateField(_("start"))
    target_completion_on = models.DateField(_("target completion"))

    unit_scope_field = "lead_unit"

    class Meta:
        ordering = ["target_completion_on", "name_zh"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.tr("name")

    def clean(self) -> None:
        if self.starts_on and self.target_completion_on and self.target_completion_on < self.starts_on:
            raise ValidationError(
                {"target_completion_on": _("The target completion cannot be before the start.")}
            )


class Milestone(BeatbookModel):
    """A dated step of a project: planned date and, once reached, the actual date."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    planned_on = models.DateField(_("planned date"))
    actual_on = models.DateField(_("actual date"), null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=5000, blank=True)

    objective_field = "project__objective"
    unit_scope_field = "project__lead_unit"

    class Meta:
        ordering = ["project", "planned_on"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return f"{self.project} · {self.title}"

    def clean(self) -> None:
        if self.actual_on and self.actual_on > timezone.localdate():
            raise ValidationError({"actual_on": _("A milestone cannot be reached in the future.")})

    @property
    def state(self) -> str:
        """done / late (reached after the planned date) / overdue / upcoming."""
        if self.actual_on:
            return "late" if self.actual_on > self.planned_on else "done"
        return "overdue" if self.planned_on < timezone.localdate() else "upcoming"

    @property
    def slip_days(self) -> int | None:
        """Days between planned and actual (or today, when overdue); None when upcoming."""
        if self.actual_on:
            return (self.actual_on - self.planned_on).days
        today = timezone.localdate()
        return (today - self.planned_on).days if self.planned_on < today else None


class Risk(BeatbookModel):
    """A project risk scored likelihood x impact, with an owner and a mitigation."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="risks", verbose_name=_("project")
    )
    title = models.CharField(_("risk"), max_length=200)
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1-5)"), validators=ONE_TO_FIVE)
    impact = models.PositiveSmallIntegerField(_("impact (1-5)"), validators=ONE_TO_FIVE)
    owner = models.CharField(_("owner"), max_length=120)
    mitigation = models.TextField(_("mitigation"), max_length=5000, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)

    objective_field = "project__objective"
    unit_scope_field = "project__lead_unit"

    class Meta:
        ordering = ["project", "status", "-likelihood", "-impact"]
        verbose_name = _("project risk")
        verbose_name_plural = _("project risks")

    def __str__(self) -> str:
        return f"{self.project} · {self.title}"

    @property
    def score(self) -> int:
        return (self.likelihood or 0) * (self.impact or 0)

    @property
    def band(self) -> str:
        score = self.score
        return "high" if score >= 15 else "medium" if score >= 8 else "low"


class EngagementKind(models.TextChoices):
    MEETING = "meeting", _("Coordination meeting")
    CONSULTATION = "consultation", _("Consultation")
    SITE_VISIT = "site_visit", _("Site visit")
    BRIEFING = "briefing", _("Briefing")


class Engagement(BeatbookModel):
    """A meeting or consultation with stakeholders; may link to the partners app's outreach record."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="engagements", verbose_name=_("project")
    )
    date = models.DateField(_("date"), db_index=True)
    kind = models.CharField(
        _("type"), max_length=16, choices=EngagementKind.choices, default=EngagementKind.MEETING
    )
    stakeholders = models.CharField(_("stakeholders"), max_length=300)
    summary = models.TextField(_("summary"), max_length=5000, blank=True)
    outreach = models.ForeignKey(
        "partners.Outreach",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project_engagements",
        verbose_name=_("outreach record"),
    )

    objective_field = "project__objective"
    unit_scope_field = "project__lead_unit"

    class Meta:
        ordering = ["-date"]
        verbose_name = _("stakeholder engagement")
        verbose_name_plural = _("stakeholder engagements")

    def __str__(self) -> str:
        return f"{self.date} {self.stakeholders}"

    def clean(self) -> None:
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("Record an engagement once it has taken place.")})
