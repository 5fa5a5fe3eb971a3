from django.utils.translation import gettext_lazy as _

from beatbook.core.navigation import MenuItem

MENU = [
    MenuItem(_("Incidents"), "incidents:incident_list", "incidents.view_incident", order=20),
]
