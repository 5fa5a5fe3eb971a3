from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "beatbook.partners"
    label = "partners"
    verbose_name = _("Partner organisations")

    def ready(self) -> None:
        from . import computations  # noqa: F401  (registers partners.reached)
