"""Validate API responses against the project's own OpenAPI schema (as Zulip does)."""

from __future__ import annotations

import functools

from django.test import RequestFactory
from drf_spectacular.generators import SchemaGenerator
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse


@functools.cache
def openapi() -> OpenAPI:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    # The test server's host must match a server entry for path finding.
    schema["servers"] = [{"url": "http://testserver"}]
    return OpenAPI.from_dict(schema)


def assert_response_matches_schema(response, method: str = "get", data: bytes | None = None) -> None:
    """Raise if ``response`` (a Django test response of an API call) is not what the schema promises."""
    request = response.wsgi_request
    # Rebuild a plain Django request so openapi-core sees path, query and body as sent.
    factory = RequestFactory()
    built = getattr(factory, method.lower())(
        request.get_full_path(),
        data=data or b"",
        content_type=request.META.get("CONTENT_TYPE", "application/json"),
    )
    built.resolver_match = request.resolver_match
    openapi().validate_response(DjangoOpenAPIRequest(built), DjangoOpenAPIResponse(response))
