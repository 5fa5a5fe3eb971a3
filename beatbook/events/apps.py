from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "beatbook.events"
    label = "events"
    verbose_name = _("Public events")

    def ready(self) -> None:
        from . import computations  # noqa: F401  (registers events.reviewed_rate)
