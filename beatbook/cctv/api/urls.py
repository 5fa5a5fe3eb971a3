from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("sites", views.CameraSiteViewSet)
router.register("footage", views.FootageRequestViewSet)
router.register("surveys", views.BuildingSurveyViewSet)
urlpatterns = router.urls
