from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("courses", views.CourseViewSet)
router.register("sessions", views.TrainingSessionViewSet)
router.register("attendance", views.TrainingAttendanceViewSet)
router.register("exercises", views.ExerciseParticipationViewSet)
router.register("qualifications", views.QualificationViewSet)
router.register("surveys", views.PulseSurveyViewSet)
router.register("questions", views.PulseQuestionViewSet)
urlpatterns = router.urls
