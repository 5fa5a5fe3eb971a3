"""Readiness pages: dashboard (warnings in force, activations and checklists, upload, announcements),
plans, activations, after-action records, the major incident log, exercises and findings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beatbook.audit import recorder
from beatbook.audit.models import AuditAction
from beatbook.core import views as generic

from . import filtersets, forms, tables
from .models import (
    Activation,
    AfterActionRecord,
    ChecklistItem,
    ChecklistTask,
    ContingencyPlan,
    Exercise,
    Finding,
    IncidentEntry,
    MajorIncident,
    Notification,
    WarningState,
)
from .services import cancel_state, ingest, issue_manual
from .warnsum import WarnsumError, parse_warnsum


def _dashboard_context(request, upload_form=None, announce_form=None) -> dict:
    user = request.user
    activations = (
        Activation.objects.restrict(user, "view")
        .filter(status=Activation.Status.ACTIVE)
        .select_related("plan", "warning")
        .prefetch_related("tasks")
    )
    tasks_visible = user.has_perm("readiness.view_checklisttask")
    recorder.record_restricted_reads(activations)
    return {
        "title": _("Readiness"),
        "warnings": WarningState.objects.restrict(user, "view").filter(active=True),
        "activations": [
            {
                "activation": a,
                "tasks": list(a.tasks.visible_to(user)) if tasks_visible else [],
                "progress": a.progress,
            }
            for a in activations
        ],
        "recent": Activation.objects.restrict(user, "view")
        .filter(status=Activation.Status.STOOD_DOWN)
        .select_related("plan")[:5],
        "notifications": Notification.objects.filter(user=user, read_at__isnull=True)[:10],
        "can_ingest": user.has_perm("readiness.add_warningstate"),
        "can_complete": user.has_perm("readiness.change_checklisttask"),
        "upload_form": upload_form or forms.WarnsumUploadForm(),
        "announce_form": announce_form or forms.AnnouncementForm(),
    }


@login_required
def dashboard(request):
    if not request.user.has_perm("readiness.view_activation"):
        raise PermissionDenied
    return render(request, "readiness/dashboard.html", _dashboard_context(request))


def _report_message(report) -> str:
    parts = []
    if report.issued:
        parts.append(_("issued: %s") % ", ".join(report.issued))
    if report.cancelled:
        parts.append(_("cancelled: %s") % ", ".join(report.cancelled))
    if report.refreshed:
        parts.append(_("refreshed: %s") % ", ".join(report.refreshed))
    if report.activated:
        parts.append(_("plans activated: %s") % ", ".join(report.activated))
    if report.carried_over:
        parts.append(_("plans carried over: %s") % ", ".join(report.carried_over))
    if report.stood_down:
        parts.append(_("plans stood down: %s") % ", ".join(report.stood_down))
    return "; ".join(parts) or _("No change: the warnings in the file are already in effect.")


@login_required
@require_POST
def upload_warnings(request):
    """Ingest an uploaded warnsum file: hostile input (size, JSON, fields) is refused with a clear error."""
    if not request.user.has_perm("readiness.add_warningstate"):
        raise PermissionDenied
    form = forms.WarnsumUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            warnings = parse_warnsum(form.cleaned_data["file"])
        except WarnsumError as exc:
            form.add_error("file", _("This is not a valid HKO warnsum file: %(error)s") % {"error": exc})
        else:
            report = ingest(warnings, full_snapshot=not form.cleaned_data["partial"])
            recorder.record(
                AuditAction.IMPORT,
                model="readiness.warningstate",
                object_repr=f"warnsum upload {request.FILES['file'].name[:100]}",
                after=report.as_dict(),
            )
            messages.success(request, _report_message(report))
            return redirect("readiness:dashboard")
    if not request.user.has_perm("readiness.view_activation"):
        return render(request, "readiness/upload_error.html", {"upload_form": form}, status=400)
    return render(
        request, "readiness/dashboard.html", _dashboard_context(request, upload_form=form), status=400
    )


@login_required
@require_POST
def announce(request):
    """Enter an announcement by hand (e.g. extreme conditions): activates the plans it triggers."""
    if not request.user.has_perm("readiness.add_warningstate"):
        raise PermissionDenied
    form = forms.AnnouncementForm(request.POST)
    if not form.is_valid():
        return render(
            request, "readiness/dashboard.html", _dashboard_context(request, announce_form=form), status=400
        )
    _state, report = issue_manual(user=request.user, **form.cleaned_data)
    messages.success(request, _report_message(report))
    return redirect("readiness:dashboard")


@login_required
@require_POST
def cancel_warning(request, pk):
    if not request.user.has_perm("readiness.change_warningstate"):
        raise PermissionDenied
    state = get_object_or_404(
        WarningState.objects.restrict(request.user, "change").filter(active=True), pk=pk
    )
    messages.success(request, _report_message(cancel_state(state)))
    return redirect("readiness:dashboard")


cancel_warning.model = WarningState


@login_required
@require_POST
def complete_task(request, pk):
    """Tick a checklist task done (or undo it with ``undo=1``)."""
    if not request.user.has_perm("readiness.change_checklisttask"):
        raise PermissionDenied
    task = get_object_or_404(
        ChecklistTask.objects.restrict(request.user, "change").select_related("activation"), pk=pk
    )
    undo = request.POST.get("undo") == "1"
    task.done = not undo
    task.done_at = None if undo else timezone.now()
    task.done_by = None if undo else request.user
    task.save()
    next_url = request.POST.get("next", "")
    if not next_url.startswith("/readiness/") or "//" in next_url:
        next_url = task.activation.get_absolute_url()
    if request.htmx:
        return render(
            request, "readiness/_task.html", {"task": task, "can_complete": True, "next_url": next_url}
        )
    return redirect(next_url)


complete_task.model = ChecklistTask


@login_required
def notifications(request):
    """The signed-in user's own notices; POST marks them read."""
    qs = Notification.objects.filter(user=request.user)
    if request.method == "POST":
        qs.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("readiness:notifications")
    return render(request, "readiness/notifications.html", {"title": _("Notifications"), "notices": qs[:100]})


# --- generic pages ------------------------------------------------------------------------------------


class ContingencyPlanListView(generic.ObjectListView):
    queryset = ContingencyPlan.objects.all()
    filterset = filtersets.ContingencyPlanFilterSet
    table = tables.ContingencyPlanTable


class ContingencyPlanDetailView(generic.ObjectDetailView):
    queryset = ContingencyPlan.objects.select_related("objective")

    def get_extra_context(self, obj):
        user = self.request.user
        return {
            "items": ChecklistItem.objects.restrict(user, "view").filter(plan=obj),
            "activations": Activation.objects.restrict(user, "view").filter(plan=obj)[:20],
            "can_add_item": user.has_perm("readiness.add_checklistitem"),
        }


class ContingencyPlanEditView(generic.ObjectEditView):
    queryset = ContingencyPlan.objects.all()
    form = forms.ContingencyPlanForm


class ContingencyPlanDeleteView(generic.ObjectDeleteView):
    queryset = ContingencyPlan.objects.all()


class ChecklistItemListView(generic.ObjectListView):
    queryset = ChecklistItem.objects.select_related("plan")
    filterset = filtersets.ChecklistItemFilterSet
    table = tables.ChecklistItemTable


class ChecklistItemEditView(generic.ObjectEditView):
    queryset = ChecklistItem.objects.all()
    form = forms.ChecklistItemForm


class ChecklistItemDeleteView(generic.ObjectDeleteView):
    queryset = ChecklistItem.objects.all()


class WarningStateListView(generic.ObjectListView):
    queryset = WarningState.objects.all()
    filterset = filtersets.WarningStateFilterSet
    table = tables.WarningStateTable


class WarningStateDetailView(generic.ObjectDetailView):
    queryset = WarningState.objects.all()

    def get_extra_context(self, obj):
        return {
            "activations": Activation.objects.restrict(self.request.user, "view").filter(warning=obj),
            "can_cancel": obj.active and self.request.user.has_perm("readiness.change_warningstate"),
        }


class ActivationListView(generic.ObjectListView):
    queryset = Activation.objects.select_related("plan")
    filterset = filtersets.ActivationFilterSet
    table = tables.ActivationTable


class ActivationDetailView(generic.ObjectDetailView):
    queryset = Activation.objects.select_related("plan", "warning")

    def get_extra_context(self, obj):
        user = self.request.user
        return {
            "tasks": ChecklistTask.objects.restrict(user, "view")
            .filter(activation=obj)
            .select_related("done_by"),
            "aar": AfterActionRecord.objects.restrict(user, "view").filter(activation=obj).first(),
            "can_complete": user.has_perm("readiness.change_checklisttask"),
        }


class ChecklistTaskListView(generic.ObjectListView):
    queryset = ChecklistTask.objects.select_related("activation__plan", "done_by")
    filterset = filtersets.ChecklistTaskFilterSet
    table = tables.ChecklistTaskTable


class AfterActionRecordListView(generic.ObjectListView):
    queryset = AfterActionRecord.objects.select_related("activation__plan")
    filterset = filtersets.AfterActionRecordFilterSet
    table = tables.AfterActionRecordTable


class AfterActionRecordDetailView(generic.ObjectDetailView):
    queryset = AfterActionRecord.objects.select_related("activation__plan")


class AfterActionRecordEditView(generic.ObjectEditView):
    queryset = AfterActionRecord.objects.all()
    form = forms.AfterActionRecordForm


class MajorIncidentListView(generic.ObjectListView):
    queryset = MajorIncident.objects.all()
    filterset = filtersets.MajorIncidentFilterSet
    table = tables.MajorIncidentTable


class MajorIncidentDetailView(generic.ObjectDetailView):
    queryset = MajorIncident.objects.select_related("objective")

    def get_extra_context(self, obj):
        user = self.request.user
        entries = IncidentEntry.objects.restrict(user, "view").filter(incident=obj)
        return {
            "timeline": [e for e in entries if e.kind == IncidentEntry.Kind.TIMELINE],
            "tasks": [e for e in entries if e.kind == IncidentEntry.Kind.TASK],
            "can_add_entry": user.has_perm("readiness.add_incidententry"),
        }


class MajorIncidentEditView(generic.ObjectEditView):
    queryset = MajorIncident.objects.all()
    form = forms.MajorIncidentForm


class IncidentEntryListView(generic.ObjectListView):
    queryset = IncidentEntry.objects.select_related("incident")
    filterset = filtersets.IncidentEntryFilterSet
    table = tables.IncidentEntryTable


class IncidentEntryDetailView(generic.ObjectDetailView):
    queryset = IncidentEntry.objects.select_related("incident")


class IncidentEntryEditView(generic.ObjectEditView):
    queryset = IncidentEntry.objects.all()
    form = forms.IncidentEntryForm


class ExerciseListView(generic.ObjectListView):
    queryset = Exercise.objects.select_related("objective")
    filterset = filtersets.ExerciseFilterSet
    table = tables.ExerciseTable


class ExerciseDetailView(generic.ObjectDetailView):
    queryset = Exercise.objects.select_related("objective")

    def get_extra_context(self, obj):
        user = self.request.user
        return {
            "findings": Finding.objects.restrict(user, "view").filter(exercise=obj).select_related("owner"),
            "can_add_finding": user.has_perm("readiness.add_finding"),
        }


class ExerciseEditView(generic.ObjectEditView):
    queryset = Exercise.objects.all()
    form = forms.ExerciseForm


class FindingListView(generic.ObjectListView):
    queryset = Finding.objects.select_related("exercise", "owner")
    filterset = filtersets.FindingFilterSet
    table = tables.FindingTable


class FindingDetailView(generic.ObjectDetailView):
    queryset = Finding.objects.select_related("exercise", "owner")


class FindingEditView(generic.ObjectEditView):
    queryset = Finding.objects.all()
    form = forms.FindingForm
