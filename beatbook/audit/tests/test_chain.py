"""The audit log is append-only and hash-chained: tampering by SQL is detected and named."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from beatbook.audit.models import AuditEntry
from beatbook.audit.verify import verify_chain
from beatbook.core.context import acting_as
from beatbook.testing import factories as f


def make_entries(n=5):
    user = f.make_user(None)
    with acting_as(user, source="test"):
        for i in range(n):
            f.make_unit(code=f"chain{i}")
    return AuditEntry.objects.order_by("seq")


@pytest.mark.django_db
def test_chain_verifies_when_untouched():
    make_entries()
    result = verify_chain()
    assert result.ok and result.checked == AuditEntry.objects.count()
    call_command("audit", "verify")


@pytest.mark.django_db
def test_editing_a_row_with_sql_is_detected_and_named():
    entries = list(make_entries())
    victim = entries[2]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEntry._meta.db_table} SET username = %s WHERE id = %s", ["mallory", victim.pk]
        )
    result = verify_chain()
    assert not result.ok
    assert result.bad_seq == victim.seq
    with pytest.raises(CommandError, match=f"#{victim.seq}"):
        call_command("audit", "verify")


@pytest.mark.django_db
def test_deleting_a_row_with_sql_is_detected():
    entries = list(make_entries())
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [entries[1].pk])
    result = verify_chain()
    assert not result.ok and result.bad_seq == entries[1].seq


@pytest.mark.django_db
def test_deleting_the_newest_rows_is_detected():
    entries = list(make_entries())
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE seq > %s", [entries[-3].seq])
    result = verify_chain()
    assert not result.ok and result.bad_seq == entries[-3].seq + 1


@pytest.mark.django_db
def test_rehashing_an_edited_row_still_breaks_the_next_link():
    entries = list(make_entries())
    victim = entries[1]
    victim.username = "mallory"
    new_hash = victim.compute_hash()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEntry._meta.db_table} SET username=%s, hash=%s WHERE id=%s",
            ["mallory", new_hash, victim.pk],
        )
    result = verify_chain()
    assert not result.ok and result.bad_seq == entries[2].seq


@pytest.mark.django_db
def test_application_refuses_to_change_or_delete_entries():
    entry = make_entries().first()
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(username="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


@pytest.mark.django_db
def test_update_records_before_and_after_and_request_id(client):
    from django.urls import reverse

    from beatbook.plan.models import Activity
    from beatbook.testing.generic import grant

    user = grant(f.make_user(None), Activity, "view", "change")
    activity = f.make_activity(title="Old title")
    client.force_login(user)
    response = client.post(
        reverse("plan:activity_edit", kwargs={"pk": activity.pk}),
        {
            "objective": activity.objective_id,
            "date": "2024-05-01",
            "unit": activity.unit_id,
            "kind": "talk",
            "title": "New title",
            "handling_code": "normal",
        },
        HTTP_X_REQUEST_ID="req-12345678",
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="update", model="plan.activity").latest("seq")
    assert entry.before["title"] == "Old title" and entry.after["title"] == "New title"
    assert entry.username == user.username and entry.request_id == "req-12345678"


@pytest.mark.django_db
def test_auditor_browses_and_exports_but_others_cannot(client):
    make_entries(2)
    client.force_login(f.make_user("officer"))
    assert client.get("/audit/").status_code == 403
    client.force_login(f.make_user("auditor"))
    assert client.get("/audit/").status_code == 200
    export = client.get("/audit/?export=csv")
    body = b"".join(export.streaming_content).decode()
    assert body.splitlines()[0].startswith("seq,timestamp,username")
    assert AuditEntry.objects.filter(action="export", model="audit.auditentry").exists()
    verify = client.get("/audit/?verify=1")
    assert "verified" in verify.content.decode() or "已驗證" in verify.content.decode()
