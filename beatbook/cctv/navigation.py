from django.utils.translation import gettext_lazy as _

from beatbook.core.navigation import MenuItem

MENU = [
    MenuItem(_("CCTV registry"), "cctv:camerasite_list", "cctv.view_camerasite", order=50),
    MenuItem(_("Footage requests"), "cctv:footagerequest_list", "cctv.view_footagerequest", order=51),
]
MENU += [
    MenuItem(_("CCTV coverage"), "cctv:coverage", "cctv.view_camerasite", order=52),
    MenuItem(_("Building surveys"), "cctv:buildingsurvey_list", "cctv.view_buildingsurvey", order=53),
]
