from django.utils.translation import gettext_lazy as _

from beatbook.core.navigation import MenuItem

MENU = [MenuItem(_("Units"), "org:unit_list", "org.view_unit", order=80)]
