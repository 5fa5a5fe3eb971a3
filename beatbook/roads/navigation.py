from django.utils.translation import gettext_lazy as _

from beatbook.core.navigation import MenuItem

MENU = [
    MenuItem(_("Road safety"), "roads:summary", "roads.view_accident", order=60),
    MenuItem(_("Black sites"), "roads:blacksites", "roads.view_accident", order=61),
    MenuItem(
        _("Enforcement"), "roads:enforcementoperation_list", "roads.view_enforcementoperation", order=62
    ),
]
