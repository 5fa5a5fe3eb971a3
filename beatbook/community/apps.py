from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "beatbook.community"
    label = "community"
    verbose_name = _("Community programmes")

    def ready(self) -> None:
        from . import computations  # noqa: F401  (registers the programme indicators)
