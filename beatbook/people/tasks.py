"""Background jobs: daily qualification-expiry reminders (60 and 14 days before), idempotent."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from beatbook.core.context import acting_as

from . import services


@db_periodic_task(crontab(hour="7", minute="30"))
def send_expiry_reminders() -> int:
    """Run every morning (Hong Kong time); a missed day is caught up because the windows overlap."""
    with acting_as(None, source="task"):
        return services.send_expiry_reminders()
