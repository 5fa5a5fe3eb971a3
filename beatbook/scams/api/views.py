"""API: the public check and message analyser, the partner bulk check, and staff viewsets with filters.

Public endpoints (``public = True``) take no credentials, are throttled per client (scope
``public_check``) and treat input as hostile: bounded sizes, type checks, clear 400 errors.
"""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ParseError, PermissionDenied
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from beatbook.core.api.viewsets import BeatbookModelViewSet, ReadOnlyBeatbookViewSet

from .. import filtersets, services
from ..engine.normalize import INDICATOR_TYPES
from ..models import AlertSubscription, Indicator, PartnerKey, Report, Sighting
from ..views import PublicCheckThrottle
from . import serializers as s

MAX_BODY = 64 * 1024  # public requests are small; refuse anything bigger before parsing


class LimitedJSONParser(JSONParser):
    """JSON only, refusing bodies over ``max_bytes`` (hostile input must not cost memory)."""

    max_bytes = MAX_BODY

    def parse(self, stream, media_type=None, parser_context=None):
        request = (parser_context or {}).get("request")
        length = int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else 0
        if length > self.max_bytes:
            raise ParseError(f"The request body is larger than {self.max_bytes} bytes.")
        data = super().parse(stream, media_type, parser_context)
        if not isinstance(data, dict):
            raise ParseError("The request body must be a JSON object.")
        return data


class BulkJSONParser(LimitedJSONParser):
    max_bytes = 8 * 1024 * 1024  # 10,000 values of up to a few hundred characters


def _bad_request(errors) -> Response:
    return Response({"errors": errors}, status=status.HTTP_400_BAD_REQUEST)


class PublicAPIView(APIView):
    public = True
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [PublicCheckThrottle]
    parser_classes = [LimitedJSONParser]


class CheckView(PublicAPIView):
    """Check one value (phone, URL, domain, e-mail, IP, bank account, FPS ID, platform account, wallet)."""

    @extend_schema(
        request=s.CheckRequestSerializer,
        responses={200: s.ScamVerdictSerializer, 400: s.ScamErrorSerializer},
        auth=[],
        summary="Check one value (public, throttled)",
    )
    def post(self, request):
        # Validated by hand: this is the hot path of the public checker (hundreds of requests a second),
        # and a serializer costs more than the lookup. Same rules as CheckRequestSerializer.
        data = request.data
        value, type_ = data.get("value"), data.get("type")
        errors = {}
        if value is None:
            errors["value"] = ["This field is required."]
        elif not isinstance(value, str):
            errors["value"] = ["Not a valid string."]
        elif len(value) > services.MAX_VALUE_LENGTH:
            errors["value"] = [f"Ensure this field has no more than {services.MAX_VALUE_LENGTH} characters."]
        elif not value.strip():
            errors["value"] = ["This field may not be blank."]
        if type_ is not None and (not isinstance(type_, str) or type_ not in INDICATOR_TYPES):
            errors["type"] = [f"Unknown type; use one of {', '.join(INDICATOR_TYPES)}."]
        unknown = set(data) - {"value", "type"}
        if unknown:
            errors["non_field_errors"] = [f"Unknown fields: {', '.join(sorted(map(str, unknown)))[:200]}."]
        if errors:
            return _bad_request(errors)
        try:
            verdict = services.check(value, type_ or None)
        except services.CheckError as exc:
            return _bad_request({"value": exc.errors})
        return Response(verdict)


class AnalyzeView(PublicAPIView):
    """Analyse a message: values found (each checked), red flags with spans, scam type, four-step advice."""

    @extend_schema(
        request=s.AnalyzeRequestSerializer,
        responses={200: s.AnalyzeResponseSerializer, 400: s.ScamErrorSerializer},
        auth=[],
        summary="Analyse a message (public, throttled)",
    )
    def post(self, request):
        form = s.AnalyzeRequestSerializer(data=request.data)
        if not form.is_valid():
            return _bad_request(form.errors)
        try:
            result = services.analyze(form.validated_data["text"])
        except services.CheckError as exc:
            return _bad_request({"text": exc.errors})
        return Response(result)


class CanBulkCheck(permissions.BasePermission):
    message = "Bulk checks need a partner account with the bulk-check permission."

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm("scams.bulk_check"))


class BulkCheckView(APIView):
    """Up to 10,000 values (or HMAC-SHA256 digests under the bank's shared key) per request."""

    permission_classes = [CanBulkCheck]
    parser_classes = [BulkJSONParser]

    @extend_schema(
        request=s.BulkCheckRequestSerializer,
        responses={200: s.BulkCheckResponseSerializer, 400: s.ScamErrorSerializer},
        summary="Bulk check for partners (token)",
    )
    def post(self, request):
        form = s.BulkCheckRequestSerializer(data=request.data)
        if not form.is_valid():
            return _bad_request(form.errors)
        data = form.validated_data
        try:
            if "digests" in data:
                key = PartnerKey.objects.select_related("organisation").filter(key_id=data["key_id"]).first()
                if key is None or not key.is_active:
                    return _bad_request({"key_id": ["Unknown, expired or revoked key."]})
                if not request.user.is_superuser and key.organisation_id != request.user.partner_id:
                    raise PermissionDenied("This key belongs to another organisation.")
                results = services.check_digests(key, data["digests"])
            else:
                results = services.check_many(data["values"], data.get("type"), names=data.get("names"))
        except services.CheckError as exc:
            return _bad_request(exc.errors)
        return Response({"count": len(results), "results": results})


# --------------------------------------------------------------------------------------------------
# Staff viewsets
# --------------------------------------------------------------------------------------------------


class IndicatorViewSet(BeatbookModelViewSet):
    queryset = Indicator.objects.select_related("objective")
    serializer_class = s.ScamIndicatorSerializer
    filterset_class = filtersets.IndicatorFilterSet


class ReportViewSet(BeatbookModelViewSet):
    """Reports (staff). POST creates an officer report (scored); confirm/reject review it."""

    queryset = Report.objects.select_related("indicator", "reporter_org")
    serializer_class = s.ScamReportSerializer
    filterset_class = filtersets.ReportFilterSet
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer):
        from django.core.exceptions import ValidationError

        data = serializer.validated_data
        try:
            serializer.instance = services.create_report(
                value=data.get("value", ""),
                text=data.get("message_text", ""),
                value_type=data.get("value_type") or None,
                account_name=data.get("account_name", ""),
                description=data.get("description", ""),
                channel=Report.Channel.OFFICER,
                user=self.request.user,
            )
        except ValidationError as exc:
            raise serializers.ValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else exc.messages
            )

    def _review(self, request, pk, confirm: bool):
        if not request.user.has_perm("scams.change_report"):
            raise PermissionDenied()
        report = self.get_object()
        form = s.ScamReviewSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        with transaction.atomic():
            if confirm:
                services.confirm_report(report, request.user, form.validated_data.get("note", ""))
            else:
                services.reject_report(report, request.user, form.validated_data.get("note", ""))
        report.refresh_from_db()
        return Response(self.get_serializer(report).data)

    @extend_schema(request=s.ScamReviewSerializer, responses=s.ScamReportSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return self._review(request, pk, True)

    @extend_schema(request=s.ScamReviewSerializer, responses=s.ScamReportSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._review(request, pk, False)


class SightingViewSet(ReadOnlyBeatbookViewSet):
    queryset = Sighting.objects.select_related("indicator", "organisation")
    serializer_class = s.ScamSightingSerializer
    filterset_class = filtersets.SightingFilterSet


class AlertSubscriptionViewSet(BeatbookModelViewSet):
    queryset = AlertSubscription.objects.select_related("organisation")
    serializer_class = s.ScamAlertSubscriptionSerializer
    filterset_class = filtersets.AlertSubscriptionFilterSet
