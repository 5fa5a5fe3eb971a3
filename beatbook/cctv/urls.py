from django.urls import path

from . import views

app_name = "cctv"
urlpatterns = [
    path("", views.CameraSiteListView.as_view(), name="camerasite_list"),
    path("coverage/", views.coverage_page, name="coverage"),
    path("sites/add/", views.CameraSiteEditView.as_view(), name="camerasite_add"),
    path("sites/<int:pk>/", views.CameraSiteDetailView.as_view(), name="camerasite_detail"),
    path("sites/<int:pk>/edit/", views.CameraSiteEditView.as_view(), name="camerasite_edit"),
    path("footage/", views.FootageRequestListView.as_view(), name="footagerequest_list"),
    path("footage/add/", views.FootageRequestEditView.as_view(), name="footagerequest_add"),
    path("footage/<int:pk>/", views.FootageRequestDetailView.as_view(), name="footagerequest_detail"),
    path("footage/<int:pk>/status/", views.FootageRequestStatusView.as_view(), name="footagerequest_status"),
    path("surveys/", views.BuildingSurveyListView.as_view(), name="buildingsurvey_list"),
    path("surveys/add/", views.BuildingSurveyEditView.as_view(), name="buildingsurvey_add"),
    path("surveys/<int:pk>/", views.BuildingSurveyDetailView.as_view(), name="buildingsurvey_detail"),
    path("surveys/<int:pk>/edit/", views.BuildingSurveyEditView.as_view(), name="buildingsurvey_edit"),
]
