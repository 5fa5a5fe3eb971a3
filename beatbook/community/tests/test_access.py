"""Generic access/audit cases for every community model."""

from beatbook.testing import factories_community as fc
from beatbook.testing.factories import make_user
from beatbook.testing.generic import ModelAccessTestCase, grant

from ..models import (
    Ambassador,
    AmbassadorAssignment,
    Attendance,
    Booking,
    Member,
    Programme,
    ProgrammeStaff,
    Session,
)


class ProgrammeScoped(ModelAccessTestCase):
    """The viewer is put on every programme's staff (members are need-to-know)."""

    def viewer(self, clearance: bool = False):
        user = grant(make_user(None, clearance=clearance), self.model, "view")
        for programme in Programme.objects.all():
            fc.assign(user, programme)
        return user


class TestProgrammeAccess(ModelAccessTestCase):
    model = Programme
    list_url = "community:programme_list"
    detail_url = "community:programme_detail"
    api_list_url = "community-api:programme-list"
    api_detail_url = "community-api:programme-detail"
    marker_field = "code"

    def make(self, **extra):
        return fc.make_programme(**extra)

    def change(self, obj):
        obj.active_min_sessions = 5
        obj.save()


class TestProgrammeStaffAccess(ModelAccessTestCase):
    model = ProgrammeStaff
    list_url = "community:programmestaff_list"
    detail_url = "community:programmestaff_detail"
    api_list_url = "community-api:programmestaff-list"
    api_detail_url = "community-api:programmestaff-detail"

    def marker(self, obj):
        return obj.user.username

    def make(self, **extra):
        return ProgrammeStaff.objects.create(programme=fc.make_programme(), user=make_user(None), **extra)

    def change(self, obj):
        obj.role = "helper"
        obj.save()


class TestMemberAccess(ProgrammeScoped):
    model = Member
    list_url = "community:member_list"
    detail_url = "community:member_detail"
    api_list_url = "community-api:member-list"
    api_detail_url = "community-api:member-detail"
    marker_field = "name"

    def make(self, **extra):
        return fc.make_member(**extra)

    def change(self, obj):
        obj.language = "en"
        obj.save()


class TestSessionAccess(ModelAccessTestCase):
    model = Session
    list_url = "community:session_list"
    detail_url = "community:session_detail"
    api_list_url = "community-api:session-list"
    api_detail_url = "community-api:session-detail"
    marker_field = "title_zh"

    def make(self, **extra):
        return fc.make_session(**extra)

    def change(self, obj):
        obj.capacity = 99
        obj.save()


class TestAmbassadorAccess(ModelAccessTestCase):
    model = Ambassador
    list_url = "community:ambassador_list"
    detail_url = "community:ambassador_detail"
    api_list_url = "community-api:ambassador-list"
    api_detail_url = "community-api:ambassador-detail"

    def marker(self, obj):
        return obj.staff.display_name

    def make(self, **extra):
        return fc.make_ambassador(**extra)

    def change(self, obj):
        obj.skills = "drone piloting"
        obj.save()


class TestAmbassadorAssignmentAccess(ModelAccessTestCase):
    model = AmbassadorAssignment
    list_url = "community:ambassadorassignment_list"
    detail_url = "community:ambassadorassignment_detail"
    api_list_url = "community-api:ambassadorassignment-list"
    api_detail_url = "community-api:ambassadorassignment-detail"

    def marker(self, obj):
        return obj.ambassador.staff.display_name

    def make(self, **extra):
        return fc.make_assignment(**extra)

    def change(self, obj):
        obj.role = "design"
        obj.save()


class TestBookingAccess(ProgrammeScoped):
    model = Booking
    list_url = "community:booking_list"
    detail_url = "community:booking_detail"
    api_list_url = "community-api:booking-list"
    api_detail_url = "community-api:booking-detail"

    def marker(self, obj):
        return obj.member.name

    def make(self, **extra):
        return fc.make_booking(**extra)

    def change(self, obj):
        obj.status = "waiting"
        obj.save()


class TestAttendanceAccess(ProgrammeScoped):
    model = Attendance
    list_url = "community:attendance_list"
    detail_url = "community:attendance_detail"
    api_list_url = "community-api:attendance-list"
    api_detail_url = "community-api:attendance-detail"

    def marker(self, obj):
        return obj.member.name

    def make(self, **extra):
        return fc.make_attendance(**extra)

    def change(self, obj):
        obj.method = "qr"
        obj.save()
