from django.utils.translation import gettext_lazy as _

from beatbook.core.navigation import MenuItem

MENU = [MenuItem(_("Audit log"), "audit:auditentry_list", "audit.view_auditentry", order=90)]
