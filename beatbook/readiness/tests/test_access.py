"""Access/audit for every readiness model with pages/API; the upload page; indicators."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from beatbook.plan.computations import compute
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
    Notification,
    WarningState,
)
from beatbook.testing import factories as f
from beatbook.testing import factories_readiness as fr
from beatbook.testing.generic import ModelAccessTestCase, grant, signed_in


def _case(model_, maker, list_name, detail_name, api_basename, marker, change_field, change_value):
    attrs = {
        "model": model_,
        "list_url": f"readiness:{list_name}" if list_name else None,
        "detail_url": f"readiness:{detail_name}" if detail_name else None,
        "api_list_url": f"readiness-api:{api_basename}-list",
        "api_detail_url": f"readiness-api:{api_basename}-detail",
        "marker_field": marker,
        "make": lambda self, **extra: maker(**extra),
        "change": lambda self, obj: (setattr(obj, change_field, change_value), obj.save()),
    }
    return type(f"Test{model_.__name__}Access", (ModelAccessTestCase,), attrs)


TestContingencyPlanAccess = _case(
    ContingencyPlan,
    fr.make_plan,
    "contingencyplan_list",
    "contingencyplan_detail",
    "contingencyplan",
    "code",
    "triggers",
    "WRAINB",
)
TestChecklistItemAccess = _case(
    ChecklistItem, fr.make_item, "checklistitem_list", None, "checklistitem", "text", "text", "Changed"
)
TestWarningStateAccess = _case(
    WarningState,
    fr.make_warning,
    "warningstate_list",
    "warningstate_detail",
    "warningstate",
    "name_en",
    "note",
    "changed",
)
TestActivationAccess = _case(
    Activation,
    fr.make_activation,
    "activation_list",
    "activation_detail",
    "activation",
    "trigger_code",
    "log",
    "changed",
)
TestChecklistTaskAccess = _case(
    ChecklistTask, fr.make_task, "checklisttask_list", None, "checklisttask", "text", "done", True
)
TestAfterActionRecordAccess = _case(
    AfterActionRecord,
    fr.make_aar,
    "afteractionrecord_list",
    "afteractionrecord_detail",
    "afteractionrecord",
    "summary",
    "lessons",
    "Changed",
)
TestMajorIncidentAccess = _case(
    MajorIncident,
    fr.make_incident,
    "majorincident_list",
    "majorincident_detail",
    "majorincident",
    "title",
    "evacuated",
    40,
)
TestIncidentEntryAccess = _case(
    IncidentEntry,
    fr.make_entry,
    "incidententry_list",
    "incidententry_detail",
    "incidententry",
    "text",
    "done",
    True,
)
TestExerciseAccess = _case(
    Exercise, fr.make_exercise, "exercise_list", "exercise_detail", "exercise", "title", "agencies", "FSD"
)
TestFindingAccess = _case(
    Finding, fr.make_finding, "finding_list", "finding_detail", "finding", "finding", "closure_note", "Done"
)


def officer_client():
    user = f.make_user("officer")
    return signed_in(user), user


@pytest.mark.django_db
def test_upload_page_activates_and_completes(django_capture_on_commit_callbacks):
    plan = fr.make_plan(code="typhoon-8", triggers="TC8*", items=("Open the EOC",), notify_roles="officer")
    client, user = officer_client()
    payload = json.dumps(
        {
            "WTCSGNL": {
                "name": "TC",
                "code": "TC8NE",
                "actionCode": "ISSUE",
                "issueTime": "2025-09-07T21:20:00+08:00",
            }
        }
    ).encode()
    response = client.post(
        reverse("readiness:upload_warnings"),
        {"file": SimpleUploadedFile("warnsum.json", payload, "application/json")},
    )
    assert response.status_code == 302
    activation = Activation.objects.get(plan=plan)
    assert Notification.objects.filter(user=user, activation=activation).exists()
    page = client.get(reverse("readiness:dashboard")).content.decode()
    assert "TC8NE" in page and "typhoon-8" in page
    task = activation.tasks.get()
    assert client.post(reverse("readiness:complete_task", kwargs={"pk": task.pk})).status_code == 302
    task.refresh_from_db()
    assert task.done and task.done_by == user


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"[]", "JSON object"),
        (b'{"WRAIN": {"code": "WRAINB", "actionCode": "ISSUE"}}', "issueTime"),
        (b"x" * 70_000, "65,536"),
    ],
)
def test_upload_refuses_hostile_files_with_a_clear_error(content, message):
    fr.make_plan(triggers="WRAINB")
    client, _user = officer_client()
    response = client.post(
        reverse("readiness:upload_warnings"),
        {"file": SimpleUploadedFile("w.json", content, "application/json")},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not WarningState.objects.exists()


@pytest.mark.django_db
def test_upload_and_complete_need_permission():
    client = signed_in(f.make_user(None))
    assert client.post(reverse("readiness:upload_warnings"), {}).status_code == 403
    task = fr.make_task()
    assert client.post(reverse("readiness:complete_task", kwargs={"pk": task.pk})).status_code == 403
    assert client.get(reverse("readiness:dashboard")).status_code == 403


@pytest.mark.django_db
def test_announcement_form():
    plan = fr.make_plan(code="extreme", triggers="EXTREME", items=("Clear debris",))
    client, _user = officer_client()
    bad = client.post(reverse("readiness:announce"), {"code": "EX*", "name_en": "x"})
    assert bad.status_code == 400
    ok = client.post(reverse("readiness:announce"), {"code": "extreme", "name_en": "Extreme conditions"})
    assert ok.status_code == 302
    assert Activation.objects.get(plan=plan).status == "active"
    state = WarningState.objects.get(code="EXTREME")
    assert client.post(reverse("readiness:cancel_warning", kwargs={"pk": state.pk})).status_code == 302
    assert Activation.objects.get(plan=plan).status == "stood_down"


@pytest.mark.django_db
def test_incident_and_exercise_validation():
    user = grant(f.make_user(None), MajorIncident, "view", "add")
    grant(user, Exercise, "view", "add")
    client = signed_in(user)
    objective = f.make_objective(code="AP-SAFETY-MAJOR-3")
    response = client.post(
        reverse("readiness:majorincident_add"),
        {
            "objective": objective.pk,
            "title": "Fire",
            "occurred_at": "2024-05-01T10:00",
            "location": "X",
            "evacuated": "-1",
            "injured": "0",
            "killed": "0",
            "phase": "normal",
            "reopened_at": "2024-05-01T09:00",
            "handling_code": "normal",
        },
    )
    assert set(response.context["form"].errors) >= {"evacuated", "normal_at", "reopened_at"}
    response = client.post(
        reverse("readiness:exercise_add"),
        {
            "objective": objective.pk,
            "title": "Drill",
            "kind": "flood",
            "status": "held",
            "planned_date": "2024-05-01",
            "handling_code": "normal",
        },
    )
    assert set(response.context["form"].errors) >= {"kind", "held_date"}


@pytest.mark.django_db
def test_indicators_exercises_held_and_findings_closed():
    objective = f.make_objective(code="AP-SAFETY-MAJOR-1")
    held = fr.make_exercise(objective=objective, status="held", held_date=dt.date(2024, 3, 1))
    fr.make_exercise(objective=objective, status="planned")
    fr.make_finding(exercise=held, status="closed", closed_date=dt.date(2024, 4, 1))
    fr.make_finding(exercise=held)
    fr.make_finding(exercise=held)
    held_ind = f.make_indicator(objective=objective, computation="readiness.exercises_held")
    closed_ind = f.make_indicator(objective=objective, computation="readiness.findings_closed_rate")
    today = dt.date(2024, 12, 31)
    assert compute(held_ind, today=today).value == 1
    value = compute(closed_ind, today=today)
    assert value.value == pytest.approx(0.3333) and value.detail == "1/3"
    user = grant(f.make_user(None), Finding, "view")
    grant(user, Exercise, "view")
    client = signed_in(user)
    assert client.get(value.records_url).context["total"] == 3
    assert client.get(compute(held_ind, today=today).records_url).context["total"] == 1


@pytest.mark.django_db
def test_notifications_page_shows_only_own():
    client, user = officer_client()
    other = f.make_user("officer")
    Notification.objects.create(user=user, message="Mine: plan activated")
    Notification.objects.create(user=other, message="Theirs: plan activated")
    page = client.get(reverse("readiness:notifications")).content.decode()
    assert "Mine: plan activated" in page and "Theirs" not in page


@pytest.mark.django_db
def test_api_ticks_a_task_and_refuses_other_changes():
    task = fr.make_task()
    user = grant(f.make_user(None), ChecklistTask, "view", "change")
    client = signed_in(user)
    url = reverse("readiness-api:checklisttask-detail", kwargs={"pk": task.pk})
    response = client.patch(url, {"done": True, "text": "rewritten"}, content_type="application/json")
    assert response.status_code == 200, response.content
    task.refresh_from_db()
    assert task.done and task.done_by == user and task.done_at and task.text != "rewritten"
    # No delete or create through the API (refused by permission or method, whichever comes first).
    assert client.delete(url).status_code in (403, 405)
    assert client.post(reverse("readiness-api:checklisttask-list"), {}).status_code in (403, 405)
    assert ChecklistTask.objects.filter(pk=task.pk).exists()
