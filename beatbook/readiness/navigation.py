from django.utils.translation import gettext_lazy as _

from beatbook.core.navigation import MenuItem

MENU = [
    MenuItem(_("Readiness"), "readiness:dashboard", "readiness.view_activation", order=70),
    MenuItem(_("Major incidents"), "readiness:majorincident_list", "readiness.view_majorincident", order=71),
    MenuItem(_("Exercises"), "readiness:exercise_list", "readiness.view_exercise", order=72),
]
