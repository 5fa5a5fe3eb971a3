from django.utils.translation import gettext_lazy as _

from beatbook.core.navigation import MenuItem

MENU = [MenuItem(_("Projects"), "projects:project_list", "projects.view_project", order=92)]
