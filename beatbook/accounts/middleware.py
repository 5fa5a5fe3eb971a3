"""Users who can see restricted data must complete TOTP before anything else."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/public/", "/api/")


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.BEATBOOK_REQUIRE_2FA
            and user is not None
            and user.is_authenticated
            and user.needs_two_factor()
            and not user.is_verified()
            and not request.path.startswith(ALLOWED_PREFIXES)
        ):
            target = "accounts:otp_setup" if not _has_device(user) else "accounts:otp_verify"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)


def _has_device(user) -> bool:
    from django_otp import devices_for_user

    return any(True for _ in devices_for_user(user, confirmed=True))
