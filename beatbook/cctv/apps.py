from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CctvConfig(AppConfig):
    name = "beatbook.cctv"
    label = "cctv"
    verbose_name = _("Building CCTV registry")

    def ready(self) -> None:
        from . import computations  # noqa: F401  (registers the CCTV indicators)
