from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("projects", views.ProjectViewSet)
router.register("milestones", views.MilestoneViewSet)
router.register("risks", views.RiskViewSet)
router.register("engagements", views.EngagementViewSet)
urlpatterns = router.urls
