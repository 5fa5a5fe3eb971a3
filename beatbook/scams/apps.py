from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScamsConfig(AppConfig):
    name = "beatbook.scams"
    label = "scams"
    verbose_name = _("Anti-fraud")

    def ready(self) -> None:
        from . import computations  # noqa: F401  (registers scams.lookups, partners_active, reports_confirmed)
