from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("programmes", views.ProgrammeViewSet)
router.register("staff", views.ProgrammeStaffViewSet)
router.register("members", views.MemberViewSet)
router.register("ambassadors", views.AmbassadorViewSet)
router.register("sessions", views.SessionViewSet)
router.register("assignments", views.AmbassadorAssignmentViewSet)
router.register("bookings", views.BookingViewSet)
router.register("attendance", views.AttendanceViewSet)
urlpatterns = router.urls
