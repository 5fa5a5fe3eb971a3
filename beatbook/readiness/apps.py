from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadinessConfig(AppConfig):
    name = "beatbook.readiness"
    label = "readiness"
    verbose_name = _("Readiness")

    def ready(self) -> None:
        from . import computations, tasks  # noqa: F401  (indicator computations; huey periodic feed poll)
