from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("indicators", views.IndicatorViewSet)
router.register("reports", views.ReportViewSet)
router.register("sightings", views.SightingViewSet)
router.register("subscriptions", views.AlertSubscriptionViewSet)

urlpatterns = [
    path("check", views.CheckView.as_view(), name="check"),
    path("check-bulk", views.BulkCheckView.as_view(), name="check-bulk"),
    path("analyze", views.AnalyzeView.as_view(), name="analyze"),
    *router.urls,
]
