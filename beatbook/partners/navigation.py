from django.utils.translation import gettext_lazy as _

from beatbook.core.navigation import MenuItem

MENU = [
    MenuItem(_("Partners"), "partners:organisation_list", "partners.view_organisation", order=35),
    MenuItem(_("Outreach"), "partners:outreach_list", "partners.view_outreach", order=36),
]
