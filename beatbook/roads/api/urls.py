from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("accidents", views.AccidentViewSet)
router.register("casualties", views.CasualtyViewSet)
router.register("vehicles", views.VehicleViewSet)
router.register("enforcement", views.EnforcementOperationViewSet)
urlpatterns = router.urls
