from django.utils.translation import gettext_lazy as _

from beatbook.core.navigation import MenuItem

MENU = [
    MenuItem(_("Action plan"), "plan:dashboard", "plan.view_objective", order=10),
    MenuItem(_("Activities"), "plan:activity_list", "plan.view_activity", order=11),
    MenuItem(_("Journal"), "plan:journalentry_list", "plan.view_journalentry", order=12),
]
