from django.urls import path

from . import views

app_name = "partners"
urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="organisation_list"),
    path("events.ics", views.events_ics, name="events_ics"),
    path("add/", views.OrganisationEditView.as_view(), name="organisation_add"),
    path("<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("<int:pk>/edit/", views.OrganisationEditView.as_view(), name="organisation_edit"),
    path("contacts/", views.ContactListView.as_view(), name="contact_list"),
    path("contacts/add/", views.ContactEditView.as_view(), name="contact_add"),
    path("contacts/<int:pk>/", views.ContactDetailView.as_view(), name="contact_detail"),
    path("contacts/<int:pk>/edit/", views.ContactEditView.as_view(), name="contact_edit"),
    path("contacts/<int:pk>/delete/", views.ContactDeleteView.as_view(), name="contact_delete"),
    path("outreach/", views.OutreachListView.as_view(), name="outreach_list"),
    path("outreach/add/", views.OutreachEditView.as_view(), name="outreach_add"),
    path("outreach/<int:pk>/", views.OutreachDetailView.as_view(), name="outreach_detail"),
    path("outreach/<int:pk>/edit/", views.OutreachEditView.as_view(), name="outreach_edit"),
    path("outreach/<int:pk>/delete/", views.OutreachDeleteView.as_view(), name="outreach_delete"),
]
