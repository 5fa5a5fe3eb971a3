from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "beatbook.plan"
    label = "plan"
    verbose_name = _("Action plan")

    def ready(self) -> None:
        from . import computations  # noqa: F401  (registers the activity computations)
