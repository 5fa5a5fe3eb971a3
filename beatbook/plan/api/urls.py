from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("plans", views.PlanViewSet)
router.register("areas", views.AreaViewSet)
router.register("objectives", views.ObjectiveViewSet)
router.register("indicators", views.IndicatorViewSet)
router.register("readings", views.IndicatorReadingViewSet)
router.register("activities", views.ActivityViewSet)
router.register("journal", views.JournalEntryViewSet)
urlpatterns = router.urls
