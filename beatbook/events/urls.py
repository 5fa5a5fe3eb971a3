from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.PublicEventListView.as_view(), name="publicevent_list"),
    path("add/", views.PublicEventEditView.as_view(), name="publicevent_add"),
    path("lessons/", views.lessons_fragment, name="lessons"),
    path("map/", views.event_map, name="map"),
    path("<int:pk>/", views.PublicEventDetailView.as_view(), name="publicevent_detail"),
    path("<int:pk>/edit/", views.PublicEventEditView.as_view(), name="publicevent_edit"),
    path("<int:pk>/delete/", views.PublicEventDeleteView.as_view(), name="publicevent_delete"),
    path("posts/", views.DeploymentPostListView.as_view(), name="deploymentpost_list"),
    path("posts/add/", views.DeploymentPostEditView.as_view(), name="deploymentpost_add"),
    path("posts/<int:pk>/", views.DeploymentPostDetailView.as_view(), name="deploymentpost_detail"),
    path("posts/<int:pk>/edit/", views.DeploymentPostEditView.as_view(), name="deploymentpost_edit"),
    path("posts/<int:pk>/delete/", views.DeploymentPostDeleteView.as_view(), name="deploymentpost_delete"),
    path("reviews/", views.EventReviewListView.as_view(), name="eventreview_list"),
    path("reviews/add/", views.EventReviewEditView.as_view(), name="eventreview_add"),
    path("reviews/<int:pk>/", views.EventReviewDetailView.as_view(), name="eventreview_detail"),
    path("reviews/<int:pk>/edit/", views.EventReviewEditView.as_view(), name="eventreview_edit"),
]
