from django.urls import path

from . import views

app_name = "readiness"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("notifications/", views.notifications, name="notifications"),
    path("warnings/", views.WarningStateListView.as_view(), name="warningstate_list"),
    path("warnings/upload/", views.upload_warnings, name="upload_warnings"),
    path("warnings/announce/", views.announce, name="announce"),
    path("warnings/<int:pk>/", views.WarningStateDetailView.as_view(), name="warningstate_detail"),
    path("warnings/<int:pk>/cancel/", views.cancel_warning, name="cancel_warning"),
    path("plans/", views.ContingencyPlanListView.as_view(), name="contingencyplan_list"),
    path("plans/add/", views.ContingencyPlanEditView.as_view(), name="contingencyplan_add"),
    path("plans/<int:pk>/", views.ContingencyPlanDetailView.as_view(), name="contingencyplan_detail"),
    path("plans/<int:pk>/edit/", views.ContingencyPlanEditView.as_view(), name="contingencyplan_edit"),
    path("plans/<int:pk>/delete/", views.ContingencyPlanDeleteView.as_view(), name="contingencyplan_delete"),
    path("checklist-items/", views.ChecklistItemListView.as_view(), name="checklistitem_list"),
    path("checklist-items/add/", views.ChecklistItemEditView.as_view(), name="checklistitem_add"),
    path("checklist-items/<int:pk>/edit/", views.ChecklistItemEditView.as_view(), name="checklistitem_edit"),
    path(
        "checklist-items/<int:pk>/delete/",
        views.ChecklistItemDeleteView.as_view(),
        name="checklistitem_delete",
    ),
    path("activations/", views.ActivationListView.as_view(), name="activation_list"),
    path("activations/<int:pk>/", views.ActivationDetailView.as_view(), name="activation_detail"),
    path("tasks/", views.ChecklistTaskListView.as_view(), name="checklisttask_list"),
    path("tasks/<int:pk>/complete/", views.complete_task, name="complete_task"),
    path("after-action/", views.AfterActionRecordListView.as_view(), name="afteractionrecord_list"),
    path(
        "after-action/<int:pk>/", views.AfterActionRecordDetailView.as_view(), name="afteractionrecord_detail"
    ),
    path(
        "after-action/<int:pk>/edit/",
        views.AfterActionRecordEditView.as_view(),
        name="afteractionrecord_edit",
    ),
    path("incidents/", views.MajorIncidentListView.as_view(), name="majorincident_list"),
    path("incidents/add/", views.MajorIncidentEditView.as_view(), name="majorincident_add"),
    path("incidents/<int:pk>/", views.MajorIncidentDetailView.as_view(), name="majorincident_detail"),
    path("incidents/<int:pk>/edit/", views.MajorIncidentEditView.as_view(), name="majorincident_edit"),
    path("incident-log/", views.IncidentEntryListView.as_view(), name="incidententry_list"),
    path("incident-log/add/", views.IncidentEntryEditView.as_view(), name="incidententry_add"),
    path("incident-log/<int:pk>/", views.IncidentEntryDetailView.as_view(), name="incidententry_detail"),
    path("incident-log/<int:pk>/edit/", views.IncidentEntryEditView.as_view(), name="incidententry_edit"),
    path("exercises/", views.ExerciseListView.as_view(), name="exercise_list"),
    path("exercises/add/", views.ExerciseEditView.as_view(), name="exercise_add"),
    path("exercises/<int:pk>/", views.ExerciseDetailView.as_view(), name="exercise_detail"),
    path("exercises/<int:pk>/edit/", views.ExerciseEditView.as_view(), name="exercise_edit"),
    path("findings/", views.FindingListView.as_view(), name="finding_list"),
    path("findings/add/", views.FindingEditView.as_view(), name="finding_add"),
    path("findings/<int:pk>/", views.FindingDetailView.as_view(), name="finding_detail"),
    path("findings/<int:pk>/edit/", views.FindingEditView.as_view(), name="finding_edit"),
]
