from django.utils.translation import gettext_lazy as _

from beatbook.core.navigation import MenuItem

MENU = [MenuItem(_("Operations"), "operations:operation_list", "operations.view_operation", order=27)]
