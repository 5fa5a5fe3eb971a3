from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from beatbook.bulletins import filtersets, services
from beatbook.bulletins.models import Acknowledgement, Bulletin, Delivery, Webhook
from beatbook.core.api.viewsets import BeatbookModelViewSet, ReadOnlyBeatbookViewSet

from . import serializers


class BulletinViewSet(BeatbookModelViewSet):
    """``POST .../{id}/submit/`` and ``.../{id}/approve/`` follow the approval rule (not your own)."""

    queryset = Bulletin.objects.select_related("objective").prefetch_related("audience_programmes")
    serializer_class = serializers.BulletinSerializer
    filterset_class = filtersets.BulletinFilterSet

    def _act(self, request, func):
        bulletin = self.get_object()
        try:
            func(bulletin, request.user)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc))
        except DjangoValidationError as exc:
            return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_400_BAD_REQUEST)
        bulletin.refresh_from_db()
        return Response(self.get_serializer(bulletin).data)

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        if not request.user.has_perm("bulletins.change_bulletin"):
            raise PermissionDenied()
        return self._act(request, services.submit)

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._act(request, services.approve)


class WebhookViewSet(BeatbookModelViewSet):
    queryset = Webhook.objects.all()
    serializer_class = serializers.WebhookSerializer
    filterset_class = filtersets.WebhookFilterSet


class DeliveryViewSet(ReadOnlyBeatbookViewSet):
    queryset = Delivery.objects.select_related("bulletin")
    serializer_class = serializers.DeliverySerializer
    filterset_class = filtersets.DeliveryFilterSet


class AcknowledgementViewSet(ReadOnlyBeatbookViewSet):
    queryset = Acknowledgement.objects.all()
    serializer_class = serializers.AcknowledgementSerializer
    filterset_class = filtersets.AcknowledgementFilterSet
