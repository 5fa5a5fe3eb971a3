"""Factories for community programmes (RESTRICTED makers registered for the URL-walking test)."""

from __future__ import annotations

import datetime as dt

from beatbook.core.models import HandlingCode

from .factories import RESTRICTED_FACTORIES, make_area, make_unit, unique


def make_programme(**extra):
    from beatbook.community.models import Programme

    code = extra.pop("code", unique("PG-T"))
    # A restricted programme sits in a restricted area: its name (the area's) must not leak elsewhere.
    area = extra.pop("area", None) or make_area(
        code=code, kind="programme", handling_code=extra.get("handling_code", "normal")
    )
    defaults = {
        "active_min_sessions": 2,
        "active_window_months": 6,
        "accepts_applications": True,
        "accepts_referrals": True,
        "referral_sources": "Recruitment Division",
    }
    defaults.update(extra)
    return Programme.objects.create(area=area, code=code, **defaults)


def assign(user, programme, role: str = "coordinator"):
    from beatbook.community.models import ProgrammeStaff

    return ProgrammeStaff.objects.get_or_create(programme=programme, user=user, defaults={"role": role})[0]


def make_member(programme=None, **extra):
    from beatbook.community.models import Member

    defaults = {
        "name": unique("Member "),
        "contact": "9000 0000",
        "age_band": "18_24",
        "enrolled_on": dt.date(2023, 1, 1),
    }
    defaults.update(extra)
    return Member.objects.create(programme=programme or make_programme(), **defaults)


def make_session(programme=None, **extra):
    from beatbook.community.models import Session

    title = extra.pop("title_en", unique("Session "))
    defaults = {
        "title_zh": f"活動{title}",
        "kind": "physical_training",
        "date": dt.date(2024, 5, 1),
        "capacity": 20,
    }
    defaults.update(extra)
    return Session.objects.create(programme=programme or make_programme(), title_en=title, **defaults)


def make_attendance(session=None, member=None, **extra):
    from beatbook.community.models import Attendance

    session = session or make_session()
    member = member or make_member(programme=session.programme)
    return Attendance.objects.create(session=session, member=member, **extra)


def make_booking(session=None, member=None, **extra):
    from beatbook.community.models import Booking

    session = session or make_session()
    member = member or make_member(programme=session.programme)
    return Booking.objects.create(session=session, member=member, **extra)


def make_staff(**extra):
    from beatbook.org.models import Staff

    defaults = {"display_name": unique("Officer "), "rank_class": "auxiliary", "unit": make_unit()}
    defaults.update(extra)
    return Staff.objects.create(**defaults)


def make_ambassador(programme=None, **extra):
    from beatbook.community.models import Ambassador

    programme = programme or make_programme(member_kind="staff", accepts_referrals=False)
    staff = extra.pop("staff", None) or make_staff()
    defaults = {"skills": "photography", "joined_on": dt.date(2023, 1, 1)}
    defaults.update(extra)
    return Ambassador.objects.create(programme=programme, staff=staff, **defaults)


def make_assignment(ambassador=None, session=None, **extra):
    from beatbook.community.models import AmbassadorAssignment

    ambassador = ambassador or make_ambassador()
    session = session or make_session(programme=ambassador.programme)
    return AmbassadorAssignment.objects.create(ambassador=ambassador, session=session, **extra)


def _register() -> None:
    from beatbook.community.models import (
        Ambassador,
        AmbassadorAssignment,
        Attendance,
        Booking,
        Member,
        Programme,
        ProgrammeStaff,
        Session,
    )
    from beatbook.testing.factories import make_user

    r = HandlingCode.RESTRICTED
    RESTRICTED_FACTORIES.update(
        {
            Programme: lambda: make_programme(handling_code=r),
            ProgrammeStaff: lambda: ProgrammeStaff.objects.create(
                programme=make_programme(), user=make_user(None), handling_code=r
            ),
            Member: lambda: make_member(handling_code=r),
            Session: lambda: make_session(handling_code=r),
            Booking: lambda: make_booking(handling_code=r),
            Attendance: lambda: make_attendance(handling_code=r),
            Ambassador: lambda: make_ambassador(handling_code=r),
            AmbassadorAssignment: lambda: make_assignment(handling_code=r),
        }
    )


_register()
