from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "beatbook.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from . import roles, schema, signals  # noqa: F401

        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="beatbook_sync_roles")
