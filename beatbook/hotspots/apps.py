from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotspotsConfig(AppConfig):
    name = "beatbook.hotspots"
    label = "hotspots"
    verbose_name = _("Hotspots and patrols")

    def ready(self) -> None:
        from . import computations  # noqa: F401  (registers patrols.dosage_delivered_ratio)
