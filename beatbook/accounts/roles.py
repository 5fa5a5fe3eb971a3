"""Roles are Django groups whose permissions come from code, so every deployment has the same roles.

Each domain app may add a ``roles.py`` with ``ROLE_PERMISSIONS = {role: [pattern, ...]}``; patterns are
``app_label.codename`` with ``*`` wildcards (``plan.view_*``). ``sync_roles()`` runs after every migrate.
"""

from __future__ import annotations

import fnmatch
import importlib

from django.apps import apps as django_apps
from django.utils.translation import gettext_lazy as _

ROLES = {
    "commander": _("District commander"),
    "analyst": _("Crime analyst"),
    "officer": _("Officer"),
    "liaison": _("Community liaison"),
    "partner": _("Partner user"),
    "auditor": _("Auditor"),
    "admin": _("Administrator"),
}

ROLE_PERMISSIONS: dict[str, list[str]] = {
    "commander": ["plan.*", "org.view_*", "partners.view_*", "audit.view_auditentry", "accounts.view_user"],
    "analyst": ["plan.view_*", "plan.add_activity", "plan.add_journalentry", "org.view_*"],
    "officer": ["plan.view_*", "plan.add_activity", "plan.add_journalentry", "org.view_unit"],
    "liaison": [
        "plan.view_*",
        "plan.add_activity",
        "plan.change_activity",
        "plan.add_journalentry",
        "org.view_*",
        "partners.*",
    ],
    "partner": [],
    "auditor": ["*.view_*", "audit.export_auditentry"],
    "admin": ["*"],
}


def collected_role_permissions() -> dict[str, list[str]]:
    """The core mapping merged with every installed Beatbook app's ``roles.ROLE_PERMISSIONS``."""
    merged = {role: list(patterns) for role, patterns in ROLE_PERMISSIONS.items()}
    for config in django_apps.get_app_configs():
        if not config.name.startswith("beatbook.") or config.name == "beatbook.accounts":
            continue
        try:
            module = importlib.import_module(f"{config.name}.roles")
        except ModuleNotFoundError:
            continue
        for role, patterns in getattr(module, "ROLE_PERMISSIONS", {}).items():
            merged.setdefault(role, []).extend(patterns)
    return merged


def sync_roles(verbosity: int = 0) -> None:
    """Create the role groups and set exactly the permissions their patterns match."""
    from django.contrib.auth.models import Group, Permission

    perms = list(Permission.objects.select_related("content_type"))
    keyed = [(f"{p.content_type.app_label}.{p.codename}", p) for p in perms]
    for role, patterns in collected_role_permissions().items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = {p.pk for key, p in keyed if any(fnmatch.fnmatchcase(key, pat) for pat in patterns)}
        current = set(group.permissions.values_list("pk", flat=True))
        if wanted != current:
            group.permissions.set(wanted)


def sync_roles_after_migrate(sender, app_config=None, verbosity=0, **kwargs) -> None:
    # Run once, after the last installed app has migrated (all permissions exist by then).
    last = list(django_apps.get_app_configs())[-1]
    if app_config is None or app_config.label != last.label:
        return
    sync_roles(verbosity)
