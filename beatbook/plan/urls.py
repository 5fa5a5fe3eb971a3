from django.urls import path

from . import views

app_name = "plan"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("plans/<slug:slug>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("areas/<str:code>/", views.AreaDetailView.as_view(), name="area_detail"),
    path("objectives/", views.ObjectiveListView.as_view(), name="objective_list"),
    path("objectives/<str:code>/", views.ObjectiveDetailView.as_view(), name="objective_detail"),
    path("objectives/<str:code>/activities/", views.objective_activity_fragment, name="objective_activities"),
    path("indicators/", views.IndicatorListView.as_view(), name="indicator_list"),
    path("indicators/<int:pk>/", views.IndicatorDetailView.as_view(), name="indicator_detail"),
    path("readings/add/", views.IndicatorReadingEditView.as_view(), name="indicatorreading_add"),
    path("activities/", views.ActivityListView.as_view(), name="activity_list"),
    path("activities/add/", views.ActivityEditView.as_view(), name="activity_add"),
    path("activities/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("activities/<int:pk>/edit/", views.ActivityEditView.as_view(), name="activity_edit"),
    path("activities/<int:pk>/delete/", views.ActivityDeleteView.as_view(), name="activity_delete"),
    path("journal/", views.JournalEntryListView.as_view(), name="journalentry_list"),
    path("journal/add/", views.JournalEntryEditView.as_view(), name="journalentry_add"),
    path("journal/<int:pk>/", views.JournalEntryDetailView.as_view(), name="journalentry_detail"),
    path("journal/<int:pk>/edit/", views.JournalEntryEditView.as_view(), name="journalentry_edit"),
]
