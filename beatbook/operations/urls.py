from django.urls import path

from . import views

app_name = "operations"


def crud(prefix: str, model: str, list_view, detail, edit, delete) -> list:
    """The list/add/detail/edit/delete routes of one model."""
    return [
        path(f"{prefix}", list_view.as_view(), name=f"{model}_list"),
        path(f"{prefix}add/", edit.as_view(), name=f"{model}_add"),
        path(f"{prefix}<int:pk>/", detail.as_view(), name=f"{model}_detail"),
        path(f"{prefix}<int:pk>/edit/", edit.as_view(), name=f"{model}_edit"),
        path(f"{prefix}<int:pk>/delete/", delete.as_view(), name=f"{model}_delete"),
    ]


urlpatterns = [
    *crud(
        "",
        "operation",
        views.OperationListView,
        views.OperationDetailView,
        views.OperationEditView,
        views.OperationDeleteView,
    ),
    *crud(
        "arrests/",
        "arrestcount",
        views.ArrestCountListView,
        views.ArrestCountDetailView,
        views.ArrestCountEditView,
        views.ArrestCountDeleteView,
    ),
    *crud(
        "seizures/",
        "drugseizure",
        views.DrugSeizureListView,
        views.DrugSeizureDetailView,
        views.DrugSeizureEditView,
        views.DrugSeizureDeleteView,
    ),
]
