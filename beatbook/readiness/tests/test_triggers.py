"""Trigger mapping: ISSUE activates (once), REISSUE/EXTEND/UPDATE do not duplicate, CANCEL stands down and opens
an after-action record, a replacement TC3 -> TC8 swaps plans, wildcards match, the status JSON is exact."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from beatbook.readiness.models import Activation, AfterActionRecord, ChecklistTask, Notification, WarningState
from beatbook.readiness.services import ingest, issue_manual, status
from beatbook.readiness.warnsum import parse_warnsum
from beatbook.testing import factories as f
from beatbook.testing import factories_readiness as fr


def entry(
    code: str, action: str = "ISSUE", wtype: str | None = None, update: str = "2025-09-07T21:20:00+08:00"
):
    wtype = wtype or ("WTCSGNL" if code.startswith("TC") else "WRAIN" if code.startswith("WRAIN") else code)
    return {
        wtype: {
            "name": code,
            "code": code,
            "actionCode": action,
            "issueTime": "2025-09-07T21:20:00+08:00",
            "updateTime": update,
        }
    }


def feed(*entries) -> list:
    payload = {}
    for e in entries:
        payload.update(e)
    return parse_warnsum(json.dumps(payload))


@pytest.fixture
def plans(db):
    commander = f.make_user("commander", email="cmd@example.org")
    tc8 = fr.make_plan(
        code="typhoon-8",
        triggers="TC8*",
        items=("Open the EOC", "Stand up reserve"),
        notify_roles="commander",
    )
    tc3 = fr.make_plan(code="typhoon-3", triggers="TC3", items=("Check signage",))
    rain = fr.make_plan(code="black-rain", triggers="WRAINB,WRAINR", items=("Close underpasses",))
    return {"tc8": tc8, "tc3": tc3, "rain": rain, "commander": commander}


@pytest.mark.django_db
def test_issue_activates_matching_plans_with_checklist_and_notifications(
    plans, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = ingest(feed(entry("TC8SE")))
    assert report.activated == ["typhoon-8"]
    activation = Activation.objects.get(plan=plans["tc8"])
    assert activation.status == "active" and activation.trigger_code == "TC8SE"
    assert list(activation.tasks.values_list("text", flat=True)) == ["Open the EOC", "Stand up reserve"]
    assert Notification.objects.filter(user=plans["commander"], activation=activation).count() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["cmd@example.org"]
    assert status() == {"active_warnings": ["TC8SE"], "activated_plans": ["typhoon-8"]}


@pytest.mark.django_db
def test_repeated_issue_reissue_extend_update_do_not_duplicate(plans):
    ingest(feed(entry("TC8SE")))
    ingest(feed(entry("TC8SE")))
    report = ingest(feed(entry("TC8SE", "REISSUE", update="2025-09-07T22:00:00+08:00")))
    assert report.refreshed == ["TC8SE REISSUE"] and not report.activated
    ingest(feed(entry("TC8SE", "EXTEND", update="2025-09-07T23:00:00+08:00")))
    ingest(feed(entry("TC8SE", "UPDATE", update="2025-09-08T00:00:00+08:00")))
    ingest(feed(entry("TC8SE", "UPDATE", update="2025-09-08T00:00:00+08:00")))  # same update again: no change
    assert Activation.objects.count() == 1
    assert ChecklistTask.objects.count() == 2
    assert WarningState.objects.filter(active=True).count() == 1
    assert WarningState.objects.get(active=True).action_code == "UPDATE"


@pytest.mark.django_db
def test_cancel_stands_down_and_opens_after_action(plans):
    ingest(feed(entry("WRAINB")))
    report = ingest(feed(entry("WRAINB", "CANCEL")))
    assert report.stood_down == ["black-rain"]
    activation = Activation.objects.get(plan=plans["rain"])
    assert activation.status == "stood_down" and activation.stood_down_at
    assert AfterActionRecord.objects.filter(activation=activation, status="open").exists()
    assert status() == {"active_warnings": [], "activated_plans": []}


@pytest.mark.django_db
def test_absence_from_a_full_snapshot_cancels_but_not_from_a_partial_one(plans):
    ingest(feed(entry("WRAINB"), entry("TC8NE")))
    ingest(feed(entry("TC8NE")), full_snapshot=False)
    assert status()["active_warnings"] == ["TC8NE", "WRAINB"]
    ingest(feed(entry("TC8NE")))
    assert status() == {"active_warnings": ["TC8NE"], "activated_plans": ["typhoon-8"]}
    ingest([])  # {} = nothing in force
    assert status() == {"active_warnings": [], "activated_plans": []}


@pytest.mark.django_db
def test_replacement_tc3_to_tc8_swaps_the_plans(plans):
    ingest(feed(entry("TC3")))
    assert status()["activated_plans"] == ["typhoon-3"]
    report = ingest(feed(entry("TC8SE")))
    assert report.cancelled == ["TC3"] and report.issued == ["TC8SE"]
    assert report.stood_down == ["typhoon-3"] and report.activated == ["typhoon-8"]
    assert status() == {"active_warnings": ["TC8SE"], "activated_plans": ["typhoon-8"]}
    assert AfterActionRecord.objects.filter(activation__plan=plans["tc3"]).count() == 1


@pytest.mark.django_db
def test_replacement_within_a_wildcard_keeps_one_activation(plans):
    ingest(feed(entry("TC8SE")))
    report = ingest(feed(entry("TC8NE")))
    assert report.carried_over == ["typhoon-8"] and not report.activated and not report.stood_down
    activation = Activation.objects.get(plan=plans["tc8"])
    assert activation.status == "active" and activation.trigger_code == "TC8NE"
    assert not AfterActionRecord.objects.exists()
    # Red -> black rainstorm: both are triggers of the same plan.
    ingest(feed(entry("TC8NE"), entry("WRAINR")))
    ingest(feed(entry("TC8NE"), entry("WRAINB")))
    assert Activation.objects.filter(plan=plans["rain"]).count() == 1


@pytest.mark.django_db
def test_manual_announcement_activates_and_stands_down(plans):
    extreme = fr.make_plan(code="extreme", triggers="EXTREME", items=("Clear fallen trees",))
    state, report = issue_manual("extreme", "Extreme conditions")
    assert report.activated == ["extreme"] and state.source == "manual"
    # A later HKO snapshot does not cancel a hand-entered announcement.
    ingest([])
    assert status()["activated_plans"] == ["extreme"]
    from beatbook.readiness.services import cancel_state

    cancel_state(state)
    assert Activation.objects.get(plan=extreme).status == "stood_down"


@pytest.mark.django_db
def test_cli_warnings_and_status_json(plans, tmp_path):
    example = settings.SHARED_DATA_DIR / "hk" / "hko_warnsum_example.json"
    path = tmp_path / "warnsum.json"
    path.write_bytes(
        example.read_bytes() if example.exists() else json.dumps({**entry("TC8SE"), **entry("WTS")}).encode()
    )
    wts = fr.make_plan(code="thunderstorm", triggers="WTS", items=("Warn outdoor events",))
    out = StringIO()
    call_command("readiness", "warnings", str(path), stdout=out)
    assert sorted(json.loads(out.getvalue())["activated"]) == ["thunderstorm", "typhoon-8"]
    call_command("readiness", "warnings", str(path), stdout=StringIO())  # again: nothing new
    assert Activation.objects.count() == 2 and wts.activations.count() == 1
    out = StringIO()
    call_command("readiness", "status", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "active_warnings": ["TC8SE", "WTS"],
        "activated_plans": ["thunderstorm", "typhoon-8"],
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"[1,2]",
        b'{"WRAIN": {"code": "WRAINB"}}',
        b"x" * 70000,
        b'{"WRAIN": {"code": "WRAINB", "actionCode": "BOOM", "issueTime": "2025"}}',
    ],
)
def test_cli_refuses_hostile_files_and_changes_nothing(plans, tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(CommandError):
        call_command("readiness", "warnings", str(path), stdout=StringIO())
    assert not WarningState.objects.exists() and not Activation.objects.exists()


@pytest.mark.django_db
def test_feed_poll_is_off_by_default_and_uses_the_fetch(plans, monkeypatch):
    from beatbook.readiness import tasks

    monkeypatch.delenv("BEATBOOK_HKO_FEED_URL", raising=False)
    assert tasks.poll_once() is None
    monkeypatch.setenv("BEATBOOK_HKO_FEED_URL", "https://example.invalid/warnsum")
    calls = []

    def fake_fetch(url, timeout=10.0):
        calls.append(url)
        return json.dumps(entry("TC8SW")).encode()

    monkeypatch.setattr(tasks, "fetch_feed", fake_fetch)
    result = tasks.poll_once()
    assert calls == ["https://example.invalid/warnsum"] and result["activated"] == ["typhoon-8"]
    monkeypatch.setattr(tasks, "fetch_feed", lambda url, timeout=10.0: b"{broken")
    assert "error" in tasks.poll_once()
    assert status()["activated_plans"] == ["typhoon-8"]  # a bad poll stands nothing down


@pytest.mark.django_db
def test_trigger_validation():
    from django.core.exceptions import ValidationError

    plan = fr.make_plan(triggers="tc8*, WRAINB")
    assert plan.triggers == "TC8*,WRAINB"
    assert (
        plan.matches("TC8NE")
        and plan.matches("WRAINB")
        and not plan.matches("TC3")
        and not plan.matches("WRAINR")
    )
    plan.triggers = "TC8<script>"
    with pytest.raises(ValidationError):
        plan.full_clean()
    plan.triggers, plan.notify_roles = "TC8*", "emperor"
    with pytest.raises(ValidationError):
        plan.full_clean()
