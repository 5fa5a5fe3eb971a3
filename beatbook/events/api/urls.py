from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("events", views.PublicEventViewSet)
router.register("posts", views.DeploymentPostViewSet)
router.register("reviews", views.EventReviewViewSet)
urlpatterns = router.urls
