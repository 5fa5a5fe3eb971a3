from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "beatbook.people"
    label = "people"
    verbose_name = _("Staff support")

    def ready(self) -> None:
        from . import computations  # noqa: F401  (registers the people.* indicator computations)
