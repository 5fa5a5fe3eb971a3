from django.urls import path

from . import views

app_name = "community"
urlpatterns = [
    path("", views.ProgrammeListView.as_view(), name="programme_list"),
    path("public/", views.public_page, name="public"),
    path("programmes/<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
    path("programmes/<int:pk>/edit/", views.ProgrammeEditView.as_view(), name="programme_edit"),
    path("staff/", views.ProgrammeStaffListView.as_view(), name="programmestaff_list"),
    path("staff/add/", views.ProgrammeStaffEditView.as_view(), name="programmestaff_add"),
    path("staff/<int:pk>/", views.ProgrammeStaffDetailView.as_view(), name="programmestaff_detail"),
    path("staff/<int:pk>/delete/", views.ProgrammeStaffDeleteView.as_view(), name="programmestaff_delete"),
    path("members/", views.MemberListView.as_view(), name="member_list"),
    path("members/add/", views.MemberEditView.as_view(), name="member_add"),
    path("members/<int:pk>/", views.MemberDetailView.as_view(), name="member_detail"),
    path("members/<int:pk>/edit/", views.MemberEditView.as_view(), name="member_edit"),
    path("members/<int:pk>/qr.svg", views.MemberQrView.as_view(), name="member_qr"),
    path(
        "members/<int:pk>/certificate.pdf", views.MemberCertificateView.as_view(), name="member_certificate"
    ),
    path("ambassadors/", views.AmbassadorListView.as_view(), name="ambassador_list"),
    path("ambassadors/add/", views.AmbassadorEditView.as_view(), name="ambassador_add"),
    path("ambassadors/<int:pk>/", views.AmbassadorDetailView.as_view(), name="ambassador_detail"),
    path("ambassadors/<int:pk>/edit/", views.AmbassadorEditView.as_view(), name="ambassador_edit"),
    path("assignments/", views.AmbassadorAssignmentListView.as_view(), name="ambassadorassignment_list"),
    path("assignments/add/", views.AmbassadorAssignmentEditView.as_view(), name="ambassadorassignment_add"),
    path(
        "assignments/<int:pk>/",
        views.AmbassadorAssignmentDetailView.as_view(),
        name="ambassadorassignment_detail",
    ),
    path("sessions/", views.SessionListView.as_view(), name="session_list"),
    path("sessions/add/", views.SessionEditView.as_view(), name="session_add"),
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session_detail"),
    path("sessions/<int:pk>/edit/", views.SessionEditView.as_view(), name="session_edit"),
    path("sessions/<int:pk>/delete/", views.SessionDeleteView.as_view(), name="session_delete"),
    path("sessions/<int:pk>/attendance/", views.SessionAttendanceView.as_view(), name="session_attendance"),
    path("bookings/", views.BookingListView.as_view(), name="booking_list"),
    path("bookings/add/", views.BookingEditView.as_view(), name="booking_add"),
    path("bookings/<int:pk>/", views.BookingDetailView.as_view(), name="booking_detail"),
    path("bookings/<int:pk>/cancel/", views.BookingCancelView.as_view(), name="booking_cancel"),
    path("attendance/", views.AttendanceListView.as_view(), name="attendance_list"),
    path("attendance/<int:pk>/", views.AttendanceDetailView.as_view(), name="attendance_detail"),
]
