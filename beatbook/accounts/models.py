"""Users, their clearance and unit scope, and revocable API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A Beatbook user. Role = Django group (see roles.py); clearance unlocks RESTRICTED records."""

    has_clearance = models.BooleanField(
        _("restricted clearance"), default=False, help_text=_("May see records marked RESTRICTED (限閱).")
    )
    units = models.ManyToManyField(
        "org.Unit",
        blank=True,
        related_name="scoped_users",
        verbose_name=_("unit scope"),
        help_text=_("Limit records to these units and their sub-units; empty means all units."),
    )
    partner = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("partner organisation"),
    )
    preferred_language = models.CharField(_("language"), max_length=8, blank=True)

    audited = True

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def roles(self) -> list[str]:
        return sorted(self.groups.values_list("name", flat=True))

    def scoped_unit_ids(self) -> set[int] | None:
        """Ids of units this user is limited to (with descendants); None when unlimited."""
        if self.is_superuser:
            return None
        cached = getattr(self, "_scoped_unit_ids", "unset")
        if cached != "unset":
            return cached
        roots = list(self.units.values_list("pk", flat=True))
        if not roots:
            self._scoped_unit_ids = None
            return None
        from beatbook.org.models import Unit

        self._scoped_unit_ids = Unit.descendant_ids(roots)
        return self._scoped_unit_ids

    def needs_two_factor(self) -> bool:
        """Roles that can see restricted data must sign in with TOTP."""
        return self.is_superuser or self.has_clearance


class ApiToken(models.Model):
    """A per-user API token. Only a hash is stored; the key is shown once when created."""

    PREFIX_LENGTH = 8

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(max_length=PREFIX_LENGTH, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    audited = True

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user.username}:{self.prefix}…"

    @staticmethod
    def hash_key(key: str) -> str:
        # Tokens are 256-bit random values, so a plain SHA-256 is enough (no slow hash needed).
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str = "", expires_at=None) -> tuple[ApiToken, str]:
        """Create a token and return it with its clear-text key (shown once)."""
        key = "bb_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            prefix=key[3 : 3 + cls.PREFIX_LENGTH],
            key_hash=cls.hash_key(key),
            expires_at=expires_at,
        )
        return token, key

    @property
    def is_active(self) -> bool:
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
