"""Makers of readiness records for tests (and RESTRICTED instances for the URL-walking test)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from beatbook.core.models import HandlingCode
from beatbook.readiness.models import (
    Activation,
    AfterActionRecord,
    ChecklistItem,
    ChecklistTask,
    ContingencyPlan,
    Exercise,
    Finding,
    IncidentEntry,
    MajorIncident,
    WarningState,
)

from .factories import make_objective, restricted_factory, unique


def make_plan(triggers: str = "TC8*", items: tuple[str, ...] = (), **extra) -> ContingencyPlan:
    code = extra.pop("code", unique("plan-"))
    defaults = {"title_zh": f"應變計劃 {code}", "title_en": f"Plan {code}", "triggers": triggers}
    defaults.update(extra)
    plan = ContingencyPlan.objects.create(code=code, **defaults)
    for i, text in enumerate(items, 1):
        ChecklistItem.objects.create(plan=plan, order=i, text=text, handling_code=plan.handling_code)
    return plan


def make_item(plan=None, **extra) -> ChecklistItem:
    plan = plan or make_plan(handling_code=extra.get("handling_code", HandlingCode.NORMAL))
    return ChecklistItem.objects.create(plan=plan, text=extra.pop("text", unique("Check ")), **extra)


def make_warning(**extra) -> WarningState:
    defaults = {
        "warning_type": "WRAIN",
        "code": unique("WRAIN"),
        "name_en": unique("Rainstorm "),
        "action_code": "ISSUE",
        "issue_time": timezone.now(),
    }
    defaults.update(extra)
    return WarningState.objects.create(**defaults)


def make_activation(plan=None, **extra) -> Activation:
    plan = plan or make_plan(handling_code=extra.get("handling_code", HandlingCode.NORMAL))
    return Activation.objects.create(
        plan=plan, trigger_code=extra.pop("trigger_code", unique("TC8X")), **extra
    )


def make_task(activation=None, **extra) -> ChecklistTask:
    activation = activation or make_activation(handling_code=extra.get("handling_code", HandlingCode.NORMAL))
    return ChecklistTask.objects.create(
        activation=activation, text=extra.pop("text", unique("Task ")), **extra
    )


def make_aar(activation=None, **extra) -> AfterActionRecord:
    activation = activation or make_activation(handling_code=extra.get("handling_code", HandlingCode.NORMAL))
    return AfterActionRecord.objects.create(
        activation=activation, summary=extra.pop("summary", unique("AAR ")), **extra
    )


def make_incident(**extra) -> MajorIncident:
    defaults = {
        "title": unique("Building collapse "),
        "occurred_at": timezone.now() - dt.timedelta(days=3),
        "location": "Shanghai Street",
    }
    defaults.update(extra)
    objective = defaults.pop("objective", None) or make_objective(code=unique("AP-SAFETY-MAJOR-T"))
    return MajorIncident.objects.create(objective=objective, **defaults)


def make_entry(incident=None, **extra) -> IncidentEntry:
    incident = incident or make_incident(handling_code=extra.get("handling_code", HandlingCode.NORMAL))
    defaults = {"at": incident.occurred_at, "text": unique("Cordon set ")}
    defaults.update(extra)
    return IncidentEntry.objects.create(incident=incident, **defaults)


def make_exercise(**extra) -> Exercise:
    defaults = {"title": unique("Exercise "), "kind": "major_incident", "planned_date": dt.date(2024, 4, 1)}
    defaults.update(extra)
    objective = defaults.pop("objective", None) or make_objective(code=unique("AP-SAFETY-MAJOR-X"))
    return Exercise.objects.create(objective=objective, **defaults)


def make_finding(exercise=None, **extra) -> Finding:
    exercise = exercise or make_exercise(handling_code=extra.get("handling_code", HandlingCode.NORMAL))
    defaults = {"finding": unique("Radio gap "), "action": "Issue spare radios"}
    defaults.update(extra)
    return Finding.objects.create(exercise=exercise, **defaults)


for _model, _maker in (
    (ContingencyPlan, make_plan),
    (ChecklistItem, make_item),
    (WarningState, make_warning),
    (Activation, make_activation),
    (ChecklistTask, make_task),
    (AfterActionRecord, make_aar),
    (MajorIncident, make_incident),
    (IncidentEntry, make_entry),
    (Exercise, make_exercise),
    (Finding, make_finding),
):
    restricted_factory(_model)(lambda maker=_maker: maker(handling_code=HandlingCode.RESTRICTED))
