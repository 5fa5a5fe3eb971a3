"""Incident pages: list/detail/edit, categories, import batches and the CSV import (upload, preview, run)."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from beatbook.core import views as generic
from beatbook.core.context import acting_as

from . import filtersets, forms, tables
from .importer import ImportRefused, count_rows, guess_preset, iter_import, mapping_for, preview
from .models import Category, ImportBatch, Incident

TOKEN = re.compile(r"^[0-9a-f]{32}$")


class IncidentListView(generic.ObjectListView):
    queryset = Incident.objects.select_related("category")
    filterset = filtersets.IncidentFilterSet
    table = tables.IncidentTable
    export_fields = [
        "id",
        "reference",
        "source",
        "category",
        "occurred_from",
        "occurred_to",
        "lat",
        "lon",
        "x",
        "y",
        "epsg",
        "dcca",
        "premises",
        "handling_code",
        "is_synthetic",
    ]
    extra_context = {"import_url_name": "incidents:import_upload"}


class IncidentDetailView(generic.ObjectDetailView):
    queryset = Incident.objects.select_related("category", "batch")

    def get_extra_context(self, obj):
        # Remote tiles only when configured (see docs/hotspots.md); otherwise a plain background.
        return {
            "tiles": {"url": settings.BEATBOOK_TILE_URL, "attribution": settings.BEATBOOK_TILE_ATTRIBUTION}
        }


class IncidentEditView(generic.ObjectEditView):
    queryset = Incident.objects.all()
    form = forms.IncidentForm


class IncidentDeleteView(generic.ObjectDeleteView):
    queryset = Incident.objects.all()


class CategoryListView(generic.ObjectListView):
    queryset = Category.objects.select_related("objective")
    filterset = filtersets.CategoryFilterSet
    table = tables.CategoryTable


class CategoryDetailView(generic.ObjectDetailView):
    queryset = Category.objects.select_related("objective")


class CategoryEditView(generic.ObjectEditView):
    queryset = Category.objects.all()
    form = forms.CategoryForm


class ImportBatchListView(generic.ObjectListView):
    queryset = ImportBatch.objects.select_related("imported_by")
    filterset = filtersets.ImportBatchFilterSet
    table = tables.ImportBatchTable


class ImportBatchDetailView(generic.ObjectDetailView):
    queryset = ImportBatch.objects.select_related("imported_by")

    def get_extra_context(self, obj):
        return {"shown_errors": obj.errors[:1000]}


def _upload_dir() -> Path:
    # Outside MEDIA_ROOT: pending uploads are never served by a web server.
    path = Path(settings.DATA_DIR) / "incident-imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _require_import(request) -> None:
    if not request.user.has_perm("incidents.add_incident"):
        raise PermissionDenied(_("You do not have permission to import incidents."))


@login_required
def import_upload(request):
    """Step 1: upload a CSV (kept in a private temporary file named by an unguessable token)."""
    _require_import(request)
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        previous = (request.session.get("incident_import") or {}).get("token", "")
        if TOKEN.match(previous):
            (_upload_dir() / f"{previous}.csv").unlink(missing_ok=True)
        token = uuid.uuid4().hex
        with open(_upload_dir() / f"{token}.csv", "wb") as out:
            for part in form.cleaned_data["file"].chunks():
                out.write(part)
        request.session["incident_import"] = {
            "token": token,
            "filename": form.cleaned_data["file"].name[:200],
            "preset": form.cleaned_data.get("preset") or "",
        }
        return redirect("incidents:import_preview")
    return render(request, "incidents/import_upload.html", {"form": form, "title": _("Import incidents")})


@login_required
def import_preview(request):
    """Step 2: the first rows and the proposed column mapping; posting it runs the import."""
    _require_import(request)
    pending = request.session.get("incident_import") or {}
    token = pending.get("token", "")
    path = _upload_dir() / f"{token}.csv"
    if not TOKEN.match(token) or not path.exists():
        messages.error(request, _("Upload a file first."))
        return redirect("incidents:import_upload")
    header, rows = preview(path)
    preset = pending.get("preset") or guess_preset(header)
    base = mapping_for(preset)
    initial = base.as_dict()
    form = forms.MappingForm(request.POST or None, header=header, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        # The session is saved before a streamed body runs: forget the pending upload now.
        request.session.pop("incident_import", None)
        stream = _stream_import(request, path, form.mapping(base), pending.get("filename", ""), preset)
        return StreamingHttpResponse(stream, content_type="text/html; charset=utf-8")
    return render(
        request,
        "incidents/import_preview.html",
        {
            "form": form,
            "header": header,
            "rows": rows,
            "preset": preset,
            "filename": pending.get("filename", ""),
            "title": _("Check the column mapping"),
        },
    )


def _stream_import(request, path: Path, mapping, filename: str, preset: str):
    """The import page as a stream: a progress bar that fills chunk by chunk, then on to the batch page.

    Runs as the response body is sent, after the middleware returned, so it sets the audit actor itself.
    """
    total = max(count_rows(path), 1)
    user = request.user
    yield render_to_string("incidents/import_progress.html", {"total": total, "filename": filename}, request)
    done = 0
    batch = None
    try:
        with acting_as(user, source="web", request_id=uuid.uuid4().hex):
            steps = iter_import(path, mapping, user=user, filename=filename, preset=preset)
            while True:
                try:
                    rows = next(steps)
                except StopIteration as finished:
                    batch = finished.value.batch
                    break
                done = min(done + rows, total)
                yield f"<script>step({done});</script>\n"
    except ImportRefused as exc:
        batch = exc.batch
        yield "<script>refused();</script>\n"
    finally:
        path.unlink(missing_ok=True)
    url = batch.get_absolute_url() if batch is not None else reverse("incidents:import_upload")
    yield f'<p><a href="{escape(url)}">{escape(_("Show the result"))}</a></p>'
    yield f"<script>location.href = {json.dumps(url)};</script></main></body></html>"


@login_required
def batch_errors_csv(request, pk):
    """Every stored bad row of a refused import, as CSV (line, reason)."""
    batch = get_object_or_404(ImportBatch.objects.restrict(request.user, "view"), pk=pk)
    lines = ["line,reason"] + [
        f'{line},"{str(reason).replace(chr(34), chr(39))}"' for line, reason in batch.errors
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{batch.pk}-errors.csv"'
    return response


batch_errors_csv.model = ImportBatch
