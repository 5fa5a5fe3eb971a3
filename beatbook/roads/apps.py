from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadsConfig(AppConfig):
    name = "beatbook.roads"
    label = "roads"
    verbose_name = _("Road safety")

    def ready(self) -> None:
        from . import computations  # noqa: F401  (registers roads.ksi and roads.enforcement_outputs)
