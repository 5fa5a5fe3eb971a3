"""Community programmes: one engine for the plan's four programmes (PG-YOUTH, PG-EMWOMEN, PG-ZYH,
PG-AMBASSADOR).

A ``Programme`` is the settings row of a plan ``Area`` of kind "programme". Members carry minimum
personal data and are visible only to the staff assigned to their programme (``ProgrammeStaff``);
their membership status is never stored: it is computed from attendance by the programme's rule
("active = attended at least N sessions in the last M months").
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beatbook.core.models import BeatbookModel, BilingualMixin, RestrictedQuerySet


def months_before(day: dt.date, months: int) -> dt.date:
    """``day`` minus ``months`` calendar months (clamped to the month's last day: 31 May - 3 = 28/29 Feb)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    import calendar

    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Programme(BeatbookModel):
    """Settings of one programme, linked 1:1 to its plan area (PG-...)."""

    class MemberKind(models.TextChoices):
        PUBLIC = "public", _("Members of the public")
        STAFF = "staff", _("Staff ambassadors")

    area = models.OneToOneField(
        "plan.Area",
        on_delete=models.CASCADE,
        related_name="programme",
        limit_choices_to={"kind": "programme"},
        verbose_name=_("plan area"),
    )
    code = models.CharField(_("programme id"), max_length=40, unique=True)
    member_kind = models.CharField(
        _("members are"), max_length=16, choices=MemberKind.choices, default=MemberKind.PUBLIC
    )
    active_min_sessions = models.PositiveSmallIntegerField(
        _("active: at least N sessions"),
        default=2,
        help_text=_("N in 'active = attended at least N sessions in the last M months'."),
    )
    active_window_months = models.PositiveSmallIntegerField(
        _("active: in the last M months"),
        default=6,
        help_text=_("M in 'active = attended at least N sessions in the last M months'."),
    )
    accepts_applications = models.BooleanField(_("enrolment by application"), default=True)
    accepts_referrals = models.BooleanField(_("enrolment by referral"), default=False)
    referral_sources = models.CharField(
        _("referral sources"),
        max_length=300,
        blank=True,
        help_text=_("Comma-separated, e.g. Recruitment Division."),
    )
    languages = models.CharField(
        _("languages"),
        max_length=120,
        blank=True,
        help_text=_("Languages sessions and materials are offered in, comma-separated."),
    )
    session_kinds = models.CharField(
        _("session kinds"),
        max_length=300,
        blank=True,
        help_text=_("Comma-separated session kinds this programme runs."),
    )
    notes = models.TextField(_("notes"), blank=True)

    objective_field = None

    class Meta:
        ordering = ["area__order"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return f"{self.code} {self.area.tr('title')}"

    @property
    def title(self) -> str:
        return self.area.tr("title")

    def clean(self):
        if self.area_id and self.area.kind != "programme":
            raise ValidationError({"area": _("Choose a plan area of kind 'programme'.")})
        if self.active_min_sessions < 1:
            raise ValidationError({"active_min_sessions": _("N must be at least 1.")})
        if self.active_window_months < 1:
            raise ValidationError({"active_window_months": _("M must be at least 1 month.")})

    def window_start(self, as_of: dt.date) -> dt.date:
        return months_before(as_of, self.active_window_months)

    def referral_source_list(self) -> list[str]:
        return [s.strip() for s in self.referral_sources.split(",") if s.strip()]


class ProgrammeStaff(BeatbookModel):
    """Who works on a programme: only these users see its members."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        INSTRUCTOR = "instructor", _("Instructor")
        HELPER = "helper", _("Helper")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="staff_assignments", verbose_name=_("programme")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="programme_roles",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.COORDINATOR)

    objective_field = None

    class Meta:
        ordering = ["programme__code", "user__username"]
        unique_together = [("programme", "user")]
        verbose_name = _("programme staff assignment")
        verbose_name_plural = _("programme staff assignments")

    def __str__(self) -> str:
        return f"{self.programme.code}: {self.user.username} ({self.get_role_display()})"


def programme_ids_for(user) -> list[int]:
    """Programmes ``user`` is assigned to (the need-to-know rule for members' data)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    return list(ProgrammeStaff.objects.filter(user=user).values_list("programme_id", flat=True))


class ProgrammeScopedQuerySet(RestrictedQuerySet):
    """Rows holding members' personal data: visible only to the staff of the row's programme.

    ``programme_path`` names the lookup to the programme. ``countable_by`` skips the programme rule
    for aggregate counts (indicators), which show no personal data.
    """

    programme_path = "programme"

    def visible_to(self, user):
        qs = super().visible_to(user)
        path = getattr(self.model, "programme_path", "programme")
        return qs.filter(**{f"{path}__in": programme_ids_for(user)})

    def countable_by(self, user):
        if user is None:
            return self.all()
        return RestrictedQuerySet.visible_to(self, user)


class MemberQuerySet(ProgrammeScopedQuerySet):
    def with_recent_attendance(self, as_of: dt.date | None = None):
        """Annotate ``window_attendance``: attendances within each programme's window ending ``as_of``.

        Programmes may have different windows, so the condition is built per programme (there are few).
        """
        as_of = as_of or timezone.localdate()
        condition = Q(pk__in=[])
        for programme in Programme.objects.all():
            condition |= Q(
                programme_id=programme.pk,
                attendances__session__date__gt=programme.window_start(as_of),
                attendances__session__date__lte=as_of,
            )
        return self.annotate(window_attendance=Count("attendances", filter=condition, distinct=True))

    def enrolled(self, as_of: dt.date | None = None):
        """Members enrolled on or before ``as_of`` and not left by then."""
        as_of = as_of or timezone.localdate()
        return self.filter(enrolled_on__lte=as_of).filter(Q(left_on__isnull=True) | Q(left_on__gt=as_of))

    def active(self, as_of: dt.date | None = None):
        """Enrolled members meeting their programme's rule on ``as_of``."""
        as_of = as_of or timezone.localdate()
        qs = self.enrolled(as_of).with_recent_attendance(as_of)
        condition = Q(pk__in=[])
        for programme in Programme.objects.all():
            condition |= Q(programme_id=programme.pk, window_attendance__gte=programme.active_min_sessions)
        return qs.filter(condition)

    def inactive(self, as_of: dt.date | None = None):
        as_of = as_of or timezone.localdate()
        return self.enrolled(as_of).exclude(pk__in=self.active(as_of).values("pk"))

    def left(self, as_of: dt.date | None = None):
        as_of = as_of or timezone.localdate()
        return self.filter(left_on__lte=as_of)


MemberManager = models.Manager.from_queryset(MemberQuerySet)


class AgeBand(models.TextChoices):
    UNDER_12 = "under_12", _("Under 12")
    B12_17 = "12_17", _("12-17")
    B18_24 = "18_24", _("18-24")
    B25_34 = "25_34", _("25-34")
    B35_49 = "35_49", _("35-49")
    B50_64 = "50_64", _("50-64")
    B65 = "65_plus", _("65 and over")


MINOR_BANDS = {AgeBand.UNDER_12, AgeBand.B12_17}


class Channel(models.TextChoices):
    APPLICATION = "application", _("Application")
    REFERRAL = "referral", _("Referral")


def new_qr_token() -> str:
    return secrets.token_urlsafe(9)


class Member(BeatbookModel):
    """A programme member: minimum personal data only. Status is computed, never stored."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="members", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=120)
    contact = models.CharField(_("contact (phone or e-mail)"), max_length=120)
    age_band = models.CharField(_("age band"), max_length=16, choices=AgeBand.choices)
    language = models.CharField(
        _("language"),
        max_length=16,
        default="zh-hant",
        help_text=_("e.g. zh-hant, en, ur (Urdu), ne (Nepali), hi, tl"),
    )
    guardian_name = models.CharField(_("guardian's name"), max_length=120, blank=True)
    guardian_consent_date = models.DateField(_("guardian's consent recorded on"), null=True, blank=True)
    channel = models.CharField(
        _("enrolment channel"), max_length=16, choices=Channel.choices, default=Channel.APPLICATION
    )
    referral_source = models.CharField(_("referred by"), max_length=120, blank=True)
    referral_date = models.DateField(_("referral date"), null=True, blank=True)
    enrolled_on = models.DateField(_("enrolled on"), default=timezone.localdate)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    qr_token = models.CharField(
        _("QR code"), max_length=24, unique=True, default=new_qr_token, editable=False
    )

    objects = MemberManager()
    objective_field = None
    # Personal data stays out of the audit log (the log keeps the id).
    audit_exclude = ("name", "contact", "guardian_name")

    class Meta:
        ordering = ["programme__code", "name"]
        verbose_name = _("programme member")
        verbose_name_plural = _("programme members")

    def __str__(self) -> str:
        return f"{self.name} ({self.programme.code})"

    @property
    def is_minor(self) -> bool:
        return self.age_band in MINOR_BANDS

    def clean(self):
        errors = {}
        if self.age_band in MINOR_BANDS:
            if not self.guardian_name:
                errors["guardian_name"] = _("A member under 18 needs a guardian's name.")
            if not self.guardian_consent_date:
                errors["guardian_consent_date"] = _(
                    "A member under 18 needs the date the guardian's consent was recorded."
                )
        if self.channel == Channel.REFERRAL:
            if not self.referral_source:
                errors["referral_source"] = _("A referral needs its source (e.g. Recruitment Division).")
            if not self.referral_date:
                errors["referral_date"] = _("A referral needs its date.")
        elif self.referral_source or self.referral_date:
            errors["channel"] = _("Referral source and date apply only to enrolment by referral.")
        programme = self.programme if self.programme_id else None
        if programme is not None:
            if self.channel == Channel.REFERRAL and not programme.accepts_referrals:
                errors["channel"] = _("This programme does not take referrals.")
            if self.channel == Channel.APPLICATION and not programme.accepts_applications:
                errors["channel"] = _("This programme does not take applications.")
            if programme.member_kind == Programme.MemberKind.STAFF:
                errors["programme"] = _(
                    "This programme's members are staff ambassadors, not members of the public."
                )
        if self.left_on and self.enrolled_on and self.left_on < self.enrolled_on:
            errors["left_on"] = _("A member cannot leave before enrolling.")
        if self.referral_date and self.enrolled_on and self.referral_date > self.enrolled_on:
            errors["referral_date"] = _("The referral must come before enrolment.")
        if errors:
            raise ValidationError(errors)

    def status(self, as_of: dt.date | None = None) -> str:
        """ "active", "inactive" or "left" by the programme's rule on ``as_of`` (default today)."""
        as_of = as_of or timezone.localdate()
        if self.left_on and self.left_on <= as_of:
            return "left"
        if self.enrolled_on > as_of:
            return "not_yet"
        return "active" if self.recent_sessions(as_of) >= self.programme.active_min_sessions else "inactive"

    def recent_sessions(self, as_of: dt.date | None = None) -> int:
        as_of = as_of or timezone.localdate()
        return (
            self.attendances.filter(
                session__date__gt=self.programme.window_start(as_of), session__date__lte=as_of
            )
            .values("session")
            .distinct()
            .count()
        )


class Ambassador(BeatbookModel):
    """A member of staff (regular, auxiliary or civilian) in an ambassador programme."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="ambassadors", verbose_name=_("programme")
    )
    staff = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="ambassador_roles", verbose_name=_("staff member")
    )
    skills = models.CharField(_("skills"), max_length=300, blank=True)
    interests = models.CharField(_("interests"), max_length=300, blank=True)
    joined_on = models.DateField(_("joined"), default=timezone.localdate)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    objective_field = None

    class Meta:
        ordering = ["programme__code", "staff__display_name"]
        unique_together = [("programme", "staff")]
        verbose_name = _("activity ambassador")
        verbose_name_plural = _("activity ambassadors")

    def __str__(self) -> str:
        return f"{self.staff.display_name} ({self.programme.code})"

    @staticmethod
    def active_qs(qs, programme: Programme, as_of: dt.date):
        """Ambassadors who designed, organised or led at least N sessions in the last M months."""
        window = Q(
            assignments__session__date__gt=programme.window_start(as_of),
            assignments__session__date__lte=as_of,
        )
        return (
            qs.filter(programme=programme, joined_on__lte=as_of)
            .filter(Q(left_on__isnull=True) | Q(left_on__gt=as_of))
            .annotate(recent=Count("assignments__session", filter=window, distinct=True))
            .filter(recent__gte=programme.active_min_sessions)
        )


class SessionKind(models.TextChoices):
    PHYSICAL_TRAINING = "physical_training", _("Physical training")
    INTERVIEW_WORKSHOP = "interview_workshop", _("Interview workshop")
    MOCK_CASE = "mock_case_handling", _("Mock case handling")
    CRIME_PREVENTION_TALK = "crime_prevention_talk", _("Crime-prevention talk")
    HOMEWORK_CLASS = "homework_class", _("Homework class")
    INTEREST_GROUP = "interest_group", _("Interest group")
    COMMUNITY_ACTIVITY = "community_activity", _("Community activity")
    ANTI_FRAUD_TALK = "anti_fraud_talk", _("Anti-fraud talk")
    OTHER = "other", _("Other")


class Session(BilingualMixin, BeatbookModel):
    """One session of a programme, with capacity and a waiting list."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class InstructorKind(models.TextChoices):
        VOLUNTEER = "volunteer", _("Volunteer instructor")
        STAFF = "staff", _("Staff")

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("programme")
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=SessionKind.choices, db_index=True)
    language = models.CharField(_("language"), max_length=16, default="zh-hant")
    date = models.DateField(_("date"), db_index=True)
    start_time = models.TimeField(_("starts"), default=dt.time(19, 0))
    end_time = models.TimeField(_("ends"), default=dt.time(21, 0))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), default=30)
    instructor_kind = models.CharField(
        _("instructor type"), max_length=16, choices=InstructorKind.choices, default=InstructorKind.VOLUNTEER
    )
    instructor_name = models.CharField(_("instructor"), max_length=120, blank=True)
    instructor_staff = models.ForeignKey(
        "org.Staff",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("staff instructor"),
    )
    headcount = models.PositiveIntegerField(
        _("headcount"),
        null=True,
        blank=True,
        help_text=_(
            "People who came to an open event where attendees are not programme members (counted, not named)."
        ),
    )
    is_public = models.BooleanField(
        _("public event"), default=False, help_text=_("Listed on the public page and in the calendar feed.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED, db_index=True
    )
    objective = models.ForeignKey(
        "plan.Objective",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="community_sessions",
        verbose_name=_("objective"),
    )
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        ordering = ["-date", "-start_time"]
        verbose_name = _("programme session")
        verbose_name_plural = _("programme sessions")

    def __str__(self) -> str:
        return f"{self.date} {self.tr('title')}"

    def clean(self):
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The session must end after it starts.")
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = _("Capacity must be at least 1.")
        if self.instructor_kind == self.InstructorKind.STAFF and not self.instructor_staff_id:
            errors["instructor_staff"] = _("Choose the staff member who instructs.")
        if errors:
            raise ValidationError(errors)

    @property
    def starts_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, self.end_time))

    def booked_count(self) -> int:
        return self.bookings.filter(status=Booking.Status.BOOKED).count()

    def places_left(self) -> int:
        return max(self.capacity - self.booked_count(), 0)


class AmbassadorAssignment(BeatbookModel):
    """An ambassador designing, organising or leading a session."""

    class Role(models.TextChoices):
        DESIGN = "design", _("Design")
        ORGANISE = "organise", _("Organise")
        LEAD = "lead", _("Lead")

    ambassador = models.ForeignKey(
        Ambassador, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("ambassador")
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="ambassador_assignments", verbose_name=_("session")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.LEAD)

    objective_field = None

    class Meta:
        ordering = ["-session__date"]
        unique_together = [("ambassador", "session", "role")]
        verbose_name = _("ambassador assignment")
        verbose_name_plural = _("ambassador assignments")

    def __str__(self) -> str:
        return f"{self.ambassador} - {self.get_role_display()} - {self.session}"


class Booking(BeatbookModel):
    """A member's place on a session, or on its waiting list."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("session")
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("member")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.BOOKED)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)

    objects = models.Manager.from_queryset(ProgrammeScopedQuerySet)()
    programme_path = "member__programme"
    objective_field = None

    class Meta:
        ordering = ["session", "requested_at", "pk"]
        unique_together = [("session", "member")]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")

    def __str__(self) -> str:
        return f"{self.member} - {self.session} ({self.get_status_display()})"

    def clean(self):
        if self.session_id and self.member_id and self.session.programme_id != self.member.programme_id:
            raise ValidationError({"member": _("The member belongs to another programme.")})


class Attendance(BeatbookModel):
    """A member present at a session (ticked on a list or by scanning the member's QR code)."""

    class Method(models.TextChoices):
        TICK = "tick", _("Ticked on the list")
        QR = "qr", _("QR code")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("session")
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("member")
    )
    method = models.CharField(_("taken by"), max_length=8, choices=Method.choices, default=Method.TICK)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = models.Manager.from_queryset(ProgrammeScopedQuerySet)()
    programme_path = "member__programme"
    objective_field = "session__objective"

    class Meta:
        ordering = ["-session__date", "member__name"]
        unique_together = [("session", "member")]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")

    def __str__(self) -> str:
        return f"{self.member} @ {self.session}"

    def clean(self):
        if self.session_id and self.member_id and self.session.programme_id != self.member.programme_id:
            raise ValidationError({"member": _("The member belongs to another programme.")})


def session_url(session: Session) -> str:
    return reverse("community:session_detail", kwargs={"pk": session.pk})
