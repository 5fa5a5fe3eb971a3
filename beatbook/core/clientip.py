"""The client's address, trusting exactly BEATBOOK_PROXY_COUNT reverse proxies (same rule as DRF's
NUM_PROXIES), so login throttling and API throttling agree and a forged X-Forwarded-For is ignored."""

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR without proxies; else the N-th address from the right of X-Forwarded-For."""
    proxies = getattr(settings, "BEATBOOK_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR", "")
    if not proxies:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if not forwarded:
        return remote
    return forwarded[-min(proxies, len(forwarded))]
