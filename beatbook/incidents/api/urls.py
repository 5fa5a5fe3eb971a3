from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("incidents", views.IncidentViewSet)
router.register("categories", views.CategoryViewSet)
router.register("imports", views.ImportBatchViewSet)
urlpatterns = router.urls
