"""Background work: alert deliveries (e-mail, signed webhooks), enqueued after commit and retried."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from beatbook.core.context import acting_as


@db_task(retries=4, retry_delay=30)
def deliver_alert(delivery_id: int) -> str:
    """Send one alert delivery; a failure raises so huey retries it (4 more times, 30 s apart)."""
    from .services import deliver

    with acting_as(None, source="task"):
        return deliver(delivery_id)
