from django.urls import path

from . import views

app_name = "roads"
urlpatterns = [
    path("", views.summary_page, name="summary"),
    path("blacksites/", views.blacksites_page, name="blacksites"),
    path("accidents/", views.AccidentListView.as_view(), name="accident_list"),
    path("accidents/<int:pk>/", views.AccidentDetailView.as_view(), name="accident_detail"),
    path("casualties/", views.CasualtyListView.as_view(), name="casualty_list"),
    path("casualties/<int:pk>/", views.CasualtyDetailView.as_view(), name="casualty_detail"),
    path("vehicles/", views.VehicleListView.as_view(), name="vehicle_list"),
    path("vehicles/<int:pk>/", views.VehicleDetailView.as_view(), name="vehicle_detail"),
    path("enforcement/", views.EnforcementOperationListView.as_view(), name="enforcementoperation_list"),
    path("enforcement/add/", views.EnforcementOperationEditView.as_view(), name="enforcementoperation_add"),
    path(
        "enforcement/<int:pk>/",
        views.EnforcementOperationDetailView.as_view(),
        name="enforcementoperation_detail",
    ),
    path(
        "enforcement/<int:pk>/edit/",
        views.EnforcementOperationEditView.as_view(),
        name="enforcementoperation_edit",
    ),
    path(
        "enforcement/<int:pk>/delete/",
        views.EnforcementOperationDeleteView.as_view(),
        name="enforcementoperation_delete",
    ),
]
