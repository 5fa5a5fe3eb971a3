from django.utils.translation import gettext_lazy as _

from beatbook.core.navigation import MenuItem

MENU = [
    MenuItem(_("Bulletins"), "bulletins:bulletin_list", "bulletins.view_bulletin", order=45),
    MenuItem(_("Bulletin inbox"), "bulletins:inbox", "bulletins.add_acknowledgement", order=46),
]
