from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("units", views.UnitViewSet)
router.register("staff", views.StaffViewSet)
urlpatterns = router.urls
