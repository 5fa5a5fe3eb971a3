"""Audit every create, update and delete of Beatbook records, users and groups."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from beatbook.core.models import BeatbookModel

from . import recorder
from .models import AuditAction, AuditChainHead, AuditEntry

_SKIP = (AuditEntry, AuditChainHead)


def _audited(sender) -> bool:
    if sender in _SKIP or sender._meta.abstract:
        return False
    return (
        issubclass(sender, BeatbookModel)
        or sender is get_user_model()
        or sender is Group
        or getattr(sender, "audited", False)
    )


def _pre_save(sender, instance, raw=False, **kwargs):
    if raw or not _audited(sender):
        return
    instance._audit_before = None
    if instance.pk is not None:
        old = sender._default_manager.filter(pk=instance.pk).first()
        if old is not None:
            instance._audit_before = recorder.serialize(old)


def _post_save(sender, instance, created, raw=False, **kwargs):
    if raw or not _audited(sender):
        return
    before = None if created else getattr(instance, "_audit_before", None)
    after = recorder.serialize(instance)
    if not created and before == after:
        return
    if not created and before and after:
        # Keep only what changed (plus nothing else): a readable before/after.
        changed = {k for k in after if before.get(k) != after.get(k)}
        ignore = {"updated_at", "last_login"}
        if changed <= ignore:
            return
        before = {k: before.get(k) for k in changed}
        after = {k: after[k] for k in changed}
    recorder.record(
        AuditAction.CREATE if created else AuditAction.UPDATE, instance, before=before, after=after
    )


def _post_delete(sender, instance, **kwargs):
    if not _audited(sender):
        return
    recorder.record(AuditAction.DELETE, instance, before=recorder.serialize(instance))


def _m2m_changed(sender, instance, action, model, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"} or not _audited(type(instance)):
        return
    field = next(
        (f.name for f in type(instance)._meta.many_to_many if f.remote_field.through is sender),
        sender.__name__,
    )
    recorder.record(
        AuditAction.UPDATE,
        instance,
        after={"field": field, "change": action.removeprefix("post_"), "ids": sorted(pk_set or [])},
    )


def connect() -> None:
    pre_save.connect(_pre_save, dispatch_uid="beatbook_audit_pre_save")
    post_save.connect(_post_save, dispatch_uid="beatbook_audit_post_save")
    post_delete.connect(_post_delete, dispatch_uid="beatbook_audit_post_delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="beatbook_audit_m2m")
