from django.utils.translation import gettext_lazy as _

from beatbook.core.navigation import MenuItem

MENU = [
    MenuItem(_("Hotspot map"), "hotspots:map", "incidents.view_incident", order=21),
    MenuItem(_("Forecasts"), "hotspots:forecast_list", "hotspots.view_forecast", order=22),
    MenuItem(_("Patrol plans"), "hotspots:patrolplan_list", "hotspots.view_patrolplan", order=23),
    MenuItem(_("Patrol dosage"), "hotspots:dosage", "hotspots.view_patrolplan", order=24),
]
