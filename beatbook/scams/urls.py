from django.urls import path

from . import views

app_name = "scams"
urlpatterns = [
    # Public (no sign-in)
    path("", views.check_page, name="check"),
    path("analyze/", views.analyze_page, name="analyze"),
    path("report/", views.report_page, name="report"),
    path("feed/", views.alerts_feed, name="feed"),
    # Partners
    path("portal/", views.portal, name="portal"),
    # Officers and staff
    path("triage/", views.triage_queue, name="triage"),
    path("indicators/", views.IndicatorListView.as_view(), name="indicator_list"),
    path("indicators/add/", views.IndicatorEditView.as_view(), name="indicator_add"),
    path("indicators/<int:pk>/", views.IndicatorDetailView.as_view(), name="indicator_detail"),
    path("indicators/<int:pk>/edit/", views.IndicatorEditView.as_view(), name="indicator_edit"),
    path("reports/", views.ReportListView.as_view(), name="report_list"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("reports/<int:pk>/confirm/", views.report_confirm, name="report_confirm"),
    path("reports/<int:pk>/reject/", views.report_reject, name="report_reject"),
    path("sightings/", views.SightingListView.as_view(), name="sighting_list"),
    path("sightings/<int:pk>/", views.SightingDetailView.as_view(), name="sighting_detail"),
    path("subscriptions/", views.AlertSubscriptionListView.as_view(), name="alertsubscription_list"),
    path("subscriptions/add/", views.AlertSubscriptionEditView.as_view(), name="alertsubscription_add"),
    path(
        "subscriptions/<int:pk>/",
        views.AlertSubscriptionDetailView.as_view(),
        name="alertsubscription_detail",
    ),
    path(
        "subscriptions/<int:pk>/edit/",
        views.AlertSubscriptionEditView.as_view(),
        name="alertsubscription_edit",
    ),
    path(
        "subscriptions/<int:pk>/delete/",
        views.AlertSubscriptionDeleteView.as_view(),
        name="alertsubscription_delete",
    ),
    path("imports/", views.ImportBatchListView.as_view(), name="importbatch_list"),
    path("imports/<int:pk>/", views.ImportBatchDetailView.as_view(), name="importbatch_detail"),
    path("lookups/", views.lookup_list, name="lookup_list"),
]
