"""Huey tasks: deliver a bulletin (idempotent) and send scheduled bulletins when they fall due."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from beatbook.core.context import acting_as


@db_task()
def deliver_bulletin(bulletin_id: int) -> dict[str, int]:
    from .services import send

    with acting_as(None, source="task"):
        return send(bulletin_id)


@db_periodic_task(crontab(minute="*"))
def send_due_bulletins() -> int:
    """Every minute: approved bulletins whose time has come."""
    from .services import due_bulletins, send

    count = 0
    with acting_as(None, source="task"):
        for pk in list(due_bulletins().values_list("pk", flat=True)):
            send(pk)
            count += 1
    return count
