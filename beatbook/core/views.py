"""Generic, permission-aware views that every app's list/detail/edit/delete pages are made of.

Views stay thin: they name a model's queryset, filterset, table and form; the querysets come from
``Model.objects.restrict(user, action)`` so permissions, the RESTRICTED handling code and unit scope
are applied before anything is shown, counted or exported.
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django_tables2 import RequestConfig

from beatbook.audit import recorder
from beatbook.audit.models import AuditAction


def perm_name(model, action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


class PublicView:
    """Marker for views that need no sign-in (checked by the URL-walking test)."""

    public = True


class ModelPermissionMixin(LoginRequiredMixin):
    """Sign-in required, then the model permission for ``action``; querysets restricted to the user."""

    queryset = None
    action = "view"
    raise_exception = False

    @property
    def model(self):
        return self.queryset.model

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm(perm_name(self.model, self.action)):
            raise PermissionDenied(_("You do not have permission to do that."))
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return self.queryset.all().restrict(self.request.user, self.action)

    def template_for(self, suffix: str, default: str) -> list[str]:
        opts = self.model._meta
        return [f"{opts.app_label}/{opts.model_name}{suffix}.html", default]


class ObjectListView(ModelPermissionMixin, View):
    """Filterable, sortable, paginated list with CSV export (export needs the view permission, audited)."""

    filterset = None
    table = None
    title = None
    export_fields: list[str] | None = None
    extra_context: dict | None = None

    def get(self, request, *args, **kwargs):
        qs = self.get_queryset()
        filterset = self.filterset(request.GET, queryset=qs, request=request) if self.filterset else None
        if filterset is not None and not filterset.is_valid():
            qs = qs.none()
        elif filterset is not None:
            qs = filterset.qs
        if request.GET.get("export") == "csv":
            return self.export_csv(qs)
        table = self.table(qs, request=request) if self.table else None
        if table is not None:
            RequestConfig(request, paginate={"per_page": 50}).configure(table)
            recorder.record_restricted_reads(
                table.paginated_rows.data if hasattr(table, "paginated_rows") else []
            )
        context = {
            "title": self.title or self.model._meta.verbose_name_plural,
            "model": self.model,
            "opts": self.model._meta,
            "table": table,
            "filterset": filterset,
            "can_add": request.user.has_perm(perm_name(self.model, "add")) and self.has_add_view(),
            "total": qs.count(),
            **(self.extra_context or {}),
        }
        template = self.template_for("_list", "core/object_list.html")
        if request.htmx and table is not None:
            template = "core/table_fragment.html"
        return render(request, template, context)

    def has_add_view(self) -> bool:
        from django.urls import NoReverseMatch, reverse

        opts = self.model._meta
        try:
            reverse(f"{opts.app_label}:{opts.model_name}_add")
        except NoReverseMatch:
            return False
        return True

    def export_csv(self, qs):
        fields = self.export_fields or [f.name for f in self.model._meta.concrete_fields]
        recorder.record(
            AuditAction.EXPORT,
            model=self.model._meta.label_lower,
            object_repr=f"CSV export of {qs.count()} rows",
            after={"query": self.request.GET.dict()},
        )
        recorder.record_restricted_reads(qs)

        class Echo:
            def write(self, value):
                return value

        writer = csv.writer(Echo())

        def rows():
            yield writer.writerow(fields)
            for obj in qs.iterator():
                yield writer.writerow([_cell(obj, f) for f in fields])

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.model._meta.model_name}.csv"'
        return response


def _cell(obj, field: str):
    value = getattr(obj, field, "")
    return "" if value is None else str(value)


class ObjectDetailView(ModelPermissionMixin, View):
    lookup_field = "pk"
    extra_context: dict | None = None

    def get_object(self):
        lookup = self.kwargs[self.lookup_field]
        return get_object_or_404(self.get_queryset(), **{self.lookup_field: lookup})

    def get_extra_context(self, obj) -> dict:
        return dict(self.extra_context or {})

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        recorder.record_restricted_reads([obj])
        context = {"object": obj, "opts": obj._meta, **self.get_extra_context(obj)}
        context.setdefault("can_change", request.user.has_perm(perm_name(self.model, "change")))
        context.setdefault("can_delete", request.user.has_perm(perm_name(self.model, "delete")))
        return render(request, self.template_for("", "core/object_detail.html"), context)


class ObjectEditView(ModelPermissionMixin, View):
    """Create (no lookup in the URL) or update; the form sees the user for its choices."""

    form = None
    lookup_field = "pk"
    success_url_name: str | None = None

    def dispatch(self, request, *args, **kwargs):
        self.action = "change" if self.lookup_field in kwargs else "add"
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        if self.lookup_field not in self.kwargs:
            return self.model()
        qs = self.queryset.all().restrict(self.request.user, "change")
        return get_object_or_404(qs, **{self.lookup_field: self.kwargs[self.lookup_field]})

    def get_initial(self) -> dict:
        return {
            k: v for k, v in self.request.GET.items() if k in (self.form.base_fields if self.form else {})
        }

    def make_form(self, obj, data=None, files=None):
        return self.form(data, files, instance=obj, initial=self.get_initial(), user=self.request.user)

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        return self.render_form(self.make_form(obj), obj)

    def render_form(self, form, obj):
        context = {"form": form, "object": obj, "opts": self.model._meta, "is_new": obj.pk is None}
        return render(self.request, self.template_for("_edit", "core/object_edit.html"), context)

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        form = self.make_form(obj, request.POST, request.FILES)
        if not form.is_valid():
            return self.render_form(form, obj)
        obj = form.save(commit=False)
        for field in ("recorded_by", "author", "created_by"):
            if hasattr(obj, field + "_id") and getattr(obj, field + "_id") is None:
                setattr(obj, field, request.user)
        obj.save()
        form.save_m2m()
        messages.success(request, _("Saved %(obj)s.") % {"obj": obj})
        return redirect(obj.get_absolute_url() or "/")


class ObjectDeleteView(ModelPermissionMixin, View):
    action = "delete"
    lookup_field = "pk"

    def get_object(self):
        return get_object_or_404(self.get_queryset(), **{self.lookup_field: self.kwargs[self.lookup_field]})

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        return render(request, "core/object_delete.html", {"object": obj, "opts": obj._meta})

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        try:
            obj.delete()
        except ProtectedError:
            messages.error(
                request, _("%(obj)s is still used by other records and cannot be deleted.") % {"obj": obj}
            )
            return redirect(obj.get_absolute_url() or "/")
        messages.success(request, _("Deleted %(obj)s.") % {"obj": obj})
        return redirect("core:home")


def home(request):
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    from django.urls import NoReverseMatch, reverse

    if request.user.partner_id:
        try:
            return redirect(reverse("scams:portal"))
        except NoReverseMatch:
            pass
    return redirect("plan:dashboard")


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


healthz.public = True
