from django.utils.translation import gettext_lazy as _

from beatbook.core.navigation import MenuItem

MENU = [
    MenuItem(_("Programmes"), "community:programme_list", "community.view_programme", order=40),
    MenuItem(_("Sessions"), "community:session_list", "community.view_session", order=41),
    MenuItem(_("Members"), "community:member_list", "community.view_member", order=42),
]
MENU += [
    MenuItem(_("Ambassadors"), "community:ambassador_list", "community.view_ambassador", order=43),
    MenuItem(_("Public events page"), "community:public", "", order=99),
]
