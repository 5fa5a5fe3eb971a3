from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("plans", views.ContingencyPlanViewSet)
router.register("checklist-items", views.ChecklistItemViewSet)
router.register("warnings", views.WarningStateViewSet)
router.register("activations", views.ActivationViewSet)
router.register("tasks", views.ChecklistTaskViewSet)
router.register("after-action", views.AfterActionRecordViewSet)
router.register("incidents", views.MajorIncidentViewSet)
router.register("incident-log", views.IncidentEntryViewSet)
router.register("exercises", views.ExerciseViewSet)
router.register("findings", views.FindingViewSet)
urlpatterns = router.urls
