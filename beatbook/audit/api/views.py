from rest_framework import viewsets

from beatbook.audit.filtersets import AuditEntryFilterSet
from beatbook.audit.models import AuditEntry

from .serializers import AuditEntrySerializer


class AuditEntryViewSet(viewsets.ReadOnlyModelViewSet):
    """The audit log, read-only; needs audit.view_auditentry."""

    queryset = AuditEntry.objects.all()
    serializer_class = AuditEntrySerializer
    filterset_class = AuditEntryFilterSet

    def get_queryset(self):
        return AuditEntry.objects.visible_to(self.request.user)
