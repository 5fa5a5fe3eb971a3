from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("areas", views.AreaBoundaryViewSet)
router.register("forecasts", views.ForecastViewSet)
router.register("plans", views.PatrolPlanViewSet)
router.register("visits", views.PatrolVisitViewSet)
router.register("visit-records", views.VisitRecordViewSet)
urlpatterns = router.urls
