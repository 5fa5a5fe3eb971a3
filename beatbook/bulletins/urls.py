from django.urls import path

from . import views

app_name = "bulletins"
urlpatterns = [
    path("", views.BulletinListView.as_view(), name="bulletin_list"),
    path("public/", views.public_list, name="public"),
    path("feed.atom", views.feed, name="feed"),
    path("inbox/", views.inbox, name="inbox"),
    path("add/", views.BulletinEditView.as_view(), name="bulletin_add"),
    path("<int:pk>/", views.BulletinDetailView.as_view(), name="bulletin_detail"),
    path("<int:pk>/edit/", views.BulletinEditView.as_view(), name="bulletin_edit"),
    path("<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("<int:pk>/submit/", views.BulletinActionView.as_view(verb="submit"), name="bulletin_submit"),
    path("<int:pk>/approve/", views.BulletinActionView.as_view(verb="approve"), name="bulletin_approve"),
    path("<int:pk>/reject/", views.BulletinActionView.as_view(verb="reject"), name="bulletin_reject"),
    path("webhooks/", views.WebhookListView.as_view(), name="webhook_list"),
    path("webhooks/add/", views.WebhookEditView.as_view(), name="webhook_add"),
    path("webhooks/<int:pk>/", views.WebhookDetailView.as_view(), name="webhook_detail"),
    path("webhooks/<int:pk>/edit/", views.WebhookEditView.as_view(), name="webhook_edit"),
    path("deliveries/", views.DeliveryListView.as_view(), name="delivery_list"),
    path("deliveries/<int:pk>/", views.DeliveryDetailView.as_view(), name="delivery_detail"),
    path("receipts/", views.AcknowledgementListView.as_view(), name="acknowledgement_list"),
    path("receipts/<int:pk>/", views.AcknowledgementDetailView.as_view(), name="acknowledgement_detail"),
]
