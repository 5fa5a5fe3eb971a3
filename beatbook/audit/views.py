"""Auditors browse, verify and export the log (need-to-know: audit permissions only)."""

import csv
import json

from django.contrib.auth.decorators import login_required, permission_required
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django_tables2 import RequestConfig

from . import recorder
from .filtersets import AuditEntryFilterSet
from .models import AuditAction, AuditEntry
from .tables import AuditEntryTable
from .verify import verify_chain

EXPORT_FIELDS = [
    "seq",
    "timestamp",
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


@login_required
@permission_required("audit.view_auditentry", raise_exception=True)
def entry_list(request):
    filterset = AuditEntryFilterSet(request.GET, queryset=AuditEntry.objects.visible_to(request.user))
    qs = filterset.qs if filterset.is_valid() else AuditEntry.objects.none()
    if request.GET.get("export") == "csv":
        return export(request, qs)
    table = AuditEntryTable(qs)
    RequestConfig(request, paginate={"per_page": 100}).configure(table)
    verification = verify_chain() if request.GET.get("verify") else None
    return render(
        request,
        "audit/auditentry_list.html",
        {
            "table": table,
            "filterset": filterset,
            "total": qs.count(),
            "verification": verification,
            "title": AuditEntry._meta.verbose_name_plural,
            "can_export": request.user.has_perm("audit.export_auditentry"),
        },
    )


@login_required
@permission_required("audit.view_auditentry", raise_exception=True)
def entry_detail(request, pk):
    """One entry with its before/after values and hashes."""
    entry = get_object_or_404(AuditEntry.objects.visible_to(request.user), pk=pk)
    return render(
        request,
        "audit/auditentry_detail.html",
        {
            "object": entry,
            "before": json.dumps(entry.before, ensure_ascii=False, indent=2, default=str),
            "after": json.dumps(entry.after, ensure_ascii=False, indent=2, default=str),
        },
    )


@permission_required("audit.export_auditentry", raise_exception=True)
def export(request, qs):
    recorder.record(
        AuditAction.EXPORT,
        model="audit.auditentry",
        object_repr=f"audit export, {qs.count()} entries",
        after={"query": request.GET.dict()},
    )

    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo())

    def rows():
        yield writer.writerow(EXPORT_FIELDS)
        for e in qs.order_by("seq").iterator():
            yield writer.writerow(
                [
                    json.dumps(getattr(e, f), ensure_ascii=False, default=str)
                    if f in {"before", "after"}
                    else getattr(e, f)
                    for f in EXPORT_FIELDS
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response


entry_detail.model = AuditEntry
