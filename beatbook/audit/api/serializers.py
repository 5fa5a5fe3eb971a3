from rest_framework import serializers

from beatbook.audit.models import AuditEntry


class AuditEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "seq",
            "timestamp",
            "user",
            "username",
            "source",
            "request_id",
            "action",
            "model",
            "object_id",
            "object_repr",
            "before",
            "after",
            "prev_hash",
            "hash",
        ]
