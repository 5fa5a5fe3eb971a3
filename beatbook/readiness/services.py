"""Turn HKO warning changes (and hand-entered announcements) into plan activations, checklists,
notifications, stand-downs and after-action records.

``ingest(warnings)`` compares the warnings in force here with a parsed warnsum snapshot through
:func:`beatbook.readiness.warnsum.diff_state`: ISSUE activates the plans whose triggers match the code;
REISSUE/EXTEND/UPDATE refresh the warning without a second activation; CANCEL (or absence from a full
snapshot) stands the plans down and opens an after-action record. When a code is replaced (TC3 -> TC8SE),
a plan that matches both keeps its activation (moved to the new warning); the others are stood down.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .models import (
    Activation,
    AfterActionRecord,
    ChecklistTask,
    ContingencyPlan,
    Notification,
    WarningState,
)
from .warnsum import HKOWarning, diff_state, warning_codes


@dataclass
class IngestReport:
    issued: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    refreshed: list[str] = field(default_factory=list)
    activated: list[str] = field(default_factory=list)
    stood_down: list[str] = field(default_factory=list)
    carried_over: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def active_hko() -> dict[str, WarningState]:
    return {
        w.warning_type: w for w in WarningState.objects.filter(active=True, source=WarningState.Source.HKO)
    }


@transaction.atomic
def ingest(warnings: list[HKOWarning], *, full_snapshot: bool = True) -> IngestReport:
    """Apply a parsed warnsum snapshot (see the module docstring); idempotent for a repeated snapshot."""
    report = IngestReport()
    current = active_hko()
    last_update = {t: w.update_time for t, w in current.items() if w.update_time}
    changes = diff_state(
        {t: w.code for t, w in current.items()},
        warnings,
        full_snapshot=full_snapshot,
        last_update=last_update,
    )
    pending_cancel: dict[str, WarningState] = {}
    for change in changes:
        if change.kind == "cancel":
            state = current.get(change.warning_type)
            if state is None or state.code != change.code:
                continue
            state.active = False
            state.ended_at = timezone.now()
            if change.warning is not None:
                state.action_code = change.warning.action_code
            state.save()
            report.cancelled.append(state.code)
            pending_cancel[change.warning_type] = state
        elif change.kind == "issue":
            state = _new_state(change.warning)
            report.issued.append(state.code)
            replaced = pending_cancel.pop(change.warning_type, None)
            carried: set[int] = set()
            if replaced is not None:
                carried = _carry_over(replaced, state, report)
                _stand_down(replaced, report)
            _activate(state, report, skip_plans=carried)
        else:  # reissue / extend / update: refresh, never a second activation
            state = current[change.warning_type]
            w = change.warning
            state.action_code, state.update_time, state.expire_time = (
                w.action_code,
                w.update_time,
                w.expire_time,
            )
            state.save()
            report.refreshed.append(f"{state.code} {w.action_code}")
    for state in pending_cancel.values():
        _stand_down(state, report)
    return report


def _new_state(w: HKOWarning) -> WarningState:
    return WarningState.objects.create(
        source=WarningState.Source.HKO,
        warning_type=w.warning_type,
        code=w.code,
        name_en=w.name_en or w.name,
        name_zh=w.name_zh or "",
        action_code=w.action_code,
        issue_time=w.issue_time,
        update_time=w.update_time,
        expire_time=w.expire_time,
        active=True,
    )


def issue_manual(
    code: str, name_en: str, name_zh: str = "", note: str = "", user=None
) -> tuple[WarningState, IngestReport]:
    """An announcement entered by hand (e.g. EXTREME = "extreme conditions"): activates matching plans."""
    report = IngestReport()
    with transaction.atomic():
        state = WarningState.objects.create(
            source=WarningState.Source.MANUAL,
            warning_type="MANUAL",
            code=code.upper(),
            name_en=name_en,
            name_zh=name_zh,
            note=note,
            action_code="ISSUE",
            issue_time=timezone.now(),
            recorded_by=user,
        )
        report.issued.append(state.code)
        _activate(state, report)
    return state, report


def cancel_state(state: WarningState) -> IngestReport:
    """End a warning or announcement by hand and stand down the plans it activated."""
    report = IngestReport()
    with transaction.atomic():
        state.active = False
        state.ended_at = timezone.now()
        state.action_code = "CANCEL"
        state.save()
        report.cancelled.append(state.code)
        _stand_down(state, report)
    return report


def _activate(state: WarningState, report: IngestReport, skip_plans: set[int] = frozenset()) -> None:
    for plan in ContingencyPlan.objects.filter(enabled=True).prefetch_related("items"):
        if plan.pk in skip_plans or not plan.matches(state.code):
            continue
        existing = Activation.objects.filter(plan=plan, status=Activation.Status.ACTIVE).first()
        if existing is not None:
            # Already in effect through another trigger: note it, no duplicate checklist.
            existing.log += f"\n{timezone.now():%Y-%m-%d %H:%M} also triggered by {state.code}"
            existing.save()
            continue
        activation = Activation.objects.create(
            plan=plan,
            warning=state,
            trigger_code=state.code,
            handling_code=plan.handling_code,
            is_synthetic=plan.is_synthetic,
            log=f"{timezone.now():%Y-%m-%d %H:%M} activated by {state.code}",
        )
        for item in plan.items.all():
            ChecklistTask.objects.create(
                activation=activation,
                item=item,
                order=item.order,
                text=item.text,
                role=item.role,
                handling_code=plan.handling_code,
                is_synthetic=plan.is_synthetic,
            )
        report.activated.append(plan.code)
        notify(activation, f"{plan.code} activated: {state}")


def _carry_over(old: WarningState, new: WarningState, report: IngestReport) -> set[int]:
    """Move activations of plans matching both codes to the new warning; returns those plans' ids."""
    carried = set()
    for activation in Activation.objects.filter(warning=old, status=Activation.Status.ACTIVE).select_related(
        "plan"
    ):
        if activation.plan.matches(new.code):
            activation.warning = new
            activation.trigger_code = new.code
            activation.log += f"\n{timezone.now():%Y-%m-%d %H:%M} {old.code} replaced by {new.code}"
            activation.save()
            carried.add(activation.plan_id)
            report.carried_over.append(activation.plan.code)
    return carried


def _stand_down(state: WarningState, report: IngestReport) -> None:
    for activation in Activation.objects.filter(
        warning=state, status=Activation.Status.ACTIVE
    ).select_related("plan"):
        # Another warning still in force may also match this plan: keep the plan active under it.
        other = next(
            (
                w
                for w in WarningState.objects.filter(active=True).exclude(pk=state.pk)
                if activation.plan.matches(w.code)
            ),
            None,
        )
        if other is not None:
            activation.warning, activation.trigger_code = other, other.code
            activation.log += (
                f"\n{timezone.now():%Y-%m-%d %H:%M} {state.code} ended; still in effect under {other.code}"
            )
            activation.save()
            continue
        activation.status = Activation.Status.STOOD_DOWN
        activation.stood_down_at = timezone.now()
        activation.log += f"\n{activation.stood_down_at:%Y-%m-%d %H:%M} stood down ({state.code} ended)"
        activation.save()
        AfterActionRecord.objects.get_or_create(
            activation=activation,
            defaults={"handling_code": activation.handling_code, "is_synthetic": activation.is_synthetic},
        )
        report.stood_down.append(activation.plan.code)
        notify(activation, f"{activation.plan.code} stood down: {state.code} ended")


def notify(activation: Activation, message: str) -> int:
    """In-app notices to every active user in the plan's roles; e-mail them via a task after commit."""
    users = list(
        get_user_model().objects.filter(groups__name__in=activation.plan.role_list, is_active=True).distinct()
    )
    Notification.objects.bulk_create(
        [Notification(user=u, activation=activation, message=message[:300]) for u in users]
    )
    emails = sorted({u.email for u in users if u.email})
    if emails:
        from .tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email(message[:300], emails))
    return len(users)


def status() -> dict[str, list[str]]:
    """``{"active_warnings": [...codes], "activated_plans": [...plan codes]}`` (sorted)."""
    return {
        "active_warnings": sorted(WarningState.objects.filter(active=True).values_list("code", flat=True)),
        "activated_plans": sorted(
            set(
                Activation.objects.filter(status=Activation.Status.ACTIVE).values_list(
                    "plan__code", flat=True
                )
            )
        ),
    }


def known_codes() -> dict[str, Any]:
    return warning_codes()
