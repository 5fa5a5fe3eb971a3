"""Base models and the permission-aware queryset every Beatbook record uses.

``BeatbookModel.objects.restrict(user, "view")`` is the one way views and API endpoints fetch records:
it applies the model permission, the RESTRICTED (限閱) handling code and the user's unit scope, so a new
view cannot forget any of them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class HandlingCode(models.TextChoices):
    """Who may see a record. RESTRICTED records need clearance (and two-factor sign-in)."""

    NORMAL = "normal", _("Normal")
    RESTRICTED = "restricted", _("Restricted (限閱)")


def user_has_clearance(user) -> bool:
    """True when ``user`` may see RESTRICTED records."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not (user.is_superuser or getattr(user, "has_clearance", False)):
        return False
    # A session that has not completed TOTP sees no restricted data (API tokens and commands carry no
    # session, so they have no ``is_verified``).
    return not (settings.BEATBOOK_REQUIRE_2FA and hasattr(user, "is_verified") and not user.is_verified())


class RestrictedQuerySet(models.QuerySet):
    """A queryset that knows who is asking."""

    def restrict(self, user, action: str = "view") -> RestrictedQuerySet:
        """Rows ``user`` may ``action`` (view/add/change/delete): none without the model permission."""
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        opts = self.model._meta
        if not user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}"):
            return self.none()
        return self.visible_to(user)

    def visible_to(self, user) -> RestrictedQuerySet:
        """Apply handling code and unit scope only (no model-permission check)."""
        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        qs = self
        if hasattr(self.model, "handling_code") and not user_has_clearance(user):
            qs = qs.exclude(handling_code=HandlingCode.RESTRICTED)
        scope_field = getattr(self.model, "unit_scope_field", None)
        if scope_field and not user.is_superuser:
            unit_ids = user.scoped_unit_ids() if hasattr(user, "scoped_unit_ids") else None
            if unit_ids is not None:
                qs = qs.filter(Q(**{f"{scope_field}__in": unit_ids}) | Q(**{f"{scope_field}__isnull": True}))
        return qs


RestrictedManager = models.Manager.from_queryset(RestrictedQuerySet)


class BeatbookModel(models.Model):
    """Timestamps, handling code, the synthetic-data label and the permission-aware manager.

    Subclasses may set ``unit_scope_field`` (a lookup path to an ``org.Unit``) to limit rows to the
    units a user is scoped to, and ``objective_field`` naming the plan objective the record serves.
    """

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    handling_code = models.CharField(
        _("handling code"),
        max_length=16,
        choices=HandlingCode.choices,
        default=HandlingCode.NORMAL,
        db_index=True,
    )
    is_synthetic = models.BooleanField(
        _("synthetic demo data"), default=False, help_text=_("Made up for the demo; not a real record.")
    )

    objects = RestrictedManager()

    unit_scope_field: str | None = None
    objective_field: str | None = "objective"
    # Fields the audit log must never copy (personal data kept out of the log beyond its id).
    audit_exclude: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @property
    def is_restricted(self) -> bool:
        return self.handling_code == HandlingCode.RESTRICTED

    def get_absolute_url(self) -> str:
        opts = self._meta
        try:
            return reverse(f"{opts.app_label}:{opts.model_name}_detail", kwargs={"pk": self.pk})
        except NoReverseMatch:
            return ""


class BilingualMixin:
    """``obj.tr("title")`` returns ``title_zh`` or ``title_en`` for the active language, falling back."""

    def tr(self, field: str) -> str:
        zh = getattr(self, f"{field}_zh", "") or ""
        en = getattr(self, f"{field}_en", "") or ""
        if (get_language() or settings.LANGUAGE_CODE).startswith("en"):
            return en or zh
        return zh or en
