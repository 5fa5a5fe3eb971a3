from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("operations", views.OperationViewSet)
router.register("arrests", views.ArrestCountViewSet)
router.register("seizures", views.DrugSeizureViewSet)
urlpatterns = router.urls
