"""Programme indicators. Counts use ``countable_by`` (handling code, not the programme-staff rule):
a figure shows no personal data, and the linked list pages still show members only to their staff."""

from __future__ import annotations

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from beatbook.plan.computations import IndicatorValue, list_url, register, scoped

from .models import Ambassador, Attendance, Channel, Member, Programme, Session


def _programme(params):
    code = params.get("programme")
    return Programme.objects.filter(code=code).first() if code else None


def _members(user):
    return Member.objects.all().countable_by(user)


@register("community.members_enrolled", _("Programme members enrolled"))
def members_enrolled(indicator, params, start, end, user) -> IndicatorValue:
    programme = _programme(params)
    if programme is not None and programme.member_kind == Programme.MemberKind.STAFF:
        qs = scoped(Ambassador, user).filter(programme=programme, joined_on__lte=end, left_on__isnull=True)
        return IndicatorValue(
            float(qs.count()), list_url("community:ambassador_list", programme=programme.code)
        )
    qs = _members(user).enrolled(end)
    if programme is not None:
        qs = qs.filter(programme=programme)
    url = list_url(
        "community:member_list", programme=params.get("programme"), status="enrolled", as_of=end.isoformat()
    )
    return IndicatorValue(float(qs.count()), url, detail=str(end))


@register("community.members_active", _("Programme members active by the programme's rule"))
def members_active(indicator, params, start, end, user) -> IndicatorValue:
    programme = _programme(params)
    if programme is not None and programme.member_kind == Programme.MemberKind.STAFF:
        qs = Ambassador.active_qs(scoped(Ambassador, user), programme, end)
        return IndicatorValue(
            float(qs.count()),
            list_url("community:ambassador_list", programme=programme.code, active_as_of=end.isoformat()),
        )
    qs = _members(user).active(end)
    if programme is not None:
        qs = qs.filter(programme=programme)
    rule = ""
    if programme is not None:
        rule = f"≥{programme.active_min_sessions} / {programme.active_window_months}m"
    url = list_url(
        "community:member_list", programme=params.get("programme"), status="active", as_of=end.isoformat()
    )
    return IndicatorValue(float(qs.count()), url, detail=rule)


@register("community.sessions_held", _("Programme sessions held"))
def sessions_held(indicator, params, start, end, user) -> IndicatorValue:
    qs = scoped(Session, user).filter(status=Session.Status.HELD, date__range=(start, end))
    if params.get("programme"):
        qs = qs.filter(programme__code=params["programme"])
    url = list_url(
        "community:session_list",
        programme=params.get("programme"),
        status="held",
        date_after=start.isoformat(),
        date_before=end.isoformat(),
    )
    return IndicatorValue(float(qs.count()), url)


@register("community.attendance", _("Attendances at programme sessions"))
def attendance(indicator, params, start, end, user) -> IndicatorValue:
    """Named attendances of members, plus the headcount of open events where attendees are not members
    (ambassador activities, anti-fraud talks). The detail says how much of the figure is headcount."""
    qs = Attendance.objects.all().countable_by(user).filter(session__date__range=(start, end))
    sessions = scoped(Session, user).filter(
        status=Session.Status.HELD, date__range=(start, end), headcount__isnull=False
    )
    if params.get("programme"):
        qs = qs.filter(session__programme__code=params["programme"])
        sessions = sessions.filter(programme__code=params["programme"])
    named = qs.count()
    counted = sessions.aggregate(n=Sum("headcount"))["n"] or 0
    if named == 0 and counted:
        url = list_url(
            "community:session_list",
            programme=params.get("programme"),
            status="held",
            has_headcount="true",
            date_after=start.isoformat(),
            date_before=end.isoformat(),
        )
    else:
        url = list_url(
            "community:attendance_list",
            programme=params.get("programme"),
            date_after=start.isoformat(),
            date_before=end.isoformat(),
        )
    detail = f"{named} named + {counted} headcount" if counted else ""
    return IndicatorValue(float(named + counted), url, detail=detail)


@register("community.referrals", _("Members referred (e.g. by the Recruitment Division)"))
def referrals(indicator, params, start, end, user) -> IndicatorValue:
    qs = _members(user).filter(channel=Channel.REFERRAL, referral_date__range=(start, end))
    if params.get("programme"):
        qs = qs.filter(programme__code=params["programme"])
    if params.get("source"):
        qs = qs.filter(referral_source=params["source"])
    url = list_url(
        "community:member_list",
        programme=params.get("programme"),
        channel="referral",
        referral_date_after=start.isoformat(),
        referral_date_before=end.isoformat(),
    )
    return IndicatorValue(float(qs.count()), url)
