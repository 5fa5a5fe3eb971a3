"""Write audit entries: model changes (via signals), reads of restricted records, exports, imports."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from beatbook.core import context
from beatbook.core.models import HandlingCode

from .models import AuditAction, append_entry

SECRET_FIELDS = {"password", "key_hash", "secret", "key", "token_hash", "shared_key"}


def serialize(instance: models.Model) -> dict[str, Any]:
    """Field values of ``instance`` for the log (foreign keys as ids, secrets masked)."""
    data: dict[str, Any] = {}
    exclude = set(getattr(instance, "audit_exclude", ()))
    for field in instance._meta.concrete_fields:
        if field.name in exclude:
            continue
        value = field.value_from_object(instance)
        if field.name in SECRET_FIELDS or field.attname in SECRET_FIELDS:
            value = "***" if value else value
        elif isinstance(field, models.FileField):
            value = value.name if value else ""
        data[field.attname] = value
    return data


def label(instance_or_model) -> str:
    return instance_or_model._meta.label_lower


def record(
    action: str,
    instance: models.Model | None = None,
    *,
    model: str = "",
    object_id: str = "",
    object_repr: str = "",
    before: Any = None,
    after: Any = None,
    user: Any = None,
):
    """Append an entry for the current actor (request, command or task)."""
    ctx = context.current()
    actor = user if user is not None else ctx.user
    handling_code = "normal"
    if instance is not None:
        handling_code = getattr(instance, "handling_code", "normal") or "normal"
        model = model or label(instance)
        object_id = object_id or str(instance.pk)
        object_repr = object_repr or str(instance)[:300]
    return append_entry(
        user_id=getattr(actor, "pk", None),
        username=getattr(actor, "username", "") or "",
        source=ctx.source,
        request_id=ctx.request_id,
        action=action,
        model=model,
        object_id=object_id,
        object_repr=object_repr[:300],
        handling_code=handling_code,
        before=before,
        after=after,
    )


def record_restricted_reads(objects: Iterable[models.Model], user: Any = None) -> int:
    """Log a read of each RESTRICTED record in ``objects``; returns how many were logged."""
    count = 0
    for obj in objects:
        if getattr(obj, "handling_code", None) == HandlingCode.RESTRICTED:
            record(AuditAction.VIEW, obj, user=user)
            count += 1
    return count


def record_personal_data_view(obj: models.Model, user: Any = None) -> None:
    """Log a view of a record that holds personal data (need-to-know access is audited)."""
    record(AuditAction.VIEW, obj, user=user)
