from django.utils.translation import gettext_lazy as _

from beatbook.core.navigation import MenuItem

MENU = [MenuItem(_("Public events"), "events:publicevent_list", "events.view_publicevent", order=65)]
