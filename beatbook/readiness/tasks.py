"""Background jobs: e-mail notices, and polling the HKO warnsum feed when a URL is configured (off by default)."""

from __future__ import annotations

import logging
import os
import urllib.request

from django.conf import settings
from django.core.mail import send_mail
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from beatbook.core.context import acting_as

from .warnsum import MAX_PAYLOAD_BYTES, WarnsumError, parse_warnsum

logger = logging.getLogger(__name__)


@db_task()
def send_notification_email(message: str, recipients: list[str]) -> int:
    """One e-mail per recipient list (idempotent enough: a retry re-sends the same notice)."""
    return send_mail(
        f"[Beatbook] {message}"[:200], message, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False
    )


def feed_url() -> str:
    return (
        getattr(settings, "BEATBOOK_HKO_FEED_URL", "") or os.environ.get("BEATBOOK_HKO_FEED_URL", "")
    ).strip()


def fetch_feed(url: str, timeout: float = 10.0) -> bytes:
    """GET the feed (https/http only), refusing more than the warnsum size limit."""
    if not url.startswith(("https://", "http://")):
        raise WarnsumError(f"feed URL must be http(s), got {url[:40]!r}")
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (scheme checked above)
        data = response.read(MAX_PAYLOAD_BYTES + 1)
    if len(data) > MAX_PAYLOAD_BYTES:
        raise WarnsumError("feed response is larger than the warnsum limit")
    return data


def poll_once() -> dict | None:
    """Fetch, parse and ingest the configured feed once; None when no feed is configured."""
    url = feed_url()
    if not url:
        return None
    from .services import ingest

    try:
        warnings = parse_warnsum(fetch_feed(url))
    except (OSError, WarnsumError) as exc:
        # A failed fetch or a bad payload must not stand anything down: keep the current state.
        logger.warning("HKO feed poll failed: %s", exc)
        return {"error": str(exc)}
    with acting_as(None, source="task"):
        return ingest(warnings).as_dict()


@db_periodic_task(crontab(minute="*/2"))
def poll_hko_feed() -> dict | None:
    return poll_once()
