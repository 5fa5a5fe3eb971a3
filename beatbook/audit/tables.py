import django_tables2 as tables

from .models import AuditEntry


class AuditEntryTable(tables.Table):
    seq = tables.Column(linkify=("audit:auditentry_detail", {"pk": tables.A("pk")}))

    class Meta:
        model = AuditEntry
        fields = (
            "seq",
            "timestamp",
            "username",
            "source",
            "action",
            "model",
            "object_id",
            "object_repr",
            "request_id",
        )
        attrs = {"class": "table"}
        template_name = "core/table.html"
