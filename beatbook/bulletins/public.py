"""What the public may see: bulletins sent to the public (web page and Atom feed)."""

from __future__ import annotations

from .models import Bulletin


def public_bulletins():
    return Bulletin.objects.filter(
        status=Bulletin.Status.SENT, audience_public=True, handling_code="normal"
    ).order_by("-sent_at")
