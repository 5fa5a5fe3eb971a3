from django.utils.translation import gettext_lazy as _

from beatbook.core.navigation import MenuItem

MENU = [
    MenuItem(_("Training"), "people:trainingsession_list", "people.view_trainingsession", order=94),
    MenuItem(_("Pulse surveys"), "people:pulsesurvey_list", "people.view_pulsesurvey", order=95),
]
