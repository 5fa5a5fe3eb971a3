"""Request id, audit context and language selection."""

from __future__ import annotations

import re
import uuid

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from . import context

_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9\-]{8,64}$")


class RequestIdMiddleware:
    """Give every request an id (or keep a well-formed one from the proxy) and echo it back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if _REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response


class AuditContextMiddleware:
    """Bind the signed-in user and request id for audit signals during this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None
        with context.acting_as(
            user, source="web", request_id=getattr(request, "request_id", None), remote_addr=""
        ) as ctx:
            request.audit_context = ctx
            return self.get_response(request)


class DefaultLanguageLocaleMiddleware(LocaleMiddleware):
    """Traditional Chinese unless the user chose otherwise (cookie or ?lang=); browsers' Accept-Language
    is deliberately ignored so that every officer sees the same default."""

    def process_request(self, request):
        lang = request.GET.get("lang") or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        codes = {code for code, _ in settings.LANGUAGES}
        if lang not in codes:
            lang = settings.LANGUAGE_CODE
        translation.activate(lang)
        request.LANGUAGE_CODE = translation.get_language()
