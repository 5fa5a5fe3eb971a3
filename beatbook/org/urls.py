from django.urls import path

from . import views

app_name = "org"
urlpatterns = [
    path("units/", views.UnitListView.as_view(), name="unit_list"),
    path("units/add/", views.UnitEditView.as_view(), name="unit_add"),
    path("units/<int:pk>/", views.UnitDetailView.as_view(), name="unit_detail"),
    path("units/<int:pk>/edit/", views.UnitEditView.as_view(), name="unit_edit"),
    path("staff/", views.StaffListView.as_view(), name="staff_list"),
    path("staff/add/", views.StaffEditView.as_view(), name="staff_add"),
    path("staff/<int:pk>/", views.StaffDetailView.as_view(), name="staff_detail"),
    path("staff/<int:pk>/edit/", views.StaffEditView.as_view(), name="staff_edit"),
]
