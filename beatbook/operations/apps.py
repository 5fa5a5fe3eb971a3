from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "beatbook.operations"
    label = "operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from . import computations  # noqa: F401  (registers the operations.* indicator computations)
