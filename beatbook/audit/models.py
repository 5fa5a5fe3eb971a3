"""The append-only, hash-chained audit log.

Each entry's hash covers its own content and the previous entry's hash, so editing or deleting any row
(even with direct SQL) breaks the chain from that row on; ``AuditChainHead`` remembers the last entry so
that deleting the newest rows is caught too.
"""

from __future__ import annotations

import datetime
import hashlib
import json

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AuditAction(models.TextChoices):
    CREATE = "create", _("Create")
    UPDATE = "update", _("Update")
    DELETE = "delete", _("Delete")
    VIEW = "view", _("View restricted")
    EXPORT = "export", _("Export")
    IMPORT = "import", _("Import")
    LOGIN = "login", _("Sign in")
    LOGIN_FAILED = "login_failed", _("Sign-in failed")
    LOGOUT = "logout", _("Sign out")
    ACTION = "action", _("Other action")


class AppendOnlyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Entries about RESTRICTED records are themselves restricted (their before/after hold the data)."""
        from beatbook.core.models import user_has_clearance

        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        return self if user_has_clearance(user) else self.exclude(handling_code="restricted")

    def update(self, **kwargs):  # noqa: D401
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


class AuditEntry(models.Model):
    """One audited event. Never updated or deleted through the application."""

    seq = models.PositiveBigIntegerField(_("sequence"), unique=True)
    timestamp = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    username = models.CharField(_("user"), max_length=150, blank=True)
    source = models.CharField(_("source"), max_length=16, default="web")
    request_id = models.CharField(_("request id"), max_length=64, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=16, choices=AuditAction.choices, db_index=True)
    model = models.CharField(_("record type"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("record id"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("record"), max_length=300, blank=True)
    handling_code = models.CharField(_("handling code"), max_length=16, default="normal", db_index=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        permissions = [("export_auditentry", "Can export the audit log")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.model}:{self.object_id} by {self.username or '-'}"

    def canonical(self) -> str:
        """The exact text the hash covers (stable key order, UTC microseconds)."""
        payload = {
            "seq": self.seq,
            "timestamp": self.timestamp.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
            "user_id": self.user_id,
            "username": self.username,
            "source": self.source,
            "request_id": self.request_id,
            "action": self.action,
            "model": self.model,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "handling_code": self.handling_code,
            "before": self.before,
            "after": self.after,
            "prev_hash": self.prev_hash,
        }
        return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical().encode("utf-8")).hexdigest()

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")


class AuditChainHead(models.Model):
    """Single row holding the newest entry's sequence and hash; locked while appending."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit chain head")


def append_entry(**fields) -> AuditEntry:
    """Append one entry to the chain, serialised by a row lock on the chain head."""
    with transaction.atomic():
        AuditChainHead.objects.get_or_create(id=1)
        head = AuditChainHead.objects.select_for_update().get(id=1)
        entry = AuditEntry(seq=head.seq + 1, prev_hash=head.hash, **fields)
        # JSON round-trip so the hash covers exactly what the database stores.
        entry.before = _json_roundtrip(entry.before)
        entry.after = _json_roundtrip(entry.after)
        entry.hash = entry.compute_hash()
        entry.save(force_insert=True)
        AuditChainHead.objects.filter(id=1).update(seq=entry.seq, hash=entry.hash)
    return entry


def _json_roundtrip(value):
    if value is None:
        return None
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))
