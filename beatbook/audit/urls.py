from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.entry_list, name="auditentry_list"),
    path("<int:pk>/", views.entry_detail, name="auditentry_detail"),
]
