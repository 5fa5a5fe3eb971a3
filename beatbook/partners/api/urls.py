from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("organisations", views.OrganisationViewSet)
router.register("contacts", views.ContactViewSet)
router.register("outreach", views.OutreachViewSet)
urlpatterns = router.urls
