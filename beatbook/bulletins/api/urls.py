from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("bulletins", views.BulletinViewSet)
router.register("webhooks", views.WebhookViewSet)
router.register("deliveries", views.DeliveryViewSet)
router.register("receipts", views.AcknowledgementViewSet)
urlpatterns = router.urls
