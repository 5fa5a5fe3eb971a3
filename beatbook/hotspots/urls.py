from django.urls import path

from . import views

app_name = "hotspots"
urlpatterns = [
    path("", views.hotspot_map, name="map"),
    path("cells.geojson", views.cells_geojson, name="cells_geojson"),
    path("forecasts/", views.ForecastListView.as_view(), name="forecast_list"),
    path("forecasts/new/", views.forecast_request, name="forecast_add"),
    path("forecasts/<int:pk>/", views.ForecastDetailView.as_view(), name="forecast_detail"),
    path("plans/", views.PatrolPlanListView.as_view(), name="patrolplan_list"),
    path("plans/new/", views.patrolplan_request, name="patrolplan_add"),
    path("plans/<int:pk>/", views.PatrolPlanDetailView.as_view(), name="patrolplan_detail"),
    path("plans/<int:pk>/briefing/", views.briefing, name="patrolplan_briefing"),
    path("plans/<int:pk>/briefing.pdf", views.briefing_pdf, name="patrolplan_briefing_pdf"),
    path("plans/<int:pk>/phone/", views.phone, name="patrolplan_phone"),
    path("visits/<int:pk>/arrive/", views.visit_arrive, name="visit_arrive"),
    path("visits/<int:pk>/leave/", views.visit_leave, name="visit_leave"),
    path("visit-records/", views.VisitRecordListView.as_view(), name="visitrecord_list"),
    path("visit-records/<int:pk>/", views.VisitRecordDetailView.as_view(), name="visitrecord_detail"),
    path("dosage/", views.dosage, name="dosage"),
    path("areas/", views.AreaBoundaryListView.as_view(), name="areaboundary_list"),
    path("areas/new/", views.boundary_upload, name="areaboundary_add"),
    path("areas/<int:pk>/", views.AreaBoundaryDetailView.as_view(), name="areaboundary_detail"),
]
