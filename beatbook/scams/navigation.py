from django.utils.translation import gettext_lazy as _

from beatbook.core.navigation import MenuItem

MENU = [
    MenuItem(_("Scam checker"), "scams:check", "", order=40),
    MenuItem(_("Partner portal"), "scams:portal", "scams.bulk_check", order=41),
    MenuItem(_("Scam reports"), "scams:triage", "scams.change_report", order=42),
    MenuItem(_("Scam indicators"), "scams:indicator_list", "scams.view_indicator", order=43),
]
