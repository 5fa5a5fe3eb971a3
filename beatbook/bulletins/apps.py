from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulletinsConfig(AppConfig):
    name = "beatbook.bulletins"
    label = "bulletins"
    verbose_name = _("E-platform bulletins")

    def ready(self) -> None:
        from . import computations, tasks  # noqa: F401  (indicators; huey tasks)
